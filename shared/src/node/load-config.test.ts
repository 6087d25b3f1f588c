import { loadConfig, ConfigError } from './load-config';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8000);
    expect(config.LLMFB_DATA_DIR).toBe('./data');
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.LLMFB_ALLOW_REGISTRATION).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses numbers and booleans', () => {
    const config = loadConfig({
      PORT: '9001',
      LLMFB_ALLOW_PRIVATE_UPSTREAMS: 'true',
      REDIS_URL: '',
    });
    expect(config.PORT).toBe(9001);
    expect(config.LLMFB_ALLOW_PRIVATE_UPSTREAMS).toBe(true);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LLMFB_ALLOW_REGISTRATION: 'maybe' })).toThrow(
      /LLMFB_ALLOW_REGISTRATION/,
    );
  });
});
