// Debian's Chromium driven by playwright-core for the dashboard's browser tests (Playwright's own
// browser download cannot run on these machines; scripts/test.sh installs the Debian package).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Where the system's Chromium is. */
export const CHROMIUM = process.env.HOOKLINE_CHROMIUM ?? '/usr/bin/chromium';

/** Where the tests write their screenshots (a test artifact of the run). */
export const SCREENSHOT_DIR = join(process.cwd(), '.tmp', 'screenshots');

/** A headless Chromium, with the flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: run "bash scripts/test.sh" (it installs Debian's chromium) or set HOOKLINE_CHROMIUM`,
    );
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
