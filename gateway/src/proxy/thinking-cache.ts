/**
 * @module thinking-cache
 * CONVERSION.md §10.2: Anthropic requires the signed thinking blocks of an assistant turn that
 * called tools to come back unchanged in the next request. OpenAI clients get them as the
 * `thinking_blocks` extension, but a plain OpenAI client drops unknown fields — so the gateway
 * also keeps the signed blocks for a while, keyed by the tool-call ids of that turn, and puts them
 * back when those ids return. In memory per process (bounded, TTL); a miss means the converter
 * turns thinking off for that request and says so in the conversion report.
 */
import type { AnthropicReplayThinkingBlock, ThinkingBlocksByToolCallId } from '@llmfb/shared';
import { createTtlCache } from '../ttl-cache';

export interface ThinkingCache {
  /** Keeps `blocks` for each of the turn's tool-call ids. */
  remember(toolCallIds: readonly string[], blocks: readonly AnthropicReplayThinkingBlock[]): void;
  /** The cached blocks for those ids, or undefined when none is cached. */
  lookup(toolCallIds: readonly string[]): ThinkingBlocksByToolCallId | undefined;
}

export function createThinkingCache({
  ttlMs = 60 * 60 * 1000,
  maxEntries = 20_000,
} = {}): ThinkingCache {
  const cache = createTtlCache<string, readonly AnthropicReplayThinkingBlock[]>({
    max: maxEntries,
    ttlMs,
  });
  return {
    remember(toolCallIds, blocks) {
      if (blocks.length === 0) return;
      for (const id of toolCallIds) cache.set(id, blocks);
    },
    lookup(toolCallIds) {
      let found: Map<string, readonly AnthropicReplayThinkingBlock[]> | undefined;
      for (const id of toolCallIds) {
        const blocks = cache.get(id);
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
