/**
 * @module validate-input
 * Parses a request body or query string against a zod schema, or throws a 400 whose details
 * name every offending field (`{path, message}`), unknown fields included.
 *
 * @example
 * const body = readBody(createCredentialBodySchema, request.body);
 */
import type { z } from 'zod';
import { GatewayError, type FieldProblem } from '@llmfb/shared';

/** `a.0.b`; a blank key is shown quoted so the path still names something. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => {
      const text = String(segment);
      return text.trim() === '' ? JSON.stringify(text) : text;
    })
    .join('.');
}

/** One `{path, message}` per problem; an unknown key is reported under its own name. */
export function listFieldProblems(error: z.ZodError, root: string): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'Unknown field.',
      }));
    }
    return [{ path: formatPath(issue.path) || root, message: issue.message }];
  });
}

function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  root: 'body' | 'query',
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = listFieldProblems(result.error, root);
  const names = [...new Set(details.map((detail) => detail.path))].slice(0, 5).join(', ');
  throw new GatewayError({
    code: 'request.invalid',
    status: 400,
    message: `Invalid ${root === 'body' ? 'request body' : 'query string'}: ${names}.`,
    details,
    param: details[0]?.path,
  });
}

/** A missing body counts as `{}`, so required fields are named in the error. */
export function readBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  return parseOrThrow(schema, body === undefined ? {} : body, 'body');
}

export function readQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  return parseOrThrow(schema, query ?? {}, 'query');
}
