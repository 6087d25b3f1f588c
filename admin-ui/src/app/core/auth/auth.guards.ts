import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import { SessionStore } from './session-store';

/** Pages behind sign-in: resume the session from the refresh cookie, else go to the login page. */
export const requireSession: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (await session.restore()) return true;
  const returnUrl = state.url === '/' ? null : state.url;
  return router.createUrlTree(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
};

/** Login and register: someone already signed in goes straight to the dashboard. */
export const requireGuest: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (await session.restore()) return router.createUrlTree(['/dashboard']);
  return true;
};

/**
 * Superuser-only pages. Route matching runs before the parent's canActivate, so this guard
 * resumes the session itself before it looks at the role.
 */
export const requireAdmin: CanMatchFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  await session.restore();
  return session.isAdmin() || router.createUrlTree(['/dashboard']);
};
