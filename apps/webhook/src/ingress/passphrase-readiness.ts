import type { ReadinessCheck } from '@hookline/runtime';

/**
 * Not ready without WEBHOOK_PASSPHRASE: the service starts and answers /healthz, but it refuses every
 * alert (503), so a deployment that waits for /readyz (compose healthchecks, scripts) is told why
 * instead of treating a webhook that can take no alert as healthy.
 */
export function passphraseReadiness(passphrase: string | undefined): ReadinessCheck {
  return {
    name: 'passphrase',
    run: async () =>
      passphrase === undefined || passphrase === ''
        ? {
            ok: false,
            detail: 'WEBHOOK_PASSPHRASE is not set: POST /webhook refuses every alert until it is',
          }
        : { ok: true },
  };
}
