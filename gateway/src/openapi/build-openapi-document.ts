/**
 * @module build-openapi-document
 * The OpenAPI 3.1 document of the admin and proxy API, generated from the zod schemas the routes
 * validate with (zod v4's `z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import { z } from 'zod';
import { version } from '../version';
import {
  adminOperations,
  componentSchemas,
  type AnswerSchema,
  type Operation,
} from './admin-operations';
import { proxyOperations } from './proxy-operations';

type JsonObject = Record<string, unknown>;

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const converted = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonObject;
  delete converted.$schema;
  return converted;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input; `details` names each field',
  401: 'No, invalid or expired access token (or wrong credentials)',
  403: 'Not allowed',
  404: "Not found (also for another user's resource)",
  409: 'Conflict, e.g. a duplicate name',
  413: 'Body too large',
  429: 'Too many attempts; see retry-after',
  502: 'The upstream failed or answered an error',
  504: 'The upstream did not answer in time',
};

function describeAnswer(answer: AnswerSchema): JsonObject | undefined {
  if ('none' in answer) return undefined;
  if ('ref' in answer) return { $ref: `#/components/schemas/${answer.ref}` };
  if ('pageOf' in answer) {
    return {
      type: 'object',
      required: ['items', 'next_cursor'],
      properties: {
        items: { type: 'array', items: { $ref: `#/components/schemas/${answer.pageOf}` } },
        next_cursor: { type: ['string', 'null'] },
      },
    };
  }
  return toJsonSchema(answer.schema, 'output');
}

function describeQuery(operation: Operation): JsonObject[] {
  const parameters: JsonObject[] = operation.path.includes('{id}')
    ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]
    : [];
  if (!operation.query) return parameters;
  const schema = toJsonSchema(operation.query, 'input') as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    parameters.push({
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      schema: property,
    });
  }
  return parameters;
}

function describeOperation(operation: Operation): JsonObject {
  const answer = describeAnswer(operation.answer);
  const responses: JsonObject = {
    [operation.status]: answer
      ? { description: 'OK', content: { 'application/json': { schema: answer } } }
      : { description: 'No content' },
  };
  const statuses = new Set([
    400,
    ...(operation.secured ? [401] : []),
    ...(operation.path.includes('{id}') ? [404] : []),
    ...(operation.body ? [413] : []),
    ...(operation.errors ?? []),
  ]);
  for (const status of [...statuses].sort())
    responses[status] = errorResponse(errorDescriptions[status] ?? 'Error');
  return {
    tags: [operation.tag],
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/[{}]/g, '').replace(/[/_-]+(\w)/g, (_match, letter: string) => letter.toUpperCase())}`,
    ...(operation.secured ? { security: [{ bearerAuth: [] }] } : { security: [] }),
    parameters: describeQuery(operation),
    ...(operation.body
      ? {
          requestBody: {
            required: false,
            content: { 'application/json': { schema: toJsonSchema(operation.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const operation of adminOperations) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: describeOperation(operation),
    };
  }
  for (const operation of proxyOperations) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: {
        tags: ['proxy'],
        summary: operation.summary,
        description: operation.description,
        security: [{ proxyKey: [] }, { proxyKeyHeader: [] }],
        parameters: [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
          name,
          in: 'path',
          required: true,
          schema: { type: 'string' },
        })),
        responses: {
          200: {
            description:
              "Answer in the caller's format (JSON, or server-sent events when stream is true)",
          },
          401: {
            description: "Missing, unknown, revoked or expired key (error in the caller's format)",
          },
          404: { description: 'A model the key may not use or that does not exist' },
          429: { description: 'Over a rate limit; see retry-after' },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'LLMFormBridge API',
      version,
      description:
        'Admin API (`/api/...`, JWT bearer) and proxy API (`/v1/...`, `llmb_` keys). Field names are snake_case.',
    },
    tags: ['auth', 'users', 'credentials', 'models', 'keys', 'proxy'].map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(componentSchemas).map(([name, schema]) => [
          name,
          toJsonSchema(schema, 'output'),
        ]),
      ),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        proxyKey: { type: 'http', scheme: 'bearer', description: 'llmb_… proxy key' },
        proxyKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
    },
  };
}
