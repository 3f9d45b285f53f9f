// The /api routes: read routes open, admin routes in a child scope behind the bearer token. Route
// schemas are zod (zod-route.ts), so the OpenAPI document (openapi-plugin.ts) describes them.
import type { FastifyInstance } from 'fastify';
import { adminRoutesPlugin } from './admin-routes.js';
import type { ApiOptions } from './api-options.js';
import { registerDecisionRoutes } from './decision-routes.js';
import { registerMatrixRoutes } from './matrix-routes.js';
import { registerOrderRoutes } from './order-routes.js';
import { registerPositionRoutes } from './position-routes.js';
import { registerRiskRoutes } from './risk-routes.js';
import { useZodSchemas } from './zod-route.js';

/** Registers GET /api/{positions,orders,fills,decisions,alerts,risk,circuit,matrix} and POST /api/admin/*. */
export async function apiPlugin(app: FastifyInstance, options: ApiOptions): Promise<void> {
  useZodSchemas(app);
  registerPositionRoutes(app, options);
  registerOrderRoutes(app, options);
  registerDecisionRoutes(app, options);
  registerRiskRoutes(app, options);
  if (options.matrix !== undefined) registerMatrixRoutes(app, options.matrix);
  await app.register(adminRoutesPlugin, options);
}
