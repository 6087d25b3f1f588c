/**
 * @module estimate-tokens
 * Local token estimates for OpenAI-format upstreams, which have no token-count endpoint
 * (CONVERSION.md §6.2 option 2): the o200k tokenizer (gpt-tokenizer) over every text the model
 * would read — system, messages, tool definitions — plus a small per-message overhead.
 */
type CountTokens = (text: string) => number;
let countTokens: CountTokens | undefined;

/** The tokenizer's tables are large: load them on first use, not at start-up. */
function loadCountTokens(): CountTokens {
  countTokens ??= (require('gpt-tokenizer') as { countTokens: CountTokens }).countTokens;
  return countTokens;
}

const perMessageOverhead = 3;
const perImageTokens = 1000;

function collectText(value: unknown, sink: string[], counters: { images: number }): void {
  if (typeof value === 'string') {
    sink.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectText(item, sink, counters);
    return;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'image' || record.type === 'image_url') {
      counters.images += 1;
      return;
    }
    if (
      record.type === 'document' &&
      (record.source as { type?: string } | undefined)?.type === 'base64'
    ) {
      counters.images += 1;
      return;
    }
    for (const [key, inner] of Object.entries(record)) {
      if (
        key === 'type' ||
        key === 'cache_control' ||
        key === 'signature' ||
        key === 'id' ||
        key === 'tool_use_id'
      )
        continue;
      collectText(inner, sink, counters);
    }
  }
}

/** Input tokens of an Anthropic-shaped count_tokens body (system, messages, tools). */
export function estimateInputTokens(body: {
  system?: unknown;
  messages?: unknown;
  tools?: unknown;
}): number {
  const texts: string[] = [];
  const counters = { images: 0 };
  collectText(body.system, texts, counters);
  collectText(body.messages, texts, counters);
  if (body.tools !== undefined) texts.push(JSON.stringify(body.tools));
  const messageCount = Array.isArray(body.messages) ? body.messages.length : 0;
  return (
    loadCountTokens()(texts.join('\n')) +
    messageCount * perMessageOverhead +
    counters.images * perImageTokens
  );
}
