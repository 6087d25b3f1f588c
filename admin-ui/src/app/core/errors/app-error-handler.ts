import { ErrorHandler, Injectable, inject } from '@angular/core';
import { Notifier } from './notifier';

/**
 * Uncaught errors (a failed write nobody handled, a bug) reach the user as a snackbar instead of
 * vanishing into the console; Angular's own handler still logs them for developers.
 */
@Injectable()
export class AppErrorHandler extends ErrorHandler {
  private readonly notifier = inject(Notifier);

  override handleError(error: unknown): void {
    super.handleError(error);
    this.notifier.failure(unwrapPromiseRejection(error));
  }
}

function unwrapPromiseRejection(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && 'rejection' in error) return error.rejection;
  return error;
}
