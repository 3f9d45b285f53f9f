// `#/controls`: halt, resume, the API buy guard and flatten (all or one position). Each asks first,
// with an optional reason; the answer or the server's error text is shown. Read-only sessions see
// the buttons disabled.
import { useState } from 'preact/hooks';
import { messageOf, postJson } from '../api';
import { Card, ConfirmDialog, type ConfirmRequest, ErrorLine, slugOf } from '../components';
import { formatAmount, formatTime } from '../format';
import { useGet } from '../hooks';
import { useLive } from '../live';
import type { Position, Risk, Session } from '../types';

interface FlattenAnswer {
  intents: { symbol: string; amount: string; order_type: string; exit_reason: string }[];
  skipped: { symbol: string; reason: string }[];
}

export function ControlsPage({ session }: { session: Session }) {
  const risk = useGet<Risk>('/api/risk');
  const positions = useGet<{ items: Position[] }>('/api/positions');
  const [confirm, setConfirm] = useState<ConfirmRequest | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useLive('control', () => risk.reload());
  const readOnly = session.role !== 'admin';

  /** Asks, then posts; shows what came back. */
  const ask = (
    title: string,
    detail: string,
    path: string,
    body: (reason: string) => object,
    show: (answer: never) => string,
  ) =>
    setConfirm({
      title,
      detail,
      run: async (reason) => {
        setResult(undefined);
        setError(undefined);
        try {
          const answer = await postJson<never>(path, body(reason));
          setResult(show(answer));
          risk.reload();
          positions.reload();
        } catch (failure) {
          setError(messageOf(failure));
        }
      },
    });
  const withReason = (reason: string) => (reason === '' ? {} : { reason });
  const stateText = (answer: { trading_state: string; by: string; reason: string; at: string }) =>
    `Trading state ${answer.trading_state} (by ${answer.by} at ${formatTime(answer.at)}: ${answer.reason})`;
  const guardText = (answer: { api: boolean; active: boolean }) =>
    `API buy guard ${answer.api ? 'on' : 'off'}; buy guard ${answer.active ? 'active' : 'inactive'} overall`;
  const flattenText = (answer: FlattenAnswer) =>
    [
      ...answer.intents.map(
        (one) => `selling ${formatAmount(one.amount)} ${one.symbol} (${one.order_type}, ${one.exit_reason})`,
      ),
      ...answer.skipped.map((one) => `${one.symbol} skipped: ${one.reason}`),
    ].join('; ') || 'nothing to sell';

  const button = (testid: string, label: string, onClick: () => void, danger = false) => (
    <button
      type="button"
      class={danger ? 'danger' : ''}
      data-testid={testid}
      disabled={readOnly}
      title={readOnly ? 'needs the admin token' : undefined}
      onClick={onClick}
    >
      {label}
    </button>
  );

  return (
    <div class="stack">
      {readOnly && (
        <p class="hint" data-testid="controls-hint">
          Read-only session: each control needs the admin token.
        </p>
      )}
      <Card title="Trading">
        <p>
          State: <strong data-testid="trading-state">{risk.data?.trading_state ?? '…'}</strong> · Buy guard:{' '}
          <strong data-testid="buy-guard">
            {risk.data === undefined ? '…' : risk.data.buy_guard.active ? 'ON' : 'off'}
          </strong>
          {risk.data?.buy_guard.api && <span class="muted small"> (API guard on)</span>}
        </p>
        <ErrorLine message={risk.error} />
        <div class="buttons">
          {button(
            'control-halt',
            'Halt',
            () =>
              ask(
                'Halt trading?',
                'Nothing new is opened; exits still run.',
                '/api/admin/halt',
                withReason,
                stateText,
              ),
            true,
          )}
          {button('control-resume', 'Resume', () =>
            ask(
              'Resume trading?',
              'Back to ACTIVE; reducing symbols are cleared.',
              '/api/admin/resume',
              withReason,
              stateText,
            ),
          )}
          {button('control-buy-guard-on', 'Buy guard on', () =>
            ask(
              'Switch the buy guard on?',
              'No new entries while it is on.',
              '/api/admin/buy-guard',
              (reason) => ({ on: true, ...withReason(reason) }),
              guardText,
            ),
          )}
          {button('control-buy-guard-off', 'Buy guard off', () =>
            ask(
              'Switch the API buy guard off?',
              'The env and file guards are separate.',
              '/api/admin/buy-guard',
              (reason) => ({ on: false, ...withReason(reason) }),
              guardText,
            ),
          )}
        </div>
      </Card>
      <Card title="Flatten">
        <div class="buttons">
          {button(
            'control-flatten-all',
            'Flatten all',
            () =>
              ask(
                'Flatten ALL positions?',
                'Every open position is sold (EMERGENCY).',
                '/api/admin/flatten',
                withReason,
                flattenText,
              ),
            true,
          )}
        </div>
        <ErrorLine message={positions.error} />
        <ul class="plain">
          {(positions.data?.items ?? []).map((position) => (
            <li key={position.symbol} class="row-between">
              <span>
                {position.symbol} <span class="muted">{formatAmount(position.size)}</span>
              </span>
              {button(
                `control-flatten-${slugOf(position.symbol)}`,
                `Flatten ${position.symbol}`,
                () =>
                  ask(
                    `Flatten ${position.symbol}?`,
                    `Sells the whole ${position.symbol} position (MANUAL).`,
                    '/api/admin/flatten',
                    (reason) => ({ symbol: position.symbol, ...withReason(reason) }),
                    flattenText,
                  ),
                true,
              )}
            </li>
          ))}
        </ul>
        {positions.data?.items.length === 0 && <p class="muted">No open positions.</p>}
      </Card>
      {result !== undefined && (
        <p class="result" role="status" data-testid="control-result">
          {result}
        </p>
      )}
      <ErrorLine message={error} testid="control-error" />
      {confirm !== undefined && <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />}
    </div>
  );
}
