export * from './types';
// Request half (CONVERSION.md §1, §2, §10): parsing, conversion both ways, capabilities, relay.
export * from './capabilities';
export * from './tool-names';
export * from './claude-code-relay';
export { parseChatRequest } from './parse/parse-chat-request';
export { parseMessagesRequest } from './parse/parse-messages-request';
export {
  convertChatRequestToMessagesRequest,
  type ChatRequestConversionContext,
} from './openai-to-anthropic/convert-chat-request';
export type {
  AnthropicReplayThinkingBlock,
  ThinkingBlocksByToolCallId,
} from './openai-to-anthropic/convert-assistant-message';
export { listAssistantToolCallIds } from './openai-to-anthropic/list-assistant-tool-call-ids';
export { JSON_TOOL_NAME } from './openai-to-anthropic/convert-response-format';
export {
  convertMessagesRequestToChatRequest,
  type MessagesRequestConversionContext,
} from './anthropic-to-openai/convert-messages-request';
// Response half (CONVERSION.md §3, §4, §5, §6.1): responses, streams, errors, model lists.
export * from './anthropic-to-openai/message-response';
export * from './anthropic-to-openai/continue-paused-turn';
export * from './anthropic-to-openai/message-stream';
export * from './anthropic-to-openai/stop-reason';
export * from './anthropic-to-openai/usage';
export * from './anthropic-to-openai/error';
export { parseAnthropicMessage } from './anthropic-to-openai/parse-anthropic-message';
export * from './openai-to-anthropic/chat-response';
export * from './openai-to-anthropic/chat-stream';
export * from './openai-to-anthropic/finish-reason';
export * from './openai-to-anthropic/usage';
export * from './openai-to-anthropic/error';
export { parseChatCompletion } from './openai-to-anthropic/parse-chat-completion';
export * from './passthrough/create-passthrough-stream-tracker';
export * from './aggregate/aggregation-result';
export * from './aggregate/aggregate-anthropic-stream';
export * from './aggregate/aggregate-openai-stream';
export * from './aggregate/replay-as-stream';
export * from './errors/convert-upstream-error';
export * from './errors/render-gateway-error';
export * from './errors/gateway-error-types';
export * from './errors/rate-limit-headers';
export * from './models/convert-model-lists';
export * from './models/page-anthropic-models';
export * from './count-tokens-response';
