/**
 * @module list-upstream-models
 * The models an upstream offers (`GET {api_url}/models`, OpenAI shape; or `/v1/models`, Anthropic
 * shape, every page). Failures are 502/504 GatewayErrors, never a 500.
 */
import type { Dispatcher } from 'undici';
import { GatewayError, type Credential } from '@llmfb/shared';
import { buildUpstreamHeaders } from '../../upstream/build-upstream-headers';
import { buildUpstreamTarget } from '../../upstream/build-upstream-target';
import { callUpstream, describeUpstreamFailure } from '../../upstream/call-upstream';

export interface ListUpstreamModelsOptions {
  readonly credential: Credential;
  readonly apiKey: string;
  readonly cliVersionDefault: string;
  readonly timeoutMs: number;
  readonly dispatcher?: Dispatcher | undefined;
}

const maxAnthropicPages = 20;

interface ModelListBody {
  readonly data: ReadonlyArray<{ readonly id: string }>;
  readonly hasMore: boolean;
  readonly lastId: string | undefined;
}

function parseModelList(text: string, origin: string): ModelListBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidAnswer(origin, error);
  }
  const record = parsed as { data?: unknown; has_more?: unknown; last_id?: unknown } | null;
  if (!record || !Array.isArray(record.data)) throw invalidAnswer(origin);
  const data = record.data.flatMap((entry: unknown) => {
    const id = (entry as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? [{ id }] : [];
  });
  return {
    data,
    hasMore: record.has_more === true,
    lastId: typeof record.last_id === 'string' ? record.last_id : undefined,
  };
}

const invalidAnswer = (origin: string, cause?: unknown) =>
  new GatewayError({
    code: 'upstream.invalid_response',
    status: 502,
    message: `The upstream ${origin} did not answer with a model list.`,
    cause,
  });

export async function listUpstreamModels(
  options: ListUpstreamModelsOptions,
): Promise<Array<{ id: string }>> {
  const { credential, apiKey } = options;
  const headers = buildUpstreamHeaders(credential, apiKey, {
    cliVersionDefault: options.cliVersionDefault,
  });
  const base =
    credential.provider === 'openai'
      ? buildUpstreamTarget(credential, { format: 'openai', path: 'models' })
      : buildUpstreamTarget(credential, { format: 'anthropic', path: 'models' });
  const origin = new URL(base).origin;
  const models: Array<{ id: string }> = [];
  let afterId: string | undefined;
  for (let page = 0; page < maxAnthropicPages; page += 1) {
    const url = new URL(base);
    if (credential.provider === 'anthropic') {
      url.searchParams.set('limit', '1000');
      if (afterId) url.searchParams.set('after_id', afterId);
    }
    const answer = await callUpstream({
      url: url.toString(),
      method: 'GET',
      headers,
      timeoutMs: options.timeoutMs,
      dispatcher: options.dispatcher,
    });
    if (answer.status !== 200) {
      throw new GatewayError({
        code: 'upstream.rejected',
        status: 502,
        message: describeUpstreamFailure(answer, apiKey),
        details: { upstream_status: answer.status },
      });
    }
    const body = parseModelList(answer.text, origin);
    models.push(...body.data);
    if (credential.provider !== 'anthropic' || !body.hasMore || !body.lastId) break;
    afterId = body.lastId;
  }
  return models;
}
