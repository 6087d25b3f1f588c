import { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { Observable, from, map } from 'rxjs';

/**
 * Dictionaries ship inside the bundle (each language its own lazy chunk); nothing is fetched
 * from a CDN or over HTTP at run time.
 */
export class BundledTranslateLoader implements TranslateLoader {
  getTranslation(language: string): Observable<TranslationObject> {
    const dictionary = language === 'zh-CN' ? import('./zh-CN.json') : import('./en.json');
    return from(dictionary).pipe(map((module) => module.default as TranslationObject));
  }
}
