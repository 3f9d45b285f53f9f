// `#/orders`: our orders and the exchange's fills, filtered, paged by `before`, live events prepended.
import { useState } from 'preact/hooks';
import { Card, ErrorLine, SymbolLink, TableBox } from '../components';
import { formatAmount, formatPnl, formatPrice, formatTime, formatUsd, pnlClass } from '../format';
import { useLive } from '../live';
import { usePaged } from '../paged';
import type { Fill, Order } from '../types';

const statuses = [
  'NEW',
  'SUBMITTED',
  'OPEN',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_CANCEL',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
];
const orderKey = (order: Order) => order.id;
const fillKey = (fill: Fill) => fill.id;

export function OrdersPage() {
  const [orderSymbol, setOrderSymbol] = useState('');
  const [status, setStatus] = useState('');
  const [fillSymbol, setFillSymbol] = useState('');
  const [side, setSide] = useState('');
  const orders = usePaged<Order>('/api/orders', { symbol: orderSymbol.trim(), status }, orderKey);
  const fills = usePaged<Fill>('/api/fills', { symbol: fillSymbol.trim() }, fillKey);
  useLive<Order>('order', (order) => {
    if (matches(order.symbol, orderSymbol) && (status === '' || order.status === status))
      orders.prepend(order);
  });
  useLive<Fill>('fill', (fill) => {
    if (matches(fill.symbol, fillSymbol)) fills.prepend(fill);
  });
  // GET /api/fills filters by symbol only: the side is picked from the rows read.
  const shownFills = side === '' ? fills.items : fills.items.filter((fill) => fill.side === side);

  return (
    <div class="stack">
      <Card title="Orders">
        <div class="filters">
          <SymbolFilter value={orderSymbol} onChange={setOrderSymbol} testid="orders-symbol" />
          <label>
            Status
            <select
              data-testid="orders-status"
              value={status}
              onChange={(event) => setStatus(event.currentTarget.value)}
            >
              <option value="">any</option>
              {statuses.map((one) => (
                <option key={one} value={one}>
                  {one}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorLine message={orders.error} />
        <OrdersTable orders={orders.items} />
        <More loading={orders.loading} next={orders.next} onMore={orders.more} testid="orders-more" />
      </Card>
      <Card title="Fills">
        <div class="filters">
          <SymbolFilter value={fillSymbol} onChange={setFillSymbol} testid="fills-symbol" />
          <label>
            Side
            <select
              data-testid="fills-side"
              value={side}
              onChange={(event) => setSide(event.currentTarget.value)}
            >
              <option value="">any</option>
              <option value="BUY">BUY</option>
              <option value="SELL">SELL</option>
            </select>
          </label>
        </div>
        <ErrorLine message={fills.error} />
        <FillsTable fills={shownFills} />
        <More loading={fills.loading} next={fills.next} onMore={fills.more} testid="fills-more" />
      </Card>
    </div>
  );
}

function matches(symbol: string, filter: string): boolean {
  return filter.trim() === '' || symbol === filter.trim();
}

/** A symbol text filter, applied on Enter or when the field loses focus. */
export function SymbolFilter({
  value,
  onChange,
  testid,
}: {
  value: string;
  onChange(value: string): void;
  testid: string;
}) {
  return (
    <label>
      Symbol
      <input
        data-testid={testid}
        placeholder="BTC/USD"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value.toUpperCase())}
      />
    </label>
  );
}

export function More({
  loading,
  next,
  onMore,
  testid,
}: {
  loading: boolean;
  next: string | null;
  onMore(): void;
  testid: string;
}) {
  if (loading) return <p class="muted">Loading…</p>;
  if (next === null) return null;
  return (
    <button type="button" data-testid={testid} onClick={onMore}>
      Older
    </button>
  );
}

function OrdersTable({ orders }: { orders: Order[] }) {
  if (orders.length === 0) return <p class="muted">No orders.</p>;
  return (
    <TableBox>
      <table data-testid="orders">
        <thead>
          <tr>
            <th>Time</th>
            <th>Symbol</th>
            <th>Side</th>
            <th>Type</th>
            <th>Status</th>
            <th class="num">Price</th>
            <th class="num">Size</th>
            <th class="num">Filled</th>
            <th class="num">Avg fill</th>
            <th class="num">Fees</th>
            <th class="num">P&L</th>
            <th>Trigger</th>
            <th>Exit reason</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} data-testid="order-row">
              <td>{formatTime(order.order_time)}</td>
              <td>
                <SymbolLink symbol={order.symbol} />
              </td>
              <td class={order.side === 'BUY' ? 'pos' : 'neg'}>{order.side}</td>
              <td>{order.order_type}</td>
              <td title={order.status_reason ?? undefined}>{order.status}</td>
              <td class="num">{formatPrice(order.price)}</td>
              <td class="num">{formatAmount(order.size)}</td>
              <td class="num">{formatAmount(order.filled_size)}</td>
              <td class="num">{formatPrice(order.avg_fill_price)}</td>
              <td class="num">{formatUsd(order.total_fees_usd)}</td>
              <td class={`num ${pnlClass(order.pnl_usd)}`}>{formatPnl(order.pnl_usd)}</td>
              <td>{order.trigger}</td>
              <td>{order.exit_reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

export function FillsTable({ fills }: { fills: Fill[] }) {
  if (fills.length === 0) return <p class="muted">No fills.</p>;
  return (
    <TableBox>
      <table data-testid="fills">
        <thead>
          <tr>
            <th>Executed</th>
            <th>Symbol</th>
            <th>Side</th>
            <th class="num">Price</th>
            <th class="num">Size</th>
            <th class="num">Fee</th>
            <th>Liquidity</th>
            <th>Via</th>
          </tr>
        </thead>
        <tbody>
          {fills.map((fill) => (
            <tr key={fill.id} data-testid="fill-row">
              <td>{formatTime(fill.executed_at)}</td>
              <td>
                <SymbolLink symbol={fill.symbol} />
              </td>
              <td class={fill.side === 'BUY' ? 'pos' : 'neg'}>{fill.side}</td>
              <td class="num">{formatPrice(fill.price)}</td>
              <td class="num">{formatAmount(fill.size)}</td>
              <td class="num">
                {fill.fee_usd !== null
                  ? formatUsd(fill.fee_usd)
                  : `${formatAmount(fill.fee)} ${fill.fee_currency}`}
              </td>
              <td>{fill.liquidity ?? ''}</td>
              <td>{fill.ingest_via}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}
