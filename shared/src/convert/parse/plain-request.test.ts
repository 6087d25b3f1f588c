import fc from 'fast-check';
import { chatRequestSchema } from './parse-chat-request';
import { messagesRequestSchema } from './parse-messages-request';
import { isPlainChatRequest, isPlainMessagesRequest } from './plain-request';

// Values a client might put anywhere: right and wrong types, nulls, edge numbers.
const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5000 }),
  fc.constantFrom(0.5, -1, 2 ** 53, 2 ** 53 + 2, 1e21, -0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 4 }),
  fc.constantFrom('', 'gpt-4o', 'system', 'user', 'assistant', 'high'),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant([{ type: 'text', text: 'hi' }]),
  fc.dictionary(
    fc.constantFrom('include_usage', 'user_id', 'x'),
    fc.oneof(fc.boolean(), fc.string(), fc.constant(null)),
  ),
);

/** Mostly a well-typed value, sometimes anything. */
const mixed = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: anyValue, weight: 1 });

/** Usually `null` (nothing), once in a while a value. */
const sometimes = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: value, weight: 1 });

const message = (roles: readonly string[]) =>
  fc
    .record({
      role: fc.oneof(
        { arbitrary: fc.constantFrom(...roles), weight: 9 },
        { arbitrary: fc.constantFrom('tool', 'bogus'), weight: 1 },
      ),
      content: mixed(fc.string({ maxLength: 6 })),
      extra: sometimes(fc.tuple(fc.constantFrom('name', 'cache_control', 'x'), anyValue)),
    })
    .map(({ role, content, extra }) => ({
      role,
      content,
      ...(extra ? { [extra[0]]: extra[1] } : {}),
    }));

/**
 * A body with `model`, `messages` and some of `keys`, each mostly well typed, and now and then a
 * key the fast path leaves to the schema.
 */
const body = (roles: readonly string[], keys: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .record({
      model: mixed(fc.constantFrom('gpt-4o', 'claude', '')),
      messages: mixed(fc.array(message(roles), { minLength: 1, maxLength: 3 })),
      rare: sometimes(fc.tuple(fc.constantFrom('tools', 'metadata', 'vendor_extension'), anyValue)),
      present: fc.subarray(Object.keys(keys)),
    })
    .chain(({ model, messages, rare, present }) =>
      fc
        .tuple(...present.map((key) => mixed(keys[key] as fc.Arbitrary<unknown>)))
        .map((values) => ({
          model,
          messages,
          ...Object.fromEntries(present.map((key, index) => [key, values[index]])),
          ...(rare ? { [rare[0]]: rare[1] } : {}),
        })),
    );

const tokens = fc.integer({ min: 0, max: 4096 });
const unit = fc.double({ min: 0, max: 2, noNaN: true });
const strings = fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 });
const chatKeys = {
  max_tokens: tokens,
  max_completion_tokens: tokens,
  n: tokens,
  temperature: unit,
  top_p: unit,
  stream: fc.boolean(),
  stream_options: fc.record({ include_usage: fc.boolean() }, { requiredKeys: [] }),
  stop: fc.oneof(fc.string(), strings),
  user: fc.string(),
};
const messagesKeys = {
  max_tokens: tokens,
  system: fc.string(),
  stream: fc.boolean(),
  temperature: unit,
  top_p: unit,
  top_k: tokens,
  stop_sequences: strings,
  metadata: fc.record({ user_id: fc.option(fc.string()) }, { requiredKeys: [] }),
};

/**
 * Whenever `isPlain` accepts a generated body, `schema` accepts it too and returns an equal object;
 * and a good share of the bodies take the fast path, so the property is not vacuous.
 */
function assertHeldToSchema(
  bodies: fc.Arbitrary<Record<string, unknown>>,
  isPlain: (body: unknown) => boolean,
  schema: { safeParse(body: unknown): { success: boolean; data?: unknown } },
): void {
  let plain = 0;
  fc.assert(
    fc.property(bodies, (candidate) => {
      if (!isPlain(candidate)) return;
      plain += 1;
      const result = schema.safeParse(candidate);
      expect(result.success).toBe(true);
      expect(result.data).toStrictEqual(candidate);
    }),
    { numRuns: 3000 },
  );
  expect(plain).toBeGreaterThan(100);
}

describe('plain request fast path', () => {
  it('accepts an OpenAI body only when the schema accepts it, and as the schema would return it', () => {
    assertHeldToSchema(
      body(['system', 'developer', 'user', 'assistant'], chatKeys),
      isPlainChatRequest,
      chatRequestSchema,
    );
  });

  it('accepts an Anthropic body only when the schema accepts it, and as the schema would return it', () => {
    assertHeldToSchema(
      // max_tokens is required: there unless the generator put its own (maybe wrong) value.
      body(['user', 'assistant'], messagesKeys).map((candidate) => ({
        max_tokens: 256,
        ...candidate,
      })),
      isPlainMessagesRequest,
      messagesRequestSchema,
    );
  });

  it('takes the fast path for the everyday shapes of both dialects', () => {
    expect(
      isPlainChatRequest({
        model: 'gpt-4o',
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 256,
        temperature: 0.2,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello' },
        ],
      }),
    ).toBe(true);
    expect(
      isPlainMessagesRequest({
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        system: 'Be brief.',
        stream: true,
        metadata: { user_id: 'u1' },
        messages: [{ role: 'user', content: 'Hello' }],
      }),
    ).toBe(true);
  });

  it('leaves tools, content blocks, nulls the schema turns into "absent" and unknown keys to the schema', () => {
    const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };
    expect(isPlainChatRequest({ ...chat, tools: [] })).toBe(false);
    expect(isPlainChatRequest({ ...chat, user: null })).toBe(false);
    expect(isPlainChatRequest({ ...chat, vendor_extension: 1 })).toBe(false);
    expect(
      isPlainChatRequest({
        ...chat,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      }),
    ).toBe(false);
    const anthropic = {
      model: 'claude',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
    };
    expect(isPlainMessagesRequest({ ...anthropic, max_tokens: -1 })).toBe(false);
    expect(isPlainMessagesRequest({ ...anthropic, max_tokens: 0 })).toBe(false);
    expect(
      isPlainMessagesRequest({ ...anthropic, messages: [{ role: 'system', content: 'x' }] }),
    ).toBe(false);
    expect(isPlainMessagesRequest({ model: 'claude', messages: anthropic.messages })).toBe(false);
  });
});
