import type { AlertProblem } from './alert-problem.js';
import { formatJsonProblem } from './json-problems.js';
import { type JsonObject, readJson } from './json-reader.js';
import { readKeyValueText } from './key-value-text.js';

/** An alert body read into fields: a JSON object, or the pairs of a key=value text. */
export interface DecodedAlertBody {
  readonly format: 'json' | 'text';
  readonly fields: JsonObject;
}

/** The decoded body, or why it cannot be read. */
export type DecodeAlertResult =
  | { readonly ok: true; readonly body: DecodedAlertBody }
  | { readonly ok: false; readonly problem: AlertProblem };

/**
 * Reads an alert body whatever its Content-Type: TradingView sends `text/plain` whenever the message is
 * not valid JSON, and some senders use form encoding. A body that starts with `{` or `[` is JSON (and a
 * JSON mistake is reported as such); anything else with a `=` in it is key=value text.
 */
export function decodeAlertBody(raw: string, contentType: string | undefined): DecodeAlertResult {
  const text = raw.trim();
  if (text === '') return refuse('INVALID_PAYLOAD', 'the body is empty');
  if (text.startsWith('{') || text.startsWith('[')) {
    const result = readJson(raw);
    if (!result.ok) return refuse('INVALID_JSON', formatJsonProblem(result.problem));
    const value = result.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return refuse('INVALID_PAYLOAD', 'the JSON is a list; an alert is one JSON object { … }');
    }
    return { ok: true, body: { format: 'json', fields: value as JsonObject } };
  }
  if (!text.includes('=')) {
    return refuse('INVALID_PAYLOAD', 'the body is neither a JSON object nor name=value text');
  }
  const formEncoded = (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  const result = readKeyValueText(text, { formEncoded });
  if (!result.ok) return refuse('INVALID_PAYLOAD', result.message);
  return { ok: true, body: { format: 'text', fields: result.fields } };
}

function refuse(code: AlertProblem['code'], message: string): DecodeAlertResult {
  return { ok: false, problem: { code, stage: 'decode', message } };
}
