import { HttpParams } from '@angular/common/http';
import { WireFormat } from './request-log';

export type TimeRangePreset = '15m' | '1h' | '24h' | '7d' | '30d' | 'all' | 'custom';

export const TIME_RANGE_PRESETS: readonly TimeRangePreset[] = [
  '15m',
  '1h',
  '24h',
  '7d',
  '30d',
  'all',
  'custom',
];

const presetMilliseconds: Record<Exclude<TimeRangePreset, 'all' | 'custom'>, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** What the user picked in the filter bar. */
export interface LogFilterForm {
  readonly range: TimeRangePreset;
  /** `datetime-local` values (local time), used when range is `custom`. */
  readonly customFrom: string;
  readonly customTo: string;
  readonly modelConfigId: string;
  readonly keyId: string;
  readonly statusCode: string;
  /** `''` = any. */
  readonly sourceFormat: WireFormat | '';
  readonly targetFormat: WireFormat | '';
}

/** The filters as sent to GET /api/logs. */
export interface LogQuery {
  readonly from: string | null;
  readonly to: string | null;
  readonly modelConfigId: string | null;
  readonly keyId: string | null;
  readonly statusCode: number | null;
  readonly sourceFormat: WireFormat | null;
  readonly targetFormat: WireFormat | null;
}

export const EMPTY_LOG_FILTER: LogFilterForm = {
  range: '24h',
  customFrom: '',
  customTo: '',
  modelConfigId: '',
  keyId: '',
  statusCode: '',
  sourceFormat: '',
  targetFormat: '',
};

function convertLocalInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Resolves presets against `now` once, so paging through one result set stays stable. */
export function resolveLogQuery(form: LogFilterForm, now: Date): LogQuery {
  let from: string | null = null;
  let to: string | null = null;
  if (form.range === 'custom') {
    from = convertLocalInputToIso(form.customFrom);
    to = convertLocalInputToIso(form.customTo);
  } else if (form.range !== 'all') {
    from = new Date(now.getTime() - presetMilliseconds[form.range]).toISOString();
  }
  const status = Number.parseInt(form.statusCode, 10);
  return {
    from,
    to,
    modelConfigId: form.modelConfigId || null,
    keyId: form.keyId || null,
    statusCode: Number.isInteger(status) && status >= 100 && status <= 599 ? status : null,
    sourceFormat: form.sourceFormat || null,
    targetFormat: form.targetFormat || null,
  };
}

export function buildLogParams(query: LogQuery, cursor: string | null, limit: number): HttpParams {
  let params = new HttpParams().set('limit', limit);
  if (cursor) params = params.set('cursor', cursor);
  if (query.from) params = params.set('from', query.from);
  if (query.to) params = params.set('to', query.to);
  if (query.modelConfigId) params = params.set('model_config_id', query.modelConfigId);
  if (query.keyId) params = params.set('key_id', query.keyId);
  if (query.statusCode !== null) params = params.set('status_code', query.statusCode);
  if (query.sourceFormat) params = params.set('source_format', query.sourceFormat);
  if (query.targetFormat) params = params.set('target_format', query.targetFormat);
  return params;
}
