import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideTestConsole } from '../testing/provide-test-console';
import { settle } from '../testing/settle';
import { testUser } from '../testing/sign-in-for-test';
import { routes } from './app.routes';

async function navigate(url: string, refresh: { status: number; body: object }) {
  TestBed.configureTestingModule({ providers: provideTestConsole(routes) });
  const harness = await RouterTestingHarness.create();
  const http = TestBed.inject(HttpTestingController);
  const navigation = harness.navigateByUrl(url);
  await settle();
  http.expectOne('/api/auth/refresh').flush(refresh.body, {
    status: refresh.status,
    statusText: refresh.status === 200 ? 'OK' : 'Unauthorized',
  });
  await navigation.catch(() => undefined);
  await settle();
  return TestBed.inject(Router).url;
}

const session = (isSuperuser: boolean) => ({
  status: 200,
  body: {
    access_token: 't',
    token_type: 'bearer',
    expires_in: 900,
    user: { ...testUser, is_superuser: isSuperuser },
  },
});

describe('console routes', () => {
  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    const url = await navigate('/credentials', {
      status: 401,
      body: { error: { code: 'x', message: 'no session' } },
    });
    expect(url).toBe('/login?returnUrl=%2Fcredentials');
  });

  it('resumes a session from the refresh cookie on a deep link', async () => {
    expect(await navigate('/keys', session(false))).toBe('/keys');
  });

  it('keeps members out of the users page', async () => {
    expect(await navigate('/users', session(false))).toBe('/dashboard');
  });

  it('lets administrators into the users page', async () => {
    expect(await navigate('/users', session(true))).toBe('/users');
  });

  it('sends a signed-in user away from the login page', async () => {
    expect(await navigate('/login', session(false))).toBe('/dashboard');
  });
});
