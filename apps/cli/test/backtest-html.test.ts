import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from '../../../test/support/browser.js';
import { cleanEnvironment, repositoryRoot, runCli } from './support/run-cli.js';

const candles = join(repositoryRoot, 'examples/candles/1h/BTC-USD.csv');

describe('backtest --html in a real browser', () => {
  let browser: Browser;
  let html: string;
  beforeAll(async () => {
    html = join(mkdtempSync(join(tmpdir(), 'hookline-backtest-html-')), 'report.html');
    const result = await runCli(
      ['backtest', '--candles', candles, '--to', '2025-01-12', '--html', html],
      cleanEnvironment({}),
    );
    expect(result.code, result.output).toBe(0);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => browser?.close());

  it('when the page opens offline then the equity, drawdown and candle charts draw, with the trade marked and listed', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // Offline: every request but the file itself is refused, so the chart script must be inline.
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    await page.goto(`file://${html}`);
    for (const chart of ['#equity', '#drawdown', '#symbol-0']) await page.waitForSelector(`${chart} canvas`);
    expect(errors).toEqual([]);
    const tables = await page.locator('table').allInnerTexts();
    expect(tables.join('\n')).toContain('TRAILING_STOP');
    expect(await page.locator('h2', { hasText: 'BTC/USD' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'backtest-report.png'), fullPage: true });
  }, 120_000);
});
