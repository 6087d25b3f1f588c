import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { SessionStore } from '../core/auth/session-store';
import { Notifier } from '../core/errors/notifier';
import { ApiError } from '../core/http/api-error';
import { TranslatedMessage, describeApiError } from '../core/http/describe-api-error';
import { PreferenceControls } from '../core/shell/preference-controls';
import { matchPasswords } from '../shared/password-match.validator';

/** Create an account; the very first account becomes the administrator. */
@Component({
  selector: 'app-register-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    PreferenceControls,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './register-page.html',
  styleUrl: './auth-layout.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class RegisterPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected readonly minPasswordLength = 8;
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      username: ['', [Validators.required, Validators.maxLength(64)]],
      email: ['', [Validators.required, Validators.email]],
      password: ['', [Validators.required, Validators.minLength(this.minPasswordLength)]],
      confirmation: ['', Validators.required],
    },
    { validators: matchPasswords('password', 'confirmation') },
  );
  protected readonly isSubmitting = signal(false);
  protected readonly failure = signal<TranslatedMessage | null>(null);

  protected createAccount(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, email, password } = this.form.getRawValue();
    this.isSubmitting.set(true);
    this.failure.set(null);
    this.session.register(username.trim(), email.trim(), password).subscribe({
      next: (user) => {
        if (user.is_superuser) this.notifier.success('auth.firstUserIsAdmin');
        void this.router.navigate(['/dashboard']);
      },
      error: (error: unknown) => {
        this.isSubmitting.set(false);
        this.failure.set(describeRegistrationError(error));
      },
    });
  }
}

function describeRegistrationError(error: unknown): TranslatedMessage {
  if (error instanceof ApiError && error.status === 403) return { key: 'auth.registrationClosed' };
  if (error instanceof ApiError && error.status === 409) return { key: 'auth.accountExists' };
  return describeApiError(error);
}
