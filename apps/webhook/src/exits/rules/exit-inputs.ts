import { type Decimal, dec } from '@hookline/core';
import { decimalInput, type RuleInputs } from '../../rules/json-inputs.js';
import type { ExitRuleSettings } from '../exit-settings.js';
import type { ExitDataProblem } from './exit-data-check.js';
import { exitFactors, hardStopPrice } from './exit-factors.js';
import { isFreshSell } from './exit-rule-order.js';
import type { ExitMarketView, ExitPositionView, ExitRuleReason, TrailingState } from './exit-types.js';
import { trailingDistance } from './trailing-stop.js';

// Inputs are nested object literals, one per concern: building them costs nanoseconds, while
// spreading records into one flat object costs microseconds (it matters in a 10 000-position sweep).
// Times are ages in ms, not instants: the decision row carries its own time, and formatting an
// ISO instant costs more than a whole rule evaluation.

// P&L % is shown with 8 decimals, truncated toward zero (dividedToIntegerBy truncates). That keeps
// every comparison with a threshold of up to 8 decimals true to the decision: −5.0000000001 shows
// −5 (≤ −5, fired), 3.4999999999 shows 3.49999999 (< 3.5, not fired). It is also about half the
// cost of a 60-digit division.
const pnlPctScale = dec('10000000000'); // 100 (percent) × 10^8 (decimals)
const pnlPctUnit = dec('0.00000001');

/** Everything one evaluation looked at, for the decision record of an EXIT or SKIP. */
export interface ExitInputsSource {
  readonly position: ExitPositionView;
  readonly market: ExitMarketView;
  readonly state: TrailingState;
  readonly settings: ExitRuleSettings;
  readonly nowMs: number;
  readonly rule: ExitRuleReason | undefined;
}

/** The small inputs of a HOLD: enough to follow the peak and the stop from one tick to the next. */
export function holdInputs(bid: Decimal, state: TrailingState): RuleInputs {
  return {
    bid: decimalInput(bid),
    peakPrice: decimalInput(state.peakPrice),
    trailingActive: state.trailingActive,
    trailingStop: optionalDecimal(state.trailingStop),
  };
}

/** The inputs of a STALE_DATA skip: the quote and cost that were refused, and why. */
export function staleInputs(source: ExitInputsSource, problem: ExitDataProblem): RuleInputs {
  return {
    problem,
    symbol: source.position.symbol,
    quote: quoteInputs(source),
    averageCost: decimalInput(source.position.averageCost),
  };
}

/** The full inputs of an EXIT or a SKIP of a fired rule: every level the bid was compared with. */
export function evaluatedInputs(source: ExitInputsSource): RuleInputs {
  const { position } = source;
  return {
    rule: source.rule ?? null,
    symbol: position.symbol,
    hodl: position.hodl,
    dust: position.dust,
    quote: quoteInputs(source),
    position: positionInputs(source),
    levels: levelInputs(source),
    trailing: trailingInputs(source),
    signal: signalInputs(source),
    settings: settingsInputs(source.settings),
  };
}

function quoteInputs({ market, nowMs }: ExitInputsSource): RuleInputs {
  return {
    bid: decimalInput(market.bid),
    ask: decimalInput(market.ask),
    quoteAgeMs: nowMs - market.quoteTimeMs,
  };
}

function positionInputs({ position, market, nowMs }: ExitInputsSource): RuleInputs {
  const cost = position.averageCost;
  const pnlPct = market.bid.minus(cost).times(pnlPctScale).dividedToIntegerBy(cost).times(pnlPctUnit);
  return {
    amount: decimalInput(position.amount),
    averageCost: decimalInput(cost),
    pnlPct: decimalInput(pnlPct),
    heldMs: nowMs - position.entryTimeMs,
  };
}

// The price levels are what the rules compared the bid with; pnlPct is the same fact for reading.
function levelInputs({ position, settings }: ExitInputsSource): RuleInputs {
  const cost = position.averageCost;
  const factors = exitFactors(settings);
  return {
    hardStopPrice: decimalInput(hardStopPrice(cost, settings)),
    softStopPrice: decimalInput(cost.times(factors.softStop)),
    trailingActivationPrice: decimalInput(cost.times(factors.activation)),
    takeProfitPrice: factors.takeProfit === undefined ? null : decimalInput(cost.times(factors.takeProfit)),
  };
}

// The distance and the ATR used are only computed while trailing is active: before that there is
// no stop, and the activation price is what the bid was compared with.
function trailingInputs({ market, state, settings, nowMs }: ExitInputsSource): RuleInputs {
  const current = state.trailingActive
    ? trailingDistance(state.peakPrice, market, settings, nowMs)
    : undefined;
  return {
    active: state.trailingActive,
    peakPrice: decimalInput(state.peakPrice),
    stop: optionalDecimal(state.trailingStop),
    distance: optionalDecimal(current?.distance),
    atr: optionalDecimal(market.atr),
    atrAgeMs: market.atrTimeMs === undefined ? null : nowMs - market.atrTimeMs,
    atrUsed: optionalDecimal(current?.atr),
    atrFallback: current === undefined ? null : current.atrFallback,
    minimumRaise: optionalDecimal(current?.minimumRaise),
  };
}

function signalInputs({ market, settings, nowMs }: ExitInputsSource): RuleInputs {
  const signal = market.signal;
  return {
    action: signal === undefined ? null : signal.action,
    ageMs: signal === undefined ? null : nowMs - signal.computedAtMs,
    freshSell: isFreshSell(market, settings, nowMs),
  };
}

// The thresholds as input strings, formatted once per settings object (settings are immutable).
const settingsInputsCache = new WeakMap<ExitRuleSettings, RuleInputs>();

function settingsInputs(settings: ExitRuleSettings): RuleInputs {
  const known = settingsInputsCache.get(settings);
  if (known !== undefined) return known;
  const formatted: RuleInputs = {
    hardStopPct: decimalInput(settings.hardStopPct),
    softStopPct: decimalInput(settings.softStopPct),
    trailingActivationPct: decimalInput(settings.trailingActivationPct),
    trailingAtrMultiplier: decimalInput(settings.trailingAtrMultiplier),
    trailingMinPct: decimalInput(settings.trailingMinPct),
    trailingMaxPct: decimalInput(settings.trailingMaxPct),
    trailingStepAtr: decimalInput(settings.trailingStepAtr),
    takeProfitPct: optionalDecimal(settings.takeProfitPct),
    maxHoldMs: settings.maxHoldMs ?? null,
    maxQuoteAgeMs: settings.maxQuoteAgeMs,
    maxSignalAgeMs: settings.maxSignalAgeMs,
  };
  settingsInputsCache.set(settings, formatted);
  return formatted;
}

function optionalDecimal(value: Decimal | undefined): string | null {
  return value === undefined ? null : decimalInput(value);
}
