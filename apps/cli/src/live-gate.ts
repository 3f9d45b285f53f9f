// The gate in front of a live start: a banner on stderr saying what is about to trade real money (venue,
// account, sandbox or real, position limits, stops), and an explicit confirmation, without which the
// start is refused before anything is opened (no database, no Redis, no exchange, no order).
import { type Config, tradingAccountOf } from '@hookline/schemas';

/** How the operator confirms a live start. */
export const LIVE_CONFIRMATION_HELP =
  'to confirm, set HOOKLINE_LIVE_CONFIRMED=yes or start with `pnpm hookline start --confirm-live`';

/** The key shown far enough to recognise it, never whole. */
function shownAccount(apiKey: string | undefined): string {
  if (apiKey === undefined) return '(no EXCHANGE_API_KEY)';
  return apiKey.length <= 12 ? `${apiKey.slice(0, 4)}…` : `${apiKey.slice(0, 8)}…${apiKey.slice(-4)}`;
}

/** The banner's lines (without the frame). */
export function liveBannerLines(config: Config): string[] {
  const takeProfit =
    config.HOOKLINE_TAKE_PROFIT_PCT === undefined ? 'off' : `${config.HOOKLINE_TAKE_PROFIT_PCT} %`;
  return [
    'LIVE TRADING: orders go to the exchange with real money',
    `venue:      ${config.EXCHANGE} (${config.HOOKLINE_SANDBOX ? 'SANDBOX' : 'REAL ACCOUNT'})`,
    `account:    ${tradingAccountOf(config)} (API key ${shownAccount(config.EXCHANGE_API_KEY)})`,
    `positions:  entry size ${config.HOOKLINE_ENTRY_SIZE_USD} USD, at most ${config.HOOKLINE_RISK_MAX_POSITION_PCT} % of equity per symbol`,
    `stops:      soft ${config.HOOKLINE_SOFT_STOP_PCT} %, hard ${config.HOOKLINE_HARD_STOP_PCT} %, trailing from +${config.HOOKLINE_TRAILING_ACTIVATION_PCT} % (${config.HOOKLINE_TRAILING_MIN_PCT}–${config.HOOKLINE_TRAILING_MAX_PCT} %), take-profit ${takeProfit}`,
  ];
}

/** The banner as printed: framed, one block. */
export function liveBanner(config: Config): string {
  const lines = liveBannerLines(config);
  const rule = '='.repeat(Math.max(...lines.map((line) => line.length)));
  return `${[rule, ...lines, rule].join('\n')}\n`;
}

/**
 * A live start prints the banner; it may go on only when confirmed (the key or the flag). Paper mode
 * passes silently. Returns whether the start may go on.
 */
export function passLiveGate(
  config: Config,
  confirmFlag: boolean,
  writeErr: (text: string) => void = (text) => process.stderr.write(text),
): boolean {
  if (config.MODE !== 'live') return true;
  writeErr(liveBanner(config));
  if (config.HOOKLINE_LIVE_CONFIRMED || confirmFlag) return true;
  writeErr(`live start refused: not confirmed; ${LIVE_CONFIRMATION_HELP}\n`);
  return false;
}
