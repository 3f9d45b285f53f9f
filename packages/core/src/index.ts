// @hookline/core: the pure domain vocabulary every package shares. It imports nothing of ours and
// does no I/O; only system-clock.ts and system-random.ts touch the outside world.

export { deriveClientOrderId } from './client-order-id.js';
export { type Clock, TestClock } from './clock.js';
export { type Decimal, dec, isDecimal, ONE, ZERO } from './decimal.js';
export {
  max,
  min,
  percentChange,
  quantizeDown,
  quantizeToTick,
  splitProRata,
  sum,
  type TickRounding,
} from './decimal-arithmetic.js';
export { roundUsd, toFixedString, toPlainString } from './decimal-format.js';
export { compare, minus, plus, times } from './decimal-operations.js';
export { quotient } from './decimal-quotient.js';
export { assertNever, type ErrorContext, HooklineError, type HooklineErrorOptions } from './errors.js';
export {
  type IdGenerator,
  type RandomSource,
  SequentialIdGenerator,
  UuidV7IdGenerator,
} from './id-generator.js';
export {
  canTransition,
  isTerminal,
  type OrderEvent,
  type OrderStatus,
  orderEvents,
  orderStatuses,
  type TransitionVerdict,
  transition,
} from './order-lifecycle.js';
export {
  describeCode,
  type ExchangeErrorKind,
  type ExitReason,
  isReasonCode,
  type ReasonCode,
  type ReasonCodeArea,
  type ReasonCodeIn,
  reasonCodeCatalog,
  reasonCodes,
} from './reason-codes.js';
export { SystemClock } from './system-clock.js';
export { SystemRandomSource } from './system-random.js';
export { truncatedShare } from './truncated-share.js';
