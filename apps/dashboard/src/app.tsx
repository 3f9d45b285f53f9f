// The shell: login, the nav bar, the live-stream status and stale banner, and the page of the route.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { login, logout, messageOf, onUnauthorized, storedToken } from './api';
import { useNow } from './hooks';
import { type LiveStatus, onLive, startLive } from './live';
import { ControlsPage } from './pages/controls';
import { DecisionsPage } from './pages/decisions';
import { LoginPage } from './pages/login';
import { MatrixPage } from './pages/matrix';
import { OrdersPage } from './pages/orders';
import { OverviewPage } from './pages/overview';
import { PositionPage } from './pages/position';
import { TaxPage } from './pages/tax';
import { pages, type Route, useRoute } from './route';
import type { Session } from './types';

/** No event or keepalive, or no sweep, for this long: the data on screen is marked stale. */
const STALE_AFTER_MS = 30_000;

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(() => storedToken() !== null);
  const [message, setMessage] = useState<string | undefined>();

  useEffect(() => {
    onUnauthorized((text) => {
      setSession(null);
      setMessage(text);
    });
    const token = storedToken();
    if (token === null) return;
    login(token)
      .then(setSession, (error: unknown) => {
        logout();
        setMessage(messageOf(error));
      })
      .finally(() => setChecking(false));
  }, []);

  if (checking) return <p class="muted pad">Checking the session…</p>;
  if (session === null)
    return (
      <LoginPage
        message={message}
        onLogin={(answer) => {
          setMessage(undefined);
          setSession(answer);
        }}
      />
    );
  return (
    <Shell
      session={session}
      onLogout={() => {
        logout();
        setSession(null);
        setMessage('Logged out.');
      }}
    />
  );
}

function Shell({ session, onLogout }: { session: Session; onLogout(): void }) {
  const route = useRoute();
  const now = useNow();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const [lastSweep, setLastSweep] = useState(() => Date.now());

  useEffect(() => {
    // When the sweep arrived, not its `at`: a skewed browser clock must not make every sweep look old.
    const stopSweeps = onLive('sweep', () => setLastSweep(Date.now()));
    const stop = startLive({
      status: (value) => {
        setStatus(value);
        // A fresh connection gets 30 s to deliver its first sweep before the data counts as stale.
        if (value === 'live') setLastSweep(Date.now());
      },
      activity: () => setLastActivity(Date.now()),
    });
    return () => {
      stop();
      stopSweeps();
    };
  }, []);

  const silentMs = now - lastActivity;
  const sweepAgeMs = now - lastSweep;
  const stale = silentMs > STALE_AFTER_MS || sweepAgeMs > STALE_AFTER_MS;
  const current = route.page === 'position' ? 'overview' : route.page;
  return (
    <div class="shell">
      <header class="top">
        <nav class="nav">
          <strong class="brand">Hookline</strong>
          {pages.map((page) => (
            <a
              key={page.name}
              href={page.hash}
              data-testid={`nav-${page.name}`}
              class={page.name === current ? 'active' : ''}
            >
              {page.label}
            </a>
          ))}
        </nav>
        <div class="who">
          <span class={`badge mode-${session.mode}`} data-testid="session-mode">
            {session.mode}
          </span>
          <span class="muted" data-testid="session-info">
            {session.account} · {session.exchange} · {session.role}
          </span>
          <span class={`live live-${status}`} data-testid="live-status" data-status={status}>
            {status === 'live' ? '● live' : status === 'connecting' ? '○ connecting' : '○ reconnecting'}
          </span>
          <button type="button" data-testid="logout" onClick={onLogout}>
            Log out
          </button>
        </div>
      </header>
      {stale && (
        <div class="stale" role="status" data-testid="stale-banner">
          Data may be stale:{' '}
          {silentMs > STALE_AFTER_MS ? `nothing heard for ${Math.round(silentMs / 1000)} s` : ''}
          {silentMs > STALE_AFTER_MS && sweepAgeMs > STALE_AFTER_MS ? '; ' : ''}
          {sweepAgeMs > STALE_AFTER_MS ? `last sweep ${Math.round(sweepAgeMs / 1000)} s ago` : ''}
        </div>
      )}
      <main class="main">
        <Page route={route} session={session} />
      </main>
    </div>
  );
}

function Page({ route, session }: { route: Route; session: Session }) {
  switch (route.page) {
    case 'position':
      return <PositionPage slug={route.slug} />;
    case 'orders':
      return <OrdersPage />;
    case 'decisions':
      return <DecisionsPage />;
    case 'matrix':
      return <MatrixPage />;
    case 'charts':
      return <LazyCharts />;
    case 'tax':
      return <TaxPage />;
    case 'controls':
      return <ControlsPage session={session} />;
    default:
      return <OverviewPage />;
  }
}

/** The charts page with lightweight-charts, loaded on first visit so the first load stays small. */
function LazyCharts() {
  const [page, setPage] = useState<{ component: FunctionComponent } | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    import('./pages/charts').then(
      (module) => setPage({ component: module.ChartsPage }),
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, []);
  if (error !== undefined) return <p class="error">{error}</p>;
  if (page === undefined) return <p class="muted">Loading charts…</p>;
  const Charts = page.component;
  return <Charts />;
}
