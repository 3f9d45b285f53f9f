import type { Clock } from '@hookline/core';
import type { ExchangePort } from '@hookline/exchange';
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
}
