import type { Credential, ModelConfig } from '@llmfb/shared';
import { createModelRouter, type RouteCandidate } from './model-router';

function candidate(
  id: string,
  alias: string,
  overrides: Partial<ModelConfig> = {},
  credentialActive = true,
): RouteCandidate {
  const now = new Date();
  return {
    config: {
      id,
      userId: 'u',
      credentialId: `c-${id}`,
      modelName: `upstream-${id}`,
      alias,
      targetFormat: 'openai',
      isEnabled: true,
      rateLimit: 100,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    },
    credential: { id: `c-${id}`, isActive: credentialActive } as Credential,
  };
}

describe('model router', () => {
  it('matches aliases only, skipping disabled configs and inactive credentials', () => {
    const router = createModelRouter();
    const models = [
      candidate('a', 'fast'),
      candidate('b', 'fast', { isEnabled: false }),
      candidate('c', 'fast', {}, false),
      candidate('d', 'slow'),
    ];
    expect(router.route(models, 'fast').map((entry) => entry.config.id)).toEqual(['a']);
    expect(router.route(models, 'upstream-d')).toEqual([]);
  });

  it('spreads requests evenly over configs sharing an alias', () => {
    const router = createModelRouter();
    const models = [candidate('a', 'm'), candidate('b', 'm'), candidate('c', 'm')];
    const firsts = Array.from({ length: 9 }, () => router.route(models, 'm')[0]?.config.id);
    expect(firsts.filter((id) => id === 'a')).toHaveLength(3);
    expect(firsts.filter((id) => id === 'b')).toHaveLength(3);
    expect(firsts.filter((id) => id === 'c')).toHaveLength(3);
  });

  it('prefers the least loaded config and lists the others for failover', () => {
    const router = createModelRouter();
    const models = [candidate('a', 'm'), candidate('b', 'm')];
    const endA = router.begin('a');
    router.begin('a');
    const order = router.route(models, 'm').map((entry) => entry.config.id);
    expect(order).toEqual(['b', 'a']);
    endA();
    endA(); // idempotent
    expect(router.inFlight('a')).toBe(1);
  });
});
