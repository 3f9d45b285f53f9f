import type { ReplayReport } from '@hookline/store';

/** The replay report as lines a person reads: orders, fills, exits with reasons, what was not sold. */
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
      `  ${exit.time} ${exit.symbol} ${exit.reason}: sold ${exit.filled_size} at avg ${exit.average_price ?? '-'} ` +
        `in ${exit.orders} order(s), fees ${exit.fees_usd} USD, P&L ${exit.pnl_usd} USD`,
    );
  }
  lines.push('', 'not sold:');
  for (const item of report.not_sold) {
    lines.push(
      `  ${item.time} ${item.symbol} ${item.outcome} ${item.reason_code}${item.exit_reason ? ` (${item.exit_reason})` : ''}`,
    );
  }
  lines.push('', 'open positions:');
  for (const position of report.open_positions) {
    lines.push(`  ${position.symbol} ${position.amount} (cost basis ${position.cost_basis_usd} USD)`);
  }
  return `${lines.join('\n')}\n`;
}
