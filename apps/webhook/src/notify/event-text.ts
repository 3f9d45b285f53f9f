// How a trading event reads to the trader (pure): a short title and one or two lines of text.
import type { TradingEvent } from './trading-event.js';

const STOP_NAMES = { hard: 'Hard stop', soft: 'Soft stop', trailing: 'Trailing stop' } as const;

/** The title of an event (an e-mail's subject). */
export function eventTitle(event: TradingEvent): string {
  switch (event.kind) {
    case 'fill':
      return `Fill: ${event.side} ${event.symbol}`;
    case 'exit.started':
      return `Exit started: ${event.symbol} (${event.reason})`;
    case 'exit.finished':
      return `Exit finished: ${event.symbol} (${event.reason}, ${event.outcome})`;
    case 'stop.fired':
      return `${STOP_NAMES[event.stop]} fired: ${event.symbol}`;
    case 'daily_loss.tripped':
      return 'Daily loss limit reached: entries refused';
    case 'cap.halted':
      return 'Position cap: trading HALTED';
    case 'circuit.opened':
      return `Exchange circuit OPEN: ${event.exchange} ${event.scope}`;
    case 'circuit.closed':
      return `Exchange circuit closed: ${event.exchange} ${event.scope}`;
    case 'reconcile.mismatch':
      return `Reconciliation mismatch: ${event.symbol}`;
    case 'data.stale':
      return `Market data stale: ${event.symbol}`;
    case 'data.frozen':
      return `Market data frozen: ${event.symbol}`;
    case 'exit.price_capped':
      return `Exit held at its price cap: ${event.symbol}`;
    case 'daily.summary':
      return `Daily summary ${event.from.slice(0, 10)} – ${event.to.slice(0, 10)}`;
  }
}

/** The text of an event: its title and the figures that matter. */
export function eventText(event: TradingEvent): string {
  return `${eventTitle(event)}\n${detailOf(event)}`;
}

function detailOf(event: TradingEvent): string {
  switch (event.kind) {
    case 'fill':
      return `${event.side} ${event.amount} ${event.symbol} at ${event.price}, fee ${event.fee} ${event.feeCurrency} (order ${event.orderId})`;
    case 'exit.started':
      return `selling ${event.amount} ${event.symbol}, reason ${event.reason}`;
    case 'exit.finished': {
      const price =
        event.averagePrice === undefined ? 'nothing filled' : `average price ${event.averagePrice}`;
      const pnl = event.pnlUsd === undefined ? 'P&L unknown' : `P&L ${event.pnlUsd} USD`;
      return `sold ${event.amount} ${event.symbol}, ${price}, proceeds ${event.proceedsUsd} USD, fees ${event.feesUsd} USD, ${pnl}; reason ${event.reason}, outcome ${event.outcome}`;
    }
    case 'stop.fired':
      return `${event.reason}: selling ${event.amount} ${event.symbol}`;
    case 'daily_loss.tripped':
      return `${event.detail} (day ${event.day})`;
    case 'cap.halted':
      return `${event.positions} open positions, cap ${event.maxOpenPositions}: ${event.detail}`;
    case 'circuit.opened':
    case 'circuit.closed':
      return `the ${event.scope} circuit of ${event.exchange} is ${event.state}`;
    case 'reconcile.mismatch':
      return `${event.detail}; the symbol is REDUCING until resolved`;
    case 'data.stale':
      return `${event.detail}: its exit rules, the hard stop included, are not evaluated until a fresh quote arrives`;
    case 'data.frozen':
      return `bid ${event.bid}, ask ${event.ask} unchanged and the stream silent: entries blocked, exits hold`;
    case 'exit.price_capped':
      return `${event.reason} exit waits: bid ${event.bid} below its floor ${event.floor}, ${event.remaining} left to sell`;
    case 'daily.summary':
      return `realised P&L ${event.realizedPnlUsd} USD, fees ${event.feesUsd} USD, ${event.trades} trades, ${event.openPositions} open positions`;
  }
}
