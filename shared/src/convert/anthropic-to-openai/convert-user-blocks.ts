/**
 * @module convert/anthropic-to-openai/convert-user-blocks
 * An Anthropic user message → OpenAI messages (CONVERSION.md §2.2, §2.3): its `tool_result`
 * blocks become `tool` messages (first, so they directly follow the assistant's `tool_calls`),
 * images and documents found inside tool results follow in one user message (a tool message
 * carries only text), then the remaining blocks form one user message.
 */
import type {
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicSearchResultBlock,
  AnthropicToolResultBlock,
} from '../../anthropic/content-blocks';
import type {
  OpenAIChatMessage,
  OpenAITextPart,
  OpenAIToolMessage,
  OpenAIUserContentPart,
} from '../../openai/chat-message';
import { assertNever } from '../../assert-never';
import { createUnsupportedError } from '../conversion-errors';
import { formatDataUri } from '../media/parse-data-uri';
import { joinTexts, type MessagesConversionState } from './messages-conversion-state';

const DEFAULT_TOOL_ERROR_PREFIX = 'Error: ';

/** Converts user message `index`; `tool_result`s are returned separately for pairing checks. */
export function convertUserBlocks(
  blocks: readonly AnthropicContentBlock[],
  index: number,
  state: MessagesConversionState,
): { readonly toolMessages: OpenAIToolMessage[]; readonly messages: OpenAIChatMessage[] } {
  const toolMessages: OpenAIToolMessage[] = [];
  const attachments: OpenAIUserContentPart[] = [];
  const parts: OpenAIUserContentPart[] = [];
  blocks.forEach((block, blockIndex) => {
    const path = `messages[${index}].content[${blockIndex}]`;
    if (block.type === 'tool_result') {
      toolMessages.push(convertToolResult(block, path, attachments, state));
      return;
    }
    if (block.type === 'text') parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image') parts.push(convertImage(block, path));
    else if (block.type === 'document') parts.push(...convertDocument(block, path));
    else if (block.type === 'search_result')
      parts.push({ type: 'text', text: formatSearchResult(block) });
    // thinking, tool_use, server-tool blocks and container uploads are not valid in user turns: ignored (§2.2).
  });
  const messages: OpenAIChatMessage[] = [];
  if (attachments.length > 0) messages.push({ role: 'user', content: attachments });
  if (parts.length > 0) {
    const only = parts[0];
    messages.push({
      role: 'user',
      content: parts.length === 1 && only?.type === 'text' ? only.text : parts,
    });
  }
  return { toolMessages, messages };
}

/** §2.3: text (joined with `\n`), `Error: ` for failures, media moved to `attachments`. */
function convertToolResult(
  block: AnthropicToolResultBlock,
  path: string,
  attachments: OpenAIUserContentPart[],
  state: MessagesConversionState,
): OpenAIToolMessage {
  const texts: string[] = [];
  if (typeof block.content === 'string') texts.push(block.content);
  else {
    block.content?.forEach((inner, innerIndex) => {
      const innerPath = `${path}.content[${innerIndex}]`;
      if (inner.type === 'text') texts.push(inner.text);
      else if (inner.type === 'search_result') texts.push(formatSearchResult(inner));
      else if (inner.type === 'image') {
        attachments.push(convertImage(inner, innerPath));
        texts.push('[image attached in the next message]');
      } else if (inner.type === 'document') {
        const converted = convertDocument(inner, innerPath);
        if (converted.every((part) => part.type === 'text'))
          texts.push(...converted.map((part) => (part as OpenAITextPart).text));
        else {
          attachments.push(...converted);
          texts.push('[document attached in the next message]');
        }
      } else state.notes.drop(innerPath, `${inner.type} blocks have no OpenAI equivalent`);
    });
  }
  let text = joinTexts(texts);
  if (block.is_error === true)
    text = `${state.options.toolErrorPrefix ?? DEFAULT_TOOL_ERROR_PREFIX}${text}`;
  return { role: 'tool', tool_call_id: block.tool_use_id, content: text };
}

function convertImage(block: AnthropicImageBlock, path: string): OpenAIUserContentPart {
  const { source } = block;
  if (source.type === 'base64')
    return { type: 'image_url', image_url: { url: formatDataUri(source.media_type, source.data) } };
  if (source.type === 'url') return { type: 'image_url', image_url: { url: source.url } };
  throw createUnsupportedError(
    `${path}.source`,
    'Anthropic Files API ids cannot be resolved by an OpenAI upstream',
  );
}

/** §2.2: PDF → file part; text → text part (title/context first); content → flattened parts. */
function convertDocument(block: AnthropicDocumentBlock, path: string): OpenAIUserContentPart[] {
  const { source } = block;
  const heading = [block.title, block.context].filter((value): value is string => Boolean(value));
  switch (source.type) {
    case 'base64':
      return [
        {
          type: 'file',
          file: {
            filename: block.title ?? 'document.pdf',
            file_data: formatDataUri(source.media_type, source.data),
          },
        },
      ];
    case 'text':
      return [{ type: 'text', text: joinTexts([...heading, source.data]) }];
    case 'content': {
      const inner =
        typeof source.content === 'string'
          ? [{ type: 'text' as const, text: source.content }]
          : source.content.map((part, partIndex) =>
              part.type === 'text'
                ? { type: 'text' as const, text: part.text }
                : convertImage(part, `${path}.source.content[${partIndex}]`),
            );
      return heading.length > 0 ? [{ type: 'text', text: joinTexts(heading) }, ...inner] : inner;
    }
    case 'url':
      throw createUnsupportedError(
        `${path}.source`,
        'OpenAI file parts cannot reference a URL; send the PDF as base64',
      );
    case 'file':
      throw createUnsupportedError(
        `${path}.source`,
        'Anthropic Files API ids cannot be resolved by an OpenAI upstream',
      );
    default:
      return assertNever(source, 'document source');
  }
}

/** `[title](source)` then the result's text (§2.2). */
function formatSearchResult(block: AnthropicSearchResultBlock): string {
  return joinTexts([
    `[${block.title}](${block.source})`,
    ...block.content.map((part) => part.text),
  ]);
}
