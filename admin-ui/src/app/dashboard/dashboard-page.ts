import { formatDate } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { ScrollRegion } from '../shared/scroll-region';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { API_BASE_URL } from '../core/api-base-url';
import { SessionStore } from '../core/auth/session-store';
import { describeApiError } from '../core/http/describe-api-error';
import { LanguageStore } from '../core/i18n/language-store';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { LocalNumberPipe, formatLocalNumber } from '../core/i18n/local-number.pipe';
import { readGroupLabels, selectLabelSource } from './group-labels';
import { buildTimeline, rankGroups, stackRequestsByGroup, summarizeUsage } from './summarize-usage';
import {
  GRANULARITIES,
  Granularity,
  GroupBy,
  USAGE_RANGES,
  UsageRange,
  resolveUsageWindow,
  suggestGranularity,
  usageSchema,
} from './usage';
import { ChartSpec, UsageChart } from './usage-chart';

const refreshIntervalMs = 30_000;
const stackedGroups = 5;

/** Usage at a glance: totals, requests/tokens/latency over time, busiest groups and models. */
@Component({
  selector: 'app-dashboard-page',
  imports: [
    LocalDatePipe,
    LocalNumberPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTableModule,
    ScrollRegion,
    TranslatePipe,
    UsageChart,
  ],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DashboardPage {
  private readonly apiBaseUrl = inject(API_BASE_URL);
  private readonly languageStore = inject(LanguageStore);
  private readonly translate = inject(TranslateService);
  protected readonly isAdmin = inject(SessionStore).isAdmin;

  protected readonly ranges = USAGE_RANGES;
  protected readonly granularities = GRANULARITIES;
  protected readonly groupings = computed<GroupBy[]>(() =>
    this.isAdmin() ? ['model', 'key', 'credential', 'user'] : ['model', 'key', 'credential'],
  );
  protected readonly range = signal<UsageRange>('24h');
  protected readonly granularity = signal<Granularity>('hour');
  protected readonly groupBy = signal<GroupBy>('model');
  protected readonly isAutoRefresh = signal(true);
  /** Bumped to re-resolve "last N hours" against now (manual and automatic refresh). */
  private readonly refreshCount = signal(0);
  protected readonly updatedAt = signal(new Date());

  private readonly window = computed(() => {
    this.refreshCount();
    return resolveUsageWindow(this.range(), new Date());
  });
  protected readonly usage = httpResource(
    () => ({
      url: `${this.apiBaseUrl}/usage`,
      params: { ...this.window(), granularity: this.granularity(), group_by: this.groupBy() },
    }),
    { parse: (body) => usageSchema.parse(body).series },
  );
  /** Top models need group_by=model; reuse the main answer when that is the grouping. */
  private readonly usageByModel = httpResource(
    () =>
      this.groupBy() === 'model'
        ? undefined
        : {
            url: `${this.apiBaseUrl}/usage`,
            params: { ...this.window(), granularity: this.granularity(), group_by: 'model' },
          },
    { parse: (body) => usageSchema.parse(body).series },
  );
  private readonly groupLabels = httpResource(
    () => selectLabelSource(this.apiBaseUrl, this.groupBy()),
    { parse: readGroupLabels },
  );

  protected readonly series = computed(() => (this.usage.hasValue() ? this.usage.value() : []));
  protected readonly totals = computed(() => summarizeUsage(this.series()));
  protected readonly groups = computed(() =>
    rankGroups(this.series()).map((group) => ({ ...group, label: this.labelOf(group.key) })),
  );
  protected readonly topModels = computed(() => {
    const series =
      this.groupBy() === 'model'
        ? this.series()
        : this.usageByModel.hasValue()
          ? this.usageByModel.value()
          : [];
    return rankGroups(series).slice(0, 8);
  });
  protected readonly timeline = computed(() => buildTimeline(this.series()));
  protected readonly loadError = computed(() =>
    this.usage.error() ? describeApiError(this.usage.error()) : null,
  );
  protected readonly groupColumns = [
    'group',
    'requests',
    'errors',
    'errorRate',
    'input',
    'output',
    'latency',
  ];

  protected readonly requestsChart = computed<ChartSpec>(() => {
    const timeline = this.timeline();
    const times = timeline.map((point) => point.t);
    const stacks = stackRequestsByGroup(this.series(), times, stackedGroups);
    return {
      labels: this.formatTimes(times),
      stacked: true,
      horizontal: false,
      isCount: true,
      formatValue: (value) => this.formatNumber(value, 'compact'),
      series: [
        ...stacks.map((stack, position) => ({
          label: stack.key === null ? this.text('dashboard.other') : this.labelOf(stack.key),
          values: stack.values,
          tone: `category-${position}` as const,
          kind: 'bar' as const,
        })),
        {
          label: this.text('dashboard.errors'),
          values: timeline.map((point) => point.errors),
          tone: 'error' as const,
          kind: 'line' as const,
        },
      ],
    };
  });
  protected readonly tokensChart = computed<ChartSpec>(() => {
    const timeline = this.timeline();
    return {
      labels: this.formatTimes(timeline.map((point) => point.t)),
      stacked: false,
      horizontal: false,
      isCount: true,
      formatValue: (value) => this.formatNumber(value, 'compact'),
      series: [
        {
          label: this.text('dashboard.inputTokens'),
          values: timeline.map((point) => point.inputTokens),
          tone: 'primary',
          kind: 'bar',
        },
        {
          label: this.text('dashboard.outputTokens'),
          values: timeline.map((point) => point.outputTokens),
          tone: 'tertiary',
          kind: 'bar',
        },
      ],
    };
  });
  protected readonly latencyChart = computed<ChartSpec>(() => {
    const timeline = this.timeline();
    return {
      labels: this.formatTimes(timeline.map((point) => point.t)),
      stacked: false,
      horizontal: false,
      isCount: false,
      formatValue: (value) => this.formatNumber(value, 'milliseconds'),
      series: [
        {
          label: this.text('dashboard.p50'),
          values: timeline.map((point) => point.typicalLatencyMs),
          tone: 'primary',
          kind: 'line',
        },
        {
          label: this.text('dashboard.p95'),
          values: timeline.map((point) => point.p95LatencyMs),
          tone: 'error',
          kind: 'line',
        },
      ],
    };
  });
  protected readonly topModelsChart = computed<ChartSpec>(() => {
    const models = this.topModels();
    return {
      labels: models.map((model) => model.key),
      stacked: false,
      horizontal: true,
      isCount: true,
      formatValue: (value) => this.formatNumber(value, 'compact'),
      series: [
        {
          label: this.text('dashboard.requests'),
          values: models.map((model) => model.requests),
          tone: 'primary',
          kind: 'bar',
        },
      ],
    };
  });

  constructor() {
    effect((onCleanup) => {
      if (!this.isAutoRefresh()) return;
      const timer = setInterval(() => this.refresh(), refreshIntervalMs);
      onCleanup(() => clearInterval(timer));
    });
    effect(() => {
      if (this.usage.hasValue()) this.updatedAt.set(new Date());
    });
  }

  protected chooseRange(range: UsageRange): void {
    this.range.set(range);
    this.granularity.set(suggestGranularity(range));
  }

  protected refresh(): void {
    this.refreshCount.update((count) => count + 1);
  }

  protected labelOf(key: string): string {
    if (!key) return this.text('dashboard.unknownGroup');
    return this.groupLabels.hasValue() ? (this.groupLabels.value().get(key) ?? key) : key;
  }

  private formatTimes(times: readonly string[]): string[] {
    const locale = this.languageStore.locale();
    const format =
      this.granularity() === 'day' ? 'MMM d' : this.range() === '7d' ? 'MMM d HH:mm' : 'HH:mm';
    return times.map((t) => formatDate(t, format, locale));
  }

  private formatNumber(value: number, style: 'compact' | 'milliseconds'): string {
    return formatLocalNumber(value, this.languageStore.locale(), style);
  }

  private text(key: string): string {
    this.languageStore.language();
    return String(this.translate.instant(key));
  }
}
