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
