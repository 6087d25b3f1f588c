/**
 * @module convert/openai-to-anthropic/convert-user-content
 * OpenAI user content parts → Anthropic blocks (CONVERSION.md §1.4). Images and files arrive as
 * data URIs or http(s) URLs; the gateway never downloads a URL (Anthropic fetches it). A data
 * URI whose declared media type disagrees with its bytes is relabelled from the bytes (magic
 * numbers) and reported, because Anthropic rejects a mismatch.
 */
import type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicImageMediaType,
} from '../../anthropic/content-blocks';
import type { OpenAIFilePart, OpenAIUserContentPart } from '../../openai/chat-message';
import { assertNever } from '../../assert-never';
import { createInvalidRequestError, createUnsupportedError } from '../conversion-errors';
import { parseDataUri } from '../media/parse-data-uri';
import { decodeBase64Text, sniffMediaType } from '../media/sniff-media-type';
import { type ChatConversionState, isBlankText, selectCacheControl } from './chat-conversion-state';

const IMAGE_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
]);

const EXTENSION_MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/plain',
  csv: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** Converts a user message's `content` (string or parts); blank text is skipped. */
export function convertUserContent(
  content: string | readonly OpenAIUserContentPart[],
  path: string,
  state: ChatConversionState,
): AnthropicContentBlock[] {
  if (typeof content === 'string')
    return isBlankText(content) ? [] : [{ type: 'text', text: content }];
  const blocks: AnthropicContentBlock[] = [];
  content.forEach((part, index) => {
    const block = convertUserPart(part, `${path}[${index}]`, state);
    if (block === undefined) return;
    const cacheControl = selectCacheControl(part);
    if (cacheControl) block.cache_control = cacheControl;
    blocks.push(block);
  });
  return blocks;
}

type CacheableBlock = Exclude<AnthropicContentBlock, { type: 'thinking' | 'redacted_thinking' }>;

function convertUserPart(
  part: OpenAIUserContentPart,
  path: string,
  state: ChatConversionState,
): CacheableBlock | undefined {
  switch (part.type) {
    case 'text':
      return isBlankText(part.text) ? undefined : { type: 'text', text: part.text };
    case 'image_url':
      return convertImageUrl(part.image_url.url, `${path}.image_url.url`, state);
    case 'file':
      return convertFilePart(part, path, state);
    case 'input_audio':
      if (state.options.stripUnsupportedParts) {
        state.notes.drop(
          path,
          'audio input is not supported by Anthropic models; the part was removed',
        );
        return undefined;
      }
      throw createUnsupportedError(
        path,
        'audio input (input_audio) is not supported by Anthropic models',
      );
    default:
      return assertNever(part, 'content part');
  }
}

/** An `image_url` (§1.4): data URI → base64 image (PDF → document), http(s) → url source. */
function convertImageUrl(
  url: string,
  path: string,
  state: ChatConversionState,
): AnthropicImageBlock | AnthropicDocumentBlock {
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  if (!/^data:/i.test(url)) {
    throw createUnsupportedError(
      path,
      'only https URLs and base64 data URIs are supported for images',
    );
  }
  const dataUri = parseDataUri(url);
  if (dataUri === undefined)
    throw createInvalidRequestError(
      path,
      'not a valid base64 data URI (data:<media type>;base64,<data>)',
    );
  const mediaType = correctMediaType(dataUri.mediaType, dataUri.data, path, state);
  return buildBinaryBlock(mediaType, dataUri.data, path, undefined);
}

/** Relabels the payload from its magic bytes when they disagree with the declared type. */
function correctMediaType(
  declared: string,
  data: string,
  path: string,
  state: ChatConversionState,
): string {
  const sniffed = sniffMediaType(data);
  if (sniffed === undefined || sniffed === declared) return declared;
  state.notes.add(
    'clamped',
    path,
    `media type corrected from ${declared} to ${sniffed} to match the file's bytes`,
  );
  return sniffed;
}

function buildBinaryBlock(
  mediaType: string,
  data: string,
  path: string,
  title: string | undefined,
): AnthropicImageBlock | AnthropicDocumentBlock {
  if (IMAGE_MEDIA_TYPES.has(mediaType)) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: mediaType as AnthropicImageMediaType, data },
    };
  }
  if (mediaType === 'application/pdf') {
    const document: AnthropicDocumentBlock = {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data },
    };
    if (title !== undefined) document.title = title;
    return document;
  }
  throw createUnsupportedError(
    path,
    `media type ${mediaType} is not supported (Anthropic accepts image/jpeg, image/png, image/gif, image/webp and application/pdf)`,
  );
}

/** A `file` part (§1.4): PDF → document, text → text document, image → image; ids refused. */
function convertFilePart(
  part: OpenAIFilePart,
  path: string,
  state: ChatConversionState,
): CacheableBlock | undefined {
  const { file_data: fileData, file_id: fileId, filename } = part.file;
  if (fileData === undefined || fileData.length === 0) {
    if (fileId !== undefined && state.options.stripUnsupportedParts) {
      state.notes.drop(
        `${path}.file.file_id`,
        'OpenAI file ids cannot be resolved by Anthropic; the part was removed',
      );
      return undefined;
    }
    if (fileId !== undefined) {
      throw createUnsupportedError(
        `${path}.file.file_id`,
        'OpenAI file ids cannot be resolved by Anthropic; send file_data instead',
      );
    }
    throw createInvalidRequestError(`${path}.file`, 'a file part needs file_data');
  }
  const dataPath = `${path}.file.file_data`;
  const dataUri = parseDataUri(fileData);
  if (dataUri === undefined && /^data:/i.test(fileData)) {
    throw createInvalidRequestError(
      dataPath,
      'not a valid base64 data URI (data:<media type>;base64,<data>)',
    );
  }
  const data = dataUri?.data ?? fileData;
  const declared = dataUri?.mediaType ?? inferMediaTypeFromName(filename) ?? sniffMediaType(data);
  if (declared === undefined) {
    throw createUnsupportedError(
      dataPath,
      'cannot tell the file type; send a data URI with a media type or a filename with an extension',
    );
  }
  const mediaType = correctMediaType(declared, data, dataPath, state);
  if (mediaType.startsWith('text/')) return buildTextDocument(data, dataPath, filename);
  return buildBinaryBlock(mediaType, data, dataPath, filename);
}

function inferMediaTypeFromName(filename: string | undefined): string | undefined {
  const extension = filename?.split('.').pop()?.toLowerCase();
  return extension === undefined ? undefined : EXTENSION_MEDIA_TYPES[extension];
}

function buildTextDocument(
  data: string,
  path: string,
  title: string | undefined,
): AnthropicDocumentBlock {
  const text = decodeBase64Text(data);
  if (text === undefined)
    throw createInvalidRequestError(path, 'the text file is not valid base64-encoded UTF-8');
  const document: AnthropicDocumentBlock = {
    type: 'document',
    source: { type: 'text', media_type: 'text/plain', data: text },
  };
  if (title !== undefined) document.title = title;
  return document;
}

/** Puts a message-level breakpoint on the last block of that message (§1.12). */
export function applyMessageCacheControl(
  blocks: AnthropicContentBlock[],
  cacheControl: AnthropicCacheControl | null | undefined,
): void {
  const last = blocks[blocks.length - 1];
  if (
    !cacheControl ||
    last === undefined ||
    last.type === 'thinking' ||
    last.type === 'redacted_thinking'
  )
    return;
  last.cache_control = cacheControl;
}
