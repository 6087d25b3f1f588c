import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import { ScrollRegion } from '../shared/scroll-region';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, switchMap } from 'rxjs';
import { Notifier } from '../core/errors/notifier';
import { describeApiError } from '../core/http/describe-api-error';
import { isLoaded } from '../core/http/is-loaded';
import { LIST_LIMIT } from '../core/http/list-response';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { confirmAction } from '../shared/confirm-dialog';
import { Credential, credentialListSchema, readValidationState } from './credential';
import { CredentialFormData, CredentialFormDialog } from './credential-form-dialog';
import { detectPreset, findPreset } from './credential-presets';
import { CredentialsApi } from './credentials-api';
import { UpstreamModelsDialog } from './upstream-models-dialog';
import { readItems } from '../core/http/read-items';

/** Upstream credentials: list, create from a preset, edit, validate, delete, browse models. */
@Component({
  selector: 'app-credentials-page',
  imports: [
    LocalDatePipe,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    ScrollRegion,
    TranslatePipe,
  ],
  templateUrl: './credentials-page.html',
  styleUrl: './credentials-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class CredentialsPage {
  private readonly api = inject(CredentialsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);

  protected readonly credentials = httpResource(() => `${this.api.baseUrl}?limit=${LIST_LIMIT}`, {
    parse: (body) => credentialListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly items = computed(() => readItems(this.credentials));
  protected readonly loadError = computed(() =>
    this.credentials.error() ? describeApiError(this.credentials.error()) : null,
  );
  /** Ids of credentials with a validation call in flight. */
  protected readonly validating = signal<ReadonlySet<string>>(new Set());
  protected readonly isLoaded = isLoaded;
  protected readonly columns = ['name', 'provider', 'url', 'key', 'status', 'actions'];
  protected readonly readValidationState = readValidationState;

  protected presetLabelOf(credential: Credential): string {
    return findPreset(detectPreset(credential)).label;
  }

  protected openCreateForm(): void {
    this.openForm({}).subscribe(() => {
      this.notifier.success('credentials.created');
      this.credentials.reload();
    });
  }

  protected openEditForm(credential: Credential): void {
    this.openForm({ credential }).subscribe((saved) => {
      this.notifier.success('credentials.saved');
      this.replace(saved);
    });
  }

  protected validate(credential: Credential): void {
    this.validating.update((ids) => new Set(ids).add(credential.id));
    this.api.validate(credential.id).subscribe({
      next: (checked) => {
        this.finishValidating(credential.id);
        this.replace(checked);
        if (checked.is_validated)
          this.notifier.success('credentials.validOk', { name: checked.name });
        else {
          this.notifier.warn('credentials.validFailed', {
            name: checked.name,
            error: checked.validation_error ?? '',
          });
        }
      },
      error: (error: unknown) => {
        this.finishValidating(credential.id);
        this.notifier.failure(error);
      },
    });
  }

  protected browseModels(credential: Credential): void {
    this.dialog
      .open<UpstreamModelsDialog, Credential, string>(UpstreamModelsDialog, {
        data: credential,
        width: '560px',
      })
      .afterClosed()
      .pipe(filter((model): model is string => typeof model === 'string'))
      .subscribe((model) => {
        void this.router.navigate(['/models'], {
          queryParams: { create: 'true', credential: credential.id, model },
        });
      });
  }

  protected remove(credential: Credential): void {
    confirmAction(this.dialog, {
      title: 'credentials.deleteTitle',
      message: 'credentials.deleteMessage',
      params: { name: credential.name },
      confirmLabel: 'common.delete',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(credential.id)),
      )
      .subscribe({
        next: () => {
          this.credentials.update((items) => items.filter((item) => item.id !== credential.id));
          this.notifier.success('credentials.deleted', { name: credential.name });
        },
        error: (error: unknown) => this.notifier.failure(error),
      });
  }

  private openForm(data: CredentialFormData) {
    return this.dialog
      .open<CredentialFormDialog, CredentialFormData, Credential>(CredentialFormDialog, {
        data,
        width: '640px',
        maxWidth: '96vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((saved): saved is Credential => saved !== undefined));
  }

  private replace(credential: Credential): void {
    this.credentials.update((items) =>
      items.map((item) => (item.id === credential.id ? credential : item)),
    );
  }

  private finishValidating(id: string): void {
    this.validating.update((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
  }
}
