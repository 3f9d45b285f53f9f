// How each channel's deliveries went in this process: messages sent and failed (after every retry),
// and the last failure. /readyz shows it as a non-critical check (a failing channel never makes the
// process unready: trading goes on) and /metrics as counters per channel.
import type { ReadinessCheck } from '@hookline/runtime';
import type { ChannelName } from './notify-channels.js';

/** One channel's deliveries. */
export interface ChannelStatus {
  readonly sent: number;
  readonly failed: number;
  /** The last failure (its error, secrets removed), until a later message is sent. */
  readonly lastFailure?: { readonly at: string; readonly event: string; readonly error: string };
}

/** The deliveries of every channel. */
export class NotifyStatus {
  readonly #channels = new Map<ChannelName, ChannelStatus>();

  constructor(channels: readonly ChannelName[]) {
    for (const name of channels) this.#channels.set(name, { sent: 0, failed: 0 });
  }

  sent(channel: ChannelName): void {
    const status = this.of(channel);
    this.#channels.set(channel, { sent: status.sent + 1, failed: status.failed });
  }

  failed(channel: ChannelName, failure: { at: string; event: string; error: string }): void {
    const status = this.of(channel);
    this.#channels.set(channel, { ...status, failed: status.failed + 1, lastFailure: failure });
  }

  of(channel: ChannelName): ChannelStatus {
    return this.#channels.get(channel) ?? { sent: 0, failed: 0 };
  }

  /** Every configured channel with its status. */
  all(): readonly (ChannelStatus & { readonly channel: ChannelName })[] {
    return [...this.#channels].map(([channel, status]) => ({ channel, ...status }));
  }

  /** `notifications`: ok unless a channel's last message failed (non-critical). */
  readiness(): ReadinessCheck {
    return {
      name: 'notifications',
      critical: false,
      run: async () => {
        const failing = this.all().filter((status) => status.lastFailure !== undefined);
        const detail = Object.fromEntries(
          this.all().map((status) => [
            status.channel,
            {
              sent: status.sent,
              failed: status.failed,
              ...(status.lastFailure === undefined ? {} : { lastFailure: status.lastFailure }),
            },
          ]),
        );
        return failing.length === 0
          ? { ok: true, detail }
          : { ok: false, detail: { failing: failing.map((status) => status.channel), ...detail } };
      },
    };
  }
}
