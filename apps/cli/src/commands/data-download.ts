// `data download --exchange E --symbols A,B --timeframe TF --since DATE [--until DATE] [--dir DIR]`:
// closed candles from the venue's public market data into one CSV per market (data/candle-file.ts),
// resumable, gaps listed. Files rather than a table: the backtest and `signals --candles` read files,
// and nothing offline needs a database. No keys: candles are public.
import { HooklineError, SystemClock } from '@hookline/core';
import { CcxtExchange, type ExchangePort, SymbolResolver } from '@hookline/exchange';
import { type CandleGap, downloadSymbol, type SymbolDownload } from '../data/candle-download.js';
import { candleFilePath, isoTime } from '../data/candle-file.js';
import { candlePageLimits, type DownloadArguments } from '../data/download-arguments.js';

/** What the command runs against; tests give a local venue and a fixed now. */
export interface DownloadDependencies {
  readonly exchange?: ExchangePort;
  readonly nowMs?: number;
  readonly write?: (text: string) => void;
  readonly writeError?: (text: string) => void;
}

/** Downloads every symbol; exit 0 when all completed (gaps are listed, not failures), 1 otherwise. */
export async function runDataDownload(
  request: DownloadArguments,
  dependencies: DownloadDependencies = {},
): Promise<number> {
  const write = dependencies.write ?? ((text: string) => process.stdout.write(text));
  const writeError = dependencies.writeError ?? ((text: string) => process.stderr.write(text));
  const exchange = dependencies.exchange ?? publicExchange(request.exchange);
  try {
    let resolver: SymbolResolver;
    try {
      resolver = new SymbolResolver(await exchange.fetchMarkets());
    } catch (error) {
      writeError(`${request.exchange}: cannot read the markets: ${errorText(error)}\n`);
      return 1;
    }
    let failed = 0;
    for (const symbol of request.symbols) {
      const market = resolver.find(symbol);
      if (market === undefined) {
        writeError(`${symbol}: ${request.exchange} has no such market\n`);
        failed += 1;
        continue;
      }
      const file = candleFilePath(request.dir, market.base, market.quote, request.timeframe);
      let outcome: SymbolDownload;
      try {
        outcome = await downloadSymbol(exchange, {
          symbol: market.symbol,
          timeframe: request.timeframe,
          sinceMs: request.sinceMs,
          untilMs: request.untilMs,
          file,
          pageLimit: candlePageLimits[request.exchange],
          nowMs: dependencies.nowMs ?? Date.now(),
        });
      } catch (error) {
        // The file is not one to append to (it does not parse): nothing was fetched or written.
        if (!(error instanceof HooklineError)) throw error;
        writeError(`${market.symbol}: ${error.message}\n`);
        failed += 1;
        continue;
      }
      write(summary(market.symbol, file, outcome, request.exchange));
      if (outcome.error !== undefined) {
        failed += 1;
        writeError(
          `${market.symbol}: stopped: ${errorText(outcome.error)}; the complete pages are kept in ${file}, ` +
            'run the command again to continue\n',
        );
      }
    }
    return failed === 0 ? 0 : 1;
  } finally {
    if (dependencies.exchange === undefined) await exchange.close();
  }
}

/** The venue's public REST (EXCHANGE_REST_URL overrides its base), behind the gateway's rate budget. */
function publicExchange(venue: DownloadArguments['exchange']): ExchangePort {
  const rest = process.env.EXCHANGE_REST_URL?.trim();
  return new CcxtExchange({
    venue,
    clock: new SystemClock(),
    ...(rest === undefined || rest === '' ? {} : { urls: { rest } }),
  });
}

function summary(symbol: string, file: string, outcome: SymbolDownload, venue: string): string {
  const range =
    outcome.firstMs === undefined || outcome.lastMs === undefined
      ? ''
      : ` (${isoTime(outcome.firstMs)} to ${isoTime(outcome.lastMs)})`;
  const resumed =
    outcome.resumedAfterMs === undefined ? '' : `, resumed after ${isoTime(outcome.resumedAfterMs)}`;
  const lines = [`${symbol} → ${file}: ${outcome.written} candles written${range}${resumed}`];
  for (const gap of outcome.gaps) lines.push(`  ${gapText(gap)} (not returned by ${venue})`);
  return `${lines.join('\n')}\n`;
}

function gapText(gap: CandleGap): string {
  const count = `${gap.count} candle${gap.count === 1 ? '' : 's'}`;
  return gap.count === 1
    ? `gap: ${count} missing at ${isoTime(gap.fromMs)}`
    : `gap: ${count} missing from ${isoTime(gap.fromMs)} to ${isoTime(gap.toMs)}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
