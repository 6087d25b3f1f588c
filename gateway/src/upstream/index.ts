/** Upstream request building shared by the proxy and credential validation (pure, plus the URL policy). */
export * from './detect-credential-mode';
export * from './build-upstream-target';
export * from './build-upstream-headers';
export * from './check-upstream-url';
