// `#/decisions`: every risk-gate and exit verdict with its reason code, message and rule inputs —
// the "why was this not sold (or bought)" view. New decisions from the live stream are prepended.
import { useState } from 'preact/hooks';
import { Card, ErrorLine, JsonDetails, SymbolLink, TableBox } from '../components';
import { formatTime } from '../format';
import { useLive } from '../live';
import { usePaged } from '../paged';
import type { Decision } from '../types';
import { More, SymbolFilter } from './orders';

const decisionKey = (decision: Decision) => decision.decision_id;

export function DecisionsPage() {
  const [symbol, setSymbol] = useState('');
  const [intent, setIntent] = useState('');
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const decisions = usePaged<Decision>(
    '/api/decisions',
    { symbol: symbol.trim(), intent, outcome, reason: reason.trim() },
    decisionKey,
  );
  useLive<Decision>('decision', (decision) => {
    const fits =
      (symbol.trim() === '' || decision.symbol === symbol.trim()) &&
      (intent === '' || decision.intent === intent) &&
      (outcome === '' || decision.outcome === outcome) &&
      (reason.trim() === '' || decision.reason_code === reason.trim());
    if (fits) decisions.prepend(decision);
  });
  return (
    <Card title="Decisions">
      <div class="filters">
        <SymbolFilter value={symbol} onChange={setSymbol} testid="decisions-symbol" />
        <label>
          Intent
          <select
            data-testid="decisions-intent"
            value={intent}
            onChange={(event) => setIntent(event.currentTarget.value)}
          >
            <option value="">any</option>
            <option value="ENTRY">ENTRY</option>
            <option value="EXIT">EXIT</option>
          </select>
        </label>
        <label>
          Outcome
          <select
            data-testid="decisions-outcome"
            value={outcome}
            onChange={(event) => setOutcome(event.currentTarget.value)}
          >
            <option value="">any</option>
            <option value="ORDERED">ORDERED</option>
            <option value="BLOCKED">BLOCKED</option>
            <option value="SKIPPED">SKIPPED</option>
          </select>
        </label>
        <label>
          Reason code
          <input
            data-testid="decisions-reason"
            placeholder="BUY_GUARD_ACTIVE"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value.toUpperCase())}
          />
        </label>
      </div>
      <ErrorLine message={decisions.error} />
      {decisions.items.length === 0 && !decisions.loading ? (
        <p class="muted">No decisions.</p>
      ) : (
        <TableBox>
          <table data-testid="decisions">
            <thead>
              <tr>
                <th>Time</th>
                <th>Symbol</th>
                <th>Intent</th>
                <th>Outcome</th>
                <th>Reason</th>
                <th>Message</th>
                <th>Inputs</th>
              </tr>
            </thead>
            <tbody>
              {decisions.items.map((decision) => (
                <tr key={decision.decision_id} data-testid="decision-row">
                  <td>{formatTime(decision.created_at)}</td>
                  <td>
                    <SymbolLink symbol={decision.symbol} />
                  </td>
                  <td>
                    {decision.intent}
                    {decision.side !== null && <span class="muted small"> {decision.side}</span>}
                  </td>
                  <td class={decision.outcome === 'ORDERED' ? 'pos' : 'neg'}>{decision.outcome}</td>
                  <td>
                    <code>{decision.reason_code}</code>
                    {decision.exit_reason !== null && (
                      <span class="muted small"> {decision.exit_reason}</span>
                    )}
                  </td>
                  <td class="wrap">{decision.message ?? ''}</td>
                  <td>
                    <JsonDetails value={decision.rule_inputs} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <More
        loading={decisions.loading}
        next={decisions.next}
        onMore={decisions.more}
        testid="decisions-more"
      />
    </Card>
  );
}
