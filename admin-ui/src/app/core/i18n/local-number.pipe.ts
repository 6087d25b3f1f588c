import { Pipe, PipeTransform, inject } from '@angular/core';
import { LanguageStore } from './language-store';

export type NumberStyle = 'plain' | 'compact' | 'percent' | 'milliseconds';

/** Formats a number with Intl in the given locale; the style decides the shape. */
export function formatLocalNumber(value: number, locale: string, style: NumberStyle): string {
  switch (style) {
    case 'plain':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case 'compact':
      return new Intl.NumberFormat(locale, {
        notation: 'compact',
        maximumFractionDigits: 1,
      }).format(value);
    case 'percent':
      return new Intl.NumberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: 1,
      }).format(value);
    case 'milliseconds':
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'millisecond',
        unitDisplay: 'short',
        maximumFractionDigits: 0,
      }).format(value);
  }
}

/** `{{ n | localNumber: 'compact' }}` in the console language; impure to follow language changes. */
@Pipe({ name: 'localNumber', pure: false })
export class LocalNumberPipe implements PipeTransform {
  private readonly languages = inject(LanguageStore);

  transform(value: number | null | undefined, style: NumberStyle = 'plain'): string {
    if (value === null || value === undefined || Number.isNaN(value)) return '—';
    return formatLocalNumber(value, this.languages.locale(), style);
  }
}
