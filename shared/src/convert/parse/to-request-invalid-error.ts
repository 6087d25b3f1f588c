/**
 * @module convert/parse/to-request-invalid-error
 * Turns a zod failure into the gateway's 400 (`request.invalid`) naming the first bad field as a
 * JSON path (`messages[2].content[0].text`). For a union (string or array of parts, one of
 * several block types) the branch that got furthest into the value explains the problem best.
 */
import type { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error';

type Issue = z.core.$ZodIssue;

interface Located {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

function locateIssue(issue: Issue): Located {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: Located | undefined;
    for (const branch of issue.errors) {
      const first = branch[0];
      if (first === undefined) continue;
      const located = locateIssue(first);
      if (best === undefined || located.path.length > best.path.length) best = located;
    }
    if (best !== undefined) return { path: [...issue.path, ...best.path], message: best.message };
  }
  return { path: issue.path, message: issue.message };
}

/** `['messages', 2, 'content']` → `messages[2].content`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text.length === 0 ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

export function toRequestInvalidError(error: z.ZodError): GatewayError {
  const first = error.issues[0];
  if (first === undefined)
    return new GatewayError({
      code: 'request.invalid',
      status: 400,
      message: 'Invalid request body',
    });
  const { path, message } = locateIssue(first);
  const param = formatJsonPath(path);
  return new GatewayError({
    code: 'request.invalid',
    status: 400,
    param: param || undefined,
    message: param ? `${param}: ${message}` : message,
    details: [{ path: param, message }],
  });
}
