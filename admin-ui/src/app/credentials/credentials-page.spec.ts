import { manualChangeDetection } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatActionListHarness } from '@angular/material/list/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatRadioButtonHarness } from '@angular/material/radio/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { Router } from '@angular/router';
import { listOf, makeCredential } from '../../testing/fixtures';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import CredentialsPage from './credentials-page';

async function setUp(credentials = [makeCredential()]) {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const fixture = TestBed.createComponent(CredentialsPage);
  const http = TestBed.inject(HttpTestingController);
  await settle();
  http.expectOne('/api/credentials?limit=500').flush(listOf(credentials));
  await settle();
  const documentLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  return {
    fixture,
    http,
    loader,
    documentLoader,
    text: () => fixture.nativeElement.textContent as string,
  };
}

describe('CredentialsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists credentials with provider, URL, masked key and validation state', async () => {
    const { text } = await setUp([
      makeCredential({ is_validated: true, validated_at: '2026-01-02T00:00:00Z' }),
      makeCredential({
        id: 'cred-2',
        name: 'Relay',
        provider: 'anthropic',
        api_url: 'https://relay.example.com/api',
        api_key_masked: 'cr_abc…wxyz',
        mode: 'claude_code_relay',
        validation_error: 'upstream answered 401',
      }),
    ]);
    expect(text()).toContain('OpenAI main');
    expect(text()).toContain('sk-pro…abcd');
    expect(text()).toContain('Working');
    expect(text()).toContain('Claude Code relay');
    expect(text()).toContain('upstream answered 401');
  });

  it('shows a failed list load with a retry that works', async () => {
    TestBed.configureTestingModule({ providers: provideTestConsole() });
    const fixture = TestBed.createComponent(CredentialsPage);
    const http = TestBed.inject(HttpTestingController);
    await settle();
    http
      .expectOne('/api/credentials?limit=500')
      .flush(
        { error: { code: 'internal', message: 'store down' } },
        { status: 500, statusText: 'Error' },
      );
    await settle();
    const text = () => fixture.nativeElement.textContent as string;
    expect(text()).toContain('Could not load this data.');
    expect(text()).toContain('The server failed (500): store down');
    (fixture.nativeElement.querySelector('[role=alert] button') as HTMLButtonElement).click();
    await settle();
    http.expectOne('/api/credentials?limit=500').flush(listOf([makeCredential()]));
    await settle();
    expect(text()).toContain('OpenAI main');
    expect(text()).not.toContain('Could not load');
  });

  it('says what to do when there are no credentials', async () => {
    const { text } = await setUp([]);
    expect(text()).toContain('No credentials yet');
  });

  it('creates a Claude Code relay credential, insisting on a cr_ key', async () => {
    const { fixture, http, loader, documentLoader } = await setUp([]);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add credential/ }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await (
      await dialog.getHarness(MatRadioButtonHarness.with({ label: /Claude Code relay/ }))
    ).check();
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=credential-name]' }))
    ).setValue('My relay');
    const url = await dialog.getHarness(
      MatInputHarness.with({ selector: '[data-testid=credential-url]' }),
    );
    expect(await url.getValue()).toBe('');
    await url.setValue('https://relay.example.com/api');
    const key = await dialog.getHarness(
      MatInputHarness.with({ selector: '[data-testid=credential-key]' }),
    );
    await key.setValue('sk-wrong');
    await (await dialog.getHarness(MatSlideToggleHarness)).uncheck();
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Create' }))).click();
    expect(await (await dialog.host()).text()).toContain('A Claude Code relay key starts with cr_');
    http.expectNone('/api/credentials');

    await key.setValue('cr_secret');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Create' }))).click();
    const request = http.expectOne({ method: 'POST', url: '/api/credentials' });
    expect(request.request.body).toEqual({
      name: 'My relay',
      provider: 'anthropic',
      api_key: 'cr_secret',
      api_url: 'https://relay.example.com/api',
      inject_system_prompt: false,
    });
    request.flush(makeCredential({ id: 'new', name: 'My relay', provider: 'anthropic' }), {
      status: 201,
      statusText: 'Created',
    });
    await settle();
    http
      .expectOne('/api/credentials?limit=500')
      .flush(listOf([makeCredential({ name: 'My relay' })]));
    await settle();
    expect(fixture.nativeElement.textContent).toContain('My relay');
  });

  it('keeps the dialog open with the server message when the name is taken', async () => {
    const { http, loader, documentLoader } = await setUp([]);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add credential/ }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=credential-name]' }))
    ).setValue('Dup');
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=credential-key]' }))
    ).setValue('sk-1');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Create' }))).click();
    http
      .expectOne({ method: 'POST', url: '/api/credentials' })
      .flush(
        { error: { code: 'conflict', message: 'A credential named Dup exists' } },
        { status: 409, statusText: 'Conflict' },
      );
    expect(await (await dialog.host()).text()).toContain('A credential named Dup exists');
  });

  it('edits without resending the key unless a new one is typed', async () => {
    const { http, loader, documentLoader } = await setUp();
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label^="More actions"]' }))
    ).click();
    const menu = await documentLoader.getHarness(MatMenuHarness);
    await menu.clickItem({ text: /Edit/ });
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=credential-name]' }))
    ).setValue('Renamed');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    const request = http.expectOne({ method: 'PUT', url: '/api/credentials/cred-1' });
    expect(request.request.body).toEqual({ name: 'Renamed' });
    request.flush(makeCredential({ name: 'Renamed' }));
  });

  it('validates and shows the upstream error on the row', async () => {
    const { fixture, http, loader } = await setUp();
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid=validate-cred-1]' }))
    ).click();
    expect(fixture.nativeElement.textContent).toContain('Checking…');
    http
      .expectOne({ method: 'POST', url: '/api/credentials/cred-1/validate' })
      .flush(makeCredential({ is_validated: false, validation_error: 'invalid x-api-key' }));
    await settle();
    const status = fixture.nativeElement.querySelector('[data-testid=status-cred-1]');
    expect(status.textContent).toContain('Failed');
    expect(status.textContent).toContain('invalid x-api-key');
  });

  it('deletes only after confirmation', async () => {
    const { fixture, http, loader, documentLoader } = await setUp();
    const openMenu = async () => {
      await (
        await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label^="More actions"]' }))
      ).click();
      await (await documentLoader.getHarness(MatMenuHarness)).clickItem({ text: /Delete/ });
    };
    await openMenu();
    await (
      await (
        await documentLoader.getHarness(MatDialogHarness)
      ).getHarness(MatButtonHarness.with({ text: 'Cancel' }))
    ).click();
    http.expectNone({ method: 'DELETE' });

    await openMenu();
    const confirm = await documentLoader.getHarness(MatDialogHarness);
    expect(await confirm.getText()).toContain('Delete OpenAI main?');
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    http
      .expectOne({ method: 'DELETE', url: '/api/credentials/cred-1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(fixture.nativeElement.textContent).toContain('No credentials yet');
  });

  it('lists the upstream models and starts a model config from the one picked', async () => {
    const { http, loader, documentLoader } = await setUp();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label^="More actions"]' }))
    ).click();
    const menu = await documentLoader.getHarness(MatMenuHarness);
    // The dialog's request stays open until answered below, so do not wait for stability here.
    await manualChangeDetection(() => menu.clickItem({ text: /Upstream models/ }));
    await settle();
    http
      .expectOne('/api/credentials/cred-1/upstream-models')
      .flush(listOf([{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }]));
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    const list = await dialog.getHarness(MatActionListHarness);
    expect(await list.getItems()).toHaveLength(2);
    await (await dialog.getHarness(MatInputHarness)).setValue('mini');
    const items = await list.getItems();
    expect(await Promise.all(items.map((item) => item.getTitle()))).toEqual(['gpt-4o-mini']);
    await items[0]?.click();
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/models'], {
      queryParams: { create: 'true', credential: 'cred-1', model: 'gpt-4o-mini' },
    });
  });
});
