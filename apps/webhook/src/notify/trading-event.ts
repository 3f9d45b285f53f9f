// The one home of trading events: what happened to the trader's money or to trading itself, built
// (pure) where the existing code already detects it, and handed to the publisher. Every amount is a
// plain decimal string (an event is a queue payload); every event has a stable id, the same for the
// same occurrence whichever replica or retry builds it, so a message is sent once (job id).
import { type Decimal, type ExitReason, toPlainString } from '@hookline/core';
import type { NotifyEventKind } from '@hookline/schemas';

export type { NotifyEventKind };

interface Base<Kind extends NotifyEventKind> {
  readonly kind: Kind;
  /** Stable per occurrence (letters, digits, `.`, `-`, `_`): the delivery job's id. */
  readonly id: string;
  /** When it happened (ISO 8601, UTC). */
  readonly time: string;
}

/** Which protective rule fired. */
export type StopKind = 'hard' | 'soft' | 'trailing';

export type TradingEvent =
  | (Base<'fill'> & {
      readonly symbol: string;
      readonly side: 'BUY' | 'SELL';
      readonly amount: string;
      readonly price: string;
      readonly fee: string;
      readonly feeCurrency: string;
      readonly orderId: string;
    })
  | (Base<'exit.started'> & {
      readonly symbol: string;
      readonly reason: ExitReason;
      readonly amount: string;
      readonly decisionId: string;
    })
  | (Base<'exit.finished'> & {
      readonly symbol: string;
      readonly reason: ExitReason;
      readonly outcome: string;
      readonly amount: string;
      /** Volume-weighted over the exit's fills; absent when nothing filled. */
      readonly averagePrice?: string;
      readonly proceedsUsd: string;
      readonly feesUsd: string;
      /** Realised P&L of the lots the exit sold (after fees); absent when nothing filled. */
      readonly pnlUsd?: string;
      readonly decisionId: string;
    })
  | (Base<'stop.fired'> & {
      readonly symbol: string;
      readonly stop: StopKind;
      readonly reason: ExitReason;
      readonly amount: string;
      readonly decisionId: string;
    })
  | (Base<'daily_loss.tripped'> & { readonly day: string; readonly detail: string })
  | (Base<'cap.halted'> & {
      readonly positions: number;
      readonly maxOpenPositions: number;
      readonly detail: string;
    })
  | (Base<'circuit.opened' | 'circuit.closed'> & {
      readonly exchange: string;
      readonly scope: string;
      readonly state: string;
    })
  | (Base<'reconcile.mismatch'> & { readonly symbol: string; readonly detail: string })
  | (Base<'data.stale'> & { readonly symbol: string; readonly detail: string })
  | (Base<'data.frozen'> & { readonly symbol: string; readonly bid: string; readonly ask: string })
  | (Base<'exit.price_capped'> & {
      readonly symbol: string;
      readonly reason: ExitReason;
      readonly bid: string;
      readonly floor: string;
      readonly remaining: string;
      readonly decisionId: string;
    })
  | (Base<'daily.summary'> & {
      readonly from: string;
      readonly to: string;
      readonly realizedPnlUsd: string;
      readonly feesUsd: string;
      readonly trades: number;
      readonly openPositions: number;
    });

/** The event of one kind. */
export type TradingEventOf<Kind extends NotifyEventKind> = Extract<TradingEvent, { kind: Kind }>;

/** Text safe in a job id: anything but letters, digits, `.`, `-`, `_` becomes `_`. */
function idPart(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The id of an occurrence: its kind and what makes it one. */
export function eventId(kind: NotifyEventKind, ...parts: readonly string[]): string {
  return [kind, ...parts].map(idPart).join('-');
}

const STOPS: Partial<Record<ExitReason, StopKind>> = {
  HARD_STOP: 'hard',
  SOFT_STOP: 'soft',
  TRAILING_STOP: 'trailing',
};

/** The stop an exit reason is, if it is one. */
export function stopKindOf(reason: ExitReason): StopKind | undefined {
  return STOPS[reason];
}

/** An exit that started (and, for a stop, the stop that fired). */
export function exitStartedEvents(input: {
  readonly symbol: string;
  readonly reason: ExitReason;
  readonly amount: Decimal;
  readonly decisionId: string;
  readonly at: Date;
}): TradingEvent[] {
  const common = {
    time: input.at.toISOString(),
    symbol: input.symbol,
    reason: input.reason,
    amount: toPlainString(input.amount),
    decisionId: input.decisionId,
  };
  const started: TradingEvent = {
    kind: 'exit.started',
    id: eventId('exit.started', input.decisionId),
    ...common,
  };
  const stop = stopKindOf(input.reason);
  if (stop === undefined) return [started];
  return [{ kind: 'stop.fired', id: eventId('stop.fired', input.decisionId), stop, ...common }, started];
}

/** An exit that is over, with what it sold. */
export function exitFinishedEvent(input: {
  readonly symbol: string;
  readonly reason: ExitReason;
  readonly outcome: string;
  readonly decisionId: string;
  readonly at: Date;
  readonly amount: Decimal;
  readonly averagePrice: Decimal | undefined;
  readonly proceeds: Decimal;
  readonly fees: Decimal;
  readonly pnl: Decimal | undefined;
}): TradingEventOf<'exit.finished'> {
  return {
    kind: 'exit.finished',
    id: eventId('exit.finished', input.decisionId),
    time: input.at.toISOString(),
    symbol: input.symbol,
    reason: input.reason,
    outcome: input.outcome,
    amount: toPlainString(input.amount),
    ...(input.averagePrice === undefined ? {} : { averagePrice: toPlainString(input.averagePrice) }),
    proceedsUsd: toPlainString(input.proceeds),
    feesUsd: toPlainString(input.fees),
    ...(input.pnl === undefined ? {} : { pnlUsd: toPlainString(input.pnl) }),
    decisionId: input.decisionId,
  };
}

/** A fill recorded in the ledger. */
export function fillEvent(input: {
  readonly exchange: string;
  readonly tradeId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly amount: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  readonly executedAt: Date;
}): TradingEventOf<'fill'> {
  return {
    kind: 'fill',
    id: eventId('fill', input.exchange, input.tradeId),
    time: input.executedAt.toISOString(),
    symbol: input.symbol,
    side: input.side === 'buy' ? 'BUY' : 'SELL',
    amount: toPlainString(input.amount),
    price: toPlainString(input.price),
    fee: toPlainString(input.fee),
    feeCurrency: input.feeCurrency,
    orderId: input.orderId,
  };
}

/** The UTC day (YYYY-MM-DD) of an instant. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The daily loss limit refused an entry: one event per account and UTC day. */
export function dailyLossEvent(input: {
  readonly account: string;
  readonly at: Date;
  readonly detail: string;
}): TradingEventOf<'daily_loss.tripped'> {
  const day = utcDay(input.at);
  return {
    kind: 'daily_loss.tripped',
    id: eventId('daily_loss.tripped', input.account, day),
    time: input.at.toISOString(),
    day,
    detail: input.detail,
  };
}

/** The position cap gave up and HALTED trading. */
export function capHaltedEvent(input: {
  readonly at: Date;
  readonly positions: number;
  readonly maxOpenPositions: number;
  readonly detail: string;
}): TradingEventOf<'cap.halted'> {
  return {
    kind: 'cap.halted',
    id: eventId('cap.halted', input.at.toISOString()),
    time: input.at.toISOString(),
    positions: input.positions,
    maxOpenPositions: input.maxOpenPositions,
    detail: input.detail,
  };
}

/** A breaker changed state: opened (OPEN) or closed again (CLOSED). */
export function circuitEvent(input: {
  readonly exchange: string;
  readonly scope: string;
  readonly state: 'OPEN' | 'CLOSED';
  readonly at: Date;
}): TradingEventOf<'circuit.opened' | 'circuit.closed'> {
  const kind = input.state === 'OPEN' ? 'circuit.opened' : 'circuit.closed';
  return {
    kind,
    id: eventId(kind, input.exchange, input.scope, input.at.toISOString()),
    time: input.at.toISOString(),
    exchange: input.exchange,
    scope: input.scope,
    state: input.state,
  };
}

/** The reconciler found the ledger and the exchange apart on a symbol: once per symbol, kind and day. */
export function reconcileMismatchEvent(input: {
  readonly symbol: string;
  readonly detail: string;
  readonly at: Date;
}): TradingEventOf<'reconcile.mismatch'> {
  const code = input.detail.split(':')[0] ?? 'MISMATCH';
  return {
    kind: 'reconcile.mismatch',
    id: eventId('reconcile.mismatch', input.symbol, code, utcDay(input.at)),
    time: input.at.toISOString(),
    symbol: input.symbol,
    detail: input.detail,
  };
}

/** The sentinel could not evaluate a held position: its quote is stale (once per why-not-sold record). */
export function dataStaleEvent(input: {
  readonly symbol: string;
  readonly detail: string;
  readonly at: Date;
}): TradingEventOf<'data.stale'> {
  return {
    kind: 'data.stale',
    id: eventId('data.stale', input.symbol, input.at.toISOString()),
    time: input.at.toISOString(),
    symbol: input.symbol,
    detail: input.detail,
  };
}

/** A quote feed froze (price unchanged, stream silent): once per freeze. */
export function dataFrozenEvent(input: {
  readonly symbol: string;
  readonly bid: Decimal;
  readonly ask: Decimal;
  readonly quoteTime: Date;
  readonly at: Date;
}): TradingEventOf<'data.frozen'> {
  return {
    kind: 'data.frozen',
    id: eventId('data.frozen', input.symbol, input.quoteTime.toISOString()),
    time: input.at.toISOString(),
    symbol: input.symbol,
    bid: toPlainString(input.bid),
    ask: toPlainString(input.ask),
  };
}

/** An exit held at its price cap: once per waiting episode (its decision). */
export function exitPriceCappedEvent(input: {
  readonly symbol: string;
  readonly reason: ExitReason;
  readonly bid: string;
  readonly floor: string;
  readonly remaining: string;
  readonly exitDecisionId: string;
  readonly cappedDecisionId: string;
  readonly at: Date;
}): TradingEventOf<'exit.price_capped'> {
  return {
    kind: 'exit.price_capped',
    id: eventId('exit.price_capped', input.cappedDecisionId),
    time: input.at.toISOString(),
    symbol: input.symbol,
    reason: input.reason,
    bid: input.bid,
    floor: input.floor,
    remaining: input.remaining,
    decisionId: input.exitDecisionId,
  };
}

/** The daily summary of the 24 hours before `to`. */
export function dailySummaryEvent(input: {
  readonly account: string;
  readonly from: Date;
  readonly to: Date;
  readonly realizedPnl: Decimal;
  readonly fees: Decimal;
  readonly trades: number;
  readonly openPositions: number;
}): TradingEventOf<'daily.summary'> {
  return {
    kind: 'daily.summary',
    id: eventId('daily.summary', input.account, input.to.toISOString()),
    time: input.to.toISOString(),
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    realizedPnlUsd: toPlainString(input.realizedPnl),
    feesUsd: toPlainString(input.fees),
    trades: input.trades,
    openPositions: input.openPositions,
  };
}
