// What a sole writer (a backtest in its own database: no other replica, no import, no operator) knows
// without reading: the account's ledger changes only when this process records fills, and a protective
// stop's row only through this sentinel's order calls (the keeper's places and cancels, an exit's
// cancel of the symbol's orders) or the recording of its fills (after which the fill sync refreshes
// the orders those fills touched, before the next sweep). Counting those writes tells a sweep when
// what it kept from an earlier read may be out of date.
import type { OrderExecutor } from '../../execution/order-executor.js';

/** The order calls the exit executor and the protective-stop keeper make. */
export type SentinelOrderCalls = Pick<OrderExecutor, 'writeIntent' | 'submit' | 'cancel'>;

/** A sole writer's counts of its own writes. */
export class SoleWriterCounts {
  readonly #ledgerWrites: () => number;
  #orderCalls = 0;

  /** `ledgerWrites`: how many times this process has written the account's ledger (FillRecorder.writes). */
  constructor(ledgerWrites: () => number) {
    this.#ledgerWrites = ledgerWrites;
  }

  /** `executor` with each call counted when it ends, whatever its outcome. */
  counted(executor: SentinelOrderCalls): SentinelOrderCalls {
    const count = <T>(call: Promise<T>): Promise<T> =>
      call.finally(() => {
        this.#orderCalls += 1;
      });
    return {
      writeIntent: (intent) => count(executor.writeIntent(intent)),
      submit: (clientOrderId, entryTimeoutMs) => count(executor.submit(clientOrderId, entryTimeoutMs)),
      cancel: (clientOrderId, reason) => count(executor.cancel(clientOrderId, reason)),
    };
  }

  /** Changes whenever a protective stop's row may have (its order calls, the ledger's fills). */
  stopsVersion(): string {
    return `${this.#ledgerWrites()}:${this.#orderCalls}`;
  }
}
