import { describeExchangeConformance } from '../conformance/describe-exchange-conformance.js';
import { ccxtHarnessFactory } from './ccxt-harness.js';

// The same suite as PaperExchange, against CcxtExchange talking to a local Coinbase over HTTP and WebSockets.
describeExchangeConformance('CcxtExchange (Coinbase, local server)', ccxtHarnessFactory(), {
  candles: true,
  restart: true,
  streamFaults: true,
});
