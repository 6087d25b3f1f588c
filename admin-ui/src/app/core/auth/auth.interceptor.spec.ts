import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { provideTestConsole } from '../../../testing/provide-test-console';
import { signInForTest, testUser } from '../../../testing/sign-in-for-test';
import { ApiError } from '../http/api-error';
import { SessionStore } from './session-store';

function setUp() {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    session: TestBed.inject(SessionStore),
    navigate,
  };
}

const unauthorized = { status: 401, statusText: 'Unauthorized' };
const expiredBody = { error: { code: 'auth.token_expired', message: 'Token expired' } };

describe('auth interceptor and session', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends the access token to the admin API only', async () => {
    const { http, backend } = setUp();
    signInForTest();
    const admin = firstValueFrom(http.get('/api/keys'));
    const proxy = firstValueFrom(http.get('/v1/models'));
    const adminRequest = backend.expectOne('/api/keys');
    expect(adminRequest.request.headers.get('Authorization')).toBe('Bearer access-1');
    adminRequest.flush({ items: [], next_cursor: null });
    const proxyRequest = backend.expectOne('/v1/models');
    expect(proxyRequest.request.headers.has('Authorization')).toBe(false);
    proxyRequest.flush({ data: [] });
    await Promise.all([admin, proxy]);
  });

  it('refreshes once on 401 and retries, sharing one refresh between parallel calls', async () => {
    const { http, backend, session } = setUp();
    signInForTest();
    const first = firstValueFrom(http.get('/api/models'));
    const second = firstValueFrom(http.get('/api/keys'));
    backend.expectOne('/api/models').flush(expiredBody, unauthorized);
    backend.expectOne('/api/keys').flush(expiredBody, unauthorized);

    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush({
      access_token: 'access-2',
      token_type: 'bearer',
      expires_in: 900,
      user: testUser,
    });

    const retriedModels = backend.expectOne('/api/models');
    const retriedKeys = backend.expectOne('/api/keys');
    expect(retriedModels.request.headers.get('Authorization')).toBe('Bearer access-2');
    expect(retriedKeys.request.headers.get('Authorization')).toBe('Bearer access-2');
    retriedModels.flush({ items: [], next_cursor: null });
    retriedKeys.flush({ items: [], next_cursor: null });
    await Promise.all([first, second]);
    expect(session.accessToken()).toBe('access-2');
  });

  it('ends the session and sends the user to the login page when the refresh fails', async () => {
    const { http, backend, session, navigate } = setUp();
    signInForTest();
    const call = firstValueFrom(http.get('/api/keys'));
    backend.expectOne('/api/keys').flush(expiredBody, unauthorized);
    backend
      .expectOne('/api/auth/refresh')
      .flush({ error: { code: 'auth.invalid_refresh', message: 'x' } }, unauthorized);
    await expect(call).rejects.toBeInstanceOf(ApiError);
    expect(session.isSignedIn()).toBe(false);
    expect(session.signOutReason()).toBe('expired');
    expect(navigate).toHaveBeenCalledWith(
      ['/login'],
      expect.objectContaining({ queryParams: expect.any(Object) }),
    );
  });

  it('resumes a session after a reload from the refresh cookie, fetching the user if needed', async () => {
    const { backend, session } = setUp();
    const restored = session.restore();
    backend
      .expectOne('/api/auth/refresh')
      .flush({ access_token: 'access-3', token_type: 'bearer', expires_in: 900 });
    const me = backend.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer access-3');
    me.flush({ user: testUser });
    expect(await restored).toBe(true);
    expect(session.user()?.username).toBe('ada');
    // A second guard asks again: no second refresh (that would rotate the cookie twice).
    expect(await session.restore()).toBe(true);
  });

  it('reports no session when there is no refresh cookie', async () => {
    const { backend, session } = setUp();
    const restored = session.restore();
    backend
      .expectOne('/api/auth/refresh')
      .flush(
        { error: { code: 'x', message: 'no token' } },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(await restored).toBe(false);
    expect(session.isSignedIn()).toBe(false);
  });

  it('signs out: revokes the refresh cookie and forgets the token', async () => {
    const { backend, session } = setUp();
    signInForTest();
    const done = firstValueFrom(session.logout(), { defaultValue: undefined });
    const logout = backend.expectOne('/api/auth/logout');
    expect(logout.request.withCredentials).toBe(true);
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(session.accessToken()).toBeNull();
    expect(session.signOutReason()).toBe('logged-out');
  });
});
