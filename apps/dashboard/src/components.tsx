// Pieces shared by the pages: the confirm dialog, expandable JSON, status lines and a symbol link.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/** Route slug of a symbol: `BTC/USD` → `BTC-USD` (also the data-testid suffix). */
export function slugOf(symbol: string): string {
  return symbol.replaceAll('/', '-');
}

/** The symbol of a slug: the last `-` was the `/`. */
export function symbolOf(slug: string): string {
  const at = slug.lastIndexOf('-');
  return at === -1 ? slug : `${slug.slice(0, at)}/${slug.slice(at + 1)}`;
}

export function SymbolLink({ symbol }: { symbol: string }) {
  return <a href={`#/position/${encodeURIComponent(slugOf(symbol))}`}>{symbol}</a>;
}

export function Loading({ when }: { when: boolean }) {
  return when ? <p class="muted">Loading…</p> : null;
}

export function ErrorLine({ message, testid = 'error' }: { message: string | undefined; testid?: string }) {
  return message === undefined ? null : (
    <p class="error" role="alert" data-testid={testid}>
      {message}
    </p>
  );
}

/** JSON behind a disclosure, for rule inputs. */
export function JsonDetails({ value, label = 'inputs' }: { value: unknown; label?: string }) {
  if (value === null || value === undefined) return <span class="muted">–</span>;
  return (
    <details class="json">
      <summary>{label}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

export function Card({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A horizontally scrolling table wrapper (phones). */
export function TableBox({ children }: { children: ComponentChildren }) {
  return <div class="table-box">{children}</div>;
}

export interface ConfirmRequest {
  title: string;
  detail: string;
  run(reason: string): Promise<void>;
}

/** Asks before an admin action, with an optional reason; Yes runs it, No closes. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(): void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const yes = async () => {
    setBusy(true);
    try {
      await request.run(reason.trim());
    } finally {
      setBusy(false);
      onClose();
    }
  };
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={request.title}
        data-testid="confirm-dialog"
      >
        <h2>{request.title}</h2>
        <p>{request.detail}</p>
        <label>
          Reason (optional)
          <input
            data-testid="confirm-reason"
            value={reason}
            maxLength={500}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        </label>
        <div class="buttons">
          <button type="button" class="danger" data-testid="confirm-yes" disabled={busy} onClick={yes}>
            Yes
          </button>
          <button type="button" data-testid="confirm-no" disabled={busy} onClick={onClose}>
            No
          </button>
        </div>
      </div>
    </div>
  );
}
