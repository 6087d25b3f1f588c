import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBar } from '@angular/material/snack-bar';
import { TranslateService } from '@ngx-translate/core';
import { TranslatedMessage, describeApiError } from '../http/describe-api-error';

/**
 * Short confirmations and failures as a snackbar, in the console language. The snack bar (and
 * the CDK overlay under it) loads on first use, which keeps it out of the sign-in page's bundle.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly injector = inject(Injector);
  private readonly translate = inject(TranslateService);
  private snackBar: Promise<MatSnackBar> | null = null;

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
    this.snackBar ??= import('@angular/material/snack-bar').then((module) =>
      this.injector.get(module.MatSnackBar),
    );
    void this.snackBar.then((snackBar) =>
      snackBar.open(text, close, { duration, politeness: 'assertive' }),
    );
  }
}
