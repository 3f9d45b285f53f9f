import { type Decimal, dec, quantizeDown, quantizeToTick } from '@hookline/core';
import type { Market } from '../port/market.js';

// Half a basis point: multiplying by it is exact and cheaper than dividing by 20 000.
const halfBasisPoint = dec('0.00005');

/** Best bid and ask around a mid price: half the spread each side, on the tick, at least one tick apart. */
export function spreadAround(
  mid: Decimal,
  spreadBps: Decimal,
  market: Market,
): { bid: Decimal; ask: Decimal } {
  const half = mid.times(spreadBps).times(halfBasisPoint);
  const bid = quantizeToTick(mid.minus(half), market.priceTick, 'down');
  const ask = quantizeToTick(mid.plus(half), market.priceTick, 'up');
  const floorBid = bid.greaterThan(0) ? bid : market.priceTick;
  return { bid: floorBid, ask: ask.greaterThan(floorBid) ? ask : floorBid.plus(market.priceTick) };
}

/** A size on the market's step, never below one step. */
export function sizeOnStep(size: Decimal, market: Market): Decimal {
  const onStep = quantizeDown(size, market.amountStep);
  return onStep.greaterThan(0) ? onStep : market.amountStep;
}
