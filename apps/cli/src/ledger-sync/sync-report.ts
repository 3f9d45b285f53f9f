// The summary `ledger sync` prints per synced history: pages, fills, inserted, duplicates, and where
// the next run resumes; after an exchange error, what it was and that committed pages stay.
import type { FillSyncReport } from './fill-sync.js';
import { describeKey } from './fill-sync.js';

/** The report's lines, plain text. */
export function syncReportLines(report: FillSyncReport): string[] {
  const lines = [
    `ledger sync ${describeKey(report.key)}: ${report.pages} page(s) read, ${report.fetched} fill(s) fetched, ` +
      `${report.inserted} inserted, ${report.duplicates} already present`,
  ];
  if (report.feesValued > 0)
    lines.push(
      `${report.feesValued} fee(s) paid in a third asset valued at the venue's price of their minute`,
    );
  if (report.unvaluedFees.length > 0) {
    const shown = report.unvaluedFees
      .slice(0, 5)
      .map((fill) => `${fill.tradeId} (${fill.fee} ${fill.feeCurrency})`);
    const more = report.unvaluedFees.length > 5 ? ` and ${report.unvaluedFees.length - 5} more` : '';
    lines.push(
      `${report.unvaluedFees.length} fee(s) paid in a third asset have no price at the venue and are stored ` +
        `unvalued (the tax report flags them): ${shown.join(', ')}${more}`,
    );
  }
  if (report.sinceIgnored)
    lines.unshift('a stored position decided the start: --since ignored (--restart starts again from it)');
  const where = resumeText(report);
  if (report.failure !== undefined) {
    const message = report.failure instanceof Error ? report.failure.message : String(report.failure);
    lines.push(`ledger sync stopped by an error (committed pages are kept): ${firstLine(message)}`);
    lines.push(`run it again to resume ${where}`);
  } else {
    lines.push(`next sync resumes ${where}`);
  }
  return lines;
}

function resumeText(report: FillSyncReport): string {
  const position = report.resumesAt;
  if (position === undefined) return 'from --since (nothing committed yet)';
  if (position.lastTradeId === undefined || position.lastFillAt === undefined)
    return 'from the --since start (no fill found yet)';
  return `after trade ${position.lastTradeId} of ${position.lastFillAt.toISOString()}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
