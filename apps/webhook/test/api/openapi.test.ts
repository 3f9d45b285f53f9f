import { describe, expect, it } from 'vitest';
import { useApiHarness } from './api-harness.js';

describe('GET /openapi.json', () => {
  const harness = useApiHarness();

  it('when fetched then the OpenAPI document lists every route with its parameters', async () => {
    const { get } = await harness();

    const answer = await get('/openapi.json');

    expect(answer.statusCode).toBe(200);
    const paths = answer.json.paths as Record<
      string,
      Record<string, { parameters?: Array<{ name: string }> }>
    >;
    expect(Object.keys(paths).sort()).toEqual(
      [
        '/api/admin/buy-guard',
        '/api/admin/flatten',
        '/api/admin/halt',
        '/api/admin/resume',
        '/api/alerts',
        '/api/charts/candles',
        '/api/charts/equity',
        '/api/circuit',
        '/api/decisions',
        '/api/exits',
        '/api/exits/{id}',
        '/api/fills',
        '/api/matrix',
        '/api/orders',
        '/api/overview',
        '/api/positions',
        '/api/positions/detail',
        '/api/risk',
        '/api/session',
        '/api/stream',
        '/api/tax/8949.csv',
        '/api/tax/summary',
        '/healthz',
        '/metrics',
        '/readyz',
        '/webhook', // the service's app: ingress beside the API
      ].sort(),
    );
    expect(paths['/api/decisions']?.get?.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['limit', 'before', 'symbol', 'outcome', 'reason']),
    );
    expect(paths['/api/admin/halt']?.post).toMatchObject({ security: [{ adminToken: [] }] });
  });

  it("when fetched then POST /webhook says what buy, sell and exit do and the decisions' exit reasons name the user's", async () => {
    const { get } = await harness();

    const document = (await get('/openapi.json')).json as {
      paths: Record<string, Record<string, { description?: string }>>;
      components?: unknown;
    };

    const description = document.paths['/webhook']?.post?.description ?? '';
    for (const words of ['USER_SELL', 'USER_EXIT', 'NO_POSITION', 'EXIT_WORKING', 'capped at the position']) {
      expect(description).toContain(words);
    }
    expect(JSON.stringify(document.paths['/api/decisions'])).toContain('USER_SELL or USER_EXIT');
  });
});
