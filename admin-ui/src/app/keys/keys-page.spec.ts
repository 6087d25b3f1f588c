import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { listOf, makeApiKey, makeModelConfig } from '../../testing/fixtures';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import { convertDateInputToExpiry, readKeyState } from './api-key';
import KeysPage from './keys-page';

async function setUp(keys = [makeApiKey()]) {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const fixture = TestBed.createComponent(KeysPage);
  const http = TestBed.inject(HttpTestingController);
  await settle();
  http.expectOne('/api/keys?limit=500').flush(listOf(keys));
  http
    .expectOne('/api/models?limit=500')
    .flush(
      listOf([
        makeModelConfig(),
        makeModelConfig({ id: 'model-2', alias: 'claude', target_format: 'anthropic' }),
      ]),
    );
  await settle();
  return {
    fixture,
    http,
    loader: TestbedHarnessEnvironment.loader(fixture),
    documentLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
  };
}

describe('KeysPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows prefix, scope, limit, expiry, last use and state of each key', async () => {
    const { loader } = await setUp([
      makeApiKey(),
      makeApiKey({
        id: 'key-2',
        name: 'Bot',
        prefix: 'llmb_XyZ1',
        model_config_ids: ['model-2'],
        rate_limit: 30,
        expires_at: '2020-01-01T00:00:00Z',
        last_used_at: '2026-02-03T04:05:06Z',
      }),
    ]);
    const table = await loader.getHarness(MatTableHarness);
    const rows = await table.getCellTextByColumnName();
    expect(rows['prefix']?.text).toEqual(['llmb_AbCd…', 'llmb_XyZ1…']);
    expect(rows['scope']?.text).toEqual(['All enabled models', 'claude']);
    expect(rows['limit']?.text).toEqual(['No limit', '30 / min']);
    expect(rows['expires']?.text).toEqual(['Never', 'Jan 1, 2020']);
    expect(rows['lastUsed']?.text[0]).toBe('Never');
    expect(rows['lastUsed']?.text[1]).toContain('2/3/26');
    expect(rows['status']?.text).toEqual(['Active', 'Expired']);
  });

  it('creates a key scoped to one model and reveals it once', async () => {
    const { http, loader, documentLoader } = await setUp([]);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Create key/ }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=key-name]' }))
    ).setValue('Laptop');
    const scope = await dialog.getHarness(MatSelectHarness);
    await scope.open();
    await scope.clickOptions({ text: /claude/ });
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=key-expiry]' }))
    ).setValue('2030-06-30');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Create' }))).click();

    const create = http.expectOne({ method: 'POST', url: '/api/keys' });
    expect(create.request.body).toEqual({
      name: 'Laptop',
      model_config_ids: ['model-2'],
      rate_limit: null,
      expires_at: convertDateInputToExpiry('2030-06-30'),
    });
    create.flush({
      ...makeApiKey({ name: 'Laptop', model_config_ids: ['model-2'] }),
      key: 'llmb_full_secret',
    });
    await settle();
    http.expectOne('/api/keys?limit=500').flush(listOf([makeApiKey({ name: 'Laptop' })]));
    await settle();
    const reveal = await documentLoader.getHarness(MatDialogHarness);
    expect(await reveal.getText()).toContain('llmb_full_secret');
    expect(await reveal.getText()).toContain('For model claude');
  });

  it('revokes after confirmation and drops the key from the list', async () => {
    const { fixture, http, loader, documentLoader } = await setUp();
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid=revoke-key-1]' }))
    ).click();
    const confirm = await documentLoader.getHarness(MatDialogHarness);
    expect(await confirm.getText()).toContain('Revoke CI?');
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Revoke' }))).click();
    http
      .expectOne({ method: 'DELETE', url: '/api/keys/key-1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(fixture.nativeElement.textContent).toContain('No API keys yet');
  });

  it('edits name, limit and active state', async () => {
    const { http, loader, documentLoader } = await setUp();
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Edit CI"]' }))
    ).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[type=number]' }))
    ).setValue('60');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    const update = http.expectOne({ method: 'PUT', url: '/api/keys/key-1' });
    expect(update.request.body).toEqual({
      name: 'CI',
      model_config_ids: [],
      rate_limit: 60,
      expires_at: null,
      is_active: true,
    });
    update.flush(makeApiKey({ rate_limit: 60 }));
  });
});

describe('key state and expiry dates', () => {
  it('treats a past expiry as expired and an inactive key as disabled', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    expect(readKeyState(makeApiKey(), now)).toBe('active');
    expect(readKeyState(makeApiKey({ expires_at: '2026-04-30T23:59:59Z' }), now)).toBe('expired');
    expect(readKeyState(makeApiKey({ is_active: false }), now)).toBe('disabled');
  });

  it('expires at the end of the chosen local day', () => {
    const expiry = new Date(convertDateInputToExpiry('2030-06-30') ?? '');
    expect([expiry.getFullYear(), expiry.getMonth(), expiry.getDate(), expiry.getHours()]).toEqual([
      2030, 5, 30, 23,
    ]);
    expect(convertDateInputToExpiry('')).toBeNull();
  });
});
