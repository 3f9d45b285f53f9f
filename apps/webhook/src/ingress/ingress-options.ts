import type { Clock, IdGenerator } from '@hookline/core';
import type { AddressRule, Config, SymbolOverrides } from '@hookline/schemas';
import type { AcceptedAlertHandler } from './accepted-alert.js';
import type { AlertBatchStorePort } from './alert-store.js';

/** Tells whether the exchange trades a market; @hookline/exchange's SymbolResolver fits. */
export interface MarketLookupPort {
  find(symbol: string): { readonly symbol: string } | undefined;
}

/** Everything POST /webhook needs: its settings (from configuration) and its ports. */
export interface WebhookIngressOptions {
  /** Where alerts rows go, many in one transaction (@hookline/store's AlertIntakeStore). */
  readonly store: AlertBatchStorePort;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly onAccepted: AcceptedAlertHandler;
  /** WEBHOOK_PASSPHRASE; undefined = every alert is refused with 503. */
  readonly passphrase: string | undefined;
  /** Allowed sender addresses; undefined = the allowlist is off. */
  readonly allowedAddresses: readonly AddressRule[] | undefined;
  /** Proxies whose X-Forwarded-For is believed; empty = the header is ignored. */
  readonly trustedProxies: readonly AddressRule[];
  readonly bodyLimitBytes: number;
  /** Alerts per minute per sender address; 0 = no limit. */
  readonly rateLimitPerMinute: number;
  readonly idempotencyWindowSeconds: number;
  readonly symbolOverrides: SymbolOverrides;
  /** When given, an alert for a market the exchange does not list is refused (422 INVALID_SYMBOL). */
  readonly markets?: MarketLookupPort | undefined;
}

/** The ingress settings from the validated configuration, with the ports supplied by the caller. */
export function ingressOptionsFromConfig(
  config: Config,
  ports: Pick<WebhookIngressOptions, 'store' | 'clock' | 'ids' | 'onAccepted' | 'markets'>,
): WebhookIngressOptions {
  return {
    ...ports,
    passphrase: config.WEBHOOK_PASSPHRASE,
    allowedAddresses: config.HOOKLINE_WEBHOOK_ALLOWLIST
      ? config.HOOKLINE_WEBHOOK_ALLOWED_ADDRESSES
      : undefined,
    trustedProxies: config.HOOKLINE_TRUSTED_PROXY ?? [],
    bodyLimitBytes: config.HOOKLINE_WEBHOOK_BODY_LIMIT_BYTES,
    rateLimitPerMinute: config.HOOKLINE_WEBHOOK_RATE_LIMIT,
    idempotencyWindowSeconds: config.HOOKLINE_IDEMPOTENCY_WINDOW_SECONDS,
    symbolOverrides: config.HOOKLINE_SYMBOL_OVERRIDES ?? {},
  };
}
