// The shapes of the webhook's /api answers the dashboard reads. Decimals are strings, times ISO-8601.

export interface Session {
  role: 'read' | 'admin';
  account: string;
  mode: 'paper' | 'live';
  exchange: string;
}

export interface Position {
  account: string;
  symbol: string;
  size: string;
  cost_basis_usd: string;
  average_cost: string;
  lots: number;
  bid: string | null;
  price_time: string | null;
  price_age_ms: number | null;
  price_stale: boolean;
  price_unavailable: string | null;
  market_value_usd: string | null;
  unrealized_pnl_usd: string | null;
  unrealized_pnl_pct: string | null;
  hard_stop_price?: string | null;
  soft_stop_price?: string | null;
  trailing_stop_price?: string | null;
}

export interface Change {
  by: string;
  reason: string;
  at: string;
}

export interface Risk {
  trading_state: 'ACTIVE' | 'REDUCING' | 'HALTED';
  trading_state_change: Change | null;
  buy_guard: {
    active: boolean;
    env: boolean;
    file: boolean;
    file_path: string | null;
    api: boolean;
    api_change: Change | null;
  };
  exchange_health: 'HEALTHY' | 'DEGRADED' | 'OFFLINE';
  reducing_symbols: Record<string, string>;
  entries_held_because: string | null;
  limits: Record<string, string | number | null>;
}

export interface Breaker {
  health: string;
  state: 'CLOSED' | 'OPEN' | 'HALF_OPEN' | null;
  consecutive_failures: number | null;
  last_failure: string | null;
  last_failure_at: string | null;
  opened_at: string | null;
  half_opens_at: string | null;
  rejected_while_open: number | null;
  urgent_probes: number | null;
}

export interface Circuit {
  exchange: string;
  health: string;
  breakers: { market_data: Breaker; orders: Breaker };
  state: Breaker['state'];
  note: string | null;
}

export interface Overview {
  account: string;
  mode: string;
  exchange: string;
  at: string;
  equity_usd: string | null;
  today_realized_pnl_usd: string;
  unrealized_pnl_usd: string | null;
  positions: Position[];
  risk: Risk;
  circuit: Circuit;
  loops: { name: string; last_at: string | null; age_ms: number | null; ok: boolean }[];
  reconciliation: { last_at: string | null; ok: boolean; detail: string } | null;
  daily_loss: { used_usd: string; limit_usd: string | null };
}

export interface Page<Item> {
  items: Item[];
  next_before: string | null;
}

export interface Order {
  id: string;
  order_id: string | null;
  client_order_id: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  order_type: string;
  status: string;
  status_reason: string | null;
  price: string | null;
  size: string;
  filled_size: string;
  avg_fill_price: string | null;
  total_fees_usd: string;
  trigger: string;
  exit_reason: string | null;
  decision_id: string | null;
  source: string;
  pnl_usd: string | null;
  order_time: string;
  updated_at: string;
}

export interface Fill {
  id: string;
  trade_id: string;
  order_id: string | null;
  client_order_id: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  price: string;
  size: string;
  fee: string;
  fee_currency: string;
  fee_usd: string | null;
  liquidity: string | null;
  executed_at: string;
  received_at: string;
  ingest_via: string;
}

export interface Exit {
  id: string;
  symbol: string;
  trigger: string;
  exit_reason: string;
  rule_inputs: unknown;
  reference_price: string | null;
  target_amount: string;
  outcome: string;
  detail: string | null;
  started_at: string;
  finished_at: string | null;
  orders: number;
  filled_amount: string;
  average_price: string | null;
  fees_usd: string;
  realized_pnl_usd: string;
}

export interface Decision {
  decision_id: string;
  symbol: string;
  side: 'BUY' | 'SELL' | null;
  intent: 'ENTRY' | 'EXIT';
  outcome: 'ORDERED' | 'BLOCKED' | 'SKIPPED';
  reason_code: string;
  exit_reason: string | null;
  rule_inputs: unknown;
  alert_id: string | null;
  created_at: string;
  /** The reason code's text, when the server sends one. */
  message?: string | null;
}

export interface PositionDetail {
  position: Position | null;
  lots: { opened_at: string; amount: string; remaining: string; cost_usd: string; price: string }[];
  fills: Fill[];
  trailing: { stop_price: string | null; high: string | null; updated_at: string | null } | null;
  exits: Exit[];
}

export interface MatrixRow {
  symbol: string;
  timeframe: string;
  candle_time: string;
  computed_at: string;
  indicators: Record<string, string | null>;
  buy_score: string;
  sell_score: string;
  action: 'BUY' | 'SELL' | 'HOLD';
  atr: string | null;
}

export interface Matrix {
  rows: MatrixRow[];
  refused: { symbol: string; refusal: string; detail: string }[];
  max_age_ms: number;
}

export interface Candles {
  candles: { time: number; open: string; high: string; low: string; close: string }[];
  markers: { time: number; kind: 'entry' | 'exit'; price: string; text: string }[];
  stops: { price: string; kind: 'hard' | 'soft' | 'trailing' }[];
}

export interface TaxSummary {
  year: number;
  accounts: string[];
  disposals: number;
  proceeds_usd: string;
  cost_usd: string;
  gain_usd: string;
  short_term_gain_usd: string;
  long_term_gain_usd: string;
}

export interface ControlEvent {
  what: string;
  by: string;
  reason: string;
  at: string;
}

export interface SweepEvent {
  at: string;
  positions: Position[];
  equity_usd: string | null;
  unrealized_pnl_usd: string | null;
}
