// `#/matrix`: sighook's latest row per symbol as a heat map (each indicator coloured within its column),
// buy/sell scores, action and age; refused rows with their reason.
import { Card, ErrorLine, Loading, SymbolLink, TableBox } from '../components';
import { ageOf, formatAge, formatPrice } from '../format';
import { useGet, useNow } from '../hooks';
import type { Matrix, MatrixRow } from '../types';

const indicators = [
  'rsi',
  'macd',
  'macd_signal',
  'macd_histogram',
  'bb_upper',
  'bb_middle',
  'bb_lower',
  'atr',
  'roc',
  'ema_fast',
  'ema_slow',
  'volume_ratio',
] as const;

export function MatrixPage() {
  const matrix = useGet<Matrix>('/api/matrix');
  const now = useNow();
  if (matrix.status === 404)
    return (
      <p class="muted" data-testid="matrix-not-served">
        matrix not served
      </p>
    );
  const data = matrix.data;
  if (data === undefined)
    return (
      <>
        <Loading when={matrix.loading} />
        <ErrorLine message={matrix.error} />
      </>
    );
  const columns = indicators.map((name) => ({
    name,
    value: (row: MatrixRow) => row.indicators[name] ?? null,
  }));
  const score = (row: MatrixRow) => row.buy_score;
  const sell = (row: MatrixRow) => row.sell_score;
  return (
    <div class="stack">
      <div class="row-between">
        <p class="muted small">Rows older than {formatAge(data.max_age_ms)} are refused.</p>
        <button type="button" data-testid="matrix-reload" onClick={matrix.reload}>
          Reload
        </button>
      </div>
      <ErrorLine message={matrix.error} />
      <Card title={`Signal matrix (${data.rows.length})`}>
        <TableBox>
          <table class="heat" data-testid="matrix">
            <thead>
              <tr>
                <th>Symbol</th>
                <th>Action</th>
                <th class="num">Buy</th>
                <th class="num">Sell</th>
                {columns.map((column) => (
                  <th key={column.name} class="num">
                    {column.name}
                  </th>
                ))}
                <th class="num">Age</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.symbol} data-testid={`matrix-row-${row.symbol.replaceAll('/', '-')}`}>
                  <td>
                    <SymbolLink symbol={row.symbol} /> <span class="muted small">{row.timeframe}</span>
                  </td>
                  <td class={`action-${row.action}`}>{row.action}</td>
                  <HeatCell rows={data.rows} row={row} value={score} hue="green" />
                  <HeatCell rows={data.rows} row={row} value={sell} hue="red" />
                  {columns.map((column) => (
                    <HeatCell key={column.name} rows={data.rows} row={row} value={column.value} hue="blue" />
                  ))}
                  <td class="num">{formatAge(ageOf(row.computed_at, now))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </Card>
      {data.refused.length > 0 && (
        <Card title={`Refused (${data.refused.length})`}>
          <ul class="plain" data-testid="matrix-refused">
            {data.refused.map((refused) => (
              <li key={refused.symbol}>
                <strong>{refused.symbol}</strong> {refused.refusal}:{' '}
                <span class="muted">{refused.detail}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

const hues = { green: '34, 160, 90', red: '200, 60, 60', blue: '60, 120, 220' };

/** One cell shaded by where its value lies between the column's lowest and highest (drawing only). */
function HeatCell({
  rows,
  row,
  value,
  hue,
}: {
  rows: MatrixRow[];
  row: MatrixRow;
  value(row: MatrixRow): string | null;
  hue: keyof typeof hues;
}) {
  const text = value(row);
  if (text === null) return <td class="num muted">–</td>;
  const numbers = rows
    .map(value)
    .filter((one): one is string => one !== null)
    .map(Number);
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  const share = high === low ? 0.5 : (Number(text) - low) / (high - low);
  return (
    <td class="num" style={{ background: `rgba(${hues[hue]}, ${(0.1 + share * 0.6).toFixed(2)})` }}>
      {formatPrice(text)}
    </td>
  );
}
