/**
 * @module capability-catalog
 * CONVERSION.md §10.4: the static capability table, refreshed per credential from Anthropic's
 * `GET /v1/models/{id}` when the upstream offers it. What an upstream reports about a model (the
 * thinking types and effort levels it takes, structured outputs, its `max_tokens` ceiling) then
 * drives OpenAI → Anthropic conversion for that credential: a model the table does not know (a
 * newer Claude, another model behind an Anthropic-format relay) gets the upstream's word instead
 * of conservative defaults. The answer's limits and `capabilities` object are also kept as sent,
 * for the gateway's own model list in Anthropic shape.
 *
 * A request never waits for it: `get` answers from memory and starts a background fetch when the
 * entry is missing or due, so the first request for a model uses the table, the next ones the
 * upstream's answer. One fetch per credential and model at a time; an upstream that does not
 * offer the endpoint (404, a relay) or fails is asked again after `retryMs`. Keyed by the
 * credential's id and last update, so an edited credential (new URL, new key) is asked afresh.
 */
import {
  applyModelInfoCapabilities,
  GatewayError,
  lookupClaudeCapabilities,
  readModelInfoLimits,
  type ClaudeModelCapabilities,
  type Credential,
  type ModelInfoLimits,
} from '@llmfb/shared';
import { createTtlCache } from '../ttl-cache';
import { buildUpstreamHeaders, buildUpstreamTarget } from '../upstream';
import { callUpstream, describeUpstreamFailure } from '../upstream/call-upstream';

export interface CapabilityCatalog {
  /** The upstream's capabilities for `model` on `credential`, or undefined: use the table. */
  get(credential: Credential, model: string): ClaudeModelCapabilities | undefined;
  /**
   * What the upstream's `ModelInfo` said of the model's limits and capabilities, as it said it
   * (for the gateway's own Anthropic-shape model list), or undefined when it has said nothing.
   */
  describe(credential: Credential, model: string): ModelInfoLimits | undefined;
}

export interface CapabilityCatalogOptions {
  /** The upstream's `ModelInfo` for `model`, or undefined when it has none (404 and the like). */
  readonly fetchModelInfo: (credential: Credential, model: string) => Promise<unknown>;
  /** How long an answer is used before it is asked for again. */
  readonly refreshMs: number;
  /** How long after a failed or empty answer the upstream is asked again. */
  readonly retryMs: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown, credential: Credential, model: string) => void;
}

interface Entry {
  /** Undefined: the upstream reported nothing usable; the table applies. */
  readonly capabilities: ClaudeModelCapabilities | undefined;
  /** The parts of the `ModelInfo` the gateway's own model list passes on. */
  readonly description: ModelInfoLimits | undefined;
  readonly refreshAt: number;
}

export function createCapabilityCatalog({
  fetchModelInfo,
  refreshMs,
  retryMs,
  maxEntries = 10_000,
  now = Date.now,
  onError = () => {},
}: CapabilityCatalogOptions): CapabilityCatalog {
  // An entry outlives its refresh time, so a due entry keeps answering while it is fetched again;
  // one nobody asked for in that long is dropped.
  const entries = createTtlCache<string, Entry>({
    max: maxEntries,
    ttlMs: 4 * Math.max(refreshMs, retryMs),
  });
  const fetching = new Set<string>();

  async function refresh(key: string, credential: Credential, model: string): Promise<void> {
    let entry: Entry;
    try {
      const info = await fetchModelInfo(credential, model);
      const capabilities = applyModelInfoCapabilities(lookupClaudeCapabilities(model), info);
      const description = readModelInfoLimits(info);
      entry = {
        capabilities,
        description,
        refreshAt: now() + (capabilities ? refreshMs : retryMs),
      };
    } catch (error) {
      onError(error, credential, model);
      // A failure keeps what an earlier answer said until the upstream answers again.
      const previous = entries.get(key);
      entry = {
        capabilities: previous?.capabilities,
        description: previous?.description,
        refreshAt: now() + retryMs,
      };
    } finally {
      fetching.delete(key);
    }
    entries.set(key, entry);
  }

  /** The entry, after starting a refresh when there is none or it is due. */
  function lookup(credential: Credential, model: string): Entry | undefined {
    const key = `${credential.id}:${credential.updatedAt.getTime()}:${model}`;
    const entry = entries.get(key);
    if ((entry === undefined || now() >= entry.refreshAt) && !fetching.has(key)) {
      fetching.add(key);
      void refresh(key, credential, model);
    }
    return entry;
  }

  return {
    get: (credential, model) => lookup(credential, model)?.capabilities,
    describe: (credential, model) => lookup(credential, model)?.description,
  };
}

export interface ModelInfoRequestOptions {
  readonly apiKey: string;
  readonly cliVersionDefault: string;
  readonly timeoutMs: number;
}

/**
 * `GET {api_url}/v1/models/{model}` with the credential's own headers (relay mode included): the
 * parsed answer, or undefined on a 404 (an upstream without the endpoint or without the model).
 * Another status, a body that is not JSON or a transport failure throws.
 */
export async function fetchAnthropicModelInfo(
  credential: Credential,
  model: string,
  options: ModelInfoRequestOptions,
): Promise<unknown> {
  const url = `${buildUpstreamTarget(credential, { format: 'anthropic', path: 'models' })}/${encodeURIComponent(model)}`;
  const answer = await callUpstream({
    url,
    method: 'GET',
    headers: buildUpstreamHeaders(credential, options.apiKey, {
      cliVersionDefault: options.cliVersionDefault,
    }),
    timeoutMs: options.timeoutMs,
    maxBodyBytes: 256 * 1024,
  });
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) {
    throw new GatewayError({
      code: 'upstream.rejected',
      status: 502,
      message: describeUpstreamFailure(answer, options.apiKey),
    });
  }
  return JSON.parse(answer.text) as unknown;
}
