// docs/defaults.md against the configuration schema: every risk key (HOOKLINE_RISK_* and the rest of
// the risk gate's keys) and every key of the exit sentinel has a row with the schema's default and a
// stated reason, and the four settings whose default differs from the design's figure are explained.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigKey } from '@hookline/schemas';
import { describe, expect, it } from 'vitest';
import { RISK_CONFIG_KEYS } from '../packages/schemas/src/risk-config-keys.js';
import { SENTINEL_CONFIG_KEYS } from '../packages/schemas/src/sentinel-config-keys.js';

const DOC = 'docs/defaults.md';
const text = readFileSync(join(import.meta.dirname, '..', DOC), 'utf8');
/** The fewest words a reason may have: "safe" or "see above" is not a reason. */
const MIN_REASON_WORDS = 8;

/** Rows `| \`KEY\` | default | reason |` of the doc, by key. */
function documentedDefaults(): Map<string, { defaultCell: string; reason: string; line: number }> {
  const rows = new Map<string, { defaultCell: string; reason: string; line: number }>();
  text.split('\n').forEach((raw, index) => {
    const cells = raw
      .trim()
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    const key = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? '')?.[1];
    if (key === undefined || cells.length !== 3) return;
    rows.set(key, { defaultCell: cells[1] ?? '', reason: cells[2] ?? '', line: index + 1 });
  });
  return rows;
}

function shownDefault(key: ConfigKey): string {
  if (key.default === undefined) return '(unset)';
  return key.default === '' ? '(empty)' : `\`${key.default}\``;
}

const keys: Readonly<Record<string, ConfigKey>> = { ...RISK_CONFIG_KEYS, ...SENTINEL_CONFIG_KEYS };

describe(DOC, () => {
  const rows = documentedDefaults();

  it('when the risk and exit keys are listed then each has a row with its schema default and a reason of at least a sentence', () => {
    const problems: string[] = [];
    for (const [name, key] of Object.entries(keys)) {
      const row = rows.get(name);
      if (row === undefined) {
        problems.push(`${name}: no row in ${DOC}`);
        continue;
      }
      if (row.defaultCell !== shownDefault(key)) {
        problems.push(
          `${name} (${DOC} line ${row.line}): default ${row.defaultCell}, schema ${shownDefault(key)}`,
        );
      }
      if (row.reason.split(/\s+/).length < MIN_REASON_WORDS) {
        problems.push(`${name} (${DOC} line ${row.line}): the reason "${row.reason}" is not a reason`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when every HOOKLINE_RISK_* key of the schema is looked up then none is missing from the risk keys checked here', () => {
    expect(
      Object.keys(RISK_CONFIG_KEYS).filter((name) => name.startsWith('HOOKLINE_RISK_')).length,
    ).toBeGreaterThan(0);
    for (const name of Object.keys(keys).filter((key) => key.startsWith('HOOKLINE_RISK_'))) {
      expect(rows.has(name), name).toBe(true);
    }
  });

  it('when a row names a key then the schema knows it (no reason for a key that is gone)', () => {
    expect([...rows.keys()].filter((name) => !(name in keys))).toEqual([]);
  });

  it('when the defaults that differ from the design are read then each names the design figure, the kept one and why', () => {
    for (const [setting, design, kept] of [
      ['HOOKLINE_POSITION_CAP_WAIT_MS', '3 s', '10 s'],
      ['HOOKLINE_RISK_MAX_QUOTE_AGE_MS', '120 s', '15 s'],
      ['stream idle timeout', '90 s', '10 s'],
      ['Coinbase request rate', '10/s', '29/s'],
    ] as const) {
      const row = text.split('\n').find((line) => line.startsWith('|') && line.includes(setting));
      const cells =
        row
          ?.slice(1, -1)
          .split('|')
          .map((cell) => cell.trim()) ?? [];
      expect(cells.slice(1, 3), setting).toEqual([design, kept]);
      expect((cells[3] ?? '').split(/\s+/).length, setting).toBeGreaterThan(30);
    }
  });
});
