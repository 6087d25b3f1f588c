import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { API_BASE_URL } from '../core/api-base-url';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { LocalNumberPipe } from '../core/i18n/local-number.pipe';
import { CopyButton } from '../shared/copy-button';
import { RequestLog, classifyStatus, readConversionNotes, requestLogSchema } from './request-log';

export interface LogDetailData {
  readonly log: RequestLog;
  readonly modelName?: string;
  readonly keyName?: string;
}

/** One request in full: timings, tokens, formats, error text and conversion notes. */
@Component({
  selector: 'app-log-detail-panel',
  imports: [
    CopyButton,
    LocalDatePipe,
    LocalNumberPipe,
    MatButtonModule,
    MatDialogModule,
    MatIconModule,
    TranslatePipe,
  ],
  templateUrl: './log-detail-panel.html',
  styleUrl: './log-detail-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogDetailPanel {
  private readonly apiBaseUrl = inject(API_BASE_URL);
  protected readonly data = inject<LogDetailData>(MAT_DIALOG_DATA);

  /** The list row is shown at once; the detail call may carry more (conversion notes). */
  private readonly detail = httpResource(
    () => `${this.apiBaseUrl}/logs/${encodeURIComponent(this.data.log.id)}`,
    { parse: (body) => requestLogSchema.parse(body) },
  );
  protected readonly log = computed(() =>
    this.detail.hasValue() ? this.detail.value() : this.data.log,
  );
  protected readonly notes = computed(() => readConversionNotes(this.log()));
  protected readonly isOk = computed(() => classifyStatus(this.log().status_code) === 'ok');
  /** TTFT as a share of the total, for the timing bar. */
  protected readonly ttftShare = computed(() => {
    const log = this.log();
    if (log.ttft_ms === null || log.ttft_ms === undefined || log.response_time_ms <= 0) return 0;
    return Math.min(100, (log.ttft_ms / log.response_time_ms) * 100);
  });
}
