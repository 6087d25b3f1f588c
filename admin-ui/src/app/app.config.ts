import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  ErrorHandler,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AppErrorHandler } from './core/errors/app-error-handler';
import { errorInterceptor } from './core/http/error.interceptor';
import { provideConsoleTranslations } from './core/i18n/bundled-translate-loader';
import { LanguageStore } from './core/i18n/language-store';
import { ThemeStore } from './core/theme/theme-store';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor, errorInterceptor])),
    provideConsoleTranslations(),
    { provide: ErrorHandler, useClass: AppErrorHandler },
    provideAppInitializer(() => {
      // Material Symbols (self-hosted, npm `material-symbols`) instead of the Material Icons font.
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
      inject(ThemeStore);
      return inject(LanguageStore).start();
    }),
  ],
};
