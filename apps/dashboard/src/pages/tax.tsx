// `#/tax`: the year's disposals summed, and Form 8949 as CSV (fetched with the token header and saved
// as a file; the token never goes into a URL).
import { useState } from 'preact/hooks';
import { call, messageOf } from '../api';
import { Card, ErrorLine, Loading } from '../components';
import { formatPnl, formatUsd, pnlClass } from '../format';
import { useGet } from '../hooks';
import type { TaxSummary } from '../types';

export function TaxPage() {
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, index) => thisYear - index);
  const [year, setYear] = useState(thisYear);
  const summary = useGet<TaxSummary>(`/api/tax/summary?year=${year}`);
  const [downloadError, setDownloadError] = useState<string | undefined>();
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      const response = await call(`/api/tax/8949.csv?year=${year}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `form-8949-${year}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (failure) {
      setDownloadError(messageOf(failure));
    } finally {
      setDownloading(false);
    }
  };

  const data = summary.data;
  return (
    <Card title="Tax">
      <div class="filters">
        <label>
          Year
          <select
            data-testid="tax-year"
            value={year}
            onChange={(event) => setYear(Number(event.currentTarget.value))}
          >
            {years.map((one) => (
              <option key={one} value={one}>
                {one}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="tax-download" disabled={downloading} onClick={download}>
          Download Form 8949 CSV
        </button>
      </div>
      <ErrorLine message={downloadError} testid="tax-download-error" />
      <Loading when={summary.loading && data === undefined} />
      <ErrorLine message={summary.error} />
      {data !== undefined && (
        <dl class="facts" data-testid="tax-summary">
          <dt>Accounts</dt>
          <dd>{data.accounts.join(', ') || '–'}</dd>
          <dt>Disposals</dt>
          <dd data-testid="tax-disposals">{data.disposals}</dd>
          <dt>Proceeds</dt>
          <dd>{formatUsd(data.proceeds_usd)}</dd>
          <dt>Cost</dt>
          <dd>{formatUsd(data.cost_usd)}</dd>
          <dt>Gain</dt>
          <dd class={pnlClass(data.gain_usd)} data-testid="tax-gain">
            {formatPnl(data.gain_usd)}
          </dd>
          <dt>Short-term gain</dt>
          <dd class={pnlClass(data.short_term_gain_usd)}>{formatPnl(data.short_term_gain_usd)}</dd>
          <dt>Long-term gain</dt>
          <dd class={pnlClass(data.long_term_gain_usd)}>{formatPnl(data.long_term_gain_usd)}</dd>
        </dl>
      )}
    </Card>
  );
}
