// A fill row as the bulk and COPY inserts write it, and how a NewFill becomes one (its fee valued).
import type { Decimal } from '@hookline/core';
import { type LedgerFill, type ResolvedLedgerOptions, valueFill } from '@hookline/ledger';
import { plainText } from './copy-lines.js';
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

/** A fill's fee as stored: its USD value where the rules give one (else null), and whether it is unvalued. */
export interface StoredFee {
  readonly feeUsd: Decimal | null;
  readonly feeUnvalued: boolean;
}

/** The fee of `fill` as its row stores it (the engine's valuation, for USD-quoted fills only). */
export function storedFee(fill: LedgerFill, options: ResolvedLedgerOptions): StoredFee {
  const valuation = valueFill(fill, options);
  return {
    feeUsd: valuation.usdQuoted && !valuation.feeUnvalued ? valuation.feeUsd : null,
    feeUnvalued: valuation.feeUnvalued,
  };
}

/** `fill` as a row of its order `tradeRecordId`, with its fee valued in USD where the rules can. */
export function fillRow(
  fill: NewFill,
  tradeRecordId: string | null,
  options: ResolvedLedgerOptions,
  fee: StoredFee = storedFee(
    { ...fill, id: '', orderId: fill.orderId, sequence: 0, feeUsd: fill.feeUsd ?? null },
    options,
  ),
): FillInsert {
  return {
    account: fill.account,
    exchange: fill.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId ?? null,
    tradeRecordId,
    symbol: fill.symbol,
    side: fill.side === 'buy' ? 'BUY' : 'SELL',
    price: plainText(fill.price),
    size: plainText(fill.size),
    fee: plainText(fill.fee),
    feeCurrency: fill.feeCurrency,
    feeUsd: fee.feeUsd === null ? null : plainText(fee.feeUsd),
    feeUnvalued: fee.feeUnvalued,
    liquidity: fill.liquidity ?? null,
    executedAt: fill.executedAt,
    receivedAt: fill.receivedAt,
    ingestVia: fill.ingestVia,
  };
}
