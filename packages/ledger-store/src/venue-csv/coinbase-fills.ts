// Coinbase Advanced Trade (formerly Pro) fills report: one row per fill, with the trade id.
// portfolio,trade id,product,side,created at,size,size unit,price,fee,total,price/fee/total unit
import { positiveDecimal, problemOf, venueDecimal, venueSide, venueTime } from './venue-fields.js';
import { ConversionBuilder, type VenueFormat } from './venue-format.js';

export const coinbaseFills: VenueFormat = {
  name: 'coinbase-fills',
  exchange: 'coinbase',
  columns: ['trade id', 'product', 'side', 'created at', 'size', 'price', 'fee', 'price/fee/total unit'],
  convert(records) {
    const out = new ConversionBuilder();
    for (const record of records) {
      try {
        const [base, quote] = record.get('product').split('-');
        if (!base || !quote) throw new Error(`product: "${record.get('product')}" is not BASE-QUOTE`);
        const unit = record.get('price/fee/total unit').toUpperCase();
        if (unit !== quote) throw new Error(`price/fee/total unit: "${unit}" is not the quote ${quote}`);
        const tradeId = record.get('trade id');
        if (!tradeId) throw new Error('trade id: empty');
        out.fills.push({
          line: record.line,
          tradeId,
          orderId: record.get('order id') || null,
          symbol: `${base}/${quote}`,
          side: venueSide('side', record.get('side')),
          price: venueDecimal('price', record.get('price')),
          size: positiveDecimal('size', record.get('size')),
          fee: venueDecimal('fee', record.get('fee')),
          feeCurrency: unit,
          feeUsd: null,
          executedAt: venueTime('created at', record.get('created at')),
        });
      } catch (error) {
        out.fail(record.line, problemOf(error));
      }
    }
    return out.result();
  },
};
