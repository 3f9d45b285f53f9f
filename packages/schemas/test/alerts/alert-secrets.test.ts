import { describe, expect, it } from 'vitest';
import { findPassphrase, maskSecrets } from '../../src/index.js';

const configured = 'correct-horse-battery-staple';

describe('maskSecrets', () => {
  it.each([
    [
      'a JSON field',
      '{"passphrase": "x-y-z", "ticker": "BTCUSD"}',
      '{"passphrase": "[redacted]", "ticker": "BTCUSD"}',
    ],
    ['an escaped quote in the value', '{"key":"a\\"b","t":1}', '{"key":"[redacted]","t":1}'],
    ['any letter case', '{"Secret": "abc"}', '{"Secret": "[redacted]"}'],
    [
      'an unquoted value in invalid JSON',
      '{"passphrase": hunter2, "a": 1}',
      '{"passphrase": [redacted], "a": 1}',
    ],
    ['an unterminated string', '{"passphrase": "hunter2', '{"passphrase": "[redacted]"'],
    ['key=value text', 'action=buy passphrase=hunter2 ticker=X', 'action=buy passphrase=[redacted] ticker=X'],
    ['form encoding', 'secret=a%26b&ticker=X', 'secret=[redacted]&ticker=X'],
    ['a field whose name only ends in key', '{"monkey": "banana"}', '{"monkey": "banana"}'],
  ])('when the secret is in %s then its value is masked', (_name, raw, masked) => {
    expect(maskSecrets(raw, [])).toBe(masked);
  });

  it('when the configured passphrase appears under another name then it is masked in every spelling', () => {
    const raw = `{"note": "${configured}", "url": "${encodeURIComponent('pass word+ok')}"}`;

    expect(maskSecrets(raw, [configured, 'pass word+ok'])).toBe(
      '{"note": "[redacted]", "url": "[redacted]"}',
    );
  });

  it('when a known secret is very short then it is not replaced everywhere (only by field name)', () => {
    expect(maskSecrets('{"passphrase": "x", "ticker": "XBTUSD"}', ['x'])).toBe(
      '{"passphrase": "[redacted]", "ticker": "XBTUSD"}',
    );
  });
});

describe('findPassphrase', () => {
  it.each([
    [{ passphrase: 'a', key: 'b' }, 'a'],
    [{ key: 'b', secret: 'c' }, 'b'],
    [{ SECRET: 'c' }, 'c'],
    [{ passphrase: { nested: true } }, undefined],
    [{ ticker: 'BTCUSD' }, undefined],
  ])('when the fields are %j then the passphrase is %s', (fields, passphrase) => {
    expect(findPassphrase(fields)).toBe(passphrase);
  });
});
