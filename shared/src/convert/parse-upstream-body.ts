/**
 * @module convert/parse-upstream-body
 * Boundary validation of upstream response bodies (STYLE.md §10.8 rule 2): a small zod schema per
 * body, and one error for every malformed body — `GatewayError` `upstream.invalid_response`, 502,
 * naming the first offending field. The schemas are deliberately minimal and loose (anchor A §2.3):
 * fields the gateway does not read are neither checked nor dropped.
 */
import type { z } from 'zod';
import { GatewayError } from '../errors/gateway-error';

/** Parses `body` with `schema` or throws the 502 `upstream.invalid_response` error. */
export function parseUpstreamBody<TSchema extends z.ZodType>(
  schema: TSchema,
  body: unknown,
  what: string,
): z.output<TSchema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${formatPath(issue.path)}` : '';
  throw new GatewayError({
    code: 'upstream.invalid_response',
    status: 502,
    message: `The upstream returned an invalid ${what}${where}: ${issue?.message ?? 'unreadable body'}.`,
    retryable: true,
    cause: result.error,
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  }
  return text;
}
