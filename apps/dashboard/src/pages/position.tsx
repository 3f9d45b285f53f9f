// `#/position/BTC-USD`: one position with its open lots, trailing stop, fills and exits.
import { withQuery } from '../api';
import { Card, ErrorLine, JsonDetails, Loading, symbolOf, TableBox } from '../components';
import { formatAmount, formatPnl, formatPrice, formatTime, formatUsd, pnlClass } from '../format';
import { useGet } from '../hooks';
import { useLive } from '../live';
import type { PositionDetail, SweepEvent } from '../types';
import { FillsTable } from './orders';
import { PositionsTable } from './overview';

export function PositionPage({ slug }: { slug: string }) {
  const symbol = symbolOf(slug);
  const detail = useGet<PositionDetail>(withQuery('/api/positions/detail', { symbol }));
  useLive<SweepEvent>('sweep', (sweep) => {
    const position = sweep.positions.find((one) => one.symbol === symbol) ?? null;
    detail.set((data) => ({ ...data, position }));
  });
  const data = detail.data;
  return (
    <div class="stack">
      <h1>
        {symbol}{' '}
        <a href={`#/charts?symbol=${encodeURIComponent(slug)}`} class="small">
          chart
        </a>
      </h1>
      <Loading when={detail.loading && data === undefined} />
      <ErrorLine message={detail.error} />
      {data !== undefined && (
        <>
          <Card title="Position">
            {data.position === null ? (
              <p class="muted">Not open.</p>
            ) : (
              <PositionsTable positions={[data.position]} />
            )}
          </Card>
          <Card title="Trailing stop">
            {data.trailing === null ? (
              <p class="muted">none</p>
            ) : (
              <p data-testid="trailing">
                stop {formatPrice(data.trailing.stop_price)} · high {formatPrice(data.trailing.high)} ·
                updated {formatTime(data.trailing.updated_at)}
              </p>
            )}
          </Card>
          <Card title={`Open lots (${data.lots.length})`}>
            <TableBox>
              <table data-testid="lots">
                <thead>
                  <tr>
                    <th>Opened</th>
                    <th class="num">Amount</th>
                    <th class="num">Remaining</th>
                    <th class="num">Price</th>
                    <th class="num">Cost</th>
                  </tr>
                </thead>
                <tbody>
                  {data.lots.map((lot) => (
                    <tr key={`${lot.opened_at}-${lot.amount}`}>
                      <td>{formatTime(lot.opened_at)}</td>
                      <td class="num">{formatAmount(lot.amount)}</td>
                      <td class="num">{formatAmount(lot.remaining)}</td>
                      <td class="num">{formatPrice(lot.price)}</td>
                      <td class="num">{formatUsd(lot.cost_usd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          </Card>
          <Card title={`Exits (${data.exits.length})`}>
            {data.exits.length === 0 ? (
              <p class="muted">No exits.</p>
            ) : (
              <TableBox>
                <table data-testid="exits">
                  <thead>
                    <tr>
                      <th>Started</th>
                      <th>Reason</th>
                      <th>Trigger</th>
                      <th>Outcome</th>
                      <th class="num">Target</th>
                      <th class="num">Filled</th>
                      <th class="num">Avg price</th>
                      <th class="num">P&L</th>
                      <th>Inputs</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.exits.map((exit) => (
                      <tr key={exit.id} data-testid="exit-row">
                        <td>{formatTime(exit.started_at)}</td>
                        <td>{exit.exit_reason}</td>
                        <td>{exit.trigger}</td>
                        <td title={exit.detail ?? undefined}>{exit.outcome}</td>
                        <td class="num">{formatAmount(exit.target_amount)}</td>
                        <td class="num">{formatAmount(exit.filled_amount)}</td>
                        <td class="num">{formatPrice(exit.average_price)}</td>
                        <td class={`num ${pnlClass(exit.realized_pnl_usd)}`}>
                          {formatPnl(exit.realized_pnl_usd)}
                        </td>
                        <td>
                          <JsonDetails value={exit.rule_inputs} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
            )}
          </Card>
          <Card title={`Fills (${data.fills.length})`}>
            <FillsTable fills={data.fills} />
          </Card>
        </>
      )}
    </div>
  );
}
