import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import { TranslatedMessage, describeApiError } from '../core/http/describe-api-error';
import { ModelConfig } from '../models/model-config';
import {
  ApiKey,
  ApiKeyRequest,
  CreatedApiKey,
  convertDateInputToExpiry,
  convertExpiryToDateInput,
} from './api-key';
import { KeysApi } from './keys-api';

export interface KeyFormData {
  readonly models: readonly ModelConfig[];
  /** Present: edit this key. */
  readonly key?: ApiKey;
}

export type KeyFormResult =
  | { readonly kind: 'created'; readonly key: CreatedApiKey }
  | { readonly kind: 'updated'; readonly key: ApiKey };

/** Create or edit a proxy key: name, model scope, per-key limit, expiry. */
@Component({
  selector: 'app-key-form-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './key-form-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyFormDialog {
  private readonly api = inject(KeysApi);
  private readonly dialogRef = inject<MatDialogRef<KeyFormDialog, KeyFormResult>>(MatDialogRef);
  protected readonly data = inject<KeyFormData>(MAT_DIALOG_DATA);
  protected readonly existing = this.data.key;

  protected readonly form = inject(FormBuilder).group({
    name: [this.existing?.name ?? '', [Validators.required, Validators.maxLength(100)]],
    modelConfigIds: [[...(this.existing?.model_config_ids ?? [])] as string[]],
    rateLimit: [this.existing?.rate_limit ?? (null as number | null), Validators.min(1)],
    expiresOn: [convertExpiryToDateInput(this.existing?.expires_at)],
    isActive: [this.existing?.is_active ?? true],
  });
  protected readonly isSaving = signal(false);
  protected readonly failure = signal<TranslatedMessage | null>(null);

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const body: ApiKeyRequest & { name: string } = {
      name: (value.name ?? '').trim(),
      model_config_ids: value.modelConfigIds ?? [],
      rate_limit: value.rateLimit || null,
      expires_at: convertDateInputToExpiry(value.expiresOn ?? ''),
    };
    this.isSaving.set(true);
    this.failure.set(null);
    if (this.existing) {
      this.api.update(this.existing.id, { ...body, is_active: value.isActive ?? true }).subscribe({
        next: (key) => this.dialogRef.close({ kind: 'updated', key }),
        error: (error: unknown) => this.fail(error),
      });
      return;
    }
    this.api.create(body).subscribe({
      next: (key) => this.dialogRef.close({ kind: 'created', key }),
      error: (error: unknown) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    this.isSaving.set(false);
    this.failure.set(describeApiError(error));
  }
}
