import type { Clock, Decimal } from '@hookline/core';
import type { ExchangePort, QuoteSource } from '@hookline/exchange';
import type { ReadinessRegistry } from '@hookline/runtime';
import type { Config } from '@hookline/schemas';
import type { Store } from '@hookline/store';
import type { TradingControls } from '../controls/trading-controls.js';
import type { ExitExecutor } from '../exits/index.js';
import type { RiskLimits } from '../rules/index.js';
import type { AccessPolicy } from './admin-auth.js';
import type { MatrixRouteOptions } from './matrix-routes.js';

/** What the /api routes read and act on. */
export interface ApiOptions {
  readonly store: Store;
  readonly exchange: ExchangePort;
  readonly controls: TradingControls;
  readonly clock: Clock;
  /** The account of this deployment: what the listings show unless `?account=` asks for another, and what flatten sells. */
  readonly account: string;
  readonly limits: RiskLimits;
  /** Exits of /api/admin/flatten go through it (the sentinel's exit executor). */
  readonly exits: Pick<ExitExecutor, 'start'>;
  /** Where GET /api/matrix reads sighook's rows; undefined = the route is not served. */
  readonly matrix?: MatrixRouteOptions;
  /** Who may read (READ_TOKEN, ADMIN_TOKEN, loopback) and act (ADMIN_TOKEN). */
  readonly access: AccessPolicy;
  /** The dashboard's reads (overview, live updates, charts, tax); undefined = those routes are not served. */
  readonly dashboard?: DashboardSources;
}

/** What the dashboard's routes read beyond the API's own sources. */
export interface DashboardSources {
  readonly mode: Config['MODE'];
  /** The quote cache the sentinel reads: positions are valued from it, never by a REST read each. */
  readonly quotes: Pick<QuoteSource, 'readQuotes'>;
  /** The stop levels shown beside each position (% below its average cost). */
  readonly stops: { readonly hardStopPct: Decimal; readonly softStopPct: Decimal };
  /** The loops and checks the overview shows (the same as /readyz). */
  readonly readiness: ReadinessRegistry;
  /** HOOKLINE_TAX_TIMEZONE: the tax page's calendar year. */
  readonly taxTimezone: string;
  /** How often the live feed sends positions and P&L (the sentinel's interval). */
  readonly liveIntervalMs: number;
}
