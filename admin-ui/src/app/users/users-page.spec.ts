import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { listOf } from '../../testing/fixtures';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import { signInForTest, testUser } from '../../testing/sign-in-for-test';
import UsersPage from './users-page';

const bob = { ...testUser, id: 'u2', username: 'bob', email: 'bob@example.com' };

async function setUp() {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const me = signInForTest({ is_superuser: true });
  const fixture = TestBed.createComponent(UsersPage);
  const http = TestBed.inject(HttpTestingController);
  await settle();
  const list = http.expectOne('/api/users?limit=500');
  expect(list.request.headers.get('Authorization')).toBe('Bearer access-1');
  list.flush(listOf([me, bob]));
  await settle();
  return {
    fixture,
    http,
    loader: TestbedHarnessEnvironment.loader(fixture),
    documentLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
  };
}

/** The row menu of one user (clickItem opens it). */
function openMenuOf(loader: ReturnType<typeof TestbedHarnessEnvironment.loader>, username: string) {
  return loader.getHarness(
    MatMenuHarness.with({ selector: `[aria-label="Actions for ${username}"]` }),
  );
}

describe('UsersPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists users with role and status, and protects the admin from changing themself', async () => {
    const { fixture, loader } = await setUp();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('ada');
    expect(text).toContain('(you)');
    expect(text).toContain('bob@example.com');
    expect(text).toContain('Administrator');
    expect(text).toContain('Member');
    const myMenu = await loader.getHarness(
      MatButtonHarness.with({ selector: '[aria-label="Actions for ada"]' }),
    );
    expect(await myMenu.isDisabled()).toBe(true);
  });

  it('deactivates after confirmation and shows the new state', async () => {
    const { fixture, http, loader, documentLoader } = await setUp();
    await (await openMenuOf(loader, 'bob')).clickItem({ text: /Deactivate/ });
    const confirm = await documentLoader.getHarness(MatDialogHarness);
    expect(await confirm.getText()).toContain('API keys will stop working');
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Deactivate' }))).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/users/u2' });
    expect(request.request.body).toEqual({ is_active: false });
    request.flush({ ...bob, is_active: false });
    await settle();
    expect(
      fixture.nativeElement.querySelector('[data-testid=user-status-u2]').textContent,
    ).toContain('Inactive');
  });

  it('grants the administrator role', async () => {
    const { fixture, http, loader } = await setUp();
    await (await openMenuOf(loader, 'bob')).clickItem({ text: /Make administrator/ });
    const request = http.expectOne({ method: 'PUT', url: '/api/users/u2' });
    expect(request.request.body).toEqual({ is_superuser: true });
    request.flush({ ...bob, is_superuser: true });
    await settle();
    expect((fixture.nativeElement.textContent as string).match(/Administrator/g)).toHaveLength(2);
  });

  it('deletes after confirmation', async () => {
    const { fixture, http, loader, documentLoader } = await setUp();
    await (await openMenuOf(loader, 'bob')).clickItem({ text: /Delete/ });
    await (
      await (
        await documentLoader.getHarness(MatDialogHarness)
      ).getHarness(MatButtonHarness.with({ text: 'Delete' }))
    ).click();
    http
      .expectOne({ method: 'DELETE', url: '/api/users/u2' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(fixture.nativeElement.textContent).not.toContain('bob@example.com');
  });
});
