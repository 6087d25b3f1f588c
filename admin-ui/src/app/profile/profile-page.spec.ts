import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import { signInForTest } from '../../testing/sign-in-for-test';
import ProfilePage from './profile-page';

async function setUp() {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  signInForTest();
  const fixture = TestBed.createComponent(ProfilePage);
  await settle();
  const loader = TestbedHarnessEnvironment.loader(fixture);
  const fill = async (current: string, next: string, confirmation: string) => {
    const inputs = await loader.getAllHarnesses(
      MatInputHarness.with({ selector: '[type=password]' }),
    );
    await inputs[0]?.setValue(current);
    await inputs[1]?.setValue(next);
    await inputs[2]?.setValue(confirmation);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Change password' }))).click();
  };
  return { fixture, http: TestBed.inject(HttpTestingController), fill };
}

describe('ProfilePage', () => {
  it('shows who is signed in', async () => {
    const { fixture } = await setUp();
    expect(
      fixture.nativeElement.querySelector('[data-testid=profile-username]').textContent,
    ).toContain('ada');
    expect(fixture.nativeElement.textContent).toContain('ada@example.com');
  });

  it('changes the password and clears the form', async () => {
    const { fixture, http, fill } = await setUp();
    await fill('old-password', 'new-password-1', 'new-password-1');
    const request = http.expectOne({ method: 'PUT', url: '/api/users/me/password' });
    expect(request.request.body).toEqual({
      current_password: 'old-password',
      new_password: 'new-password-1',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    const inputs = fixture.nativeElement.querySelectorAll(
      'input[type=password]',
    ) as NodeListOf<HTMLInputElement>;
    expect([...inputs].map((input) => input.value)).toEqual(['', '', '']);
  });

  it('refuses a short or mismatched new password without calling the server', async () => {
    const { fixture, http, fill } = await setUp();
    await fill('old-password', 'short', 'other');
    http.expectNone('/api/users/me/password');
    expect(fixture.nativeElement.textContent).toContain('At least 8 characters');
    expect(fixture.nativeElement.textContent).toContain('The passwords do not match');
  });

  it('shows why the server refused (wrong current password)', async () => {
    const { fixture, http, fill } = await setUp();
    await fill('wrong', 'new-password-1', 'new-password-1');
    http
      .expectOne('/api/users/me/password')
      .flush(
        { error: { code: 'auth.invalid_password', message: 'Current password is wrong' } },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(fixture.nativeElement.textContent).toContain(
      'The password was not changed: Current password is wrong',
    );
  });
});
