// Route schemas are written once in zod: the JSON Schema fastify (and so @fastify/swagger's OpenAPI
// document) sees is generated from them, and validation runs the zod schema itself (so coercion and
// defaults are zod's). Responses are documented, not enforced: they are serialized with JSON.stringify.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';

const zodOf = new WeakMap<object, z.ZodType>();

/** The JSON Schema of a zod schema (draft-07, as fastify's ajv and swagger expect), remembered for validation. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io,
    unrepresentable: 'any',
  });
  zodOf.set(json, schema);
  return json;
}

/** Uses the zod schemas behind jsonSchema() to validate, and JSON.stringify to answer, in this plugin. */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => {
    const zodSchema = zodOf.get(schema);
    if (zodSchema === undefined) return () => true;
    return (data: unknown) => {
      const parsed = zodSchema.safeParse(data ?? {});
      return parsed.success ? { value: parsed.data } : { error: new Error(z.prettifyError(parsed.error)) };
    };
  });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/** What one route declares: its documentation and its zod schemas. */
export interface RouteSpec<Query extends z.ZodType, Body extends z.ZodType> {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly querystring?: Query;
  readonly body?: Body;
  /** The 200 answer's schema (documentation). */
  readonly response: z.ZodType;
  /** Other answers (401, 403, ...) with their schemas. */
  readonly errors?: Readonly<Record<number, z.ZodType>>;
  /** True for routes behind the admin bearer token. */
  readonly admin?: boolean;
}

/** The handler of a route: query and body already parsed by zod. */
export type RouteHandler<Query extends z.ZodType, Body extends z.ZodType> = (input: {
  query: z.output<Query>;
  body: z.output<Body>;
  request: FastifyRequest;
  reply: FastifyReply;
}) => Promise<unknown>;

/** An error answer: `{ error }`. */
export const errorSchema = z.object({ error: z.string() });

/** Declares a route from its spec. */
export function zodRoute<Query extends z.ZodType = z.ZodUndefined, Body extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  spec: RouteSpec<Query, Body>,
  handler: RouteHandler<Query, Body>,
): void {
  const response: Record<number, unknown> = { 200: jsonSchema(spec.response, 'output') };
  for (const [code, schema] of Object.entries(spec.errors ?? {}))
    response[Number(code)] = jsonSchema(schema, 'output');
  const schema: FastifySchema & Record<string, unknown> = {
    summary: spec.summary,
    tags: [...spec.tags],
    response,
    ...(spec.querystring === undefined ? {} : { querystring: jsonSchema(spec.querystring) }),
    ...(spec.body === undefined ? {} : { body: jsonSchema(spec.body) }),
    ...(spec.admin === true ? { security: [{ adminToken: [] }] } : {}),
  };
  app.route({
    method: spec.method,
    url: spec.url,
    schema,
    handler: async (request, reply) =>
      await handler({
        query: request.query as z.output<Query>,
        body: request.body as z.output<Body>,
        request,
        reply,
      }),
  });
}
