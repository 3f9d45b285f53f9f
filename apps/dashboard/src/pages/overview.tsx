// `#/`: equity, P&L, the open positions with their stops, risk state, circuits, loops and the last
// reconciliation. Sweeps from the live stream replace positions and totals; control events refresh risk.
import { getJson } from '../api';
import { Card, ErrorLine, Loading, SymbolLink, slugOf, TableBox } from '../components';
import {
  ageOf,
  formatAge,
  formatAmount,
  formatPct,
  formatPnl,
  formatPrice,
  formatTime,
  formatUsd,
  pnlClass,
} from '../format';
import { useGet, useNow } from '../hooks';
import { useLive } from '../live';
import type { Breaker, Overview, Position, Risk, SweepEvent } from '../types';

export function OverviewPage() {
  const overview = useGet<Overview>('/api/overview');
  const now = useNow();
  useLive<SweepEvent>('sweep', (sweep) =>
    overview.set((data) => ({
      ...data,
      at: sweep.at,
      positions: sweep.positions,
      equity_usd: sweep.equity_usd,
      unrealized_pnl_usd: sweep.unrealized_pnl_usd,
    })),
  );
  useLive('control', () => {
    getJson<Risk>('/api/risk').then(
      (risk) => overview.set((data) => ({ ...data, risk })),
      () => overview.reload(),
    );
  });

  const data = overview.data;
  if (data === undefined)
    return (
      <>
        <Loading when={overview.loading} />
        <ErrorLine message={overview.error} />
      </>
    );
  return (
    <div class="stack">
      <ErrorLine message={overview.error} />
      <div class="tiles">
        <Tile label="Equity" testid="equity" value={formatUsd(data.equity_usd)} />
        <Tile
          label="Today realised P&L"
          testid="today-pnl"
          value={formatPnl(data.today_realized_pnl_usd)}
          tone={pnlClass(data.today_realized_pnl_usd)}
        />
        <Tile
          label="Unrealised P&L"
          testid="unrealized-pnl"
          value={formatPnl(data.unrealized_pnl_usd)}
          tone={pnlClass(data.unrealized_pnl_usd)}
        />
        <Tile
          label="Trading state"
          testid="trading-state"
          value={data.risk.trading_state}
          tone={data.risk.trading_state === 'ACTIVE' ? 'pos' : 'neg'}
        />
      </div>
      <p class="muted small">
        {data.account} · {data.mode} · {data.exchange} · as of {formatTime(data.at)}
      </p>
      <Card title={`Positions (${data.positions.length})`}>
        <PositionsTable positions={data.positions} />
      </Card>
      <RiskCard risk={data.risk} dailyLoss={data.daily_loss} />
      <Card title="Circuit">
        <TableBox>
          <table data-testid="circuit">
            <thead>
              <tr>
                <th>Venue</th>
                <th>Health</th>
                <th>State</th>
                <th>Failures</th>
                <th>Last failure</th>
              </tr>
            </thead>
            <tbody>
              <BreakerRow
                name={`${data.circuit.exchange} market data`}
                breaker={data.circuit.breakers.market_data}
              />
              <BreakerRow name={`${data.circuit.exchange} orders`} breaker={data.circuit.breakers.orders} />
            </tbody>
          </table>
        </TableBox>
        {data.circuit.note !== null && <p class="muted small">{data.circuit.note}</p>}
      </Card>
      <Card title="Loops">
        <ul class="plain" data-testid="loops">
          {data.loops.map((loop) => (
            <li key={loop.name} class={loop.ok ? '' : 'neg'} data-testid={`loop-${loop.name}`}>
              {loop.ok ? '✓' : '✗'} {loop.name}:{' '}
              {loop.last_at === null ? 'never' : `${formatAge(ageOf(loop.last_at, now) ?? loop.age_ms)} ago`}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Reconciliation">
        {data.reconciliation === null ? (
          <p class="muted">none yet</p>
        ) : (
          <p class={data.reconciliation.ok ? '' : 'neg'} data-testid="reconciliation">
            {data.reconciliation.ok ? 'OK' : 'MISMATCH'} · {formatTime(data.reconciliation.last_at)} ·{' '}
            {data.reconciliation.detail}
          </p>
        )}
      </Card>
    </div>
  );
}

function Tile({
  label,
  value,
  testid,
  tone = '',
}: {
  label: string;
  value: string;
  testid: string;
  tone?: string;
}) {
  return (
    <div class="tile">
      <span class="muted small">{label}</span>
      <span class={`big ${tone}`} data-testid={testid}>
        {value}
      </span>
    </div>
  );
}

export function PositionsTable({ positions }: { positions: Position[] }) {
  if (positions.length === 0)
    return (
      <p class="muted" data-testid="no-positions">
        No open positions.
      </p>
    );
  return (
    <TableBox>
      <table data-testid="positions">
        <thead>
          <tr>
            <th>Symbol</th>
            <th class="num">Size</th>
            <th class="num">Avg cost</th>
            <th class="num">Bid</th>
            <th class="num">Value</th>
            <th class="num">Unreal. P&L</th>
            <th class="num">%</th>
            <th class="num">Hard stop</th>
            <th class="num">Soft stop</th>
            <th class="num">Trailing</th>
            <th class="num">Price age</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((position) => (
            <tr key={position.symbol} data-testid={`position-row-${slugOf(position.symbol)}`}>
              <td>
                <SymbolLink symbol={position.symbol} />
              </td>
              <td class="num">{formatAmount(position.size)}</td>
              <td class="num">{formatPrice(position.average_cost)}</td>
              <td class="num">{formatPrice(position.bid)}</td>
              <td class="num">{formatUsd(position.market_value_usd)}</td>
              <td class={`num ${pnlClass(position.unrealized_pnl_usd)}`}>
                {formatPnl(position.unrealized_pnl_usd)}
              </td>
              <td class={`num ${pnlClass(position.unrealized_pnl_pct)}`}>
                {formatPct(position.unrealized_pnl_pct)}
              </td>
              <td class="num">{formatPrice(position.hard_stop_price)}</td>
              <td class="num">{formatPrice(position.soft_stop_price)}</td>
              <td class="num">{formatPrice(position.trailing_stop_price)}</td>
              <td
                class={`num ${position.price_stale || position.price_unavailable !== null ? 'stale-cell' : ''}`}
                data-testid={position.price_stale ? 'price-stale' : undefined}
                title={position.price_unavailable ?? undefined}
              >
                {position.price_unavailable !== null
                  ? 'no price'
                  : `${formatAge(position.price_age_ms)}${position.price_stale ? ' stale' : ''}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

function RiskCard({ risk, dailyLoss }: { risk: Risk; dailyLoss: Overview['daily_loss'] }) {
  const guardSources = (['env', 'file', 'api'] as const).filter((source) => risk.buy_guard[source]);
  const reducing = Object.entries(risk.reducing_symbols);
  return (
    <Card title="Risk">
      <dl class="facts" data-testid="risk">
        <dt>Trading state</dt>
        <dd>
          {risk.trading_state}
          {risk.trading_state_change !== null && (
            <span class="muted small">
              {' '}
              by {risk.trading_state_change.by}: {risk.trading_state_change.reason}
            </span>
          )}
        </dd>
        <dt>Buy guard</dt>
        <dd data-testid="buy-guard" class={risk.buy_guard.active ? 'neg' : ''}>
          {risk.buy_guard.active ? `ON (${guardSources.join(', ')})` : 'off'}
        </dd>
        <dt>Exchange health</dt>
        <dd>{risk.exchange_health}</dd>
        <dt>Reducing symbols</dt>
        <dd>
          {reducing.length === 0
            ? 'none'
            : reducing.map(([symbol, why]) => (
                <div key={symbol}>
                  {symbol}: <span class="muted">{why}</span>
                </div>
              ))}
        </dd>
        <dt>Entries held because</dt>
        <dd>{risk.entries_held_because ?? '–'}</dd>
        <dt>Daily loss used</dt>
        <dd data-testid="daily-loss">
          {formatUsd(dailyLoss.used_usd)} of{' '}
          {dailyLoss.limit_usd === null ? 'no limit' : formatUsd(dailyLoss.limit_usd)}
        </dd>
      </dl>
    </Card>
  );
}

function BreakerRow({ name, breaker }: { name: string; breaker: Breaker }) {
  return (
    <tr>
      <td>{name}</td>
      <td class={breaker.health === 'HEALTHY' ? 'pos' : 'neg'}>{breaker.health}</td>
      <td>{breaker.state ?? '–'}</td>
      <td class="num">{breaker.consecutive_failures ?? '–'}</td>
      <td>
        {breaker.last_failure ?? '–'}
        {breaker.last_failure_at !== null && (
          <span class="muted small"> {formatTime(breaker.last_failure_at)}</span>
        )}
      </td>
    </tr>
  );
}
