import { GatewayError } from '@llmfb/shared';
import { createCredentialBreakers } from './credential-breakers';

const failing = () =>
  Promise.reject(
    new GatewayError({ code: 'upstream.rejected', status: 500, retryable: true, message: 'boom' }),
  );
const clientError = () =>
  Promise.reject(new GatewayError({ code: 'request.invalid', status: 400, message: 'bad' }));

describe('credential breakers', () => {
  const breakers = createCredentialBreakers({
    volumeThreshold: 3,
    errorThresholdPercentage: 50,
    resetTimeoutMs: 200,
  });
  afterAll(() => breakers.shutdown());

  it('opens after repeated upstream failures, refuses at once, and half-opens later', async () => {
    for (let index = 0; index < 3; index += 1)
      await expect(breakers.run('cred-a', failing)).rejects.toThrow('boom');
    expect(breakers.state('cred-a')).toBe('open');
    let called = false;
    await expect(
      breakers.run('cred-a', async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ status: 503, retryable: true });
    expect(called).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(breakers.state('cred-a')).toBe('half_open');
    await expect(breakers.run('cred-a', async () => 'ok')).resolves.toBe('ok');
    expect(breakers.state('cred-a')).toBe('closed');
  });

  it('does not count client errors and keeps credentials apart', async () => {
    for (let index = 0; index < 5; index += 1)
      await expect(breakers.run('cred-b', clientError)).rejects.toThrow('bad');
    expect(breakers.state('cred-b')).toBe('closed');
    expect(breakers.state('cred-c')).toBe('closed');
  });
});
