/**
 * @module thinking-cache
 * CONVERSION.md §10.2: Anthropic requires the signed thinking blocks of an assistant turn that
 * called tools to come back unchanged in the next request. OpenAI clients get them as the
 * `thinking_blocks` extension, but a plain OpenAI client drops unknown fields — so the gateway
 * also keeps the signed blocks for an hour, keyed by the user and the tool-call ids of that turn,
 * and puts them back when those ids return. In process memory (bounded, TTL), and with Redis
 * configured also in Redis, encrypted with the master key, so the next turn finds them on any
 * gateway process. A miss means the converter turns thinking off for that request and says so in
 * the conversion report; a Redis that is down or slow is a miss, never a failed request.
 */
import type { AnthropicReplayThinkingBlock, ThinkingBlocksByToolCallId } from '@llmfb/shared';
import { withTimeout, type RedisConnection, type SecretBox } from '@llmfb/shared/node';
import { createTtlCache } from '../ttl-cache';

type Blocks = readonly AnthropicReplayThinkingBlock[];

export interface ThinkingCache {
  /** Whether there is a shared tier (Redis) to prefetch from at all. */
  readonly shared: boolean;
  /** Keeps `blocks` for each of the turn's tool-call ids, for `scope` (the user) only. */
  remember(scope: string, toolCallIds: readonly string[], blocks: Blocks): void;
  /**
   * Brings what Redis holds for those ids into process memory; undefined when there is nothing to
   * fetch (no Redis, or every id already in memory), so the caller need not wait a turn.
   */
  prefetch(scope: string, toolCallIds: readonly string[]): Promise<void> | undefined;
  /** The cached blocks for those ids, or undefined when none is cached. */
  lookup(scope: string, toolCallIds: readonly string[]): ThinkingBlocksByToolCallId | undefined;
}

export interface ThinkingCacheOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  /** The shared tier; its values are sealed with `secretBox` (every instance has the master key). */
  readonly redis?: { readonly client: RedisConnection; readonly secretBox: SecretBox };
  /** How long a request waits for Redis before it counts as a miss. */
  readonly redisWaitMs?: number;
  readonly onRedisError?: (error: unknown) => void;
}

const redisPrefix = 'llmfb:thinking:';

function isBlock(value: unknown): value is AnthropicReplayThinkingBlock {
  const block = value as Record<string, unknown> | null;
  return (
    (block?.type === 'thinking' &&
      typeof block.thinking === 'string' &&
      typeof block.signature === 'string') ||
    (block?.type === 'redacted_thinking' && typeof block.data === 'string')
  );
}

export function createThinkingCache({
  ttlMs = 60 * 60 * 1000,
  maxEntries = 20_000,
  redis,
  redisWaitMs = 250,
  onRedisError = () => {},
}: ThinkingCacheOptions = {}): ThinkingCache {
  const cache = createTtlCache<string, Blocks>({ max: maxEntries, ttlMs });
  const keyOf = (scope: string, toolCallId: string) => `${scope}:${toolCallId}`;

  async function fetchInto(
    shared: NonNullable<ThinkingCacheOptions['redis']>,
    scope: string,
    missing: readonly string[],
  ): Promise<void> {
    let values: (string | null)[];
    try {
      const keys = missing.map((id) => redisPrefix + keyOf(scope, id));
      values = await withTimeout(shared.client.mGet(keys), redisWaitMs, 'redis answered too late');
    } catch (error) {
      onRedisError(error);
      return;
    }
    values.forEach((sealed, index) => {
      if (sealed === null) return;
      try {
        const blocks: unknown = JSON.parse(shared.secretBox.decrypt(sealed));
        if (Array.isArray(blocks) && blocks.length > 0 && blocks.every(isBlock)) {
          cache.set(keyOf(scope, missing[index]!), blocks);
        }
      } catch (error) {
        // Sealed with a master key this instance lacks, or not ours: a miss.
        onRedisError(error);
      }
    });
  }

  return {
    shared: redis !== undefined,
    remember(scope, toolCallIds, blocks) {
      if (blocks.length === 0) return;
      for (const id of toolCallIds) cache.set(keyOf(scope, id), blocks);
      if (!redis?.client.isReady) return;
      const sealed = redis.secretBox.encrypt(JSON.stringify(blocks));
      for (const id of toolCallIds) {
        redis.client.set(redisPrefix + keyOf(scope, id), sealed, { PX: ttlMs }).catch(onRedisError);
      }
    },
    prefetch(scope, toolCallIds) {
      if (!redis?.client.isReady) return undefined;
      const missing = toolCallIds.filter((id) => cache.get(keyOf(scope, id)) === undefined);
      return missing.length === 0 ? undefined : fetchInto(redis, scope, missing);
    },
    lookup(scope, toolCallIds) {
      let found: Map<string, Blocks> | undefined;
      for (const id of toolCallIds) {
        const blocks = cache.get(keyOf(scope, id));
        if (blocks) (found ??= new Map()).set(id, blocks);
      }
      return found;
    },
  };
}

/** The signed thinking blocks and tool_use ids of an Anthropic message's content. */
export function collectSignedThinking(content: unknown): {
  blocks: AnthropicReplayThinkingBlock[];
  toolUseIds: string[];
} {
  const blocks: AnthropicReplayThinkingBlock[] = [];
  const toolUseIds: string[] = [];
  if (!Array.isArray(content)) return { blocks, toolUseIds };
  for (const block of content as Array<Record<string, unknown>>) {
    if (
      block.type === 'thinking' &&
      typeof block.signature === 'string' &&
      block.signature &&
      typeof block.thinking === 'string'
    ) {
      blocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
      blocks.push({ type: 'redacted_thinking', data: block.data });
    } else if (block.type === 'tool_use' && typeof block.id === 'string') {
      toolUseIds.push(block.id);
    }
  }
  return { blocks, toolUseIds };
}
