import { Clipboard } from '@angular/cdk/clipboard';
import { manualChangeDetection } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatRadioButtonHarness } from '@angular/material/radio/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { listOf, makeCredential, makeModelConfig } from '../../testing/fixtures';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import ModelsPage from './models-page';

const anthropicCredential = makeCredential({
  id: 'cred-2',
  name: 'Claude',
  provider: 'anthropic',
  api_url: 'https://api.anthropic.com',
});

async function setUp(
  options: { models?: ReturnType<typeof makeModelConfig>[]; query?: Record<string, string> } = {},
) {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const fixture = TestBed.createComponent(ModelsPage);
  for (const [name, value] of Object.entries(options.query ?? {}))
    fixture.componentRef.setInput(name, value);
  const http = TestBed.inject(HttpTestingController);
  await settle();
  http.expectOne('/api/models?limit=500').flush(listOf(options.models ?? [makeModelConfig()]));
  http
    .expectOne('/api/credentials?limit=500')
    .flush(listOf([makeCredential(), anthropicCredential]));
  await settle();
  return {
    fixture,
    http,
    loader: TestbedHarnessEnvironment.loader(fixture),
    documentLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
  };
}

describe('ModelsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists aliases with upstream model, credential name, format and limit', async () => {
    const { fixture } = await setUp();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('mini');
    expect(text).toContain('gpt-4o-mini');
    expect(text).toContain('OpenAI main');
    expect(text).toContain('OpenAI Chat Completions');
    expect(text).toContain('100 / min');
  });

  it('creates a model from the upstream list and shows the key once with snippets', async () => {
    const { fixture, http, loader, documentLoader } = await setUp({ models: [] });
    await manualChangeDetection(async () => {
      await (await loader.getHarness(MatButtonHarness.with({ text: /Add model/ }))).click();
    });
    await settle();
    http
      .expectOne('/api/credentials/cred-1/upstream-models')
      .flush(listOf([{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }]));
    await settle();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    const autocomplete = await dialog.getHarness(MatAutocompleteHarness);
    await autocomplete.enterText('mini');
    expect(
      await Promise.all((await autocomplete.getOptions()).map((option) => option.getText())),
    ).toEqual(['gpt-4o-mini']);
    await autocomplete.selectOption({ text: 'gpt-4o-mini' });
    await (
      await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=model-alias]' }))
    ).setValue('fast');
    await (
      await dialog.getHarness(MatRadioButtonHarness.with({ label: 'Anthropic Messages' }))
    ).check();
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Create' }))).click();

    const create = http.expectOne({ method: 'POST', url: '/api/models' });
    expect(create.request.body).toEqual({
      credential_id: 'cred-1',
      model_name: 'gpt-4o-mini',
      target_format: 'anthropic',
      alias: 'fast',
      rate_limit: 100,
      is_enabled: true,
    });
    create.flush(
      {
        ...makeModelConfig({ alias: 'fast', target_format: 'anthropic' }),
        proxy_api_key: 'llmb_once_only_key',
      },
      { status: 201, statusText: 'Created' },
    );
    await settle();
    http.expectOne('/api/models?limit=500').flush(listOf([makeModelConfig({ alias: 'fast' })]));
    await settle();

    const reveal = await documentLoader.getHarness(
      MatDialogHarness.with({ selector: '.mat-mdc-dialog-container' }),
    );
    expect(await reveal.getText()).toContain('llmb_once_only_key');
    expect(await reveal.getText()).toContain('never be shown again');
    const tabs = await reveal.getHarness(MatTabGroupHarness);
    expect(await Promise.all((await tabs.getTabs()).map((tab) => tab.getLabel()))).toEqual([
      'curl',
      'Anthropic SDK · Python',
      'Anthropic SDK · Node.js',
      'Claude Code',
    ]);
    const copied = jest.spyOn(TestBed.inject(Clipboard), 'copy').mockReturnValue(true);
    await (
      await reveal.getHarness(MatButtonHarness.with({ selector: '[aria-label="Copy the key"]' }))
    ).click();
    expect(copied).toHaveBeenCalledWith('llmb_once_only_key');
    await tabs.selectTab({ label: 'Claude Code' });
    expect(await reveal.getText()).toContain(`export ANTHROPIC_MODEL='fast'`);
    expect(await reveal.getText()).toContain(`export ANTHROPIC_BASE_URL='${location.origin}'`);
    expect(fixture.nativeElement.textContent).toContain('fast');
  });

  it('opens the form prefilled when sent from the upstream model picker', async () => {
    const { http, documentLoader } = await setUp({
      query: { create: 'true', credential: 'cred-2', model: 'claude-haiku-4-5' },
    });
    http
      .expectOne('/api/credentials/cred-2/upstream-models')
      .flush(listOf([{ id: 'claude-haiku-4-5' }]));
    await settle();
    const dialogs = await documentLoader.getAllHarnesses(MatDialogHarness);
    expect(dialogs).toHaveLength(1);
    const dialog = dialogs[0]!;
    expect(
      await (
        await dialog.getHarness(MatInputHarness.with({ selector: '[data-testid=model-name]' }))
      ).getValue(),
    ).toBe('claude-haiku-4-5');
    expect(
      await (
        await dialog.getHarness(MatRadioButtonHarness.with({ label: 'Anthropic Messages' }))
      ).isChecked(),
    ).toBe(true);
    await dialog.close();
  });

  it('enables and disables with the row toggle', async () => {
    const { http, loader } = await setUp();
    const toggle = await loader.getHarness(MatSlideToggleHarness);
    await toggle.uncheck();
    const request = http.expectOne({ method: 'PUT', url: '/api/models/model-1' });
    expect(request.request.body).toEqual({ is_enabled: false });
    request.flush(makeModelConfig({ is_enabled: false }));
    await settle();
    expect(await toggle.isChecked()).toBe(false);
  });

  it('puts the toggle back when the server refuses', async () => {
    const { http, loader } = await setUp();
    const toggle = await loader.getHarness(MatSlideToggleHarness);
    await toggle.uncheck();
    http
      .expectOne({ method: 'PUT', url: '/api/models/model-1' })
      .flush({ error: { code: 'x', message: 'nope' } }, { status: 500, statusText: 'Error' });
    await settle();
    expect(await toggle.isChecked()).toBe(true);
  });

  it('deletes after confirmation', async () => {
    const { fixture, http, loader, documentLoader } = await setUp();
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label^="More actions"]' }))
    ).click();
    await (await documentLoader.getHarness(MatMenuHarness)).clickItem({ text: /Delete/ });
    const confirm = await documentLoader.getHarness(MatDialogHarness);
    expect(await confirm.getText()).toContain('Clients calling mini will get 404');
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    http
      .expectOne({ method: 'DELETE', url: '/api/models/model-1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(fixture.nativeElement.textContent).toContain('No models yet');
  });
});
