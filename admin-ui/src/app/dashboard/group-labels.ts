import { HttpResourceRequest } from '@angular/common/http';
import * as z from 'zod/mini';
import { GroupBy } from './usage';

const namedListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.optional(z.string()),
      username: z.optional(z.string()),
      prefix: z.optional(z.string()),
    }),
  ),
});

/** Which list names the groups (model keys are already aliases). */
export function selectLabelSource(
  apiBaseUrl: string,
  groupBy: GroupBy,
): HttpResourceRequest | undefined {
  switch (groupBy) {
    case 'model':
      return undefined;
    case 'key':
      return { url: `${apiBaseUrl}/keys`, params: { limit: 500 } };
    case 'credential':
      return { url: `${apiBaseUrl}/credentials`, params: { limit: 500 } };
    case 'user':
      return { url: `${apiBaseUrl}/users`, params: { limit: 500 } };
  }
}

/** id → readable name (`name (prefix…)` for keys, username for users). */
export function readGroupLabels(body: unknown): ReadonlyMap<string, string> {
  const { items } = namedListSchema.parse(body);
  return new Map(
    items.map((item) => {
      const name = item.name ?? item.username ?? item.id;
      return [item.id, item.prefix ? `${name} (${item.prefix}…)` : name];
    }),
  );
}
