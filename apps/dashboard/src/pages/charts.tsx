// `#/charts`: cumulative realised P&L as a line, and a symbol's candles with entry/exit markers and
// its stop levels as price lines (lightweight-charts v5). Decimal strings become numbers here only,
// for drawing.
import {
  type AutoscaleInfo,
  type CandlestickData,
  CandlestickSeries,
  type ChartOptions,
  ColorType,
  createChart,
  createSeriesMarkers,
  type DeepPartial,
  type IChartApi,
  LineSeries,
  LineStyle,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { withQuery } from '../api';
import { Card, ErrorLine, Loading, symbolOf } from '../components';
import { useGet } from '../hooks';
import { routeQuery } from '../route';
import type { Candles, Position } from '../types';

const timeframes = ['5m', '15m', '1h', '4h', '1d'];
const stopColors = { hard: '#e5484d', soft: '#f5a524', trailing: '#8e7cff' } as const;

const chartOptions: DeepPartial<ChartOptions> = {
  autoSize: true,
  layout: { background: { type: ColorType.Solid, color: '#12161c' }, textColor: '#c9d1d9' },
  grid: { vertLines: { color: '#1e242c' }, horzLines: { color: '#1e242c' } },
  timeScale: { timeVisible: true },
};

export function ChartsPage() {
  const positions = useGet<{ items: Position[] }>('/api/positions');
  const initial = routeQuery().get('symbol');
  const [symbol, setSymbol] = useState(initial === null ? '' : symbolOf(initial));
  const [timeframe, setTimeframe] = useState('1h');
  const choices = [
    ...new Set([...(positions.data?.items.map((one) => one.symbol) ?? []), symbol].filter(Boolean)),
  ];
  useEffect(() => {
    const first = positions.data?.items[0];
    if (symbol === '' && first !== undefined) setSymbol(first.symbol);
  }, [positions.data, symbol]);

  return (
    <div class="stack">
      <Card title="Realised P&L (cumulative)">
        <EquityChart />
      </Card>
      <Card title="Candles">
        <div class="filters">
          <label>
            Symbol
            <input
              list="chart-symbols"
              data-testid="chart-symbol"
              placeholder="BTC/USD"
              value={symbol}
              onChange={(event) => setSymbol(event.currentTarget.value.trim().toUpperCase())}
            />
            <datalist id="chart-symbols">
              {choices.map((one) => (
                <option key={one} value={one} />
              ))}
            </datalist>
          </label>
          <label>
            Timeframe
            <select
              data-testid="chart-timeframe"
              value={timeframe}
              onChange={(event) => setTimeframe(event.currentTarget.value)}
            >
              {timeframes.map((one) => (
                <option key={one} value={one}>
                  {one}
                </option>
              ))}
            </select>
          </label>
        </div>
        {symbol === '' ? (
          <p class="muted">Pick a symbol.</p>
        ) : (
          <CandleChart symbol={symbol} timeframe={timeframe} />
        )}
      </Card>
    </div>
  );
}

function EquityChart() {
  const equity = useGet<{ points: { time: number; realized_pnl_usd: string }[] }>('/api/charts/equity');
  const box = useRef<HTMLDivElement>(null);
  const points = equity.data?.points;
  useEffect(() => {
    if (box.current === null || points === undefined) return;
    const chart = createChart(box.current, chartOptions);
    const line = chart.addSeries(LineSeries, { color: '#3fb950', lineWidth: 2 });
    line.setData(
      points.map((point) => ({ time: point.time as UTCTimestamp, value: Number(point.realized_pnl_usd) })),
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points]);
  return (
    <>
      <Loading when={equity.loading && points === undefined} />
      <ErrorLine message={equity.error} />
      {points !== undefined && points.length === 0 && <p class="muted">No realised P&L yet.</p>}
      <div class="chart" ref={box} data-testid="equity-chart" />
    </>
  );
}

function CandleChart({ symbol, timeframe }: { symbol: string; timeframe: string }) {
  const candles = useGet<Candles>(withQuery('/api/charts/candles', { symbol, timeframe, limit: 300 }));
  const box = useRef<HTMLDivElement>(null);
  const data = candles.data;
  useEffect(() => {
    if (box.current === null || data === undefined) return;
    const stopPrices = data.stops.map((stop) => Number(stop.price)).filter(Number.isFinite);
    const chart: IChartApi = createChart(box.current, chartOptions);
    const series = chart.addSeries(CandlestickSeries, {
      upColor: '#3fb950',
      downColor: '#e5484d',
      wickUpColor: '#3fb950',
      wickDownColor: '#e5484d',
      borderVisible: false,
      // Keep every stop level in view, not only the candles' range.
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => withStops(original(), stopPrices),
    });
    series.setData(
      data.candles.map(
        (candle): CandlestickData<Time> => ({
          time: candle.time as UTCTimestamp,
          open: Number(candle.open),
          high: Number(candle.high),
          low: Number(candle.low),
          close: Number(candle.close),
        }),
      ),
    );
    const markers: SeriesMarker<Time>[] = [...data.markers]
      .sort((left, right) => left.time - right.time)
      .map((marker) =>
        marker.kind === 'entry'
          ? {
              time: marker.time as UTCTimestamp,
              position: 'belowBar',
              shape: 'arrowUp',
              color: '#3fb950',
              text: marker.text,
            }
          : {
              time: marker.time as UTCTimestamp,
              position: 'aboveBar',
              shape: 'arrowDown',
              color: '#e5484d',
              text: marker.text,
            },
      );
    createSeriesMarkers(series, markers);
    for (const stop of data.stops) {
      series.createPriceLine({
        price: Number(stop.price),
        color: stopColors[stop.kind],
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
        title: `${stop.kind} stop`,
      });
    }
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [data]);
  return (
    <>
      <Loading when={candles.loading && data === undefined} />
      <ErrorLine message={candles.error} />
      {data !== undefined && data.candles.length === 0 && <p class="muted">No candles for {symbol}.</p>}
      <div class="chart" ref={box} data-testid="candle-chart" />
    </>
  );
}

/** The candles' price range widened to include `prices`. */
function withStops(info: AutoscaleInfo | null, prices: number[]): AutoscaleInfo | null {
  if (info === null || info.priceRange === null || prices.length === 0) return info;
  const { minValue, maxValue } = info.priceRange;
  return {
    ...info,
    priceRange: { minValue: Math.min(minValue, ...prices), maxValue: Math.max(maxValue, ...prices) },
  };
}
