// Why an exit was not taken: the one set of codes the exits record in decisions.reason_code when a
// position is not sold (outcome SKIPPED or BLOCKED). They are the `sentinel` area of core's reason
// code catalog, whose strings are stored and read by users' audit queries: never rename one.
//
//   STALE_DATA               the rules did not evaluate the position: its quote is stale or invalid
//   HODL_ASSET               a rule fired on an asset that is never sold automatically
//   DUST                     a rule fired on a remainder below the exchange minimum (rules or executor)
//   SENTINEL_ERROR           evaluating or exiting the position threw; the sweep went on
//   EXIT_IN_PROGRESS         the executor refused a second exit of a position already exiting
//   NOTHING_AVAILABLE        the executor found none of the asset available on the exchange
//   POSITION_CAP_UNRESOLVED  the position cap gave up and HALTED trading
//   EXIT_PRICE_CAPPED        a working exit waits: the bid is below its floor (one decision per episode)
//   NO_POSITION              a user's sell or exit found no open position (its working orders canceled)
//
// The executor's BLOCKED decisions also carry the exit risk gate's codes (TRADING_HALTED, ...) and
// the market's (MARKET_UNAVAILABLE, PRICE_UNAVAILABLE): those belong to their own areas.
import type { ReasonCodeIn } from '@hookline/core';

/** Why an exit was not taken (see the table above). */
export type ExitNotTakenCode = ReasonCodeIn<'sentinel'>;
