import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ScrollRegion } from '../shared/scroll-region';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url';
import { describeApiError } from '../core/http/describe-api-error';
import { LIST_LIMIT } from '../core/http/list-response';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { LocalNumberPipe } from '../core/i18n/local-number.pipe';
import { apiKeyListSchema } from '../keys/api-key';
import { modelConfigListSchema } from '../models/model-config';
import { LogDetailData, LogDetailPanel } from './log-detail-panel';
import {
  EMPTY_LOG_FILTER,
  TIME_RANGE_PRESETS,
  buildLogParams,
  resolveLogQuery,
} from './logs-query';
import { RequestLog, WIRE_FORMATS, classifyStatus, requestLogListSchema } from './request-log';
import { readItems } from '../core/http/read-items';

/** Request logs with server-side paging (next_cursor) and filters; a row opens its details. */
@Component({
  selector: 'app-logs-page',
  imports: [
    LocalDatePipe,
    LocalNumberPipe,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    ReactiveFormsModule,
    ScrollRegion,
    TranslatePipe,
  ],
  templateUrl: './logs-page.html',
  styleUrl: './logs-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class LogsPage {
  private readonly apiBaseUrl = inject(API_BASE_URL);
  private readonly dialog = inject(MatDialog);

  protected readonly ranges = TIME_RANGE_PRESETS;
  protected readonly formats = WIRE_FORMATS;
  /** The two format filters: the format the client spoke, the one the upstream spoke. */
  protected readonly formatFilters = [
    { control: 'sourceFormat', label: 'logs.sourceFormat', testId: 'filter-source-format' },
    { control: 'targetFormat', label: 'logs.targetFormat', testId: 'filter-target-format' },
  ] as const;
  protected readonly commonStatusCodes = [
    '200',
    '400',
    '401',
    '403',
    '404',
    '429',
    '500',
    '502',
    '503',
    '529',
  ];
  protected readonly pageSizes = [25, 50, 100];
  protected readonly filterForm = inject(FormBuilder).nonNullable.group({ ...EMPTY_LOG_FILTER });

  private readonly query = signal(resolveLogQuery(EMPTY_LOG_FILTER, new Date()));
  /** Cursors of the pages visited so far; the last one is the current page. */
  private readonly cursorTrail = signal<readonly (string | null)[]>([null]);
  protected readonly pageSize = signal(50);
  protected readonly pageNumber = computed(() => this.cursorTrail().length);

  protected readonly logs = httpResource(
    () => ({
      url: `${this.apiBaseUrl}/logs`,
      params: buildLogParams(this.query(), this.cursorTrail().at(-1) ?? null, this.pageSize()),
    }),
    { parse: (body) => requestLogListSchema.parse(body) },
  );
  protected readonly rows = computed(() => (this.logs.hasValue() ? this.logs.value().items : []));
  protected readonly hasNextPage = computed(
    () => this.logs.hasValue() && !!this.logs.value().next_cursor,
  );
  protected readonly loadError = computed(() =>
    this.logs.error() ? describeApiError(this.logs.error()) : null,
  );

  protected readonly models = httpResource(() => `${this.apiBaseUrl}/models?limit=${LIST_LIMIT}`, {
    parse: (body) => modelConfigListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly keys = httpResource(() => `${this.apiBaseUrl}/keys?limit=${LIST_LIMIT}`, {
    parse: (body) => apiKeyListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly modelOptions = computed(() => readItems(this.models));
  protected readonly keyOptions = computed(() => readItems(this.keys));
  private readonly modelNames = computed(
    () => new Map(readItems(this.models).map((model) => [model.id, model.alias])),
  );
  private readonly keyNames = computed(
    () => new Map(readItems(this.keys).map((key) => [key.id, `${key.name} (${key.prefix}…)`])),
  );

  protected readonly columns = [
    'time',
    'status',
    'model',
    'formats',
    'latency',
    'ttft',
    'tokens',
    'open',
  ];
  protected readonly classifyStatus = classifyStatus;

  constructor() {
    this.filterForm.valueChanges
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe(() => this.applyFilters());
  }

  /** Re-resolves relative ranges against now and goes back to the first page. */
  protected applyFilters(): void {
    this.query.set(resolveLogQuery(this.filterForm.getRawValue(), new Date()));
    this.cursorTrail.set([null]);
  }

  protected resetFilters(): void {
    this.filterForm.setValue({ ...EMPTY_LOG_FILTER });
  }

  protected showNextPage(): void {
    const next = this.logs.hasValue() ? this.logs.value().next_cursor : null;
    if (next) this.cursorTrail.update((trail) => [...trail, next]);
  }

  protected showPreviousPage(): void {
    this.cursorTrail.update((trail) => (trail.length > 1 ? trail.slice(0, -1) : trail));
  }

  protected changePageSize(size: number): void {
    this.pageSize.set(size);
    this.cursorTrail.set([null]);
  }

  protected openDetail(log: RequestLog): void {
    this.dialog.open<LogDetailPanel, LogDetailData>(LogDetailPanel, {
      data: {
        log,
        modelName: log.model_config_id ? this.modelNames().get(log.model_config_id) : undefined,
        keyName: log.key_id ? this.keyNames().get(log.key_id) : undefined,
      },
      panelClass: 'side-panel',
      position: { right: '0', top: '0' },
      height: '100%',
      width: '520px',
      maxWidth: '100vw',
    });
  }
}
