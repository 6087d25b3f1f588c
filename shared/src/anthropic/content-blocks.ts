/**
 * @module anthropic/content-blocks
 * Anthropic Messages content blocks, request and response side: minimal hand-written wire types
 * (snake_case, discriminated on a literal `type`; STYLE.md §3 anchor B, §10.1). Field names follow
 * `@anthropic-ai/sdk` `resources/messages/messages.ts` (CONVERSION.md §0). Only fields the gateway
 * reads or writes are typed; parsed requests keep any other field at runtime (passthrough).
 */

/** A prompt-cache breakpoint (CONVERSION.md §1.12). */
export interface AnthropicCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

/** A citation on a text block; many location kinds exist, the gateway never inspects them. */
export interface AnthropicCitation {
  type: string;
  cited_text?: string;
  [key: string]: unknown;
}

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  /** Response side: always present (`null` when none). Request side: optional. */
  citations?: AnthropicCitation[] | null;
  cache_control?: AnthropicCacheControl | null;
}

/** The only image media types Anthropic accepts (CONVERSION.md §1.4). */
export type AnthropicImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export interface AnthropicBase64ImageSource {
  type: 'base64';
  media_type: AnthropicImageMediaType;
  data: string;
}

/** An http(s) URL that Anthropic fetches itself (the gateway never does). */
export interface AnthropicUrlSource {
  type: 'url';
  url: string;
}

/** A Files API id (not resolvable on an OpenAI upstream, CONVERSION.md §2.2). */
export interface AnthropicFileSource {
  type: 'file';
  file_id: string;
}

export type AnthropicImageSource =
  AnthropicBase64ImageSource | AnthropicUrlSource | AnthropicFileSource;

export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicImageSource;
  cache_control?: AnthropicCacheControl | null;
}

export interface AnthropicBase64PdfSource {
  type: 'base64';
  media_type: 'application/pdf';
  data: string;
}

export interface AnthropicPlainTextSource {
  type: 'text';
  media_type: 'text/plain';
  /** The document text itself (not base64). */
  data: string;
}

/** A document made of text and image blocks. */
export interface AnthropicContentSource {
  type: 'content';
  content: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
}

export type AnthropicDocumentSource =
  | AnthropicBase64PdfSource
  | AnthropicPlainTextSource
  | AnthropicContentSource
  | AnthropicUrlSource
  | AnthropicFileSource;

export interface AnthropicDocumentBlock {
  type: 'document';
  source: AnthropicDocumentSource;
  title?: string | null;
  context?: string | null;
  citations?: { enabled?: boolean } | null;
  cache_control?: AnthropicCacheControl | null;
}

export interface AnthropicSearchResultBlock {
  type: 'search_result';
  /** The URL or other identifier of the result. */
  source: string;
  title: string;
  content: AnthropicTextBlock[];
  citations?: { enabled?: boolean } | null;
  cache_control?: AnthropicCacheControl | null;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  /** Always a JSON object on the wire. */
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl | null;
}

/** Blocks that reference tools or browser state inside a tool result; passed through untouched. */
export interface AnthropicToolResultExtraBlock {
  type: 'tool_reference' | 'browser_state';
  cache_control?: AnthropicCacheControl | null;
  [key: string]: unknown;
}

export type AnthropicToolResultContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicSearchResultBlock
  | AnthropicToolResultExtraBlock;

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | AnthropicToolResultContentBlock[];
  is_error?: boolean;
  cache_control?: AnthropicCacheControl | null;
}

/** Extended thinking; the signature must be sent back unmodified (CONVERSION.md §1.10). */
export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  /** Encrypted thinking, opaque. */
  data: string;
}

/** A call of an Anthropic-executed tool (web search, code execution, …). */
export interface AnthropicServerToolUseBlock {
  type: 'server_tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl | null;
}

/** The `type`s of server-tool results known to the gateway (all `*_tool_result` but `tool_result`). */
export type AnthropicServerToolResultType =
  | 'web_search_tool_result'
  | 'web_fetch_tool_result'
  | 'code_execution_tool_result'
  | 'bash_code_execution_tool_result'
  | 'text_editor_code_execution_tool_result'
  | 'tool_search_tool_result';

/** A server-tool result, kept loose: the gateway only forwards or drops it. */
export interface AnthropicServerToolResultBlock {
  type: AnthropicServerToolResultType;
  tool_use_id: string;
  content: unknown;
  cache_control?: AnthropicCacheControl | null;
  [key: string]: unknown;
}

export interface AnthropicContainerUploadBlock {
  type: 'container_upload';
  file_id: string;
  cache_control?: AnthropicCacheControl | null;
}

/** Any block of a request message (user or assistant turn). */
export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicSearchResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicServerToolUseBlock
  | AnthropicServerToolResultBlock
  | AnthropicContainerUploadBlock;

/** A block of a response `Message.content` (and of `content_block_start`). */
export type AnthropicResponseContentBlock =
  | AnthropicTextBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicToolUseBlock
  | AnthropicServerToolUseBlock
  | AnthropicServerToolResultBlock
  | AnthropicContainerUploadBlock;

/** The server-tool result `type`s, for parsers. */
export const ANTHROPIC_SERVER_TOOL_RESULT_TYPES: readonly AnthropicServerToolResultType[] = [
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
];
