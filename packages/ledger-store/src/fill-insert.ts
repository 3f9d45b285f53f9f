// A fill row as the bulk and COPY inserts write it, and how a NewFill becomes one (its fee valued).
import { toPlainString } from '@hookline/core';
import { type ResolvedLedgerOptions, valueFill } from '@hookline/ledger';
import type { NewFill } from './new-fill.js';

/** A fill row ready to insert (decimals already exact strings). */
export interface FillInsert {
  readonly account: string;
  readonly exchange: string;
  readonly tradeId: string;
  readonly orderId: string | null;
  readonly clientOrderId: string | null;
  readonly tradeRecordId: string | null;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly price: string;
  readonly size: string;
  readonly fee: string;
  readonly feeCurrency: string;
  readonly feeUsd: string | null;
  readonly feeUnvalued: boolean;
  readonly liquidity: 'MAKER' | 'TAKER' | null;
  readonly executedAt: Date;
  readonly receivedAt: Date;
  readonly ingestVia: 'WEBSOCKET' | 'REST' | 'IMPORT';
}

/** `fill` as a row of its order `tradeRecordId`, with its fee valued in USD where the rules can. */
export function fillRow(
  fill: NewFill,
  tradeRecordId: string | null,
  options: ResolvedLedgerOptions,
): FillInsert {
  const valuation = valueFill(
    { ...fill, id: '', orderId: fill.orderId, sequence: 0, feeUsd: fill.feeUsd ?? null },
    options,
  );
  const feeUsd = valuation.usdQuoted && !valuation.feeUnvalued ? toPlainString(valuation.feeUsd) : null;
  return {
    account: fill.account,
    exchange: fill.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId ?? null,
    tradeRecordId,
    symbol: fill.symbol,
    side: fill.side === 'buy' ? 'BUY' : 'SELL',
    price: toPlainString(fill.price),
    size: toPlainString(fill.size),
    fee: toPlainString(fill.fee),
    feeCurrency: fill.feeCurrency,
    feeUsd,
    feeUnvalued: valuation.feeUnvalued,
    liquidity: fill.liquidity ?? null,
    executedAt: fill.executedAt,
    receivedAt: fill.receivedAt,
    ingestVia: fill.ingestVia,
  };
}
