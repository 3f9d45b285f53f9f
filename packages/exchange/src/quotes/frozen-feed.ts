/** What the frozen-feed rule reads of one symbol. */
export interface FeedActivity {
  /** When the symbol's bid or ask last changed (our clock). */
  readonly lastChangeMs: number;
  /** When the stream last said anything about the symbol; undefined: never. */
  readonly lastStreamMs: number | undefined;
}

/**
 * A feed is frozen when the price has not changed for more than `frozenAfterMs` and the stream has
 * been silent about the symbol for as long: a live stream repeating one price is a quiet market, and
 * a moving price is a live feed, but an unchanged price with a silent stream is a stuck venue or a
 * stuck reader, whatever timestamps the quote carries. Exactly `frozenAfterMs` is not yet frozen.
 */
export function isFeedFrozen(activity: FeedActivity, nowMs: number, frozenAfterMs: number): boolean {
  const unchangedFor = nowMs - activity.lastChangeMs;
  const silentFor =
    activity.lastStreamMs === undefined ? Number.POSITIVE_INFINITY : nowMs - activity.lastStreamMs;
  return unchangedFor > frozenAfterMs && silentFor > frozenAfterMs;
}
