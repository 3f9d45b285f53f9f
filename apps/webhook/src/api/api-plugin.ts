// The /api routes: read routes in one child scope behind the read check (READ_TOKEN, ADMIN_TOKEN or
// loopback), admin routes in another behind the admin token. Route
// schemas are zod, checked and serialized by fastify-type-provider-zod in this scope only, so the
// OpenAPI document (openapi-plugin.ts) describes exactly what is validated and answered.
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LiveFeed } from '../live/live-feed.js';
import { registerStreamRoute } from '../live/stream-route.js';
import { readAccessCheck } from './admin-auth.js';
import { adminRoutesPlugin } from './admin-routes.js';
import type { ApiOptions } from './api-options.js';
import { registerChartRoutes } from './chart-routes.js';
import { readLiveSnapshot, registerDashboardRoutes } from './dashboard-routes.js';
import { decisionItem, registerDecisionRoutes } from './decision-routes.js';
import { registerDisplayRounding } from './display-rounding.js';
import { registerExitRoutes } from './exit-routes.js';
import { registerMatrixRoutes } from './matrix-routes.js';
import { fillItem, orderItem, registerOrderRoutes } from './order-routes.js';
import { registerPositionRoutes } from './position-routes.js';
import { registerRiskRoutes } from './risk-routes.js';
import { registerTaxRoutes } from './tax-routes.js';

/**
 * Registers GET /api/{positions,orders,fills,decisions,alerts,exits,risk,circuit,matrix}, the
 * dashboard's reads when its sources are given (session, overview, positions/detail, charts, tax,
 * stream), and POST /api/admin/*.
 */
export async function apiPlugin(app: FastifyInstance, options: ApiOptions): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  // Answers are encoded with their route's response schema: a field the schema does not name is
  // dropped, and an answer that does not fit is a 500 instead of an undocumented shape.
  app.setSerializerCompiler(serializerCompiler);
  app.setSchemaErrorFormatter(zodIssueText);
  // Fastify hands a missing body to the validator as null; these routes have always read it as {} (an
  // empty POST /api/admin/halt halts, and buy-guard's 400 names the missing "on").
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.schema?.body !== undefined) request.body ??= {};
  });
  const { dashboard } = options;
  const live =
    dashboard === undefined
      ? undefined
      : new LiveFeed({
          store: options.store,
          account: options.account,
          intervalMs: dashboard.liveIntervalMs,
          logger: app.log,
          snapshot: () => readLiveSnapshot(options, dashboard),
          render: { decision: decisionItem, fill: fillItem, order: orderItem },
        });
  await app.register(async (reads) => {
    reads.addHook('onRequest', readAccessCheck(options.access));
    // Decimals rounded to the market's precision for people; `?exact=true` keeps every digit.
    registerDisplayRounding(reads, options.exchange);
    // The OpenAPI document names the token every read route needs (the scheme: openapi-plugin.ts).
    reads.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, security: [{ readToken: [] }] };
    });
    registerPositionRoutes(reads, options);
    registerOrderRoutes(reads, options);
    registerDecisionRoutes(reads, options);
    registerExitRoutes(reads, options);
    registerRiskRoutes(reads, options);
    if (options.matrix !== undefined) registerMatrixRoutes(reads, options.matrix);
    if (dashboard !== undefined && live !== undefined) {
      registerDashboardRoutes(reads, options, dashboard);
      registerChartRoutes(reads, options, dashboard);
      registerTaxRoutes(reads, options, dashboard);
      registerStreamRoute(reads, live);
    }
  });
  await app.register(adminRoutesPlugin, { ...options, live });
}

/**
 * The message of a 400: zod's own rendering of the issues ("✖ Too big: … → at limit"), as this API has
 * always answered, rather than fastify's "querystring/limit …". The plugin passes each zod issue as
 * keyword (its code), instancePath (its path joined by "/"), message and params (everything else).
 */
function zodIssueText(errors: FastifySchemaValidationError[]): Error {
  const issues = errors.map((error) => ({
    ...error.params,
    code: error.keyword,
    message: error.message ?? error.keyword,
    path:
      error.instancePath === '/'
        ? []
        : error.instancePath
            .slice(1)
            .split('/')
            .map((key) => (/^\d+$/.test(key) ? Number(key) : key)),
  }));
  return new Error(z.prettifyError(new z.ZodError(issues as z.core.$ZodIssue[])));
}
