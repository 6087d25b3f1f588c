import { isGatewayError } from '../../errors/gateway-error';
import { parseChatRequest } from './parse-chat-request';
import { parseMessagesRequest } from './parse-messages-request';

function catchError(action: () => unknown): {
  status: number;
  code: string;
  param: string | undefined;
  message: string;
} {
  try {
    action();
  } catch (error) {
    if (isGatewayError(error))
      return { status: error.status, code: error.code, param: error.param, message: error.message };
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('parseChatRequest', () => {
  it('keeps unknown fields for a same-format passthrough and treats null as absent', () => {
    const parsed = parseChatRequest({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi', vendor_extension: 1 }],
      tools: null,
      custom_top_level: { a: 1 },
    });
    expect(parsed).toMatchObject({
      custom_top_level: { a: 1 },
      messages: [{ vendor_extension: 1 }],
    });
    expect(parsed.tools).toBeUndefined();
  });

  it('names the first bad field as a JSON path', () => {
    const error = catchError(() =>
      parseChatRequest({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: [{ type: 'text', text: 42 }] }],
      }),
    );
    expect(error).toMatchObject({
      status: 400,
      code: 'request.invalid',
      param: 'messages[0].content[0].text',
    });
    expect(error.message).toContain('messages[0].content[0].text');
  });

  it('refuses a body that is not an object, and empty messages', () => {
    expect(catchError(() => parseChatRequest('nope'))).toMatchObject({
      status: 400,
      code: 'request.invalid',
    });
    expect(catchError(() => parseChatRequest({ model: 'm', messages: [] }))).toMatchObject({
      param: 'messages',
    });
  });

  it('accepts the thinking_blocks extension on assistant messages', () => {
    const parsed = parseChatRequest({
      model: 'm',
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: 'a',
          thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 's' }],
        },
      ],
    });
    expect(parsed.messages[1]).toMatchObject({ thinking_blocks: [{ signature: 's' }] });
  });
});

describe('parseMessagesRequest', () => {
  it('accepts role "system" messages and Anthropic-defined tools, keeping unknown fields', () => {
    const parsed = parseMessagesRequest({
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'text', text: 'be brief' }] },
        { role: 'user', content: 'again' },
      ],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 2 }],
      betas_we_do_not_know: true,
    });
    expect(parsed).toMatchObject({ betas_we_do_not_know: true, tools: [{ max_uses: 2 }] });
  });

  it('names an unknown block type and a missing max_tokens', () => {
    expect(
      catchError(() =>
        parseMessagesRequest({
          model: 'c',
          max_tokens: 5,
          messages: [{ role: 'user', content: [{ type: 'hologram' }] }],
        }),
      ),
    ).toMatchObject({ param: 'messages[0].content[0].type' });
    expect(
      catchError(() =>
        parseMessagesRequest({ model: 'c', messages: [{ role: 'user', content: 'x' }] }),
      ),
    ).toMatchObject({
      param: 'max_tokens',
    });
    // The Messages API's minimum is 1 (specs/anthropic-openapi): refused here, in the caller's
    // format, rather than by the upstream after a conversion.
    expect(
      catchError(() =>
        parseMessagesRequest({
          model: 'c',
          max_tokens: 0,
          messages: [{ role: 'user', content: 'x' }],
        }),
      ),
    ).toMatchObject({ param: 'max_tokens', message: expect.stringMatching(/>=1/) });
  });

  it('rejects a custom tool without an object input_schema', () => {
    const error = catchError(() =>
      parseMessagesRequest({
        model: 'c',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ name: 'f', input_schema: { type: 'array' } }],
      }),
    );
    expect(error.param).toMatch(/^tools\[0\]/);
  });
});
