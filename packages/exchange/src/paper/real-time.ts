// The only paper-exchange file that touches real timers: wiring for a running process. The
// simulation itself only reads the injected Clock, so tests drive it with a TestClock instead.

/** Waits for real (the default latency wait of the paper exchange in a running process). */
export function realTimeWait(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Something whose market moves when ticked (the paper exchange). */
export interface Tickable {
  tick(): void;
  /** Reads a real venue's latest prices, then ticks (a paper exchange on live prices). */
  refreshPrices?(): Promise<void>;
}

/**
 * Ticks the exchange every `intervalMs` of real time, so that tickers and fills are pushed even
 * while nobody calls it (the embedded default); returns the function that stops it. An exchange on a
 * venue's prices reads them first; a tick that finds the previous read still running is skipped.
 */
export function startTicking(exchange: Tickable, intervalMs = 1_000): () => void {
  let reading = false;
  const tickOnce = () => {
    if (exchange.refreshPrices === undefined) return exchange.tick();
    if (reading) return;
    reading = true;
    exchange
      .refreshPrices()
      .catch(() => undefined)
      .finally(() => {
        reading = false;
      });
  };
  const timer = setInterval(tickOnce, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
