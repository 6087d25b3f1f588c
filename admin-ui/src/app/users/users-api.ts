import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url';
import { User, userSchema } from '../core/auth/user';

/** Writes to `/api/users` (superuser only, except the caller's own password). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/users`;

  update(id: string, changes: { is_active?: boolean; is_superuser?: boolean }): Observable<User> {
    return this.http
      .put<unknown>(`${this.baseUrl}/${encodeURIComponent(id)}`, changes)
      .pipe(map(readUser));
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/${encodeURIComponent(id)}`);
  }

  changePassword(currentPassword: string, newPassword: string): Observable<void> {
    return this.http.put<void>(`${this.baseUrl}/me/password`, {
      current_password: currentPassword,
      new_password: newPassword,
    });
  }
}

/** `PUT /api/users/{id}` answers the user, bare or as `{user}`. */
function readUser(body: unknown): User {
  if (typeof body === 'object' && body !== null && 'user' in body)
    return userSchema.parse(body.user);
  return userSchema.parse(body);
}
