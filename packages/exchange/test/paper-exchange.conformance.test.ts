import { describeExchangeConformance } from './conformance/describe-exchange-conformance.js';
import { paperHarnessFactory } from './conformance/paper-harness.js';

describeExchangeConformance('PaperExchange', paperHarnessFactory(), {
  candles: true,
  restart: true,
  streamFaults: true,
});
