// What the sentinel asks of its collaborators: the exit executor (one exit per position, driven one
// step per sweep) and the operator's controls (read for the cap, written to HALT).
import type { Market } from '@hookline/exchange';
import type { OperatorChange } from '../../controls/operator-change.js';
import type { RiskControls } from '../../execution/risk-snapshot.js';
import type { TradingState } from '../../rules/index.js';
import type { SharedExitReads, StartExitRequest, StartExitResult } from '../executor/exit-executor.js';

/** The exit executor as Exits uses it (ExitExecutor; tests may pass a recording fake). */
export interface SentinelExits {
  /** Starts one exit; records its own decision row (ORDERED, or why not). */
  start(request: StartExitRequest): Promise<StartExitResult>;
  /** Drives every working exit one step (called first in every sweep). */
  advance(): Promise<readonly unknown[]>;
  /** Symbols with an exit still working. */
  activeExitSymbols(): Promise<ReadonlySet<string>>;
  /** Reads once for many exits started together (ExitExecutor.readShared); absent: each exit reads alone. */
  readShared?(
    symbols: readonly string[],
    reason: string,
    markets?: readonly Market[],
  ): Promise<SharedExitReads>;
}

/** The operator's controls as the sentinel uses them (TradingControls satisfies it). */
export interface SentinelControls {
  /** The switches as they apply to an exit on `symbol`. */
  riskControls(symbol?: string): Promise<RiskControls>;
  /** Changes the trading state for every replica (the cap HALTs with a message for the operator). */
  setTradingState(state: TradingState, change: OperatorChange): Promise<unknown>;
}

/** Controls kept in memory (replay, tests without Redis): ACTIVE until set. */
export class MemorySentinelControls implements SentinelControls {
  #state: TradingState = 'ACTIVE';
  #lastChange: OperatorChange | undefined;

  /** The last change written (the HALT message of the cap). */
  get lastChange(): OperatorChange | undefined {
    return this.#lastChange;
  }

  async riskControls(): Promise<RiskControls> {
    return {
      tradingState: this.#state,
      buyGuard: { env: false, file: false, api: false },
      exchangeHealth: 'HEALTHY',
    };
  }

  async setTradingState(state: TradingState, change: OperatorChange): Promise<void> {
    this.#state = state;
    this.#lastChange = change;
  }
}
