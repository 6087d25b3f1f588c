import { manualChangeDetection } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { listOf, makeApiKey, makeModelConfig, makeRequestLog } from '../../testing/fixtures';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import LogsPage from './logs-page';
import type { RequestLog } from './request-log';

function expectLogsRequest(http: HttpTestingController): TestRequest {
  return http.expectOne((request) => request.url === '/api/logs');
}

async function setUp() {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  const fixture = TestBed.createComponent(LogsPage);
  const http = TestBed.inject(HttpTestingController);
  await settle();
  const first = expectLogsRequest(http);
  http.expectOne('/api/models?limit=500').flush(listOf([makeModelConfig()]));
  http.expectOne('/api/keys?limit=500').flush(listOf([makeApiKey()]));
  return { fixture, http, first };
}

/** Lists `row`, opens its detail panel, answers the detail request with `detail`; its text. */
async function openDetail(row: RequestLog, detail: RequestLog): Promise<string> {
  const { fixture, http, first } = await setUp();
  first.flush(listOf([row]));
  await settle();
  const loader = TestbedHarnessEnvironment.loader(fixture);
  await manualChangeDetection(async () => {
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[data-testid=open-log]' }))
    ).click();
  });
  await settle();
  http.expectOne(`/api/logs/${row.id}`).flush(detail);
  await settle();
  const panel =
    await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatDialogHarness);
  return panel.getText();
}

/** Lets the 300 ms filter debounce pass, then renders. */
async function passDebounce(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 350));
  await settle();
}

/** `from` is "now minus the range" at the moment the filter was applied. */
function expectAgo(iso: string | null, milliseconds: number): void {
  const age = Date.now() - new Date(iso ?? '').getTime();
  expect(age).toBeGreaterThanOrEqual(milliseconds);
  expect(age).toBeLessThan(milliseconds + 5_000);
}

describe('LogsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the last 24 hours, newest first, and shows each request', async () => {
    const { fixture, first } = await setUp();
    expect(first.request.params.get('limit')).toBe('50');
    expectAgo(first.request.params.get('from'), 86_400_000);
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush(
      listOf([makeRequestLog(), makeRequestLog({ id: 'log-2', status_code: 429, stream: false })]),
    );
    await settle();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('OpenAI');
    expect(text).toContain('→ Anthropic');
    expect(text).toContain('1,234 ms');
    expect(text).toContain('210 ms');
    expect(text).toContain('429');
  });

  it('sends the chosen filters and starts again from the first page', async () => {
    const { fixture, http, first } = await setUp();
    first.flush(listOf([makeRequestLog()], 'cursor-2'));
    await settle();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await manualChangeDetection(async () => {
      await (
        await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid=filter-model]' }))
      ).clickOptions({ text: 'mini' });
      await (
        await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid=filter-key]' }))
      ).clickOptions({ text: /CI/ });
      await (
        await loader.getHarness(MatInputHarness.with({ selector: '[data-testid=filter-status]' }))
      ).setValue('429');
      await (
        await loader.getHarness(
          MatSelectHarness.with({ selector: '[data-testid=filter-source-format]' }),
        )
      ).clickOptions({ text: 'Anthropic' });
      await (
        await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid=filter-range]' }))
      ).clickOptions({ text: 'Last hour' });
    });
    await passDebounce();
    const filtered = expectLogsRequest(http);
    expect(filtered.request.params.get('model_config_id')).toBe('model-1');
    expect(filtered.request.params.get('key_id')).toBe('key-1');
    expect(filtered.request.params.get('status_code')).toBe('429');
    expect(filtered.request.params.get('source_format')).toBe('anthropic');
    expect(filtered.request.params.has('target_format')).toBe(false);
    expectAgo(filtered.request.params.get('from'), 3_600_000);
    expect(filtered.request.params.has('cursor')).toBe(false);
    filtered.flush(listOf([]));
    await settle();
    expect(fixture.nativeElement.textContent).toContain('No requests match these filters');
  });

  it('marks estimated token counts in the list', async () => {
    const { fixture, first } = await setUp();
    first.flush(
      listOf([
        makeRequestLog({ id: 'log-1', request_id: 'req-1', tokens_estimated: true }),
        makeRequestLog({ id: 'log-2', request_id: 'req-2', tokens_estimated: false }),
        makeRequestLog({ id: 'log-3', request_id: 'req-3' }),
      ]),
    );
    await settle();
    const marks = fixture.nativeElement.querySelectorAll(
      '[data-testid=tokens-estimated-mark]',
    ) as NodeListOf<HTMLElement>;
    expect(marks).toHaveLength(1);
    expect(marks[0]!.getAttribute('aria-label')).toBe('Estimated');
    expect(marks[0]!.closest('tr')?.textContent).toContain('≈');
  });

  it('pages forward with next_cursor and back again', async () => {
    const { fixture, http, first } = await setUp();
    first.flush(listOf([makeRequestLog()], 'cursor-2'));
    await settle();
    const next = fixture.nativeElement.querySelector(
      '[data-testid=next-page]',
    ) as HTMLButtonElement;
    next.click();
    await settle();
    const second = expectLogsRequest(http);
    expect(second.request.params.get('cursor')).toBe('cursor-2');
    second.flush(listOf([makeRequestLog({ id: 'log-9', request_id: 'req-9' })], null));
    await settle();
    expect(fixture.nativeElement.textContent).toContain('Page 2');
    expect(next.disabled).toBe(true);
    (
      fixture.nativeElement.querySelector('[aria-label="Previous page"]') as HTMLButtonElement
    ).click();
    await settle();
    const back = expectLogsRequest(http);
    expect(back.request.params.has('cursor')).toBe(false);
    back.flush(listOf([makeRequestLog()], 'cursor-2'));
  });

  it('opens a detail panel with timings, tokens, error text and conversion notes', async () => {
    const text = await openDetail(
      makeRequestLog({ status_code: 502, error_message: 'upstream timed out' }),
      makeRequestLog({
        status_code: 502,
        error_message: 'upstream timed out',
        conversion_notes: [
          { kind: 'dropped', path: 'logprobs', message: 'Anthropic has no logprobs' },
          'plain note',
        ],
      }),
    );
    expect(text).toContain('Time to first token');
    expect(text).toContain('210 ms');
    expect(text).toContain('1,234 ms');
    expect(text).toContain('upstream timed out');
    expect(text).toContain('logprobs');
    expect(text).toContain('Anthropic has no logprobs');
    expect(text).toContain('plain note');
    expect(text).toContain('CI (llmb_AbCd…)');
    expect(text).toContain('Anthropic Messages');
    // A record without the gateway's additions (an older row) shows none of them.
    expect(text).not.toContain('Upstream model');
    expect(text).not.toContain('Estimated');
  });

  it('shows the upstream model, attempts, cached tokens and an estimate flag when recorded', async () => {
    const text = await openDetail(
      makeRequestLog(),
      makeRequestLog({
        status_code: 499,
        input_tokens: 1200,
        upstream_model: 'claude-sonnet-4-5',
        upstream_attempts: 2,
        cache_read_tokens: 800,
        cache_creation_tokens: 0,
        tokens_estimated: true,
      }),
    );
    const root = document.body;
    expect(root.querySelector('[data-testid=detail-upstream-model]')?.textContent).toBe(
      'claude-sonnet-4-5',
    );
    expect(root.querySelector('[data-testid=detail-attempts]')?.textContent?.trim()).toBe('2');
    expect(root.querySelector('[data-testid=detail-cache-read]')?.textContent?.trim()).toBe('800');
    // A zero count is not shown.
    expect(root.querySelector('[data-testid=detail-cache-write]')).toBeNull();
    expect(root.querySelector('[data-testid=tokens-estimated]')?.textContent).toContain(
      'Estimated',
    );
    expect(text).toContain('of which read from the prompt cache');
  });
});
