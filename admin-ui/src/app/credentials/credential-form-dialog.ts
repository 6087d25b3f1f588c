import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import { TranslatedMessage, describeApiError } from '../core/http/describe-api-error';
import { Credential, CredentialCreateRequest, CredentialUpdateRequest } from './credential';
import {
  CREDENTIAL_PRESETS,
  CredentialPresetId,
  RELAY_KEY_PREFIX,
  detectPreset,
  findPreset,
  pickUrlForPreset,
} from './credential-presets';
import { CredentialsApi } from './credentials-api';

export interface CredentialFormData {
  /** Absent: create a new credential. */
  readonly credential?: Credential;
}

function requireRelayKeyPrefix(control: AbstractControl): ValidationErrors | null {
  const preset: unknown = control.parent?.get('preset')?.value;
  const key = String(control.value ?? '');
  if (preset !== 'claude-code-relay' || key === '' || key.startsWith(RELAY_KEY_PREFIX)) return null;
  return { relayKey: true };
}

const httpUrlPattern = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

/** Create or edit a credential, starting from a provider preset. */
@Component({
  selector: 'app-credential-form-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './credential-form-dialog.html',
  styleUrl: './credential-form-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CredentialFormDialog {
  private readonly api = inject(CredentialsApi);
  private readonly dialogRef = inject<MatDialogRef<CredentialFormDialog, Credential>>(MatDialogRef);
  protected readonly existing = inject<CredentialFormData>(MAT_DIALOG_DATA).credential;
  protected readonly presets = CREDENTIAL_PRESETS;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    // The provider of a saved credential is fixed (PUT does not take it).
    preset: [
      {
        value: this.existing ? detectPreset(this.existing) : ('openai' as CredentialPresetId),
        disabled: this.existing !== undefined,
      },
    ],
    name: [this.existing?.name ?? '', [Validators.required, Validators.maxLength(100)]],
    apiKey: [
      '',
      this.existing ? [requireRelayKeyPrefix] : [Validators.required, requireRelayKeyPrefix],
    ],
    apiUrl: [
      this.existing?.api_url ?? findPreset('openai').defaultUrl,
      [Validators.required, Validators.pattern(httpUrlPattern)],
    ],
    validationModel: [this.existing?.validation_model ?? ''],
    injectSystemPrompt: [this.existing?.inject_system_prompt ?? true],
    cliVersion: [this.existing?.cli_version ?? ''],
    isActive: [this.existing?.is_active ?? true],
  });
  protected readonly preset = toSignal(this.form.controls.preset.valueChanges, {
    initialValue: this.form.controls.preset.getRawValue(),
  });
  protected readonly isSaving = signal(false);
  protected readonly failure = signal<TranslatedMessage | null>(null);

  protected choosePreset(id: CredentialPresetId): void {
    const apiUrl = this.form.controls.apiUrl;
    apiUrl.setValue(pickUrlForPreset(apiUrl.value, findPreset(id)));
    this.form.controls.apiKey.updateValueAndValidity();
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.isSaving.set(true);
    this.failure.set(null);
    const request = this.existing
      ? this.api.update(this.existing.id, this.buildUpdate(this.existing))
      : this.api.create(this.buildCreate());
    request.subscribe({
      next: (credential) => this.dialogRef.close(credential),
      error: (error: unknown) => {
        this.isSaving.set(false);
        this.failure.set(describeApiError(error));
      },
    });
  }

  private buildCreate(): CredentialCreateRequest {
    const value = this.form.getRawValue();
    const preset = findPreset(value.preset);
    const body: CredentialCreateRequest = {
      name: value.name.trim(),
      provider: preset.provider,
      api_key: value.apiKey.trim(),
      api_url: value.apiUrl.trim(),
    };
    if (value.validationModel.trim()) body.validation_model = value.validationModel.trim();
    if (value.preset === 'claude-code-relay') {
      body.inject_system_prompt = value.injectSystemPrompt;
      if (value.cliVersion.trim()) body.cli_version = value.cliVersion.trim();
    }
    return body;
  }

  private buildUpdate(existing: Credential): CredentialUpdateRequest {
    const value = this.form.getRawValue();
    const body: CredentialUpdateRequest = {};
    if (value.name.trim() !== existing.name) body.name = value.name.trim();
    if (value.apiKey.trim()) body.api_key = value.apiKey.trim();
    if (value.apiUrl.trim() !== existing.api_url) body.api_url = value.apiUrl.trim();
    if (value.isActive !== existing.is_active) body.is_active = value.isActive;
    const validationModel = value.validationModel.trim() || null;
    if (validationModel !== (existing.validation_model ?? null)) {
      body.validation_model = validationModel;
    }
    if (value.preset === 'claude-code-relay') {
      if (value.injectSystemPrompt !== (existing.inject_system_prompt ?? true)) {
        body.inject_system_prompt = value.injectSystemPrompt;
      }
      const cliVersion = value.cliVersion.trim() || null;
      if (cliVersion !== (existing.cli_version ?? null)) body.cli_version = cliVersion;
    }
    return body;
  }
}
