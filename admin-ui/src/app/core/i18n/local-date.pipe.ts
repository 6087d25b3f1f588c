import { formatDate } from '@angular/common';
import { Pipe, PipeTransform, inject } from '@angular/core';
import { LanguageStore } from './language-store';

/**
 * Formats an ISO timestamp in the console language (`medium` by default). Impure on purpose:
 * it re-runs when the language signal changes, with a one-entry cache to stay cheap.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly languages = inject(LanguageStore);
  private cacheKey = '';
  private cacheValue = '';

  transform(value: string | number | Date | null | undefined, format = 'medium'): string {
    if (value === null || value === undefined || value === '') return '—';
    const locale = this.languages.locale();
    const key = `${String(value)}|${format}|${locale}`;
    if (key !== this.cacheKey) {
      this.cacheKey = key;
      this.cacheValue = formatDate(value, format, locale);
    }
    return this.cacheValue;
  }
}
