// One sweep of one account: drive the working exits one step, load (markets, positions, states,
// quotes, matrix rows), evaluate every position with the pure rules, persist the states that
// changed in one write, then act: start the exits that fired, record the sells that did not happen,
// and enforce the position cap. A failure on one position is recorded and the others go on. What the
// sweep remembers (dedup, back-off, dust, the cap's phase) is read from sentinel_memory at the start
// and written back at the end, so the next sweep — of this replica or of the one that takes the
// lease over — continues from it.

import { performance } from 'node:perf_hooks';
import type { Clock, Decimal, ExitReason } from '@hookline/core';
import type { Balances, ExchangePort, Market, QuoteSource } from '@hookline/exchange';
import { type MatrixReader, ParsedMatrixRows } from '@hookline/runtime';
import { type OpenPosition, PositionStateStore, type Store, type StoredPositionState } from '@hookline/store';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TradingEvents } from '../../notify/event-publisher.js';
import { defaultCashCurrencies } from '../../reconciler/holdings-check.js';
import type { RuleInputs } from '../../rules/index.js';
import type { StartExitResult } from '../executor/exit-start.js';
import type { Exits } from '../executor/exits.js';
import type { ExitSettings } from '../exit-settings.js';
import { type CapOutcome, type CapPosition, PositionCap } from '../position-cap.js';
import type { ProtectiveStopKeeper } from '../protective-stops/protective-stop-keeper.js';
import {
  evaluatePositions,
  type PositionEvaluation,
  type PositionEvaluationInput,
} from '../rules/evaluate-positions.js';
import { ACCOUNT_WIDE, type SentinelMemory } from '../sentinel-memory.js';
import { type NotSoldEvent, WhyNotSoldRecorder } from '../why-not-sold.js';
import { keptPositions } from './kept-positions.js';
import type { SentinelControls } from './sentinel-ports.js';
import { loadSweepInputs, marketViewOf, type SweepInputs, type SweepSources } from './sweep-inputs.js';
import { emptySweepDraft, type SweepDraft, type SweepPhases, type SweepReport } from './sweep-report.js';

/** What a sweep is built from. */
export interface SentinelSweepOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  /** The quote cache the sweep reads every held symbol from. */
  readonly quotes: QuoteSource;
  /** undefined: no matrix rows (replay). */
  readonly redis: Redis | undefined;
  /** Redis key prefix of sighook's matrix rows (default `hookline`). */
  readonly matrixPrefix?: string;
  /** Where matrix rows are read instead of Redis (a backtest). */
  readonly matrix?: MatrixReader | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: ExitSettings;
  /** Where every exit of the sweep and the cap starts. */
  readonly exits: Exits;
  /** Keeps the exchange-resident stops after every sweep; undefined = none (off, or no venue support). */
  readonly protectiveStops?: ProtectiveStopKeeper | undefined;
  readonly controls: SentinelControls;
  /** The memory shared with `exits` (its back-off and dust flags). */
  readonly memory: SentinelMemory;
  /** Where the position cap's HALT is told (default: nowhere). */
  readonly events?: TradingEvents;
  /**
   * True when nothing but this process writes the account's rows (a backtest's own database): the
   * position states it wrote are not read again (see SentinelOptions.soleWriter).
   */
  readonly soleWriter?: boolean;
  /**
   * With soleWriter: this process's count of its ledger writes, which stands for the account's ledger
   * version (kept-positions.ts); without it the version is read from the database.
   */
  readonly ledgerWrites?: () => number;
  /**
   * The sentinel lease's current holding (Lease.term): while it lasts, only this sweep writes the
   * account's position states, so it keeps them instead of reading them back every sweep.
   */
  readonly writerTerm?: () => number | undefined;
  /** Monotonic milliseconds for the report's phaseMs (default performance.now). */
  readonly timer?: () => number;
}

/** A position ready for the rules, with the flags the sentinel adds. */
interface PreparedPosition {
  readonly row: OpenPosition;
  readonly stored: StoredPositionState | undefined;
  readonly hodl: boolean;
  readonly dust: boolean;
  readonly input: PositionEvaluationInput;
}

/** Markets change rarely (listings, precision): read them once per this long, not per sweep. */
const MARKETS_TTL_MS = 5 * 60_000;

/** The sweep of one account; keeps its memory (dedup, back-off, dust, cap) across sweeps in sentinel_memory. */
export class SentinelSweep {
  readonly #options: SentinelSweepOptions;
  readonly #sources: SweepSources;
  readonly #recorder: WhyNotSoldRecorder;
  readonly #cap: PositionCap;
  #markets: { readonly atMs: number; readonly markets: readonly Market[] } | undefined;
  /** This sweep's read of the venue's balances (cap and keeper), once it is asked for. */
  #balances: Promise<Balances> | undefined;

  constructor(options: SentinelSweepOptions) {
    this.#options = options;
    const { store, clock, logger, settings } = options;
    const account = settings.account;
    const states = new PositionStateStore(store, {
      writerTerm: options.soleWriter === true ? () => 0 : (options.writerTerm ?? (() => undefined)),
    });
    const positions = keptPositions(store, options.soleWriter === true ? options.ledgerWrites : undefined);
    this.#sources = {
      ...options,
      matrixPrefix: options.matrixPrefix ?? 'hookline',
      parsedRows: new ParsedMatrixRows(),
      store,
      states,
      positions,
    };
    this.#recorder = new WhyNotSoldRecorder({
      store,
      account,
      clock,
      logger,
      repeatMs: settings.whyNotSold.repeatMs,
      memory: options.memory,
      ...(options.events === undefined ? {} : { events: options.events }),
    });
    this.#cap = new PositionCap({
      settings: settings.cap,
      store,
      account,
      clock,
      logger,
      controls: options.controls,
      balances: () => this.#balancesOfSweep(),
      memory: options.memory,
      cashCurrencies: [...new Set([...defaultCashCurrencies, ...store.usdCurrencies])],
      hodlAssets: settings.hodlAssets,
      ...(options.events === undefined ? {} : { events: options.events }),
    });
  }

  /** One sweep; throws only when the account's positions cannot be read at all. */
  async run(): Promise<SweepReport> {
    // Acting matters more than remembering: unread, the sweep goes on with what this process knows.
    await this.#options.memory
      .load()
      .catch((error: unknown) =>
        this.#options.logger.error({ err: error }, 'exit sentinel: its memory was not read'),
      );
    try {
      return await this.#sweep();
    } finally {
      await this.#options.memory
        .flush()
        .catch((error: unknown) =>
          this.#options.logger.error({ err: error }, 'exit sentinel: its memory was not saved'),
        );
    }
  }

  // The venue's balances, read at most once a sweep: the cap and then the keeper look at the same
  // read (a second REST call a sweep would only cost rate limit; what changes between the two is the
  // coins of exits started by the cap, and the keeper leaves an exiting position's stop alone).
  #balancesOfSweep(): Promise<Balances> {
    this.#balances ??= this.#options.exchange.fetchBalances();
    return this.#balances;
  }

  async #sweep(): Promise<SweepReport> {
    const { clock, settings } = this.#options;
    this.#balances = undefined;
    const draft = emptySweepDraft(clock.now());
    const phase = phaseTimer(draft, this.#options.timer ?? performance.now.bind(performance));
    await phase('advance', () => this.#advanceExits());
    const markets = await phase('markets', () => this.#readMarkets());
    const inputs = await phase('load', () =>
      loadSweepInputs(this.#sources, settings.account, markets, settings.rules.maxSignalAgeMs),
    );
    const { prepared, evaluations } = await phase('evaluate', async () => {
      const prepared = inputs.positions.map((row) => this.#prepare(row, inputs));
      const input = prepared.map((position) => position.input);
      return { prepared, evaluations: evaluatePositions(input, settings.rules, clock.nowMs()) };
    });
    await phase('persist', () => this.#persist(inputs, prepared, evaluations));
    for (const { symbol, verdict } of evaluations) {
      const stop = verdict?.state.trailingStop;
      if (stop !== undefined) draft.trailingStops.push({ symbol, stop });
    }
    const events = await phase('act', () => this.#act(inputs, prepared, evaluations, draft));
    await phase('record', () =>
      this.#recorder
        .record(events)
        .catch((error: unknown) =>
          this.#options.logger.error({ err: error }, 'why-not-sold decisions not written'),
        ),
    );
    draft.cap = await phase('cap', () => this.#enforceCap(inputs, prepared, draft, markets));
    await phase('stops', () => this.#keepProtectiveStops(inputs, prepared, draft));
    this.#forgetClosed(inputs);
    draft.positions = inputs.positions.length;
    draft.finishedAt = clock.now();
    return draft;
  }

  async #advanceExits(): Promise<void> {
    try {
      await this.#options.exits.advance();
    } catch (error) {
      this.#options.logger.error({ err: error }, 'exit sentinel: advancing the working exits failed');
    }
  }

  async #readMarkets(): Promise<readonly Market[]> {
    const nowMs = this.#options.clock.nowMs();
    if (this.#markets !== undefined && nowMs - this.#markets.atMs < MARKETS_TTL_MS)
      return this.#markets.markets;
    try {
      const markets = await this.#options.exchange.fetchMarkets();
      this.#markets = { atMs: nowMs, markets };
      return markets;
    } catch (error) {
      // Exits do not need the market list (the executor reads its own); dust by minimum waits for it.
      this.#options.logger.warn({ err: error }, 'exit sentinel: markets not read; using the last list');
      return this.#markets?.markets ?? [];
    }
  }

  #prepare(row: OpenPosition, inputs: SweepInputs): PreparedPosition {
    const stored = inputs.states.get(row.symbol);
    const hodl = this.#options.settings.hodlAssets.has(row.base);
    const dust = row.dust || this.#options.exits.isDust(row.symbol, row.amount);
    const quote = inputs.quotes.get(row.symbol);
    const ticker = quote === undefined || typeof quote === 'string' ? undefined : quote;
    const position = {
      symbol: row.symbol,
      amount: row.amount,
      averageCost: row.averageCost,
      entryTimeMs: row.entryTimeMs,
      hodl,
      dust,
    };
    const market = ticker === undefined ? undefined : marketViewOf(ticker, inputs.matrix.get(row.symbol));
    const marketProblem = typeof quote === 'string' ? quote : undefined;
    return { row, stored, hodl, dust, input: { position, state: stored?.trailing, market, marketProblem } };
  }

  async #persist(
    inputs: SweepInputs,
    prepared: readonly PreparedPosition[],
    evaluations: readonly PositionEvaluation[],
  ): Promise<void> {
    const changed: StoredPositionState[] = [];
    evaluations.forEach((evaluation, index) => {
      const position = prepared[index] as PreparedPosition;
      const verdict = evaluation.verdict;
      if (verdict === undefined) return;
      const { stored, hodl, dust } = position;
      const flagsChanged = stored !== undefined && (stored.hodl !== hodl || stored.dust !== dust);
      if (verdict.stateChanged || flagsChanged)
        changed.push({ symbol: evaluation.symbol, trailing: verdict.state, hodl, dust });
    });
    const open = new Set(inputs.positions.map((position) => position.symbol));
    const closed = [...inputs.states.keys()].filter((symbol) => !open.has(symbol));
    try {
      await this.#sources.states.sync(
        this.#options.settings.account,
        changed,
        closed,
        this.#options.clock.now(),
      );
    } catch (error) {
      // Acting matters more than remembering: the exits still run; the next sweep writes again.
      this.#options.logger.error(
        { err: error, changed: changed.length },
        'exit sentinel: position states not saved',
      );
    }
  }

  async #act(
    inputs: SweepInputs,
    prepared: readonly PreparedPosition[],
    evaluations: readonly PositionEvaluation[],
    draft: SweepDraft,
  ): Promise<NotSoldEvent[]> {
    const events: NotSoldEvent[] = [];
    for (const [index, evaluation] of evaluations.entries()) {
      const { symbol } = evaluation;
      try {
        if (evaluation.verdict === undefined) throw evaluation.error;
        const verdict = evaluation.verdict;
        if (verdict.kind === 'SKIP') {
          draft.skipped.push({
            symbol,
            code: verdict.code,
            ...(verdict.wouldExit ? { wouldExit: verdict.wouldExit } : {}),
          });
          if (verdict.code === 'STALE_DATA') draft.staleSymbols.push(symbol);
          if (verdict.code === 'STALE_DATA' || verdict.wouldExit !== undefined)
            events.push({
              symbol,
              code: verdict.code,
              wouldExit: verdict.wouldExit,
              ruleInputs: verdict.inputs,
            });
        } else if (verdict.kind === 'EXIT' && !inputs.exiting.has(symbol)) {
          const row = (prepared[index] as PreparedPosition).row;
          await this.#start(row, verdict.reason, verdict.inputs, draft, true);
        }
      } catch (error) {
        events.push(this.#failure(symbol, error, draft));
      }
    }
    return events;
  }

  // The sweep's and the cap's exits, noted in the report; a DUST refusal counts as recorded (the
  // executor wrote its decision), so "why not sold" does not write it again.
  async #start(
    position: { readonly symbol: string; readonly amount: Decimal },
    reason: ExitReason,
    ruleInputs: RuleInputs,
    draft: SweepDraft,
    backOff: boolean,
  ): Promise<StartExitResult | undefined> {
    const { symbol, amount } = position;
    const request = { symbol, reason, positionAmount: amount, ruleInputs };
    const result = await this.#options.exits.start(request, { backOff });
    if (result === undefined) return undefined;
    if (result.kind === 'STARTED') {
      draft.exitsStarted.push(symbol);
      return result;
    }
    draft.notSold.push({ symbol, code: result.code });
    if (result.code === 'DUST') this.#recorder.remember({ symbol, code: 'DUST', wouldExit: reason });
    return result;
  }

  #failure(symbol: string, error: unknown, draft: SweepDraft): NotSoldEvent {
    const message = error instanceof Error ? error.message : String(error);
    draft.errors.push({ symbol, message });
    this.#options.logger.error({ err: error, symbol }, `exit sentinel: ${symbol} failed; the sweep goes on`);
    return { symbol, code: 'SENTINEL_ERROR', wouldExit: undefined, ruleInputs: { error: message } };
  }

  async #enforceCap(
    inputs: SweepInputs,
    prepared: readonly PreparedPosition[],
    draft: SweepDraft,
    markets: readonly Market[],
  ): Promise<CapOutcome | undefined> {
    const stale = new Set(draft.staleSymbols);
    const exitingSymbols = exitingNow(inputs, draft);
    const positions: CapPosition[] = prepared.map(({ row, hodl, dust }) => {
      const quote = inputs.quotes.get(row.symbol);
      const bid: Decimal | undefined =
        typeof quote === 'object' && !stale.has(row.symbol) ? quote.bid : undefined;
      return {
        symbol: row.symbol,
        base: row.base,
        amount: row.amount,
        bid,
        dust: dust || this.#options.exits.isDust(row.symbol, row.amount),
        hodl,
        exiting: exitingSymbols.has(row.symbol),
      };
    });
    try {
      return await this.#cap.enforce(
        positions,
        (position, capInputs) => this.#start(position, 'CAP_ENFORCEMENT', capInputs, draft, false),
        markets,
      );
    } catch (error) {
      this.#options.logger.error({ err: error }, 'exit sentinel: position cap check failed');
      return undefined;
    }
  }

  // After the exits: a position whose exit started or works has its stop canceled, not placed.
  async #keepProtectiveStops(
    inputs: SweepInputs,
    prepared: readonly PreparedPosition[],
    draft: SweepDraft,
  ): Promise<void> {
    const keeper = this.#options.protectiveStops;
    if (keeper === undefined) return;
    const exitingSymbols = exitingNow(inputs, draft);
    const positions = prepared.map(({ row, hodl, dust }) => {
      const quote = inputs.quotes.get(row.symbol);
      const exiting = exitingSymbols.has(row.symbol);
      const bid = typeof quote === 'object' ? quote.bid : undefined;
      return { ...row, hodl, dust, exiting, bid };
    });
    try {
      draft.protectiveStops = await keeper.keep(positions, () => this.#balancesOfSweep());
    } catch (error) {
      this.#options.logger.error({ err: error }, 'exit sentinel: keeping the protective stops failed');
    }
  }

  // A closed position's memory goes (its next position starts fresh: dedup, back-off, dust): every
  // remembered symbol that is not open now, also those a previous leader remembered.
  #forgetClosed(inputs: SweepInputs): void {
    const open = new Set(inputs.positions.map((position) => position.symbol));
    for (const symbol of this.#options.memory.symbols()) {
      if (!open.has(symbol) && symbol !== ACCOUNT_WIDE) this.#options.memory.forgetSymbol(symbol);
    }
  }
}

/** Symbols with an exit working: from before the sweep and started by it (one set, not a scan per position). */
function exitingNow(inputs: SweepInputs, draft: SweepDraft): ReadonlySet<string> {
  return new Set([...inputs.exiting, ...draft.exitsStarted]);
}

/** Runs one step of the sweep and adds its duration to the draft's phaseMs. */
function phaseTimer(draft: SweepDraft, timer: () => number) {
  return async <T>(name: keyof SweepPhases, step: () => Promise<T>): Promise<T> => {
    const started = timer();
    try {
      return await step();
    } finally {
      draft.phaseMs[name] += timer() - started;
    }
  };
}
