import * as z from 'zod/mini';

/** `{items, next_cursor}`: the shape of every admin list endpoint. */
export function createListSchema<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.nullable(z.optional(z.string())) });
}

/** A field the contract allows to be null, tolerated when a server leaves it out. */
export function nullish<T extends z.ZodMiniType>(schema: T) {
  return z.optional(z.nullable(schema));
}

/** Lists in the console ask for the largest page the API serves. */
export const LIST_LIMIT = 500;
