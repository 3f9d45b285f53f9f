// A user's `sell` or `exit` alert (TradingView, or any sender of the Hookline template) is executed
// by the exit executor the sentinel uses, with its own exit reason: USER_SELL reduces the position by
// the alert's size (capped at the position), USER_EXIT closes it. The executor writes the exit's
// decision as the alert's one decision (decisions.alert_id), so a second run of the alert's job
// starts nothing; the exit gate, the cancel of our working orders on the symbol, the sizing from what
// is available and the ladder are the sentinel's. What the alert path decides itself: a sell without
// a usable size (BLOCKED SELL_SIZE_UNUSABLE) and a HODL asset (SKIPPED HODL_ASSET).
import { type Decimal, dec, type ExitReason, ZERO } from '@hookline/core';
import type { Market } from '@hookline/exchange';
import type { NormalizedAlert } from '@hookline/schemas';
import { readOpenPositions, type Store } from '@hookline/store';
import type { UserSellSize } from '../exits/executor/exit-sizing.js';
import type { Exits, StartExitRequest, StartExitResult } from '../exits/index.js';

/** How the alert path starts an exit: Exits.start, the one way every exit starts. */
export type UserExitStarter = Pick<Exits, 'start'>;

/**
 * The exits as the alert processor reaches them. The processor is built before the sentinel (whose
 * executor needs the processor's order executor), so the system binds the sentinel's Exits once it
 * exists; an alert decided before that waits for the binding.
 */
export class UserExits {
  /** Base assets never sold (HOOKLINE_HODL_ASSETS, upper case): a user's sell of one is SKIPPED. */
  readonly hodlAssets: ReadonlySet<string>;
  readonly #bound: Promise<UserExitStarter>;
  #bind: (exits: UserExitStarter) => void = () => undefined;

  constructor(hodlAssets: ReadonlySet<string>) {
    this.hodlAssets = hodlAssets;
    this.#bound = new Promise((resolve) => {
      this.#bind = resolve;
    });
  }

  /** Hands over the sentinel's exits (once; a later call changes nothing). */
  bind(exits: UserExitStarter): void {
    this.#bind(exits);
  }

  /** Starts the exit once the exits are bound. */
  async start(request: StartExitRequest): Promise<StartExitResult> {
    return await (await this.#bound).start(request);
  }
}

/** The exit reason of a user's alert. */
export function userExitReason(action: 'sell' | 'exit'): ExitReason {
  return action === 'sell' ? 'USER_SELL' : 'USER_EXIT';
}

/**
 * How much a sell alert asks for: its `base` or `quote` size; undefined when it has none or gives
 * `equity_pct` (ingress refuses both; a row stored before that rule is decided SELL_SIZE_UNUSABLE).
 */
export function userSellSize(alert: NormalizedAlert): UserSellSize | undefined {
  const size = alert.size;
  if (size === null || size.unit === 'equity_pct') return undefined;
  return { unit: size.unit, amount: dec(size.amount) };
}

/** The open position of the symbol in base units (zero when none). */
export async function userPosition(
  store: Store,
  account: string,
  symbol: string,
  markets: readonly Market[],
): Promise<{ amount: Decimal; costBasis: Decimal }> {
  const positions = await readOpenPositions(store, { account, symbol, markets });
  const held = positions.find((position) => position.symbol === symbol);
  return { amount: held?.amount ?? ZERO, costBasis: held?.costBasis ?? ZERO };
}
