/**
 * @module convert/parse/plain-request
 * The fast path of request validation. Most proxied requests are plain: text messages and a few
 * scalar parameters. For those, a handful of type checks decide what the zod schema would, and the
 * body is used as it is (zod would only have copied it). Anything else — a key outside the short
 * lists below, content blocks, tools, a `null` the schema turns into "absent" — is left to the zod
 * schema, which also words the errors. A property test holds the two to the same answers.
 */
import type { AnthropicMessagesRequest } from '../../anthropic/messages-request';
import type { OpenAIChatRequest } from '../../openai/chat-request';

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;
const isString: Check = (value) => typeof value === 'string';
const isNonEmptyString: Check = (value) => typeof value === 'string' && value.length > 0;
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isInteger: Check = (value) => Number.isSafeInteger(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const isStringArray: Check = (value) => Array.isArray(value) && value.every(isString);
const orNull =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const oneOf =
  (...allowed: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);

/** Every key of `value` has a check in `checks`, and every check passes. */
function matches(value: Record<string, unknown>, checks: Readonly<Record<string, Check>>): boolean {
  for (const key in value) {
    if (!Object.hasOwn(checks, key) || !(checks[key] as Check)(value[key])) return false;
  }
  return true;
}

/** A message with a `role` of `roles` and string `content`, and otherwise only the `extra` keys. */
function textMessage(roles: Check, extra: Readonly<Record<string, Check>> = {}): Check {
  const checks = { role: roles, content: isString, ...extra };
  return (value) =>
    isObject(value) && 'role' in value && 'content' in value && matches(value, checks);
}

function hasTextMessages(value: unknown, message: Check): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(message);
}

const chatMessage = textMessage(oneOf('system', 'developer', 'user', 'assistant'), {
  name: isString,
});
const chatParameters: Readonly<Record<string, Check>> = {
  model: isNonEmptyString,
  messages: (value) => hasTextMessages(value, chatMessage),
  max_tokens: orNull(isInteger),
  max_completion_tokens: orNull(isInteger),
  n: orNull(isInteger),
  temperature: orNull(isNumber),
  top_p: orNull(isNumber),
  stream: orNull(isBoolean),
  stream_options: orNull(
    (value) => isObject(value) && matches(value, { include_usage: isBoolean }),
  ),
  stop: orNull((value) => isString(value) || isStringArray(value)),
  user: isString,
};

/** An OpenAI chat request of text messages and plain parameters that the schema would accept as is. */
export function isPlainChatRequest(body: unknown): body is OpenAIChatRequest {
  return isObject(body) && 'model' in body && 'messages' in body && matches(body, chatParameters);
}

const anthropicMessage = textMessage(oneOf('user', 'assistant'));
const messagesParameters: Readonly<Record<string, Check>> = {
  model: isNonEmptyString,
  max_tokens: (value) => isInteger(value) && (value as number) >= 1,
  messages: (value) => hasTextMessages(value, anthropicMessage),
  system: isString,
  stream: isBoolean,
  temperature: isNumber,
  top_p: isNumber,
  top_k: isInteger,
  stop_sequences: isStringArray,
  metadata: (value) => isObject(value) && matches(value, { user_id: orNull(isString) }),
};

/** An Anthropic Messages request of text messages and plain parameters that the schema would accept as is. */
export function isPlainMessagesRequest(body: unknown): body is AnthropicMessagesRequest {
  return (
    isObject(body) &&
    'model' in body &&
    'max_tokens' in body &&
    'messages' in body &&
    matches(body, messagesParameters)
  );
}
