// Kraken's ledgers.csv: a trade is two rows sharing a refid (the asset spent, the asset received),
// plus a KFEE row when fee credits paid the fee. Deposits, withdrawals, staking… are not trades.
// "txid","refid","time","type","subtype","aclass","asset","wallet","amount","fee","balance"
import { type Decimal, dec, times } from '@hookline/core';
import { KFEE_USD, krakenAsset } from './kraken-assets.js';
import { problemOf, venueDecimal, venueTime } from './venue-fields.js';
import { ConversionBuilder, type VenueFormat, type VenueRecord } from './venue-format.js';

const TRADE_TYPES = new Set(['trade', 'spend', 'receive']);
/** Which side of a pair is the quote: the earlier in this list. */
const QUOTE_RANK = ['USD', 'EUR', 'GBP', 'CAD', 'JPY', 'AUD', 'CHF', 'USDT', 'USDC', 'DAI', 'BTC', 'ETH'];

interface Leg {
  readonly line: number;
  readonly asset: string;
  readonly amount: Decimal;
  readonly fee: Decimal;
}

export const krakenLedgers: VenueFormat = {
  name: 'kraken-ledgers',
  exchange: 'kraken',
  columns: ['txid', 'refid', 'time', 'type', 'asset', 'amount', 'fee', 'balance'],
  convert(records) {
    const out = new ConversionBuilder();
    const groups = new Map<string, VenueRecord[]>();
    for (const record of records) {
      const type = record.get('type').toLowerCase();
      if (!TRADE_TYPES.has(type)) {
        out.skip(type || '(no type)');
        continue;
      }
      const refid = record.get('refid');
      if (!refid) out.fail(record.line, 'refid: empty on a trade row');
      else groups.set(refid, [...(groups.get(refid) ?? []), record]);
    }
    for (const [refid, rows] of groups) {
      try {
        out.fills.push(fillOf(refid, rows));
      } catch (error) {
        out.fail(
          rows[0]?.line ?? 0,
          `refid ${refid} (lines ${rows.map((row) => row.line).join(', ')}): ${problemOf(error)}`,
        );
      }
    }
    out.fills.sort((a, b) => a.line - b.line);
    return out.result();
  },
};

function fillOf(refid: string, rows: readonly VenueRecord[]) {
  const legs: Leg[] = rows.map((row) => ({
    line: row.line,
    asset: krakenAsset(row.get('asset')),
    amount: venueDecimal('amount', row.get('amount')),
    fee: venueDecimal('fee', row.get('fee') || '0'),
  }));
  const moving = legs.filter((leg) => leg.asset !== 'KFEE' && !leg.amount.isZero());
  const spent = moving.find((leg) => leg.amount.isNegative());
  const received = moving.find((leg) => !leg.amount.isNegative());
  if (moving.length !== 2 || !spent || !received) {
    throw new Error('a trade needs exactly one asset spent and one received');
  }
  const quoteIsSpent = rank(spent.asset) <= rank(received.asset);
  const [base, quote] = quoteIsSpent ? [received, spent] : [spent, received];
  const fees = legs.filter((leg) => !leg.fee.isZero());
  if (fees.length > 1)
    throw new Error(`fees in more than one asset (${fees.map((f) => f.asset).join(', ')})`);
  const fee = fees[0];
  const size = base.amount.abs();
  const first = rows[0] as VenueRecord;
  return {
    line: first.line,
    tradeId: refid,
    orderId: null,
    symbol: `${base.asset}/${quote.asset}`,
    side: quoteIsSpent ? ('buy' as const) : ('sell' as const),
    price: quote.amount.abs().div(size),
    size,
    fee: fee?.fee ?? dec(0),
    feeCurrency: fee?.asset ?? quote.asset,
    // Kraken defines a fee credit's value: the venue's own price for the third-asset fee.
    feeUsd: fee?.asset === 'KFEE' ? times(fee.fee, dec(KFEE_USD)) : null,
    executedAt: venueTime('time', first.get('time')),
  };
}

function rank(asset: string): number {
  const at = QUOTE_RANK.indexOf(asset);
  return at === -1 ? QUOTE_RANK.length : at;
}
