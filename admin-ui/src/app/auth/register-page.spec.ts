import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { Router } from '@angular/router';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import { testUser } from '../../testing/sign-in-for-test';
import RegisterPage from './register-page';

async function setUp() {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const fixture = TestBed.createComponent(RegisterPage);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  await settle();
  const loader = TestbedHarnessEnvironment.loader(fixture);
  const fill = async (password = 'long-enough-pw', confirmation = password) => {
    const input = (selector: string) => loader.getHarness(MatInputHarness.with({ selector }));
    await (await input('[formControlName=username]')).setValue('ada');
    await (await input('[formControlName=email]')).setValue('ada@example.com');
    await (await input('[formControlName=password]')).setValue(password);
    await (await input('[formControlName=confirmation]')).setValue(confirmation);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create account' }))).click();
  };
  return { fixture, http: TestBed.inject(HttpTestingController), fill, navigate };
}

describe('RegisterPage', () => {
  it('registers, signs in with the same credentials and welcomes the first user as admin', async () => {
    const { fixture, http, fill, navigate } = await setUp();
    await fill();
    const register = http.expectOne('/api/auth/register');
    expect(register.request.body).toEqual({
      username: 'ada',
      email: 'ada@example.com',
      password: 'long-enough-pw',
    });
    register.flush(
      { user: { ...testUser, is_superuser: true } },
      { status: 201, statusText: 'Created' },
    );
    const login = http.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({ username: 'ada', password: 'long-enough-pw' });
    login.flush({
      access_token: 't',
      token_type: 'bearer',
      expires_in: 900,
      user: { ...testUser, is_superuser: true },
    });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/dashboard']);
    const snackBar =
      await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatSnackBarHarness);
    expect(await snackBar.getMessage()).toContain('As the first user you are the administrator');
  });

  it('explains that registration is closed', async () => {
    const { fixture, http, fill, navigate } = await setUp();
    await fill();
    http
      .expectOne('/api/auth/register')
      .flush(
        { error: { code: 'auth.registration_closed', message: 'closed' } },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(
      fixture.nativeElement.querySelector('[data-testid=register-error]').textContent,
    ).toContain('Registration is closed on this server');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('explains a taken username', async () => {
    const { fixture, http, fill } = await setUp();
    await fill();
    http
      .expectOne('/api/auth/register')
      .flush(
        { error: { code: 'conflict', message: 'taken' } },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(fixture.nativeElement.textContent).toContain('That username or email is already taken');
  });

  it('checks the password length and confirmation before calling the server', async () => {
    const { fixture, http, fill } = await setUp();
    await fill('short', 'different');
    http.expectNone('/api/auth/register');
    expect(fixture.nativeElement.textContent).toContain('At least 8 characters');
    expect(fixture.nativeElement.textContent).toContain('The passwords do not match');
  });
});
