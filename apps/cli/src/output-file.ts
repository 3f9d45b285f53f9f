import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Writes a report to `--output FILE` and confirms it on stderr in one line (the path, the bytes and,
 * where the report has rows, how many), so a successful write is never silent.
 */
export function writeOutputFile(path: string, text: string, rows?: { count: number; noun: string }): void {
  writeFileSync(path, text);
  const bytes = Buffer.byteLength(text);
  const counted = rows === undefined ? '' : `, ${rows.count} ${rows.noun}${rows.count === 1 ? '' : 's'}`;
  process.stderr.write(`wrote ${resolve(path)} (${bytes} bytes${counted})\n`);
}
