// A paper market that starts now has no past, so an indicator service would wait hours to warm up.
// This writes a seeded history of one-minute candles that ENDS at each market's initial price: the
// walk is generated backwards from the start, then recorded oldest first, so the live walk continues
// seamlessly from the last historical close. Deterministic for a seed; no effect on a restored state.
import { type Decimal, max, min, quantizeToTick, ZERO } from '@hookline/core';
import type { CandleHistory } from './candle-history.js';
import type { PaperMarketSpec } from './paper-market.js';
import { decimalFromFactor, SeededRandom } from './seeded-random.js';

const minuteMs = 60_000;

/** Records `minutes` synthetic one-minute candles per market, ending just before `endMs`. */
export function warmCandleHistory(
  candles: CandleHistory,
  specs: readonly PaperMarketSpec[],
  options: { readonly endMs: number; readonly minutes: number; readonly seed: number },
): void {
  const firstMinuteMs = Math.floor(options.endMs / minuteMs) * minuteMs - options.minutes * minuteMs;
  specs.forEach((spec, index) => {
    // Its own stream per market: adding a market never changes another market's history.
    const random = SeededRandom.fromSeed(options.seed * 7_919 + index + 1);
    const closes = backwardCloses(spec, options.minutes, random);
    let open = closes[0] ?? spec.walk.initialPrice;
    closes.forEach((close, minute) => {
      const startMs = firstMinuteMs + minute * minuteMs;
      const wick = spec.walk.volatilityPerSqrtSecond * Math.sqrt(60) * random.uniform();
      const high = quantize(max(open, close).times(decimalFromFactor(1 + wick)), spec);
      const low = quantize(min(open, close).times(decimalFromFactor(1 - wick)), spec);
      const volume = spec.levelSize.times(decimalFromFactor(random.uniform() * 4));
      // Four prices per minute, the path candle files use: open, low, high, close.
      candles.record(spec.market.symbol, startMs, open, volume);
      candles.record(spec.market.symbol, startMs + 15_000, low, ZERO);
      candles.record(spec.market.symbol, startMs + 30_000, high, ZERO);
      candles.record(spec.market.symbol, startMs + 45_000, close, ZERO);
      open = close;
    });
  });
}

// Closes oldest first; the last one is the initial price, the live walk's first mid.
function backwardCloses(spec: PaperMarketSpec, minutes: number, random: SeededRandom): Decimal[] {
  const sigma = spec.walk.volatilityPerSqrtSecond * Math.sqrt(60);
  const closes: Decimal[] = [spec.walk.initialPrice];
  for (let minute = 1; minute < minutes; minute += 1) {
    const later = closes[closes.length - 1] ?? spec.walk.initialPrice;
    const factor = Math.max(0.5, 1 - sigma * random.normal());
    closes.push(quantize(later.times(decimalFromFactor(factor)), spec));
  }
  return closes.reverse();
}

function quantize(price: Decimal, spec: PaperMarketSpec): Decimal {
  const value = quantizeToTick(price, spec.market.priceTick, 'nearest');
  return value.greaterThan(0) ? value : spec.market.priceTick;
}
