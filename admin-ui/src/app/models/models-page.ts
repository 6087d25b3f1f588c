import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import { ScrollRegion } from '../shared/scroll-region';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, switchMap } from 'rxjs';
import { Notifier } from '../core/errors/notifier';
import { describeApiError } from '../core/http/describe-api-error';
import { isLoaded } from '../core/http/is-loaded';
import { LIST_LIMIT } from '../core/http/list-response';
import { LocalNumberPipe } from '../core/i18n/local-number.pipe';
import { credentialListSchema } from '../credentials/credential';
import { CredentialsApi } from '../credentials/credentials-api';
import { confirmAction } from '../shared/confirm-dialog';
import { KeyRevealData, KeyRevealDialog } from '../shared/key-reveal/key-reveal-dialog';
import { ModelConfig, modelConfigListSchema } from './model-config';
import { ModelFormData, ModelFormDialog, ModelFormResult } from './model-form-dialog';
import { ModelsApi } from './models-api';
import { readItems } from '../core/http/read-items';

/** Model configs: list, create (key shown once), enable/disable, edit, delete. */
@Component({
  selector: 'app-models-page',
  imports: [
    LocalNumberPipe,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTableModule,
    ScrollRegion,
    TranslatePipe,
  ],
  templateUrl: './models-page.html',
  styleUrl: './models-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ModelsPage {
  private readonly api = inject(ModelsApi);
  private readonly credentialsApi = inject(CredentialsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** Query parameters from the credentials page's model picker: open the form prefilled. */
  readonly create = input<string>();
  readonly credential = input<string>();
  readonly model = input<string>();

  protected readonly models = httpResource(() => `${this.api.baseUrl}?limit=${LIST_LIMIT}`, {
    parse: (body) => modelConfigListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly credentials = httpResource(
    () => `${this.credentialsApi.baseUrl}?limit=${LIST_LIMIT}`,
    { parse: (body) => credentialListSchema.parse(body).items, defaultValue: [] },
  );
  protected readonly credentialList = computed(() => readItems(this.credentials));
  protected readonly modelList = computed(() => readItems(this.models));
  protected readonly credentialNames = computed(
    () => new Map(this.credentialList().map((c) => [c.id, c.name])),
  );
  protected readonly loadError = computed(() => {
    const error = this.models.error() ?? this.credentials.error();
    return error ? describeApiError(error) : null;
  });
  protected readonly isLoaded = isLoaded;
  protected readonly columns = [
    'alias',
    'model',
    'credential',
    'format',
    'limit',
    'enabled',
    'actions',
  ];

  constructor() {
    effect(() => {
      if (this.create() !== 'true' || !isLoaded(this.credentials)) return;
      untracked(() => this.openCreateForm(this.credential(), this.model()));
      void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
    });
  }

  protected openCreateForm(credentialId?: string, modelName?: string): void {
    const data: ModelFormData = {
      credentials: this.credentialList(),
      credentialId,
      modelName,
    };
    this.openForm(data).subscribe((result) => {
      if (result.kind !== 'created') return;
      this.models.reload();
      const { proxy_api_key: key, alias, target_format: format } = result.config;
      this.dialog.open<KeyRevealDialog, KeyRevealData>(KeyRevealDialog, {
        data: { key, model: alias, format },
        width: '760px',
        maxWidth: '96vw',
        disableClose: true,
      });
    });
  }

  protected openEditForm(model: ModelConfig): void {
    this.openForm({ credentials: this.credentialList(), model }).subscribe((result) => {
      this.replace(result.config);
      this.notifier.success('models.saved');
    });
  }

  protected setEnabled(model: ModelConfig, change: MatSlideToggleChange): void {
    this.api.update(model.id, { is_enabled: change.checked }).subscribe({
      next: (saved) => this.replace(saved),
      error: (error: unknown) => {
        // The binding did not change, so put the toggle itself back.
        change.source.checked = model.is_enabled;
        this.notifier.failure(error);
      },
    });
  }

  protected remove(model: ModelConfig): void {
    confirmAction(this.dialog, {
      title: 'models.deleteTitle',
      message: 'models.deleteMessage',
      params: { name: model.alias },
      confirmLabel: 'common.delete',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(model.id)),
      )
      .subscribe({
        next: () => {
          this.models.update((items) => items.filter((item) => item.id !== model.id));
          this.notifier.success('models.deleted', { name: model.alias });
        },
        error: (error: unknown) => this.notifier.failure(error),
      });
  }

  private openForm(data: ModelFormData) {
    return this.dialog
      .open<ModelFormDialog, ModelFormData, ModelFormResult>(ModelFormDialog, {
        data,
        width: '600px',
        maxWidth: '96vw',
      })
      .afterClosed()
      .pipe(filter((result): result is ModelFormResult => result !== undefined));
  }

  private replace(model: ModelConfig): void {
    this.models.update((items) => items.map((item) => (item.id === model.id ? model : item)));
  }
}
