// The dashboard's tax page: the year's totals (GET /api/tax/summary) and the Form 8949 CSV
// (GET /api/tax/8949.csv), from the same stored report as `pnpm hookline tax report`, for this
// deployment's account, in HOOKLINE_TAX_TIMEZONE's calendar year.
import { renderForm8949Csv } from '@hookline/ledger';
import { storedTaxReport } from '@hookline/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiOptions, DashboardSources } from './api-options.js';

const yearQuery = z.object({
  year: z.coerce.number().int().min(2009).max(2100).describe('the tax year, e.g. 2026'),
});

/** Registers GET /api/tax/summary and GET /api/tax/8949.csv. */
export function registerTaxRoutes(
  app: FastifyInstance,
  options: ApiOptions,
  sources: DashboardSources,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const reportOf = (year: number) =>
    storedTaxReport(options.store, { year, timezone: sources.taxTimezone, account: options.account });
  typed.get(
    '/api/tax/summary',
    {
      schema: {
        summary: "The year's realised gains of this account: proceeds, cost, short- and long-term gain",
        tags: ['read'],
        querystring: yearQuery,
        response: {
          200: z.object({
            year: z.number(),
            timezone: z.string(),
            accounts: z.array(z.string()),
            disposals: z.number(),
            proceeds_usd: z.string(),
            cost_usd: z.string(),
            gain_usd: z.string(),
            short_term_gain_usd: z.string(),
            long_term_gain_usd: z.string(),
            shortfalls: z
              .number()
              .describe('sales beyond known inventory: import the missing buys before filing'),
          }),
        },
      },
    },
    async ({ query }) => {
      const { report, accounts } = await reportOf(query.year);
      return {
        year: report.year,
        timezone: report.timezone,
        accounts: accounts.map((account) => account.name),
        disposals: report.allocations.length,
        proceeds_usd: report.totals.proceeds_usd,
        cost_usd: report.totals.cost_basis_usd,
        gain_usd: report.totals.pnl_usd,
        short_term_gain_usd: report.totals.short_term_pnl_usd,
        long_term_gain_usd: report.totals.long_term_pnl_usd,
        shortfalls: report.shortfalls.length,
      };
    },
  );
  typed.get(
    '/api/tax/8949.csv',
    {
      schema: {
        summary: 'Form 8949 rows of the year as CSV (the same file as `tax report --format 8949`)',
        tags: ['read'],
        querystring: yearQuery,
        produces: ['text/csv'],
      },
    },
    async ({ query }, reply) => {
      const { form8949 } = await reportOf(query.year);
      return await reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="form-8949-${query.year}.csv"`)
        .send(renderForm8949Csv(form8949));
    },
  );
}
