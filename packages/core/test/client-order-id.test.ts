import { describe, expect, it } from 'vitest';
import { deriveClientOrderId } from '../src/index.js';

const decisionId = '0190f3a4-5b6c-7d8e-9f00-112233445566';

describe('deriveClientOrderId', () => {
  it('when derived twice from the same decision and attempt then the ids are equal', () => {
    expect(deriveClientOrderId(decisionId, 2)).toBe(deriveClientOrderId(decisionId, 2));
  });

  it('when no attempt is given then it is attempt 0', () => {
    expect(deriveClientOrderId(decisionId)).toBe(deriveClientOrderId(decisionId, 0));
  });

  it('when the decision or the attempt differs then the ids differ', () => {
    const ids = [
      deriveClientOrderId(decisionId, 0),
      deriveClientOrderId(decisionId, 1),
      deriveClientOrderId(decisionId, 10),
      deriveClientOrderId(`${decisionId}#1`, 0),
      deriveClientOrderId('another-decision', 0),
    ];

    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when derived then it is a 36-character UUIDv8 that every targeted exchange accepts', () => {
    const id = deriveClientOrderId(decisionId, 3);

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Binance's newClientOrderId rule, the strictest of the venues we target.
    expect(id).toMatch(/^[.A-Z:/a-z0-9_-]{1,36}$/);
  });

  it('when derived from a known input then it matches the recorded id, so it is stable across releases', () => {
    // SHA-256 of "decision-1#0", first 16 bytes, version 8 and variant bits set (checked with Python's uuid).
    expect(deriveClientOrderId('decision-1', 0)).toBe('d36a9bf1-7313-8c2e-8d40-772742caee01');
  });

  it.each([
    ['', 0],
    [decisionId, -1],
    [decisionId, 1.5],
  ])('when the decision is "%s" and the attempt %d then it refuses', (decision, attempt) => {
    expect(() => deriveClientOrderId(decision, attempt)).toThrow(/INVALID_ARGUMENT/);
  });
});
