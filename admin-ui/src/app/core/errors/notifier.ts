import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';
import { TranslatedMessage, describeApiError } from '../http/describe-api-error';

/** Short confirmations and failures as a snackbar, in the console language. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);

  success(key: string, params?: TranslatedMessage['params']): void {
    this.show({ key, params }, 4000);
  }

  /** Something the user should read, not an error of the console itself. */
  warn(key: string, params?: TranslatedMessage['params']): void {
    this.show({ key, params }, 8000);
  }

  failure(error: unknown): void {
    this.show(describeApiError(error), 8000);
  }

  private show(message: TranslatedMessage, duration: number): void {
    const text = String(this.translate.instant(message.key, message.params));
    const close = String(this.translate.instant('common.close'));
    this.snackBar.open(text, close, { duration, politeness: 'assertive' });
  }
}
