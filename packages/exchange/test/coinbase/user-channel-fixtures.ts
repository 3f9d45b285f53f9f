// Recorded-style Coinbase Advanced Trade user-channel payloads: the field set and spelling of the
// venue's messages (all numbers as strings, microsecond timestamps), with values chosen per test.

/** One order of a `user` event. */
export function userOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    client_order_id: '11111-000000-000001',
    cumulative_quantity: '0',
    leaves_quantity: '0.003',
    avg_price: '0',
    total_fees: '0',
    status: 'OPEN',
    product_id: 'BTC-USD',
    creation_time: '2025-01-02T12:00:00.123456Z',
    order_side: 'BUY',
    order_type: 'Limit',
    cancel_reason: '',
    reject_Reason: '',
    total_value_after_fees: '180.72',
    contract_expiry_type: 'UNKNOWN_CONTRACT_EXPIRY_TYPE',
    product_type: 'SPOT',
    risk_managed_by: 'UNKNOWN_RISK_MANAGEMENT_TYPE',
    time_in_force: 'GOOD_UNTIL_CANCELLED',
    trigger_status: 'INVALID_ORDER_TYPE',
    post_only: true,
    limit_price: '60000.00',
    ...overrides,
  };
}

/** A `user` channel envelope. */
export function userMessage(
  sequence: number,
  type: 'snapshot' | 'update',
  orders: readonly Record<string, unknown>[],
  timestamp = '2025-01-02T12:00:01.000000Z',
): string {
  return JSON.stringify({
    channel: 'user',
    client_id: '',
    timestamp,
    sequence_num: sequence,
    events: [
      { type, orders, positions: { perpetual_futures_positions: [], expiring_futures_positions: [] } },
    ],
  });
}

/** A `heartbeats` envelope; the counter as the docs spell it (string) or as production sends it (integer). */
export function heartbeatMessage(sequence: number, counter: string | number): string {
  return JSON.stringify({
    channel: 'heartbeats',
    client_id: '',
    timestamp: '2025-01-02T12:00:02.000000Z',
    sequence_num: sequence,
    events: [{ current_time: '2025-01-02 12:00:02.000000 +0000 UTC m=+1.0', heartbeat_counter: counter }],
  });
}

/** A `subscriptions` confirmation. */
export function subscriptionsMessage(sequence: number, channels: readonly string[]): string {
  return JSON.stringify({
    channel: 'subscriptions',
    client_id: '',
    timestamp: '2025-01-02T12:00:00.500000Z',
    sequence_num: sequence,
    events: [{ subscriptions: Object.fromEntries(channels.map((channel) => [channel, ['BTC-USD']])) }],
  });
}
