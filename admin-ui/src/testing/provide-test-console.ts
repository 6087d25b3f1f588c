import {
  provideHttpClient,
  withInterceptors,
  ɵREQUESTS_CONTRIBUTE_TO_STABILITY as REQUESTS_CONTRIBUTE_TO_STABILITY,
} from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider, inject, provideAppInitializer } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Routes, provideRouter, withComponentInputBinding } from '@angular/router';
import { TranslateService, provideTranslateService } from '@ngx-translate/core';
import { authInterceptor } from '../app/core/auth/auth.interceptor';
import { LOCAL_STORAGE, SESSION_STORAGE, createMemoryStorage } from '../app/core/browser-storage';
import { errorInterceptor } from '../app/core/http/error.interceptor';
import english from '../app/core/i18n/en.json';
import { registerConsoleLocales } from '../app/core/i18n/language-store';

/**
 * What every component test needs: the real interceptors over HttpTestingController, the
 * English dictionary, a router, in-memory storage and no animations.
 */
export function provideTestConsole(routes: Routes = []): (Provider | EnvironmentProviders)[] {
  registerConsoleLocales();
  return [
    provideHttpClient(withInterceptors([authInterceptor, errorInterceptor])),
    provideHttpClientTesting(),
    // Open requests must not block harness stabilisation: the tests answer them explicitly.
    { provide: REQUESTS_CONTRIBUTE_TO_STABILITY, useValue: false },
    provideRouter(routes, withComponentInputBinding()),
    provideTranslateService({ lang: 'en', fallbackLang: 'en' }),
    provideAppInitializer(() => {
      inject(TranslateService).setTranslation('en', english);
    }),
    { provide: LOCAL_STORAGE, useFactory: createMemoryStorage },
    { provide: SESSION_STORAGE, useFactory: createMemoryStorage },
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}
