import type { ReasonCode } from '@hookline/core';
import {
  addressMatches,
  decodeAlertBody,
  findPassphrase,
  maskSecrets,
  type NormalizedAlert,
  normalizeAlert,
  REDACTED,
} from '@hookline/schemas';
import type { AcceptedAlert } from './accepted-alert.js';
import type { AlertRow, AlertStorePort } from './alert-store.js';
import { type BodyText, bodyTextOf, unstorableTextIn } from './body-text.js';
import { idempotencyKeys, outcomeKey } from './idempotency-key.js';
import type { WebhookIngressOptions } from './ingress-options.js';
import { createPassphraseCheck } from './passphrase-check.js';

/** The ingress settings, with the store the intake writes through (the group commit). */
export type IntakeOptions = Omit<WebhookIngressOptions, 'store'> & { readonly store: AlertStorePort };

/** One request to POST /webhook, as the intake sees it. */
export interface IncomingAlert {
  /** The body's bytes exactly as received (any bytes: they are checked here, not trusted). */
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
  readonly sender: string;
  readonly receivedAt: Date;
}

/** The answer to a request: HTTP status, JSON body, and the accepted alert to hand on (if any). */
export interface IntakeOutcome {
  readonly status: number;
  readonly body:
    | { readonly status: 'accepted'; readonly alertId: string }
    | { readonly status: 'duplicate'; readonly alertId: string; readonly duplicateOf: string }
    | { readonly error: ReasonCode; readonly message: string; readonly alertId: string };
  readonly accepted?: AcceptedAlert;
}

/** A request with its body read as text. */
interface ReceivedAlert extends IncomingAlert {
  readonly text: BodyText;
}

/** Why an alert is refused: the HTTP status, the code stored as the row's reason, and the message. */
interface Refusal {
  readonly status: number;
  readonly code: ReasonCode;
  readonly message: string;
  /** The normalised alert, when the refusal came after normalisation. */
  readonly alert?: NormalizedAlert;
}

/**
 * The steps of POST /webhook after the rate limit, cheapest and least revealing first: sender
 * allowlist, passphrase configured, body readable (valid UTF-8, no NUL or lone surrogate, raw or
 * escaped; then JSON or name=value text), passphrase right (only then are field-level errors
 * explained), fields valid, market known, then the idempotent insert. Every outcome is one stored
 * row, written before the answer; the raw body is stored with the passphrase masked, as text and,
 * when text cannot hold it exactly, as bytes too.
 */
export class AlertIntake {
  readonly #checkPassphrase: ((given: string | undefined) => boolean) | undefined;

  constructor(private readonly options: IntakeOptions) {
    const passphrase = options.passphrase;
    this.#checkPassphrase = passphrase === undefined ? undefined : createPassphraseCheck(passphrase);
  }

  /** Checks, records and answers one alert. */
  async receive(incoming: IncomingAlert): Promise<IntakeOutcome> {
    const secrets: string[] = []; // the sender's passphrase once read: masked wherever it could show
    const received = { ...incoming, text: bodyTextOf(incoming.body) };
    const checked = this.#check(received, secrets);
    if ('refusal' in checked) return this.#reject(received, secrets, checked.refusal);
    return this.#record(received, secrets, checked.alert);
  }

  /** Records and answers a body larger than the limit (fastify stopped reading it, so none is stored). */
  async rejectOversized(
    arrival: Pick<IncomingAlert, 'sender' | 'receivedAt'>,
    declaredBytes: number | undefined,
  ): Promise<IntakeOutcome> {
    const size = declaredBytes === undefined ? 'the body' : `the body of ${declaredBytes} bytes`;
    const message = `${size} is larger than the limit of ${this.options.bodyLimitBytes} bytes`;
    const body = new Uint8Array();
    const incoming = { ...arrival, body, text: bodyTextOf(body), contentType: undefined };
    return this.#reject(incoming, [], { status: 413, code: 'PAYLOAD_TOO_LARGE', message });
  }

  #check(incoming: ReceivedAlert, secrets: string[]): { refusal: Refusal } | { alert: NormalizedAlert } {
    const { allowedAddresses, symbolOverrides, markets } = this.options;
    const refuse = (status: number, code: ReasonCode, message: string, alert?: NormalizedAlert) => ({
      refusal: { status, code, message, ...(alert === undefined ? {} : { alert }) },
    });
    if (allowedAddresses !== undefined && !addressMatches(allowedAddresses, incoming.sender)) {
      return refuse(403, 'SOURCE_NOT_ALLOWED', `${incoming.sender} is not an allowed sender address`);
    }
    if (this.#checkPassphrase === undefined) {
      const message = 'this server has no WEBHOOK_PASSPHRASE configured, so it refuses every alert';
      return refuse(503, 'BAD_PASSPHRASE', message);
    }
    if (incoming.text.problem !== undefined) return refuse(400, 'INVALID_TEXT', incoming.text.problem);
    const decoded = decodeAlertBody(incoming.text.text, incoming.contentType);
    if (!decoded.ok) return refuse(400, decoded.problem.code, decoded.problem.message);
    const unstorable = unstorableTextIn(decoded.body.fields);
    if (unstorable !== undefined) return refuse(400, 'INVALID_TEXT', unstorable);
    const given = findPassphrase(decoded.body.fields);
    if (given !== undefined) secrets.push(given);
    if (!this.#checkPassphrase(given)) {
      const message =
        given === undefined ? 'no passphrase: send it in a "passphrase" field' : 'the passphrase is wrong';
      return refuse(401, 'BAD_PASSPHRASE', message);
    }
    const normalized = normalizeAlert(decoded.body, { symbolOverrides });
    if (!normalized.ok) {
      const { code, stage, message } = normalized.problem;
      return refuse(stage === 'decode' ? 400 : 422, code, message);
    }
    const { symbol, ticker } = normalized.alert;
    // The exchange's resolver knows its markets, so it also settles a ticker the pure mapping splits
    // wrongly (BTCTUSD read as BTCT/USD when the exchange lists BTC/TUSD).
    const market = markets?.find(symbol) ?? markets?.find(ticker);
    if (markets !== undefined && market === undefined) {
      const message = `the exchange lists no market ${symbol} (from ticker "${ticker}")`;
      return refuse(422, 'INVALID_SYMBOL', message, normalized.alert);
    }
    return {
      alert: market === undefined ? normalized.alert : { ...normalized.alert, symbol: market.symbol },
    };
  }

  async #record(
    incoming: ReceivedAlert,
    secrets: readonly string[],
    alert: NormalizedAlert,
  ): Promise<IntakeOutcome> {
    const { store, ids, idempotencyWindowSeconds } = this.options;
    const keys = idempotencyKeys(alert, incoming.receivedAt, idempotencyWindowSeconds);
    const alertId = ids.next();
    // A content key is also a duplicate of a row under the previous window's key received since
    // `previous.since`: the store looks that up in the same round trip as the insert.
    const insert = await store.insertUnlessKeyExists(
      this.#row(incoming, secrets, {
        id: alertId,
        idempotencyKey: keys.key,
        status: 'ACCEPTED',
        reason: null,
        payload: { alert },
      }),
      keys.previous,
    );
    if (!insert.inserted) return this.#duplicate(incoming, secrets, alert, insert.existingId);
    const { receivedAt, sender: remoteAddress } = incoming;
    const accepted: AcceptedAlert = { alertId, idempotencyKey: keys.key, receivedAt, remoteAddress, alert };
    return { status: 202, body: { status: 'accepted', alertId }, accepted };
  }

  async #duplicate(
    incoming: ReceivedAlert,
    secrets: readonly string[],
    alert: NormalizedAlert,
    duplicateOf: string,
  ): Promise<IntakeOutcome> {
    const id = this.options.ids.next();
    await this.options.store.insert(
      this.#row(incoming, secrets, {
        id,
        idempotencyKey: outcomeKey('duplicate', id),
        status: 'DUPLICATE',
        reason: 'DUPLICATE_ALERT',
        payload: { alert, duplicateOf },
      }),
    );
    return { status: 200, body: { status: 'duplicate', alertId: id, duplicateOf } };
  }

  async #reject(
    incoming: ReceivedAlert,
    secrets: readonly string[],
    refusal: Refusal,
  ): Promise<IntakeOutcome> {
    const { status, code, alert } = refusal;
    const id = this.options.ids.next();
    const message = this.#scrub(refusal.message, secrets);
    const payload = { error: { code, message }, ...(alert === undefined ? {} : { alert }) };
    await this.options.store.insert(
      this.#row(incoming, secrets, {
        id,
        idempotencyKey: outcomeKey('rejected', id),
        status: 'REJECTED',
        reason: code,
        payload,
      }),
    );
    return { status, body: { error: code, message, alertId: id } };
  }

  #row(
    incoming: ReceivedAlert,
    secrets: readonly string[],
    row: Pick<AlertRow, 'id' | 'idempotencyKey' | 'status' | 'reason' | 'payload'>,
  ): AlertRow {
    const known = this.#knownSecrets(secrets);
    const rawBody = maskSecrets(incoming.text.text, known);
    const rawBodyBytes = incoming.text.exact ? null : maskSecretsInBytes(incoming.body, known);
    return { ...row, rawBody, rawBodyBytes, remoteAddress: incoming.sender, receivedAt: incoming.receivedAt };
  }

  // Messages never quote a passphrase field, but a passphrase pasted into another field could be quoted.
  #scrub(message: string, secrets: readonly string[]): string {
    return this.#knownSecrets(secrets)
      .filter((secret) => secret.length >= 6)
      .reduce((text, secret) => text.split(secret).join(REDACTED), message);
  }

  #knownSecrets(secrets: readonly string[]): string[] {
    return this.options.passphrase === undefined ? [...secrets] : [this.options.passphrase, ...secrets];
  }
}

/**
 * maskSecrets over bytes that are not text: each byte is read as one Latin-1 character (so every
 * byte survives the round trip) and the secrets are spelt as their UTF-8 bytes in the same way.
 */
function maskSecretsInBytes(bytes: Uint8Array, secrets: readonly string[]): Uint8Array {
  const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  const masked = maskSecrets(Buffer.from(bytes).toString('latin1'), secrets.map(asBytes));
  return Uint8Array.from(Buffer.from(masked, 'latin1'));
}
