import { describe, expect, it } from 'vitest';
import { type AccountTaxSetting, form8949Box, scheduleDLine } from '../src/index.js';

const reported: AccountTaxSetting = { taxForm: '1099-B', basisReported: true };
const unreported: AccountTaxSetting = { taxForm: '1099-B', basisReported: false };
const daReported: AccountTaxSetting = { taxForm: '1099-DA', basisReported: true };
const daUnreported: AccountTaxSetting = { taxForm: '1099-DA', basisReported: false };
const none: AccountTaxSetting = { taxForm: 'NONE', basisReported: true };

describe('Form 8949 boxes', () => {
  it.each([
    [2024, 'SHORT', reported, 'A', '1b'],
    [2024, 'SHORT', unreported, 'B', '2'],
    [2024, 'SHORT', none, 'C', '3'],
    [2024, 'LONG', reported, 'D', '8b'],
    [2024, 'LONG', unreported, 'E', '9'],
    [2024, 'LONG', none, 'F', '10'],
    [2024, 'SHORT', daReported, 'C', '3'],
    [2024, null, undefined, 'C', '3'],
    [2025, 'SHORT', daReported, 'G', '1b'],
    [2025, 'SHORT', daUnreported, 'H', '2'],
    [2025, 'SHORT', none, 'I', '3'],
    [2025, 'LONG', daReported, 'J', '8b'],
    [2025, 'LONG', daUnreported, 'K', '9'],
    [2025, 'LONG', none, 'L', '10'],
    [2026, 'LONG', reported, 'L', '10'],
    [2026, null, undefined, 'I', '3'],
  ] as const)(
    'when %i %s disposals of an account set to %j are filed then the box is %s on Schedule D line %s',
    (year, term, setting, box, line) => {
      expect(form8949Box(year, term, setting)).toBe(box);
      expect(scheduleDLine(box)).toBe(line);
    },
  );
});
