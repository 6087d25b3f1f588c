import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url';
import {
  Credential,
  CredentialCreateRequest,
  CredentialUpdateRequest,
  credentialSchema,
} from './credential';

/** Writes to `/api/credentials`; reads are httpResources in the pages. */
@Injectable({ providedIn: 'root' })
export class CredentialsApi {
  private readonly http = inject(HttpClient);
  readonly baseUrl = `${inject(API_BASE_URL)}/credentials`;

  create(body: CredentialCreateRequest): Observable<Credential> {
    return this.http.post<unknown>(this.baseUrl, body).pipe(map((c) => credentialSchema.parse(c)));
  }

  update(id: string, body: CredentialUpdateRequest): Observable<Credential> {
    return this.http.put<unknown>(this.urlOf(id), body).pipe(map((c) => credentialSchema.parse(c)));
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(this.urlOf(id));
  }

  /** Asks the server to call the upstream; the answer carries is_validated/validation_error. */
  validate(id: string): Observable<Credential> {
    return this.http
      .post<unknown>(`${this.urlOf(id)}/validate`, {})
      .pipe(map((c) => credentialSchema.parse(c)));
  }

  upstreamModelsUrl(id: string): string {
    return `${this.urlOf(id)}/upstream-models`;
  }

  private urlOf(id: string): string {
    return `${this.baseUrl}/${encodeURIComponent(id)}`;
  }
}
