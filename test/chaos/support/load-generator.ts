// Posts valid TradingView alerts with bounded concurrency and records every answer. A request that
// gets no answer (connection refused while the process is down, or no answer within the timeout)
// is recorded too: only a 202 promises anything, and the checks hold Hookline to every 202.

/** What one alert got back. */
export interface AlertAnswer {
  /** The alert's own id (the `id` field), unique per load generator. */
  readonly id: string;
  /** HTTP status, or undefined when no answer came. */
  readonly status: number | undefined;
  /** Hookline's alert id from the answer's body, when it had one. */
  readonly alertId: string | undefined;
  /** Why no answer came (connection refused, timeout). */
  readonly error: string | undefined;
  readonly sentAtMs: number;
  readonly answeredAtMs: number;
}

/** The markets the paper exchange offers, as TradingView tickers. */
const TICKERS = ['BTCUSD', 'ETHUSD', 'SOLUSD', 'COINBASE:BTCUSD', 'COINBASE:ETHUSD'];

/** A TradingView buy alert with its own id, carrying the passphrase like the template does. */
export function alertBody(passphrase: string, id: string, index: number): string {
  return JSON.stringify({
    passphrase,
    id,
    ticker: TICKERS[index % TICKERS.length],
    exchange: 'COINBASE',
    action: 'buy',
    time: new Date().toISOString(),
    size: { quote: '25' },
    order_type: 'limit',
  });
}

/** A load generator for one scenario; every alert it sends is in answers(). */
export class LoadGenerator {
  readonly #answers: AlertAnswer[] = [];
  #sequence = 0;

  constructor(
    private readonly options: {
      readonly baseUrl: string;
      readonly passphrase: string;
      /** Prefix of the alert ids, unique per scenario. */
      readonly idPrefix: string;
      /** Give up on one request after this long (default 10 s). */
      readonly requestTimeoutMs?: number;
    },
  ) {}

  /** Every answer so far, in the order they arrived. */
  answers(): readonly AlertAnswer[] {
    return this.#answers;
  }

  /** Hookline's ids of the alerts answered 202. */
  acceptedAlertIds(): string[] {
    return this.#answers.flatMap((answer) =>
      answer.status === 202 && answer.alertId !== undefined ? [answer.alertId] : [],
    );
  }

  /** Counts of answers by status ("none" for no answer). */
  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const answer of this.#answers) {
      const key = answer.status === undefined ? 'none' : String(answer.status);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Sends `count` alerts, at most `concurrency` at a time, and waits for all of their answers. */
  async burst(count: number, concurrency = 8): Promise<AlertAnswer[]> {
    let remaining = count;
    const sent: AlertAnswer[] = [];
    const worker = async () => {
      while (remaining > 0) {
        remaining -= 1;
        sent.push(await this.postOne());
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    return sent;
  }

  /**
   * Keeps `concurrency` senders posting, each pausing `pauseMs` after an answer (so the rate is
   * bounded whether Hookline answers in 2 ms or not at all), until the returned stop() is called;
   * stop() waits for the requests in flight.
   */
  steady(concurrency: number, pauseMs: number): { stop(): Promise<void> } {
    let running = true;
    const sender = async () => {
      while (running) {
        await this.postOne();
        if (running) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    const senders = Array.from({ length: concurrency }, sender);
    return {
      stop: async () => {
        running = false;
        await Promise.all(senders);
      },
    };
  }

  /** Posts one alert and records the answer. */
  async postOne(): Promise<AlertAnswer> {
    const index = this.#sequence++;
    const id = `${this.options.idPrefix}-${index}`;
    const sentAtMs = Date.now();
    let answer: AlertAnswer;
    try {
      const response = await fetch(`${this.options.baseUrl}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: alertBody(this.options.passphrase, id, index),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
      });
      const text = await response.text();
      answer = {
        id,
        status: response.status,
        alertId: alertIdOf(text),
        error: undefined,
        sentAtMs,
        answeredAtMs: Date.now(),
      };
    } catch (error) {
      answer = {
        id,
        status: undefined,
        alertId: undefined,
        error: describeFetchError(error),
        sentAtMs,
        answeredAtMs: Date.now(),
      };
    }
    this.#answers.push(answer);
    return answer;
  }
}

/** The `alertId` of a JSON answer, if it has one. */
export function alertIdOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { alertId?: unknown };
    return typeof body.alertId === 'string' ? body.alertId : undefined;
  } catch {
    return undefined;
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? cause.code : error.name;
}
