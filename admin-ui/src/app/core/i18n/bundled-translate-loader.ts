import { EnvironmentProviders, Provider } from '@angular/core';
import {
  DefaultMissingTranslationHandler,
  MissingTranslationHandler,
  TranslateCompiler,
  TranslateDefaultParser,
  TranslateLoader,
  TranslateNoOpCompiler,
  TranslateParser,
  TranslationObject,
  provideTranslateService,
} from '@ngx-translate/core';
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

/**
 * ngx-translate with the bundled dictionaries, English as the fallback. Every plugin slot gets an
 * explicit class provider: ngx-translate tells classes from factories by `toString()` matching
 * `class `, which a minified anonymous `class{…}` fails, so its defaults would be called without
 * `new` in the production build.
 */
export function provideConsoleTranslations(): (Provider | EnvironmentProviders)[] {
  return provideTranslateService({
    loader: { provide: TranslateLoader, useClass: BundledTranslateLoader },
    compiler: { provide: TranslateCompiler, useClass: TranslateNoOpCompiler },
    parser: { provide: TranslateParser, useClass: TranslateDefaultParser },
    missingTranslationHandler: {
      provide: MissingTranslationHandler,
      useClass: DefaultMissingTranslationHandler,
    },
    fallbackLang: 'en',
  });
}
