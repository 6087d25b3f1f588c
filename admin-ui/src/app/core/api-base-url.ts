import { InjectionToken } from '@angular/core';

/** Where the admin API lives (same origin as the console in every deployment we ship). */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api',
});

/** Where the proxy API lives; the playground calls it with a proxy key. */
export const PROXY_BASE_URL = new InjectionToken<string>('PROXY_BASE_URL', {
  providedIn: 'root',
  factory: () => '/v1',
});
