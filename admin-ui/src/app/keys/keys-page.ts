import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ScrollRegion } from '../shared/scroll-region';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, switchMap } from 'rxjs';
import { Notifier } from '../core/errors/notifier';
import { describeApiError } from '../core/http/describe-api-error';
import { isLoaded } from '../core/http/is-loaded';
import { LIST_LIMIT } from '../core/http/list-response';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { LocalNumberPipe } from '../core/i18n/local-number.pipe';
import { modelConfigListSchema } from '../models/model-config';
import { ModelsApi } from '../models/models-api';
import { confirmAction } from '../shared/confirm-dialog';
import { KeyRevealData, KeyRevealDialog } from '../shared/key-reveal/key-reveal-dialog';
import { ApiKey, apiKeyListSchema, readKeyState } from './api-key';
import { KeyFormData, KeyFormDialog, KeyFormResult } from './key-form-dialog';
import { KeysApi } from './keys-api';
import { readItems } from '../core/http/read-items';

/** Proxy keys: list, create (shown once), edit, revoke. */
@Component({
  selector: 'app-keys-page',
  imports: [
    LocalDatePipe,
    LocalNumberPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    ScrollRegion,
    TranslatePipe,
  ],
  templateUrl: './keys-page.html',
  styleUrl: './keys-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class KeysPage {
  private readonly api = inject(KeysApi);
  private readonly modelsApi = inject(ModelsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly keys = httpResource(() => `${this.api.baseUrl}?limit=${LIST_LIMIT}`, {
    parse: (body) => apiKeyListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly models = httpResource(() => `${this.modelsApi.baseUrl}?limit=${LIST_LIMIT}`, {
    parse: (body) => modelConfigListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly keyList = computed(() => readItems(this.keys));
  protected readonly modelList = computed(() => readItems(this.models));
  protected readonly aliases = computed(
    () => new Map(this.modelList().map((model) => [model.id, model.alias])),
  );
  protected readonly loadError = computed(() => {
    const error = this.keys.error() ?? this.models.error();
    return error ? describeApiError(error) : null;
  });
  protected readonly isLoaded = isLoaded;
  protected readonly columns = [
    'name',
    'prefix',
    'scope',
    'limit',
    'expires',
    'lastUsed',
    'status',
    'actions',
  ];
  protected readonly now = new Date();
  protected readonly readKeyState = readKeyState;

  protected openCreateForm(): void {
    this.openForm({ models: this.modelList() }).subscribe((result) => {
      if (result.kind !== 'created') return;
      this.keys.reload();
      const scoped = this.modelList().find(
        (model) =>
          result.key.model_config_ids.length === 0 ||
          result.key.model_config_ids.includes(model.id),
      );
      this.dialog.open<KeyRevealDialog, KeyRevealData>(KeyRevealDialog, {
        data: { key: result.key.key, model: scoped?.alias, format: scoped?.target_format },
        width: '760px',
        maxWidth: '96vw',
        disableClose: true,
      });
    });
  }

  protected openEditForm(key: ApiKey): void {
    this.openForm({ models: this.modelList(), key }).subscribe((result) => {
      this.keys.update((items) => items.map((item) => (item.id === key.id ? result.key : item)));
      this.notifier.success('keys.saved');
    });
  }

  protected revoke(key: ApiKey): void {
    confirmAction(this.dialog, {
      title: 'keys.revokeTitle',
      message: 'keys.revokeMessage',
      params: { name: key.name },
      confirmLabel: 'keys.revoke',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.revoke(key.id)),
      )
      .subscribe({
        next: () => {
          this.keys.update((items) => items.filter((item) => item.id !== key.id));
          this.notifier.success('keys.revoked', { name: key.name });
        },
        error: (error: unknown) => this.notifier.failure(error),
      });
  }

  protected describeScope(key: ApiKey): string[] {
    return key.model_config_ids.map((id) => this.aliases().get(id) ?? id);
  }

  private openForm(data: KeyFormData) {
    return this.dialog
      .open<KeyFormDialog, KeyFormData, KeyFormResult>(KeyFormDialog, {
        data,
        width: '560px',
        maxWidth: '96vw',
      })
      .afterClosed()
      .pipe(filter((result): result is KeyFormResult => result !== undefined));
  }
}
