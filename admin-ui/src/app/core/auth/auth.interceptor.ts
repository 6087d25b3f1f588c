import { HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { ApiError } from '../http/api-error';
import { IS_AUTH_CALL, SessionStore } from './session-store';

/**
 * Adds the in-memory access token to admin API calls. On a 401 it refreshes once (the refresh
 * cookie) and retries; when that fails too, the session has expired and we go to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const apiBaseUrl = inject(API_BASE_URL);
  if (!request.url.startsWith(apiBaseUrl)) return next(request);
  const session = inject(SessionStore);
  const router = inject(Router);
  const isAuthCall = request.context.get(IS_AUTH_CALL);

  const withToken = (source: HttpRequest<unknown>) => {
    const token = session.accessToken();
    return token ? source.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : source;
  };
  if (isAuthCall) return next(withToken(request));

  return next(withToken(request)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 401) return throwError(() => error);
      return session.refresh().pipe(
        catchError(() => {
          session.expire();
          void router.navigate(['/login'], {
            queryParams: { returnUrl: router.url === '/' ? null : router.url },
          });
          return throwError(() => error);
        }),
        switchMap(() => next(withToken(request))),
      );
    }),
  );
};
