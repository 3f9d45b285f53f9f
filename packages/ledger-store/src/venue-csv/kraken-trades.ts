// Kraken's trades.csv: one row per trade, the fee in the quote currency.
// "txid","ordertxid","pair","time","type","ordertype","price","cost","fee","vol","margin","misc","ledgers"
import { krakenPair } from './kraken-assets.js';
import { positiveDecimal, problemOf, venueDecimal, venueSide, venueTime } from './venue-fields.js';
import { ConversionBuilder, type VenueFormat } from './venue-format.js';

export const krakenTrades: VenueFormat = {
  name: 'kraken-trades',
  exchange: 'kraken',
  columns: ['txid', 'ordertxid', 'pair', 'time', 'type', 'price', 'fee', 'vol'],
  convert(records) {
    const out = new ConversionBuilder();
    for (const record of records) {
      try {
        const symbol = krakenPair(record.get('pair'));
        const tradeId = record.get('txid');
        if (!tradeId) throw new Error('txid: empty');
        out.fills.push({
          line: record.line,
          tradeId,
          orderId: record.get('ordertxid') || null,
          symbol,
          side: venueSide('type', record.get('type')),
          price: venueDecimal('price', record.get('price')),
          size: positiveDecimal('vol', record.get('vol')),
          fee: venueDecimal('fee', record.get('fee')),
          feeCurrency: symbol.split('/')[1] ?? '',
          feeUsd: null,
          executedAt: venueTime('time', record.get('time')),
        });
      } catch (error) {
        out.fail(record.line, problemOf(error));
      }
    }
    return out.result();
  },
};
