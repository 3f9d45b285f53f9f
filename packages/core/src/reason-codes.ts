/**
 * Every stable code Hookline records or raises, by area, with a one-line description. The codes
 * are stored in decisions, alerts and trade_records and read by users' tax and audit queries:
 * add codes freely, never rename or reuse one.
 */
export const reasonCodeCatalog = {
  risk: {
    TRADING_HALTED: 'Trading is HALTED: nothing new is opened; cancels are still allowed.',
    TRADING_REDUCING: 'Trading is REDUCING: only exits are allowed.',
    BUY_GUARD_ACTIVE: 'The buy guard (env flag, file flag or API) blocks new entries.',
    DAILY_LOSS_LIMIT: "Today's realized loss has reached the configured daily limit.",
    MAX_POSITION_SIZE: 'The order would make the position larger than its allowed share of equity.',
    MAX_OPEN_POSITIONS: 'The configured number of open positions is already reached.',
    LOSS_STREAK_COOLDOWN: 'Entries pause after the configured number of consecutive losses.',
    SYMBOL_COOLDOWN: 'The symbol was exited recently and is still cooling down.',
    STALE_MARKET_DATA: 'The market data is older than allowed, so no decision can be trusted.',
    PRICE_UNAVAILABLE: 'A held position has no valid price, so equity is unknown and entries stop.',
    CIRCUIT_OFFLINE: 'The exchange circuit breaker is OFFLINE.',
    ORDER_RATE_THROTTLED: 'The order rate limit for the account is reached.',
    DUPLICATE_OPEN_ORDER: 'An open order on the same symbol and side already exists.',
    RECONCILIATION_PENDING:
      'The entry waited longer than allowed for the start-up reconciliation with the exchange.',
    SPREAD_TOO_WIDE: "The symbol's bid/ask spread is wider than allowed for an entry.",
    IMMEDIATE_LOSS_TOO_LARGE:
      'Bought at the entry price (fee included), the position would at once be worth too much less at the bid.',
    ALERT_TOO_OLD: "The alert's own time is older than allowed at its receipt.",
    PRICE_DEVIATION: "The alert's price is further from the market's mid than allowed.",
    EXIT_WORKING: 'An exit of the symbol is working: a buy waits until it is over instead of re-opening it.',
    MOMENTUM_FILTER:
      "The symbol's 24 h price change is outside the configured momentum bounds, or not known.",
  },
  decision: {
    ORDERED: 'Every rule passed; an order intent was written and sent.',
    EXIT_BY_SENTINEL:
      'No longer written: sell and exit alerts recorded before such alerts were executed by the exit executor.',
    PROCESSING_FAILED:
      'The alert could not be decided: its retries were spent or it cannot be processed (the log has why).',
    SELL_SIZE_UNUSABLE:
      'A sell alert gives no size in base or quote units, so how much to sell is unknown (equity_pct sizes buys only).',
  },
  preflight: {
    BELOW_MIN_SIZE: "The amount, truncated to the market's step, is below the minimum order size.",
    ABOVE_MAX_SIZE: 'The amount is above the maximum order size of the market.',
    BELOW_MIN_NOTIONAL: 'The order value is below the minimum notional of the market.',
    MIN_NOTIONAL_BUMP_TOO_LARGE:
      'Raising the order to the minimum notional exceeds the configured tolerance.',
    INSUFFICIENT_BALANCE: 'The available balance (quote for buys, base for sells) does not cover the order.',
    INVALID_PRICE: 'The price is missing, zero or negative after quantizing to the tick.',
    MARKET_UNAVAILABLE: 'The market is unknown, delisted or not accepting orders.',
  },
  exit: {
    HARD_STOP:
      'The loss reached the hard stop: emergency exit through REDUCING and HALTED, by IOC orders never priced below its slippage floor.',
    SOFT_STOP: 'The loss reached the soft stop: limit exit.',
    TRAILING_STOP: 'The bid fell to the trailing stop after trailing was activated.',
    TAKE_PROFIT: 'The gain reached the configured take-profit.',
    SIGNAL_EXIT: 'The latest fresh matrix row says SELL and the position is not at a loss.',
    TTL: 'The position was held longer than the configured maximum.',
    CAP_ENFORCEMENT: 'Open positions exceed the cap; the smallest excess is sold.',
    MANUAL: 'An operator asked for the exit.',
    EMERGENCY: 'An emergency flatten was requested.',
    USER_SELL: 'A sell alert (TradingView or API) asked to reduce the position by its size.',
    USER_EXIT: 'An exit alert (TradingView or API) asked to close the whole position.',
    PROTECTIVE_STOP:
      'The exchange-resident stop-limit at the hard-stop level: it sells when the bid falls to it, even while no webhook replica runs.',
  },
  sentinel: {
    STALE_DATA: 'The position was not evaluated because its market data is stale.',
    DUST: 'The remainder is below the exchange minimum and is recorded as dust, not sold.',
    HODL_ASSET: 'The asset is marked HODL and is never sold automatically.',
    EXIT_IN_PROGRESS: 'An exit of this position is already working; one exit at a time per position.',
    NOTHING_AVAILABLE:
      'The exchange shows no available balance of the asset to sell (held by orders or gone).',
    POSITION_CAP_UNRESOLVED:
      'Open positions stayed above the cap after three sell cycles; trading was HALTED for the operator.',
    SENTINEL_ERROR: 'Evaluating or exiting this position failed; the sweep went on with the others.',
    EXIT_PRICE_CAPPED:
      "The bid fell below the exit's price floor (its bid at the start less its maximum slippage): the exit sends nothing lower and waits for the price to come back.",
    NO_POSITION:
      'A sell or exit alert found no open position of the symbol: nothing was sold (our working orders on it were canceled).',
  },
  ingress: {
    INVALID_JSON: 'The alert body is not valid JSON.',
    INVALID_TEXT:
      'The alert body is not valid UTF-8, or holds a NUL or a lone surrogate (raw or escaped), which no text column can store.',
    INVALID_PAYLOAD: 'The JSON matches neither the Hookline template nor the TradingView strategy template.',
    BAD_PASSPHRASE: 'The alert passphrase is missing or wrong.',
    SOURCE_NOT_ALLOWED: 'The sender address is not an allowed TradingView address.',
    PAYLOAD_TOO_LARGE: 'The alert body is larger than allowed.',
    DUPLICATE_ALERT: 'An alert with the same idempotency key was already received; it is not executed again.',
  },
  exchange: {
    TEMPORARY: 'The exchange failed for a passing reason (maintenance, 5xx); a read may be retried.',
    RATE_LIMITED: 'The exchange refused the request because of its rate limit.',
    INSUFFICIENT_FUNDS: 'The exchange says the balance does not cover the order.',
    INVALID_ORDER: 'The exchange rejected the order as invalid (size, price, precision, post-only cross).',
    INVALID_SYMBOL: 'The exchange does not know the symbol or does not trade it.',
    NOT_FOUND: 'The exchange does not know the order or resource asked for.',
    AUTH: 'The exchange refused the credentials or their permissions.',
    UNKNOWN_OUTCOME: 'The request may or may not have taken effect (timeout, dropped connection).',
    FATAL: 'The exchange failed in a way no retry will fix.',
  },
  control: {
    OPERATOR_HALT: 'An operator set trading to HALTED.',
    OPERATOR_RESUME: 'An operator set trading back to ACTIVE (or REDUCING) and cleared reducing symbols.',
    OPERATOR_BUY_GUARD_ON: 'An operator switched the API buy guard on.',
    OPERATOR_BUY_GUARD_OFF: 'An operator switched the API buy guard off.',
    ADMIN_TOKEN_REQUIRED:
      'An admin action was asked with the read token, which may read but not act: refused.',
  },
  operations: {
    CONFIG_INVALID: 'The configuration is invalid; every problem is listed.',
    MIGRATION_FAILED: 'A database migration failed to apply.',
  },
  domain: {
    INVALID_DECIMAL: 'A value is not a finite decimal given as a string, a safe integer or a Decimal.',
    INVALID_ARGUMENT: 'A domain function was called with arguments outside its contract.',
    ORDER_TRANSITION_REFUSED: "An order event does not fit the order's status; the reconciler resolves it.",
    UNREACHABLE: 'Code that an exhaustive switch should make unreachable was reached.',
  },
} as const;

/** The areas codes are grouped by. */
export type ReasonCodeArea = keyof typeof reasonCodeCatalog;

/** The codes of one area, e.g. `ReasonCodeIn<'exit'>`. */
export type ReasonCodeIn<Area extends ReasonCodeArea> = Extract<
  keyof (typeof reasonCodeCatalog)[Area],
  string
>;

/** Any stable reason or error code. */
export type ReasonCode = { [Area in ReasonCodeArea]: ReasonCodeIn<Area> }[ReasonCodeArea];

/** Why an exit order was placed (trade_records.exit_reason). */
export type ExitReason = ReasonCodeIn<'exit'>;

/** The closed set exchange errors are translated into at the adapter boundary. */
export type ExchangeErrorKind = ReasonCodeIn<'exchange'>;

const descriptions: ReadonlyMap<string, string> = new Map(
  Object.values(reasonCodeCatalog).flatMap((area) => Object.entries(area)),
);

/** Every code, in catalog order (for zod enums and database checks). */
export const reasonCodes: readonly ReasonCode[] = [...descriptions.keys()] as ReasonCode[];

/** True when the text is one of the codes (for values read back from storage). */
export function isReasonCode(text: string): text is ReasonCode {
  return descriptions.has(text);
}

/** The one-line description of a code. */
export function describeCode(code: ReasonCode): string {
  return descriptions.get(code) ?? code;
}
