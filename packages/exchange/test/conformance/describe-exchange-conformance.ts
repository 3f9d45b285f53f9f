import { afterEach, beforeEach, describe } from 'vitest';
import type {
  ConformanceCapabilities,
  ConformanceHarness,
  ConformanceHarnessFactory,
} from './conformance-harness.js';
import { describeFaultBehaviour } from './fault-behaviour.js';
import { describeFills } from './fills.js';
import { describeMarketData } from './market-data.js';
import { describeOrderRules } from './order-rules.js';
import { describeOrders } from './orders.js';
import { describeRestart } from './restart.js';
import { describeStreamOutage } from './stream-outage.js';
import { loadFixture, type SuiteContext, type TradingFixture } from './suite-support.js';

/**
 * The ExchangePort conformance suite. Every adapter runs it with its own harness factory:
 * `describeExchangeConformance('paper', paperHarnessFactory(), { candles: true, restart: true, streamFaults: true })`.
 * Each test gets a fresh harness (a fresh venue), so tests never depend on one another.
 */
export function describeExchangeConformance(
  name: string,
  factory: ConformanceHarnessFactory,
  capabilities: ConformanceCapabilities,
): void {
  describe(`ExchangePort conformance: ${name}`, () => {
    let current: { harness: ConformanceHarness; fixture: TradingFixture } | undefined;
    beforeEach(async () => {
      const harness = await factory();
      current = { harness, fixture: await loadFixture(harness) };
    });
    afterEach(async () => {
      await current?.harness.dispose();
      current = undefined;
    });
    const context: SuiteContext = {
      harness: () => required(current).harness,
      fixture: () => required(current).fixture,
    };
    describeMarketData(context, capabilities);
    describeOrders(context);
    describeOrderRules(context);
    describeFills(context);
    describeFaultBehaviour(context);
    describeStreamOutage(context, capabilities);
    describeRestart(context, capabilities);
  });
}

function required<Value>(value: Value | undefined): Value {
  if (value === undefined) throw new Error('the conformance harness is only available inside a test');
  return value;
}
