import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router } from '@angular/router';
import { provideTestConsole } from '../../testing/provide-test-console';
import { SessionStore } from '../core/auth/session-store';
import LoginPage from './login-page';

async function setUp(returnUrl?: string) {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const fixture = TestBed.createComponent(LoginPage);
  if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  const http = TestBed.inject(HttpTestingController);
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  await fixture.whenStable();
  return { fixture, loader, http, navigate };
}

async function fillAndSubmit(
  loader: Awaited<ReturnType<typeof setUp>>['loader'],
  username: string,
  password: string,
) {
  await (
    await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=username]' }))
  ).setValue(username);
  await (
    await loader.getHarness(MatInputHarness.with({ selector: '[type=password]' }))
  ).setValue(password);
  await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();
}

describe('LoginPage', () => {
  it('signs in with the typed credentials and goes to the return URL', async () => {
    const { fixture, loader, http, navigate } = await setUp('/logs');
    await fillAndSubmit(loader, ' ada ', 'correct horse');

    const request = http.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({ username: 'ada', password: 'correct horse' });
    expect(request.request.withCredentials).toBe(true);
    request.flush({
      access_token: 'token-1',
      token_type: 'bearer',
      expires_in: 900,
      refresh_token: 'r1',
      user: {
        id: 'u1',
        username: 'ada',
        email: 'a@x.io',
        is_active: true,
        is_superuser: true,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      },
    });
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/logs');
    expect(TestBed.inject(SessionStore).accessToken()).toBe('token-1');
    expect(TestBed.inject(SessionStore).isAdmin()).toBe(true);
  });

  it('never follows a return URL to another site', async () => {
    const { fixture, loader, http, navigate } = await setUp('//evil.example.com');
    await fillAndSubmit(loader, 'ada', 'pw');
    http.expectOne('/api/auth/login').flush({
      access_token: 't',
      user: {
        id: 'u1',
        username: 'ada',
        email: 'a@x.io',
        is_active: true,
        is_superuser: false,
        created_at: '2026-01-01T00:00:00Z',
      },
    });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/dashboard');
  });

  it('shows the same message for a wrong password as for an unknown user', async () => {
    const { fixture, loader, http, navigate } = await setUp();
    await fillAndSubmit(loader, 'ada', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { error: { code: 'auth.invalid_credentials', message: 'Invalid username or password' } },
        { status: 401, statusText: 'Unauthorized' },
      );
    await fixture.whenStable();

    const alert = fixture.nativeElement.querySelector('[data-testid=login-error]');
    expect(alert.textContent).toContain('Wrong username or password');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('tells a user whose session expired why they are here', async () => {
    TestBed.configureTestingModule({ providers: provideTestConsole() });
    TestBed.inject(SessionStore).expire();
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    expect(
      fixture.nativeElement.querySelector('[data-testid=expired-notice]').textContent,
    ).toContain('Your session has expired');
  });

  it('does not call the server while a field is empty', async () => {
    const { fixture, loader, http } = await setUp();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();
    http.expectNone('/api/auth/login');
    expect(fixture.nativeElement.textContent).toContain('Required');
  });
});
