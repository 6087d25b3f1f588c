import { DOCUMENT, registerLocaleData } from '@angular/common';
import localeZh from '@angular/common/locales/zh';
import { Injectable, computed, inject, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { LOCAL_STORAGE } from '../browser-storage';

export type Language = 'en' | 'zh-CN';

export const LANGUAGES: readonly { readonly id: Language; readonly label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];

const storageKey = 'llmfb.language';

/** Makes Angular's date and number formatting know Chinese (English is built in). */
export function registerConsoleLocales(): void {
  registerLocaleData(localeZh, 'zh-CN');
}

function isLanguage(value: string | null): value is Language {
  return value === 'en' || value === 'zh-CN';
}

/** The console language: remembered per browser, first guessed from the browser's own. */
@Injectable({ providedIn: 'root' })
export class LanguageStore {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly storage = inject(LOCAL_STORAGE);
  private readonly current = signal<Language>(this.readInitialLanguage());

  readonly language = this.current.asReadonly();
  /** The locale id for Angular's formatDate/formatNumber and Intl. */
  readonly locale = computed(() => (this.current() === 'zh-CN' ? 'zh-CN' : 'en-US'));

  /** Loads the dictionary of the remembered language; the app waits for it before rendering. */
  start(): Observable<unknown> {
    registerConsoleLocales();
    this.document.documentElement.lang = this.current();
    return this.translate.use(this.current());
  }

  /** Switches once the dictionary is loaded, so every signal reader sees matching text. */
  use(language: Language): void {
    this.storage.setItem(storageKey, language);
    this.translate.use(language).subscribe(() => {
      this.current.set(language);
      this.document.documentElement.lang = language;
    });
  }

  private readInitialLanguage(): Language {
    const saved = this.storage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
    const browserLanguage = this.document.defaultView?.navigator.language ?? 'en';
    return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  }
}
