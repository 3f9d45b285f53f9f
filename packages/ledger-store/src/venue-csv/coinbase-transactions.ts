// Coinbase's consumer "transaction history" report. Buy, Sell and Advanced Trade Buy/Sell rows are
// fills; every other type (Send, Receive, Convert, rewards, staking…) is counted as not a trade.
// ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,
// Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes

import { positiveDecimal, problemOf, venueDecimal, venueTime } from './venue-fields.js';
import { ConversionBuilder, type VenueFormat } from './venue-format.js';

const SIDES: Record<string, 'buy' | 'sell'> = {
  buy: 'buy',
  sell: 'sell',
  'advanced trade buy': 'buy',
  'advanced trade sell': 'sell',
};

export const coinbaseTransactions: VenueFormat = {
  name: 'coinbase-transactions',
  exchange: 'coinbase',
  columns: ['id', 'timestamp', 'transaction type', 'asset', 'quantity transacted', 'price currency'],
  convert(records) {
    const out = new ConversionBuilder();
    for (const record of records) {
      const type = record.get('transaction type');
      const side = SIDES[type.trim().toLowerCase()];
      if (!side) {
        out.skip(type || '(no type)');
        continue;
      }
      try {
        const id = record.get('id');
        if (!id) throw new Error('ID: empty');
        const quote = record.get('price currency').toUpperCase();
        if (!quote) throw new Error('Price Currency: empty');
        out.fills.push({
          line: record.line,
          tradeId: id,
          orderId: null,
          symbol: `${record.get('asset').toUpperCase()}/${quote}`,
          side,
          price: venueDecimal('Price at Transaction', record.get('price at transaction')),
          size: positiveDecimal('Quantity Transacted', record.get('quantity transacted')),
          fee: venueDecimal('Fees and/or Spread', record.get('fees and/or spread') || '0').abs(),
          feeCurrency: quote,
          feeUsd: null,
          executedAt: venueTime('Timestamp', record.get('timestamp')),
        });
      } catch (error) {
        out.fail(record.line, problemOf(error));
      }
    }
    return out.result();
  },
};
