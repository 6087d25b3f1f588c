import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { SessionStore } from '../core/auth/session-store';
import { Notifier } from '../core/errors/notifier';
import { ApiError } from '../core/http/api-error';
import { TranslatedMessage, describeApiError } from '../core/http/describe-api-error';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { matchPasswords } from '../shared/password-match.validator';
import { UsersApi } from '../users/users-api';

/** Who I am, and a password change. */
@Component({
  selector: 'app-profile-page',
  imports: [
    LocalDatePipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ProfilePage {
  private readonly usersApi = inject(UsersApi);
  private readonly notifier = inject(Notifier);
  protected readonly user = inject(SessionStore).user;

  protected readonly minPasswordLength = 8;
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(this.minPasswordLength)]],
      confirmation: ['', Validators.required],
    },
    { validators: matchPasswords('newPassword', 'confirmation') },
  );
  protected readonly isSaving = signal(false);
  protected readonly failure = signal<TranslatedMessage | null>(null);

  protected changePassword(formDirective: FormGroupDirective): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.isSaving.set(true);
    this.failure.set(null);
    this.usersApi.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.isSaving.set(false);
        formDirective.resetForm();
        this.notifier.success('profile.passwordChanged');
      },
      error: (error: unknown) => {
        this.isSaving.set(false);
        this.failure.set(
          error instanceof ApiError && (error.status === 400 || error.status === 403)
            ? { key: 'profile.passwordRejected', params: { detail: error.message } }
            : describeApiError(error),
        );
      },
    });
  }
}
