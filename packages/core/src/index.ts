// @hookline/core: the pure domain vocabulary every package shares. It imports nothing of ours and
// does no I/O; only system-clock.ts and system-random.ts touch the outside world.

export { deriveClientOrderId } from './client-order-id.js';
export { type Clock, TestClock } from './clock.js';
export { type Decimal, dec, isDecimal, ONE, ZERO } from './decimal.js';
export { max, min, quantizeDown, quantizeToTick, splitProRata, sum } from './decimal-arithmetic.js';
export { roundUsd, toFixedString, toPlainString } from './decimal-format.js';
export { DecimalInterner } from './decimal-interner.js';
export { compare, minus, plus, times } from './decimal-operations.js';
export { quotient } from './decimal-quotient.js';
export { type DisplayPrecision, displayDecimal, forMarket, MONEY_STEP } from './display-decimal.js';
export { assertNever, type ErrorContext, HooklineError } from './errors.js';
export {
  addFixed,
  decimalFromFixed,
  type FixedPoint,
  fixedFromScaled,
  isFixedZero,
  maxFixedInteger,
  maxFixedScale,
  negateFixed,
  readFixed,
} from './fixed-point.js';
export { maxFixedDivisor, truncatedFixedQuotient } from './fixed-point-quotient.js';
export {
  type IdGenerator,
  type RandomSource,
  SequentialIdGenerator,
  UuidV7IdGenerator,
} from './id-generator.js';
export {
  isTerminal,
  type OrderEvent,
  type OrderStatus,
  orderStatuses,
  transition,
} from './order-lifecycle.js';
export { ProRata } from './pro-rata.js';
export {
  type ExchangeErrorKind,
  type ExitReason,
  type ReasonCode,
  type ReasonCodeIn,
  reasonCodeCatalog,
  reasonCodes,
} from './reason-codes.js';
export {
  decimalFromScaled,
  maxScaledInteger,
  powersOfTen,
  readScaled,
  type ScaledNumber,
} from './scaled-integer.js';
export { SystemClock } from './system-clock.js';
export { SystemRandomSource } from './system-random.js';
