import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { createTestAdminApp, type TestAdminApp } from '../admin/__fixtures__/create-test-admin-app';
import { adminEndpoints } from '../admin/__fixtures__/admin-endpoints';

describe('OpenAPI document and docs page', () => {
  let harness: TestAdminApp;
  beforeAll(() => {
    harness = createTestAdminApp();
  });
  afterAll(() => harness.close());

  it('describes every admin endpoint with schemas that compile as JSON Schema 2020-12', async () => {
    const answer = await request(harness.app).get('/api/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.body;
    expect(document.openapi).toBe('3.1.0');
    for (const endpoint of adminEndpoints) {
      const path = endpoint.path.replace(':id', '{id}');
      expect(document.paths[path]?.[endpoint.method]).toBeDefined();
    }
    expect(document.paths['/v1/chat/completions'].post).toBeDefined();
    // Every `{name}` in a path is declared as a path parameter of each of its operations.
    for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      for (const operation of Object.values(item) as Array<{ parameters?: object[] }>)
        expect((operation.parameters ?? []).filter((p) => 'in' in p && p.in === 'path')).toEqual(
          names.map((name) => expect.objectContaining({ name, required: true })),
        );
    }
    expect(document.paths['/api/v1/models/{model_id}'].get).toBeDefined();
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(() => ajv.compile(schema as object)).not.toThrow();
      expect(name).toMatch(/^[A-Z]/);
    }
    const createCredential =
      document.paths['/api/credentials'].post.requestBody.content['application/json'].schema;
    expect(createCredential.required).toEqual(
      expect.arrayContaining(['name', 'provider', 'api_key']),
    );
    expect(createCredential.additionalProperties).toBe(false);
    const validate = ajv.compile(createCredential);
    expect(validate({ name: 'x', provider: 'openai', api_key: 'k' })).toBe(true);
    expect(validate({ name: 'x', provider: 'nope', api_key: 'k' })).toBe(false);
    const credentialSchema = ajv.compile(document.components.schemas.Credential);
    const created = await request(harness.app)
      .post('/api/credentials')
      .set('authorization', `Bearer ${(await harness.signUp('root')).token}`)
      .send({ name: 'c', provider: 'openai', api_key: 'sk-0123456789abcdef' });
    expect(credentialSchema(created.body)).toBe(true);
  });

  it('serves an offline Swagger UI page and its assets', async () => {
    const page = await request(harness.app).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.text).toContain('data-spec-url="/api/openapi.json"');
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await request(harness.app).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
    expect((await request(harness.app).get('/api/docs/assets/swagger-ui.css')).status).toBe(200);
    expect((await request(harness.app).get('/api/docs/init.js')).text).toContain('SwaggerUIBundle');
  });
});
