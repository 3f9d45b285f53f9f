// What a venue's history export turns into: fills with their file line, rows that are not trades
// (counted, never silently dropped), and every problem with its line.
import type { Decimal } from '@hookline/core';

/** One data row of an export: its line in the file and its cells by header name. */
export interface VenueRecord {
  readonly line: number;
  readonly get: (column: string) => string;
}

/** A fill read from an export, before account, exchange and arrival time are added. */
export interface VenueFill {
  readonly line: number;
  readonly tradeId: string;
  readonly orderId: string | null;
  /** `BASE/QUOTE` in Hookline's names. */
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: Decimal;
  readonly size: Decimal;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  /** USD value of a fee paid in a third asset, from the file or the venue; null when unknown. */
  readonly feeUsd: Decimal | null;
  readonly executedAt: Date;
}

/** A whole export converted: fills, rows skipped as not-a-trade by kind, problems. */
export interface VenueConversion {
  readonly fills: VenueFill[];
  readonly skipped: Map<string, number>;
  readonly problems: string[];
}

/** A venue export format: recognised by its header, converted as a whole file. */
export interface VenueFormat {
  /** Name shown to the user, e.g. `kraken-trades`. */
  readonly name: string;
  /** The exchange the fills are recorded under (trade ids are unique per account and exchange). */
  readonly exchange: string;
  /** Header columns that identify the format (all must be present). */
  readonly columns: readonly string[];
  readonly convert: (records: readonly VenueRecord[]) => VenueConversion;
}

/** Collects a conversion's results; `fail` records a problem for a line. */
export class ConversionBuilder {
  readonly fills: VenueFill[] = [];
  readonly skipped = new Map<string, number>();
  readonly problems: string[] = [];

  skip(kind: string): void {
    this.skipped.set(kind, (this.skipped.get(kind) ?? 0) + 1);
  }

  fail(line: number, problem: string): void {
    this.problems.push(`line ${line}: ${problem}`);
  }

  result(): VenueConversion {
    return { fills: this.fills, skipped: this.skipped, problems: this.problems };
  }
}
