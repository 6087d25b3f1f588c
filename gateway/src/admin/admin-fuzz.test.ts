/**
 * Property-based sweep: random bodies and query strings at every admin endpoint never produce a
 * 5xx; every error is the admin JSON shape, and a 400 names the offending fields.
 */
import fc from 'fast-check';
import request from 'supertest';
import { adminEndpoints, type ResourceKind } from './__fixtures__/admin-endpoints';
import { createTestAdminApp, type TestAdminApp } from './__fixtures__/create-test-admin-app';

const knownFields = [
  'username',
  'email',
  'password',
  'refresh_token',
  'current_password',
  'new_password',
  'is_active',
  'is_superuser',
  'name',
  'provider',
  'api_key',
  'api_url',
  'validation_model',
  'inject_system_prompt',
  'cli_version',
  'credential_id',
  'model_name',
  'target_format',
  'alias',
  'is_enabled',
  'rate_limit',
  'model_config_ids',
  'expires_at',
  'strict',
];
const knownQuery = ['limit', 'cursor', 'all', 'credential_id', 'model_config_id'];

const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    'openai',
    'anthropic',
    'true',
    'http://127.0.0.1:1',
    '2099-01-01T00:00:00Z',
    'x'.repeat(300),
  ),
  fc.integer(),
  fc.boolean(),
);
const bodyArbitrary = fc.oneof(
  fc.dictionary(
    fc.oneof(fc.constantFrom(...knownFields), fc.string({ maxLength: 12 })),
    fieldValue,
    { maxKeys: 6 },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
const queryArbitrary = fc.dictionary(
  fc.oneof(fc.constantFrom(...knownQuery), fc.string({ minLength: 1, maxLength: 8 })),
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('0', '-1', '501', '1e3', 'true', 'false', 'abc'),
  ),
  { maxKeys: 4 },
);

describe('admin API under random input', () => {
  let harness: TestAdminApp;
  let root: { token: string };
  const ids = {} as Record<ResourceKind, string>;

  beforeAll(async () => {
    harness = createTestAdminApp({ settings: { upstreamTimeoutMs: 300 } });
    root = await harness.signUp('root');
    const alice = await harness.signUp('alice');
    const as = { authorization: `Bearer ${root.token}` };
    ids.credential = (
      await request(harness.app).post('/api/credentials').set(as).send({
        name: 'c',
        provider: 'anthropic',
        api_key: 'cr_0123456789abcdef',
        api_url: 'http://127.0.0.1:1/api',
      })
    ).body.id;
    const model = await request(harness.app)
      .post('/api/models')
      .set(as)
      .send({ credential_id: ids.credential, model_name: 'm', target_format: 'openai' });
    ids.model = model.body.id;
    ids.key = model.body.proxy_api_key_id;
    ids.user = alice.id;
  });
  afterAll(() => harness.close());

  it.each(
    adminEndpoints.map(
      (endpoint) => [endpoint.method.toUpperCase(), endpoint.path, endpoint] as const,
    ),
  )(
    '%s %s',
    async (_method, _path, endpoint) => {
      await fc.assert(
        fc.asyncProperty(bodyArbitrary, queryArbitrary, async (body, query) => {
          const path = endpoint.resource
            ? endpoint.path.replace(':id', ids[endpoint.resource])
            : endpoint.path;
          const search = new URLSearchParams(query).toString();
          const call = request(harness.app)
            [endpoint.method](search ? `${path}?${search}` : path)
            .set('authorization', `Bearer ${root.token}`);
          const answer =
            endpoint.method === 'get' || endpoint.method === 'delete'
              ? await call
              : await call.set('content-type', 'application/json').send(JSON.stringify(body));
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.headers['content-type']).toMatch(/^application\/json/);
            expect(answer.body.error).toEqual(
              expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
            );
          }
          if (answer.status === 400) {
            expect(answer.body.error.details.length).toBeGreaterThan(0);
            for (const detail of answer.body.error.details) expect(detail.path).toMatch(/\S/);
          }
        }),
        { numRuns: 25 },
      );
    },
    30_000,
  );
});
