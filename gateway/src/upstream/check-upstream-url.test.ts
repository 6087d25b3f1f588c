import { checkUpstreamUrl, isNonPublicAddress } from './check-upstream-url';

const publicResolver = async () => ['93.184.216.34'];
const privateResolver = async () => ['93.184.216.34', '10.1.2.3'];

describe('checkUpstreamUrl', () => {
  it('accepts public http(s) URLs', async () => {
    await expect(
      checkUpstreamUrl('https://api.openai.com/v1', {
        allowPrivate: false,
        resolveHost: publicResolver,
      }),
    ).resolves.toBeUndefined();
    await expect(
      checkUpstreamUrl('http://8.8.8.8/v1', { allowPrivate: false }),
    ).resolves.toBeUndefined();
  });

  it('refuses other schemes, embedded credentials and garbage even for admins', async () => {
    for (const url of [
      'ftp://example.com',
      'file:///etc/passwd',
      'https://user:pw@example.com',
      'not a url',
      'https://x.com/v1?a=b',
    ]) {
      await expect(checkUpstreamUrl(url, { allowPrivate: true })).resolves.toEqual(
        expect.any(String),
      );
    }
  });

  it('refuses loopback, private and link-local targets unless allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080',
      'http://localhost:11434/v1',
      'http://[::1]/v1',
      'http://169.254.169.254/latest',
      'http://192.168.1.10',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ]) {
      await expect(checkUpstreamUrl(url, { allowPrivate: false })).resolves.toMatch(/private/);
      await expect(checkUpstreamUrl(url, { allowPrivate: true })).resolves.toBeUndefined();
    }
  });

  it('refuses a hostname when any resolved address is private', async () => {
    await expect(
      checkUpstreamUrl('https://sneaky.example.com', {
        allowPrivate: false,
        resolveHost: privateResolver,
      }),
    ).resolves.toMatch(/private/);
  });

  it('classifies addresses', () => {
    expect(isNonPublicAddress('172.16.0.1')).toBe(true);
    expect(isNonPublicAddress('172.32.0.1')).toBe(false);
    expect(isNonPublicAddress('fd00::1')).toBe(true);
    expect(isNonPublicAddress('2001:4860::8888')).toBe(false);
  });
});
