// A fill row as the bulk and COPY inserts write it.

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
