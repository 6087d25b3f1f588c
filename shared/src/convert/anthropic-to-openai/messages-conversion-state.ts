/**
 * @module convert/anthropic-to-openai/messages-conversion-state
 * What the parts of one Anthropic → OpenAI request conversion share: notes, knobs, the upstream
 * model's capabilities and the tool-name mapper (64-character OpenAI limit, CONVERSION.md §2.5).
 */
import type { OpenAIModelCapabilities } from '../capabilities';
import type { NoteCollector } from '../conversion-notes';
import type { ToolNameMapper } from '../tool-names';
import type { ConversionOptions } from '../types';

export interface MessagesConversionState {
  readonly notes: NoteCollector;
  readonly options: ConversionOptions;
  readonly capabilities: OpenAIModelCapabilities;
  readonly toolNames: ToolNameMapper;
}

/** Anthropic text blocks → one string (system text, tool results): joined with `\n`. */
export function joinTexts(texts: readonly string[]): string {
  return texts.join('\n');
}
