// The operator dashboard in a real browser (Debian's Chromium through playwright-core) against the
// whole paper system (real Postgres, Redis and HTTP): log in, see a position appear from an alert and
// its P&L move, halt and see an entry refused with its reason, flatten and see the exit, and a wrong
// token refused. A screenshot of each page is written to .tmp/screenshots/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readOpenPositions, storeOf } from '@hookline/store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from '../../../../test/support/browser.js';
import { DASHBOARD_DIST } from '../../src/dashboard/dashboard-static.js';
import {
  buyAlertBody,
  READ_TOKEN,
  type TradingUnderTest,
  useTradingHarness,
} from '../support/trading-harness.js';

const ADMIN_TOKEN = 'browser-admin-token';
const ROW = '[data-testid="position-row-BTC-USD"]';

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(join(DASHBOARD_DIST, 'index.html')))
    throw new Error(`the dashboard is not built (${DASHBOARD_DIST}): run "pnpm dashboard:build"`);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function serve(subject: TradingUnderTest): Promise<string> {
  await subject.app.listen({ host: '127.0.0.1', port: 0 });
  const address = subject.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

async function logIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId('login-token').fill(token);
  await page.getByTestId('login-submit').click();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Drives the sentinel's exits until the position is sold (the harness's sentinel is not started). */
async function driveExits(subject: TradingUnderTest): Promise<void> {
  const deadline = Date.now() + 30_000;
  const held = async () =>
    (await readOpenPositions(storeOf(subject.database.prisma), { account: 'default' })).length > 0;
  while (await held()) {
    if (Date.now() > deadline) {
      const exits = await subject.database.prisma.decision.findMany({ where: { intent: 'EXIT' } });
      const orders = await subject.database.prisma.tradeRecord.findMany({});
      console.log(JSON.stringify({ exits, orders }, null, 1).slice(0, 4000));
      throw new Error('the position was never sold');
    }
    subject.venue.quote('61520', '61520.01'); // at the exit's limit, inside its slippage floor
    await subject.pipeline.fills.idle();
    await subject.system.sentinel.exits.advance();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('the dashboard in a browser', () => {
  const harness = useTradingHarness();

  it('when a wrong token is typed then the login says so and nothing is shown', async () => {
    const subject = await harness({ env: { ADMIN_TOKEN } });
    const url = await serve(subject);
    const page = await browser.newPage();
    await logIn(page, url, 'not-the-token');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/token/i);
    expect(await page.getByTestId('equity').count()).toBe(0);
    await shot(page, 'login-refused');
    // The token is never put in the URL.
    expect(page.url()).not.toContain('not-the-token');
    await page.close();
  });

  it('when an operator logs in, an alert opens a position, the price moves, trading is halted and the position is flattened then each shows on its page', async () => {
    // Entries read the operator's controls, as in the service; they wait for a first reconciliation.
    const subject = await harness({ env: { ADMIN_TOKEN }, operatorControls: true });
    await subject.system.reconciler.runOnce();
    const url = await serve(subject);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, url, ADMIN_TOKEN);
    await page.getByTestId('equity').waitFor();

    // An alert: the position appears by the live stream, without a reload.
    expect((await subject.post(buyAlertBody('browser-1', { size: { base: '0.01' } }))).statusCode).toBe(202);
    await page.locator(ROW).waitFor({ timeout: 20_000 });
    const before = await page.locator(ROW).textContent();
    subject.venue.quote('61500', '61500.01');
    await expect.poll(async () => page.locator(ROW).textContent(), { timeout: 20_000 }).not.toBe(before);
    expect(await page.locator(ROW).textContent()).toContain('+');
    await shot(page, 'overview');

    // The position's own page: its lot and its fill.
    await page.locator(`${ROW} a`).first().click();
    await page.getByTestId('lots').waitFor();
    expect(await page.getByTestId('lots').textContent()).toContain('0.01');
    await shot(page, 'position');

    // Halt, confirmed; the next entry is refused and the decisions page says why.
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-halt').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('confirm-reason').fill('browser test');
    await page.getByTestId('confirm-yes').click();
    await expect.poll(() => page.getByTestId('trading-state').textContent()).toBe('HALTED');
    await shot(page, 'controls');
    expect(
      (await subject.post(buyAlertBody('browser-2', { size: { base: '0.01' }, price: '61500' }))).statusCode,
    ).toBe(202);
    await page.getByTestId('nav-decisions').click();
    await expect
      .poll(async () => (await page.getByTestId('decisions').textContent()) ?? '', { timeout: 20_000 })
      .toContain('TRADING_HALTED');
    expect(await page.getByTestId('decisions').textContent()).toContain('OPERATOR_HALT');
    await shot(page, 'decisions');

    // Flatten everything, confirmed: an EMERGENCY exit, which runs while trading is HALTED (a MANUAL
    // flatten of one symbol is held by the halt); the position leaves the overview.
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-flatten-all').click();
    await page.getByTestId('confirm-yes').click();
    await expect.poll(() => page.getByTestId('control-result').textContent()).toMatch(/BTC\/USD/);
    await driveExits(subject);
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('no-positions').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-orders').click();
    await expect
      .poll(async () => (await page.getByTestId('orders').textContent()) ?? '')
      .toContain('EMERGENCY');
    await shot(page, 'orders');

    for (const name of ['matrix', 'charts', 'tax'] as const) {
      await page.getByTestId(`nav-${name}`).click();
      await page.waitForTimeout(500);
      await shot(page, name);
    }
    await page.close();
  }, 120_000);

  it('when the read token is used on a phone screen then the overview fits and the controls are refused with the reason', async () => {
    const subject = await harness({ env: { ADMIN_TOKEN } });
    const url = await serve(subject);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await logIn(page, url, READ_TOKEN);
    await page.getByTestId('equity').waitFor();
    // Nothing wider than the screen but the tables, which scroll inside themselves.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'overview-phone');
    await page.getByTestId('nav-controls').click();
    expect(await page.getByTestId('controls-hint').textContent()).toMatch(/admin token/i);
    await page.close();
  });
});
