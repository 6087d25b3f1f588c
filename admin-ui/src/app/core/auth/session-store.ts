import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, finalize, firstValueFrom, map, of, shareReplay, switchMap, tap } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { User, tokenAnswerSchema, userEnvelopeSchema } from './user';

/** Requests carrying this flag are not retried by the auth interceptor after a 401. */
export const IS_AUTH_CALL = new HttpContextToken<boolean>(() => false);

/** Why the user is looking at the login page (shown as a notice there). */
export type SignedOutReason = 'expired' | 'logged-out' | null;

/**
 * The signed-in session. The access token lives only in memory; the refresh token is the
 * httpOnly cookie the server sets on login and rotates on every refresh, so a reload restores
 * the session with one `POST /api/auth/refresh`.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly apiBaseUrl = inject(API_BASE_URL);
  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<User | null>(null);
  private readonly lastSignOutReason = signal<SignedOutReason>(null);
  private refreshInFlight: Observable<string> | null = null;
  private restoreAttempt: Promise<boolean> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly isSignedIn = computed(() => this.currentUser() !== null && this.token() !== null);
  readonly isAdmin = computed(() => this.currentUser()?.is_superuser === true);
  readonly signOutReason = this.lastSignOutReason.asReadonly();

  accessToken(): string | null {
    return this.token();
  }

  login(username: string, password: string): Observable<User> {
    return this.http
      .post<unknown>(
        `${this.apiBaseUrl}/auth/login`,
        { username, password },
        { withCredentials: true, context: authContext() },
      )
      .pipe(switchMap((answer) => this.acceptTokenAnswer(answer)));
  }

  /** Registers, then signs in with the same credentials (the API does not sign in on register). */
  register(username: string, email: string, password: string): Observable<User> {
    return this.http
      .post<unknown>(
        `${this.apiBaseUrl}/auth/register`,
        { username, email, password },
        { context: authContext() },
      )
      .pipe(switchMap(() => this.login(username, password)));
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers share one request:
   * the server rotates the refresh token, and a second use of the old one would revoke the family.
   */
  refresh(): Observable<string> {
    this.refreshInFlight ??= this.http
      .post<unknown>(
        `${this.apiBaseUrl}/auth/refresh`,
        {},
        { withCredentials: true, context: authContext() },
      )
      .pipe(
        switchMap((answer) => this.acceptTokenAnswer(answer)),
        map(() => this.token() ?? ''),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay(1),
      );
    return this.refreshInFlight;
  }

  /** Tries once per page load to resume a session from the refresh cookie. */
  restore(): Promise<boolean> {
    if (this.isSignedIn()) return Promise.resolve(true);
    this.restoreAttempt ??= firstValueFrom(this.refresh()).then(
      () => true,
      () => false,
    );
    return this.restoreAttempt;
  }

  logout(): Observable<void> {
    return this.http
      .post<void>(
        `${this.apiBaseUrl}/auth/logout`,
        {},
        { withCredentials: true, context: authContext() },
      )
      .pipe(finalize(() => this.endSession('logged-out')));
  }

  /** The server refused our tokens: forget them and tell the login page why. */
  expire(): void {
    this.endSession('expired');
  }

  replaceUser(user: User): void {
    this.currentUser.set(user);
  }

  private endSession(reason: SignedOutReason): void {
    this.token.set(null);
    this.currentUser.set(null);
    this.lastSignOutReason.set(reason);
    this.restoreAttempt = Promise.resolve(false);
  }

  private acceptTokenAnswer(answer: unknown): Observable<User> {
    const parsed = tokenAnswerSchema.parse(answer);
    this.token.set(parsed.access_token);
    this.lastSignOutReason.set(null);
    if (parsed.user) {
      this.currentUser.set(parsed.user);
      return of(parsed.user);
    }
    return this.http.get<unknown>(`${this.apiBaseUrl}/auth/me`, { context: authContext() }).pipe(
      map((body) => userEnvelopeSchema.parse(body).user),
      tap((user) => this.currentUser.set(user)),
    );
  }
}

function authContext(): HttpContext {
  return new HttpContext().set(IS_AUTH_CALL, true);
}
