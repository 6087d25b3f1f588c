/**
 * @module common-schemas
 * zod schemas shared by every admin route: ids, list queries, pages, timestamps and the error
 * body. Wire names are snake_case (API.md). The OpenAPI document is generated from these.
 */
import { z } from 'zod';

export const idSchema = z.string().min(1).max(128);

/** Query booleans arrive as text. */
export const queryBooleanSchema = z.enum(['true', 'false']).transform((value) => value === 'true');

/** `?limit=` (1 or more; values above 500 are clamped by the store) and `?cursor=`. */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(1_000_000).optional(),
  cursor: z.string().min(1).max(1024).optional(),
};

/** List query of resources a superuser may list for everyone with `?all=true`. */
export const listQuerySchema = z.strictObject({
  ...pageQueryShape,
  all: queryBooleanSchema.optional(),
});

/** GET/DELETE and friends take no query parameters. */
export const emptyQuerySchema = z.strictObject({});

export const timestampSchema = z.iso.datetime({ offset: true }).describe('ISO 8601, UTC');

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('machine code, e.g. request_invalid, resource_not_found'),
      message: z.string(),
      details: z
        .union([
          z.array(z.object({ path: z.string(), message: z.string() })),
          z.record(z.string(), z.unknown()),
        ])
        .optional(),
    }),
  })
  .describe('Admin API error');

/** Actions such as validate take no body (an empty object is fine). */
export const emptyBodySchema = z.strictObject({});
