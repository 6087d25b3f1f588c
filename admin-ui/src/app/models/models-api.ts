import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url';
import {
  CreatedModelConfig,
  ModelConfig,
  ModelConfigCreateRequest,
  ModelConfigUpdateRequest,
  createdModelConfigSchema,
  modelConfigSchema,
} from './model-config';

/** Writes to `/api/models`. */
@Injectable({ providedIn: 'root' })
export class ModelsApi {
  private readonly http = inject(HttpClient);
  readonly baseUrl = `${inject(API_BASE_URL)}/models`;

  create(body: ModelConfigCreateRequest): Observable<CreatedModelConfig> {
    return this.http
      .post<unknown>(this.baseUrl, body)
      .pipe(map((answer) => createdModelConfigSchema.parse(answer)));
  }

  update(id: string, body: ModelConfigUpdateRequest): Observable<ModelConfig> {
    return this.http
      .put<unknown>(`${this.baseUrl}/${encodeURIComponent(id)}`, body)
      .pipe(map((answer) => modelConfigSchema.parse(answer)));
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/${encodeURIComponent(id)}`);
  }
}
