/**
 * @module convert/claude-code-relay
 * Claude Code relay mode (API.md "Claude Code relay mode", CONVERSION.md §10.5): relays such as
 * claude-relay-service accept only requests that look like Claude Code's. Every request gets the
 * Claude Code identity block first in an array-form `system`, the caller's own system blocks kept
 * after it as separate blocks, unless a caller block already begins with "You are Claude Code"
 * (Claude Code sends it itself, sometimes after a billing-header block that must stay first) or
 * the credential turns injection off. A request without `metadata.user_id` gets a stable one in
 * Claude Code's format, derived from the conversation's first user message, so the relay's
 * account stickiness and prompt caching work across turns.
 */
import type { AnthropicTextBlock } from '../anthropic/content-blocks';
import type { AnthropicMessagesRequest } from '../anthropic/messages-request';
import { computeSha256Hex } from './sha256-hex';

export const CLAUDE_CODE_IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";
const IDENTITY_PREFIX = 'You are Claude Code';

export interface ClaudeCodeRelayOptions {
  /** The credential's `inject_system_prompt` (default true). */
  readonly injectSystemPrompt: boolean;
}

/** A copy of `request` decorated for a Claude Code relay; `request` is not modified. */
export function decorateClaudeCodeRelayRequest(
  request: AnthropicMessagesRequest,
  options: ClaudeCodeRelayOptions,
): AnthropicMessagesRequest {
  const decorated: AnthropicMessagesRequest = { ...request };
  if (options.injectSystemPrompt && !hasIdentityBlock(request.system)) {
    const identity: AnthropicTextBlock = {
      type: 'text',
      text: CLAUDE_CODE_IDENTITY,
      cache_control: { type: 'ephemeral' },
    };
    decorated.system = [identity, ...toBlocks(request.system)];
  }
  if (!request.metadata?.user_id) {
    decorated.metadata = { ...request.metadata, user_id: deriveRelayUserId(request) };
  }
  return decorated;
}

function hasIdentityBlock(system: AnthropicMessagesRequest['system']): boolean {
  if (system === undefined) return false;
  if (typeof system === 'string') return system.trimStart().startsWith(IDENTITY_PREFIX);
  return system.some((block) => block.text.trimStart().startsWith(IDENTITY_PREFIX));
}

function toBlocks(system: AnthropicMessagesRequest['system']): AnthropicTextBlock[] {
  if (system === undefined) return [];
  if (typeof system === 'string')
    return system.trim().length === 0 ? [] : [{ type: 'text', text: system }];
  return system;
}

/**
 * `user_<64 hex>_account__session_<uuid>` (Claude Code's shape, which relays parse for the
 * session id), both parts hashed from the first user message so every turn of a conversation
 * carries the same id.
 */
export function deriveRelayUserId(request: AnthropicMessagesRequest): string {
  const firstUser = request.messages.find((message) => message.role === 'user');
  const seed = firstUser === undefined ? request.model : readMessageSeed(firstUser.content);
  const userHash = computeSha256Hex(`llmfb-relay-user:${seed}`);
  const sessionHash = computeSha256Hex(`llmfb-relay-session:${seed}`);
  return `user_${userHash}_account__session_${formatUuid(sessionHash)}`;
}

function readMessageSeed(content: AnthropicMessagesRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  const texts = content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
  return texts.length > 0 ? texts.join('\n') : JSON.stringify(content);
}

/** A version-4-shaped UUID from 32 hex digits (deterministic, not random). */
function formatUuid(hex: string): string {
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
