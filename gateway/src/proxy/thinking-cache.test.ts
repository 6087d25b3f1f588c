import { randomBytes } from 'node:crypto';
import {
  createSecretBox,
  parseMasterKeys,
  type RedisConnection,
  type SecretBox,
} from '@llmfb/shared/node';
import { createSharedConversions } from './shared-conversions';
import { createThinkingCache } from './thinking-cache';

const context = { now: () => 1_767_225_600_000, generateId: (prefix: string) => `${prefix}test` };

describe('signed thinking across OpenAI-client turns (CONVERSION.md §10.2)', () => {
  const conversions = createSharedConversions({ thinkingCache: createThinkingCache() });
  const upstreamAnswer = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'thinking', thinking: 'I should look up the weather.', signature: 'sig-abc' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 20 },
  };

  it('puts the signed blocks back when a plain OpenAI client replays the turn without them', () => {
    const answer = conversions.convertResponse({
      inbound: 'openai',
      upstream: 'anthropic',
      body: upstreamAnswer,
      hints: { clientModel: 'claude' },
      context,
      thinkingScope: 'user-1',
    });
    const message = (
      answer.body as {
        choices: Array<{
          message: {
            tool_calls: Array<{ id: string; function: { name: string; arguments: string } }>;
          };
        }>;
      }
    ).choices[0]!.message;
    const call = message.tool_calls[0]!;
    const nextTurn = conversions.parseRequest('openai', {
      model: 'claude',
      reasoning_effort: 'medium',
      max_completion_tokens: 20_000,
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: call.id, type: 'function', function: call.function }],
        },
        { role: 'tool', tool_call_id: call.id, content: 'sunny' },
      ],
    });
    const converted = conversions.convertRequest({
      inbound: 'openai',
      upstream: 'anthropic',
      request: nextTurn,
      upstreamModel: 'claude-sonnet-4-5',
      context,
      thinkingScope: 'user-1',
    });
    const assistant = (
      converted.body.messages as Array<{
        role: string;
        content: Array<{ type: string; signature?: string }>;
      }>
    )[1]!;
    expect(assistant.content[0]).toEqual({
      type: 'thinking',
      thinking: 'I should look up the weather.',
      signature: 'sig-abc',
    });
    expect(converted.body.thinking).toBeDefined();
  });

  it('turns thinking off (and says so) when the blocks are not known', () => {
    const fresh = createSharedConversions({ thinkingCache: createThinkingCache() });
    const request = fresh.parseRequest('openai', {
      model: 'claude',
      reasoning_effort: 'medium',
      max_completion_tokens: 20_000,
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'toolu_unknown',
              type: 'function',
              function: { name: 'get_weather', arguments: '{}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_unknown', content: 'sunny' },
      ],
    });
    const converted = fresh.convertRequest({
      inbound: 'openai',
      upstream: 'anthropic',
      request,
      upstreamModel: 'claude-sonnet-4-5',
      context,
      thinkingScope: 'user-1',
    });
    expect(converted.body.thinking).toBeUndefined();
    expect(converted.notes.some((note) => /thinking/i.test(note.message))).toBe(true);
  });
});

describe('signed thinking from a streamed answer', () => {
  it('is kept by tool-call id when the stream ends', () => {
    const cache = createThinkingCache();
    const conversions = createSharedConversions({ thinkingCache: cache });
    const converter = conversions.createStreamConverter({
      inbound: 'openai',
      upstream: 'anthropic',
      hints: { clientModel: 'claude' },
      context,
      thinkingScope: 'user-1',
    });
    const events: Array<[string, object]> = [
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'm',
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 5, output_tokens: 1 },
          },
        },
      ],
      [
        'content_block_start',
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking: 'Weather needs ' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking: 'a tool "call".' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'signature_delta', signature: 'sig-xyz' },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      [
        'content_block_start',
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: {} },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 1 }],
      [
        'message_delta',
        {
          type: 'message_delta',
          delta: { stop_reason: 'tool_use', stop_sequence: null },
          usage: { output_tokens: 30 },
        },
      ],
      ['message_stop', { type: 'message_stop' }],
    ];
    for (const [event, data] of events) converter.push({ event, data: JSON.stringify(data) });
    expect(cache.lookup('user-1', ['toolu_9'])).toBeUndefined();
    converter.finish();
    expect(cache.lookup('user-1', ['toolu_9'])?.get('toolu_9')).toEqual([
      { type: 'thinking', thinking: 'Weather needs a tool "call".', signature: 'sig-xyz' },
    ]);
  });
});

describe('the shared tier in Redis (several gateway processes)', () => {
  const blocks = [
    { type: 'thinking' as const, thinking: 'Check the map first.', signature: 'sig-1' },
  ];
  const secretBox = (key = randomBytes(32)): SecretBox =>
    createSecretBox(parseMasterKeys(key.toString('base64')));
  const masterKey = randomBytes(32);

  /** What the cache uses of a node-redis client, over a Map; `mode` makes it fail or hang. */
  function fakeRedis(mode: 'ok' | 'down' | 'hang' = 'ok') {
    const values = new Map<string, string>();
    const client = {
      isReady: mode !== 'down',
      values,
      async set(key: string, value: string, options: { PX: number }) {
        expect(options.PX).toBe(60 * 60 * 1000);
        values.set(key, value);
        return 'OK';
      },
      mGet(keys: string[]) {
        if (mode === 'hang') return new Promise<never>(() => {});
        return Promise.resolve(keys.map((key) => values.get(key) ?? null));
      },
    };
    return client;
  }
  const instance = (client: ReturnType<typeof fakeRedis>, box = secretBox(masterKey)) =>
    createThinkingCache({
      redis: { client: client as unknown as RedisConnection, secretBox: box },
      redisWaitMs: 50,
    });

  it('a turn answered by one process is restored by another, for the same user only', async () => {
    const redis = fakeRedis();
    instance(redis).remember('user-1', ['toolu_1', 'toolu_2'], blocks);
    const other = instance(redis);
    expect(other.lookup('user-1', ['toolu_1'])).toBeUndefined();
    await other.prefetch('user-1', ['toolu_1', 'toolu_2']);
    expect(other.lookup('user-1', ['toolu_1', 'toolu_2'])).toEqual(
      new Map([
        ['toolu_1', blocks],
        ['toolu_2', blocks],
      ]),
    );
    await other.prefetch('user-2', ['toolu_1']);
    expect(other.lookup('user-2', ['toolu_1'])).toBeUndefined();
  });

  it('keeps the thinking encrypted in Redis', () => {
    const redis = fakeRedis();
    instance(redis).remember('user-1', ['toolu_1'], blocks);
    const [stored] = [...redis.values.values()];
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('Check the map');
    expect(stored).not.toContain('sig-1');
  });

  it('counts a value sealed with another master key as a miss', async () => {
    const redis = fakeRedis();
    instance(redis).remember('user-1', ['toolu_1'], blocks);
    const stranger = instance(redis, secretBox());
    await stranger.prefetch('user-1', ['toolu_1']);
    expect(stranger.lookup('user-1', ['toolu_1'])).toBeUndefined();
  });

  it('has nothing to wait for when memory has every id, or Redis is down', () => {
    const redis = fakeRedis();
    const cache = instance(redis);
    cache.remember('user-1', ['toolu_1'], blocks);
    expect(cache.prefetch('user-1', ['toolu_1'])).toBeUndefined();
    expect(instance(fakeRedis('down')).prefetch('user-1', ['toolu_1'])).toBeUndefined();
    expect(createThinkingCache().prefetch('user-1', ['toolu_1'])).toBeUndefined();
  });

  it('gives up on a Redis that does not answer in time: a miss, not a failure', async () => {
    const errors: unknown[] = [];
    const cache = createThinkingCache({
      redis: { client: fakeRedis('hang') as unknown as RedisConnection, secretBox: secretBox() },
      redisWaitMs: 20,
      onRedisError: (error) => errors.push(error),
    });
    await expect(cache.prefetch('user-1', ['toolu_1'])).resolves.toBeUndefined();
    expect(cache.lookup('user-1', ['toolu_1'])).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});

describe('tenancy', () => {
  it("never restores one user's signed thinking into another user's request", () => {
    const cache = createThinkingCache();
    cache.remember('user-1', ['toolu_1'], [{ type: 'redacted_thinking', data: 'opaque' }]);
    expect(cache.lookup('user-2', ['toolu_1'])).toBeUndefined();
    expect(cache.lookup('user-1', ['toolu_1'])?.get('toolu_1')).toHaveLength(1);
  });
});
