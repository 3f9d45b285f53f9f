import { compare, dec, displayDecimal, forMarket, MONEY_STEP, toFixedString, ZERO } from '@hookline/core';
import { defaultPaperMarkets } from '@hookline/exchange';
import type { ReplayNotSold, ReplayReport } from '@hookline/store';
import { replayTotals } from './replay-totals.js';

/**
 * The replay report as lines a person reads: orders, fills, exits with reasons, what was not sold and
 * why, what is still held, then the totals. USD amounts are rounded to the cent here; `--json` keeps
 * every digit.
 */
export function formatReplayReport(report: ReplayReport): string {
  const lines = [
    `ticks: ${report.ticks.count} from ${report.ticks.from} to ${report.ticks.to}`,
    '',
    'orders:',
  ];
  for (const order of report.orders) {
    const reason = order.exit_reason === null ? order.trigger : `${order.trigger} ${order.exit_reason}`;
    lines.push(
      `  ${order.time} ${order.side} ${order.size} ${order.symbol} ${order.type}${order.time_in_force ? ` ${order.time_in_force}` : ''}` +
        `${order.price ? ` @ ${order.price}` : ''} → ${order.status} filled ${order.filled_size} (${reason})`,
    );
  }
  lines.push('', 'fills:');
  for (const fill of report.fills) {
    lines.push(
      `  ${fill.time} ${fill.side} ${fill.size} ${fill.symbol} @ ${fill.price} fee ${fill.fee} ${fill.fee_currency}`,
    );
  }
  lines.push('', 'exits:');
  for (const exit of report.exits) {
    lines.push(
      `  ${exit.time} ${exit.symbol} ${exit.reason}: sold ${exit.filled_size} at avg ${exit.average_price === null ? '-' : price(exit.symbol, exit.average_price)} ` +
        `in ${exit.orders} order(s), fees ${usd(exit.fees_usd)} USD, P&L ${usd(exit.pnl_usd)} USD`,
    );
  }
  lines.push('', 'not sold:');
  const notSold = report.not_sold.filter((item) => !afterCompletedExit(item, report));
  if (notSold.length === 0) lines.push('  nothing');
  for (const item of notSold) {
    lines.push(
      `  ${item.time} ${item.symbol} ${item.outcome} ${item.reason_code}${item.exit_reason ? ` (${item.exit_reason})` : ''}`,
    );
  }
  lines.push('', 'open positions:');
  for (const position of report.open_positions) {
    lines.push(`  ${position.symbol} ${position.amount} (cost basis ${usd(position.cost_basis_usd)} USD)`);
  }
  if (report.open_positions.length === 0) lines.push('  none');
  const totals = replayTotals(report);
  lines.push(
    '',
    'totals:',
    `  trades   ${totals.trades} (${totals.wins} won, ${totals.losses} lost)`,
    `  P&L      ${usd(totals.pnlUsd)} USD realised, fees included`,
    `  fees     ${usd(totals.feesUsd)} USD, entries and exits`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * A sweep that found nothing left to sell after an exit of the symbol had sold: the position was
 * closed, which is the expected outcome and no failure to sell.
 */
function afterCompletedExit(item: ReplayNotSold, report: ReplayReport): boolean {
  if (item.reason_code !== 'NOTHING_AVAILABLE') return false;
  if (report.open_positions.some((position) => position.symbol === item.symbol)) return false;
  return report.exits.some(
    (exit) =>
      exit.symbol === item.symbol && exit.time <= item.time && compare(dec(exit.filled_size), ZERO) > 0,
  );
}

/** The replay's paper markets: an average price is shown to the market's price increment. */
const PRICE_TICKS = new Map(
  defaultPaperMarkets.map((spec) => [spec.market.symbol, forMarket(spec.market).price]),
);

/** A price rounded to its market's increment (cents for a market the paper exchange does not list). */
function price(symbol: string, value: string): string {
  return displayDecimal(value, PRICE_TICKS.get(symbol) ?? MONEY_STEP);
}

/** A USD amount rounded to the cent for reading. */
function usd(value: Parameters<typeof dec>[0]): string {
  return toFixedString(dec(value), 2);
}
