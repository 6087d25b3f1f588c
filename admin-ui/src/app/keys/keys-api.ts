import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url';
import { ApiKey, ApiKeyRequest, CreatedApiKey, apiKeySchema, createdApiKeySchema } from './api-key';

/** Writes to `/api/keys`. Revoking is DELETE: the key stops working everywhere. */
@Injectable({ providedIn: 'root' })
export class KeysApi {
  private readonly http = inject(HttpClient);
  readonly baseUrl = `${inject(API_BASE_URL)}/keys`;

  create(body: ApiKeyRequest & { name: string }): Observable<CreatedApiKey> {
    return this.http
      .post<unknown>(this.baseUrl, body)
      .pipe(map((answer) => createdApiKeySchema.parse(answer)));
  }

  update(id: string, body: ApiKeyRequest): Observable<ApiKey> {
    return this.http
      .put<unknown>(`${this.baseUrl}/${encodeURIComponent(id)}`, body)
      .pipe(map((answer) => apiKeySchema.parse(answer)));
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/${encodeURIComponent(id)}`);
  }
}
