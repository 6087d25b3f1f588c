import { manualChangeDetection } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { listOf } from '../../testing/fixtures';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import { signInForTest } from '../../testing/sign-in-for-test';
import DashboardPage from './dashboard-page';

const usage = {
  series: [
    {
      key: 'mini',
      points: [
        {
          t: '2026-03-01T10:00:00Z',
          requests: 1500,
          errors: 30,
          input_tokens: 120_000,
          output_tokens: 45_000,
          avg_latency_ms: 800,
          p95_latency_ms: 2100,
        },
      ],
    },
    {
      key: 'claude',
      points: [
        {
          t: '2026-03-01T10:00:00Z',
          requests: 500,
          errors: 70,
          input_tokens: 10_000,
          output_tokens: 5_000,
          avg_latency_ms: 400,
          p95_latency_ms: 900,
        },
      ],
    },
  ],
};

function expectUsage(http: HttpTestingController, groupBy: string): TestRequest {
  return http.expectOne(
    (request) => request.url === '/api/usage' && request.params.get('group_by') === groupBy,
  );
}

async function setUp(isAdmin = false) {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  signInForTest({ is_superuser: isAdmin });
  const fixture = TestBed.createComponent(DashboardPage);
  const http = TestBed.inject(HttpTestingController);
  await settle();
  return { fixture, http, loader: TestbedHarnessEnvironment.loader(fixture) };
}

describe('DashboardPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the last 24 hours per hour by model and shows the totals at a glance', async () => {
    const { fixture, http } = await setUp();
    const request = expectUsage(http, 'model');
    expect(request.request.params.get('granularity')).toBe('hour');
    const from = new Date(request.request.params.get('from') ?? '').getTime();
    const to = new Date(request.request.params.get('to') ?? '').getTime();
    expect(to - from).toBe(86_400_000);
    request.flush(usage);
    await settle();
    const stat = (id: string) =>
      fixture.nativeElement.querySelector(`[data-testid=${id}]`).textContent.trim();
    expect(stat('stat-requests')).toBe('2K');
    expect(stat('stat-error-rate')).toBe('5%');
    expect(stat('stat-input')).toBe('130K');
    expect(stat('stat-output')).toBe('50K');
    const top = fixture.nativeElement.querySelector('[data-testid=top-models]').textContent;
    expect(top.indexOf('mini')).toBeLessThan(top.indexOf('claude'));
  });

  it('groups by key with readable key names and per-group numbers', async () => {
    const { http, loader } = await setUp();
    expectUsage(http, 'model').flush(usage);
    await settle();
    const groupBy = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid=usage-group]' }),
    );
    await groupBy.open();
    const options = await Promise.all(
      (await groupBy.getOptions()).map((option) => option.getText()),
    );
    expect(options).toEqual(['Model', 'API key', 'Credential']);
    // The new requests stay open until answered below: do not wait for stability.
    await manualChangeDetection(() => groupBy.clickOptions({ text: 'API key' }));
    await settle();
    expectUsage(http, 'key').flush({
      series: [
        {
          key: 'key-1',
          points: [
            {
              t: '2026-03-01T10:00:00Z',
              requests: 10,
              errors: 1,
              input_tokens: 1,
              output_tokens: 2,
              avg_latency_ms: 100,
            },
          ],
        },
      ],
    });
    expectUsage(http, 'model').flush(usage);
    http
      .expectOne((request) => request.url === '/api/keys')
      .flush(listOf([{ id: 'key-1', name: 'CI', prefix: 'llmb_AbCd' }]));
    await settle();
    const table = await loader.getHarness(
      MatTableHarness.with({ selector: '[data-testid=group-table]' }),
    );
    const cells = await table.getCellTextByColumnName();
    expect(cells['group']?.text).toEqual(['CI (llmb_AbCd…)']);
    expect(cells['requests']?.text).toEqual(['10']);
    expect(cells['errorRate']?.text).toEqual(['10%']);
  });

  it('offers grouping by user to administrators', async () => {
    const { http, loader } = await setUp(true);
    expectUsage(http, 'model').flush(usage);
    await settle();
    const groupBy = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid=usage-group]' }),
    );
    await groupBy.open();
    expect(
      await Promise.all((await groupBy.getOptions()).map((option) => option.getText())),
    ).toContain('User');
    await groupBy.close();
  });

  it('says so when there was no traffic', async () => {
    const { fixture, http } = await setUp();
    expectUsage(http, 'model').flush({ series: [] });
    await settle();
    expect(fixture.nativeElement.querySelector('[data-testid=usage-empty]').textContent).toContain(
      'No traffic in this period',
    );
  });

  it('re-resolves the window and reloads on refresh', async () => {
    const { fixture, http } = await setUp();
    expectUsage(http, 'model').flush(usage);
    await settle();
    (
      fixture.nativeElement.querySelector('[data-testid=usage-refresh]') as HTMLButtonElement
    ).click();
    await settle();
    expectUsage(http, 'model').flush(usage);
  });
});
