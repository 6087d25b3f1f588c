/**
 * @module probe-credential
 * Credential validation against the real upstream (API.md): the provider's models list; for a
 * Claude Code relay, when the list does not answer 200, a 1-token message to `validation_model`
 * (default: the provider's cheapest current model) carrying the Claude Code system block when
 * injection is on.
 */
import type { Dispatcher } from 'undici';
import { decorateClaudeCodeRelayRequest, isGatewayError, type Credential } from '@llmfb/shared';
import { buildUpstreamHeaders } from '../../upstream/build-upstream-headers';
import { buildUpstreamTarget } from '../../upstream/build-upstream-target';
import {
  defaultValidationModels,
  detectCredentialMode,
} from '../../upstream/detect-credential-mode';
import { callUpstream, describeUpstreamFailure } from '../../upstream/call-upstream';

export type ProbeOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface ProbeOptions {
  readonly credential: Credential;
  readonly apiKey: string;
  readonly cliVersionDefault: string;
  readonly timeoutMs: number;
  readonly dispatcher?: Dispatcher | undefined;
}

async function tryCall(run: () => Promise<ProbeOutcome>): Promise<ProbeOutcome> {
  try {
    return await run();
  } catch (error) {
    if (isGatewayError(error)) return { ok: false, error: error.message };
    throw error;
  }
}

export async function probeCredential(options: ProbeOptions): Promise<ProbeOutcome> {
  const { credential, apiKey } = options;
  const headers = buildUpstreamHeaders(credential, apiKey, {
    cliVersionDefault: options.cliVersionDefault,
  });
  const format = credential.provider;
  const modelsUrl =
    format === 'openai'
      ? buildUpstreamTarget(credential, { format, path: 'models' })
      : buildUpstreamTarget(credential, { format, path: 'models' });
  const listOutcome = await tryCall(async () => {
    const answer = await callUpstream({
      url: modelsUrl,
      method: 'GET',
      headers,
      timeoutMs: options.timeoutMs,
      dispatcher: options.dispatcher,
      maxBodyBytes: 64 * 1024,
    });
    return answer.status === 200
      ? { ok: true }
      : { ok: false, error: describeUpstreamFailure(answer, apiKey) };
  });
  const mode = detectCredentialMode({
    provider: credential.provider,
    apiUrl: credential.apiUrl,
    apiKey,
  });
  if (listOutcome.ok || mode !== 'claude_code_relay') return listOutcome;

  return tryCall(async () => {
    // The same decoration the proxy applies: identity block (unless turned off) and a user id.
    const body = decorateClaudeCodeRelayRequest(
      {
        model: credential.validationModel ?? defaultValidationModels.anthropic,
        max_tokens: 1,
        messages: [{ role: 'user', content: 'ping' }],
      },
      { injectSystemPrompt: credential.injectSystemPrompt },
    );
    const answer = await callUpstream({
      url: buildUpstreamTarget(credential, { format: 'anthropic', path: 'messages' }),
      method: 'POST',
      headers,
      body,
      timeoutMs: options.timeoutMs,
      dispatcher: options.dispatcher,
      maxBodyBytes: 64 * 1024,
    });
    return answer.status === 200
      ? { ok: true }
      : { ok: false, error: describeUpstreamFailure(answer, apiKey) };
  });
}
