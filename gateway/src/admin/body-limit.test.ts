import request from 'supertest';
import { createTestAdminApp } from './__fixtures__/create-test-admin-app';

describe('admin body limits and non-object bodies', () => {
  it('answers 413 in the admin error shape above LLMFB_ADMIN_MAX_BODY_BYTES', async () => {
    const harness = createTestAdminApp({ settings: { maxBodyBytes: 2048 } });
    const answer = await request(harness.app)
      .post('/api/auth/register')
      .send({ username: 'x', email: 'x@example.com', password: 'p'.repeat(4096) });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      error: { code: 'request_too_large', message: expect.any(String) },
    });
    const array = await request(harness.app)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('[1,2]');
    expect(array.status).toBe(400);
    expect(array.body.error.details[0].path).toBe('body');
    const broken = await request(harness.app)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('request_invalid');
    await harness.close();
  });
});
