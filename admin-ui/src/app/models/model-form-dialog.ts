import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import { TranslatedMessage, describeApiError } from '../core/http/describe-api-error';
import { Credential, upstreamModelListSchema } from '../credentials/credential';
import { CredentialsApi } from '../credentials/credentials-api';
import {
  CreatedModelConfig,
  DEFAULT_RATE_LIMIT,
  ModelConfig,
  ModelConfigCreateRequest,
  ModelConfigUpdateRequest,
  TargetFormat,
} from './model-config';
import { ModelsApi } from './models-api';
import { readItems } from '../core/http/read-items';

export interface ModelFormData {
  readonly credentials: readonly Credential[];
  /** Present: edit this config. */
  readonly model?: ModelConfig;
  /** Prefill for a new config (from the credentials page's upstream model picker). */
  readonly credentialId?: string;
  readonly modelName?: string;
}

export type ModelFormResult =
  | { readonly kind: 'created'; readonly config: CreatedModelConfig }
  | { readonly kind: 'updated'; readonly config: ModelConfig };

/** Create a model config (credential, upstream model, alias, format, limit) or edit one. */
@Component({
  selector: 'app-model-form-dialog',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './model-form-dialog.html',
  styles: `
    .format {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 4px 0 16px;
    }
    .label,
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelFormDialog {
  private readonly api = inject(ModelsApi);
  private readonly credentialsApi = inject(CredentialsApi);
  private readonly dialogRef = inject<MatDialogRef<ModelFormDialog, ModelFormResult>>(MatDialogRef);
  protected readonly data = inject<ModelFormData>(MAT_DIALOG_DATA);
  protected readonly existing = this.data.model;

  private readonly initialCredentialId =
    this.existing?.credential_id ?? this.data.credentialId ?? this.data.credentials[0]?.id ?? '';
  protected readonly form = inject(FormBuilder).nonNullable.group({
    credentialId: [
      { value: this.initialCredentialId, disabled: this.existing !== undefined },
      Validators.required,
    ],
    modelName: [
      {
        value: this.existing?.model_name ?? this.data.modelName ?? '',
        disabled: this.existing !== undefined,
      },
      Validators.required,
    ],
    alias: [this.existing?.alias ?? ''],
    targetFormat: [this.existing?.target_format ?? this.providerOf(this.initialCredentialId)] as [
      TargetFormat,
    ],
    rateLimit: [
      this.existing?.rate_limit ?? DEFAULT_RATE_LIMIT,
      [Validators.required, Validators.min(1)],
    ],
    isEnabled: [this.existing?.is_enabled ?? true],
  });

  private readonly credentialId = toSignal(this.form.controls.credentialId.valueChanges, {
    initialValue: this.initialCredentialId,
  });
  private readonly modelName = toSignal(this.form.controls.modelName.valueChanges, {
    initialValue: this.form.controls.modelName.getRawValue(),
  });
  /** The upstream's own model list for the chosen credential, feeding the autocomplete. */
  protected readonly upstreamModels = httpResource(
    () =>
      this.existing || !this.credentialId()
        ? undefined
        : this.credentialsApi.upstreamModelsUrl(this.credentialId()),
    {
      parse: (body) => upstreamModelListSchema.parse(body).items.map((m) => m.id),
      defaultValue: [],
    },
  );
  protected readonly modelOptions = computed(() => {
    const needle = this.modelName().trim().toLowerCase();
    return readItems(this.upstreamModels)
      .filter((id) => id.toLowerCase().includes(needle))
      .slice(0, 200);
  });
  protected readonly upstreamModelCount = computed(() => readItems(this.upstreamModels).length);
  protected readonly isSaving = signal(false);
  protected readonly failure = signal<TranslatedMessage | null>(null);

  /** A new credential suggests its own provider's format (no conversion needed). */
  protected chooseCredential(id: string): void {
    if (!this.form.controls.targetFormat.dirty) {
      this.form.controls.targetFormat.setValue(this.providerOf(id));
    }
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.isSaving.set(true);
    this.failure.set(null);
    const value = this.form.getRawValue();
    const existing = this.existing;
    if (existing) {
      const changes: ModelConfigUpdateRequest = {
        alias: value.alias.trim() || existing.model_name,
        target_format: value.targetFormat,
        rate_limit: value.rateLimit,
        is_enabled: value.isEnabled,
      };
      this.api.update(existing.id, changes).subscribe({
        next: (config) => this.dialogRef.close({ kind: 'updated', config }),
        error: (error: unknown) => this.fail(error),
      });
      return;
    }
    const body: ModelConfigCreateRequest = {
      credential_id: value.credentialId,
      model_name: value.modelName.trim(),
      target_format: value.targetFormat,
      rate_limit: value.rateLimit,
      is_enabled: value.isEnabled,
    };
    if (value.alias.trim()) body.alias = value.alias.trim();
    this.api.create(body).subscribe({
      next: (config) => this.dialogRef.close({ kind: 'created', config }),
      error: (error: unknown) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    this.isSaving.set(false);
    this.failure.set(describeApiError(error));
  }

  private providerOf(credentialId: string): TargetFormat {
    return this.data.credentials.find((c) => c.id === credentialId)?.provider ?? 'openai';
  }
}
