import { InputError } from './errors';

/** The seven base KPIs, in the column order of `KPI Tracking`. */
export interface KpiValues {
  overallProgress: number;
  taskCompletionRate: number;
  qualityScore: number;
  teamSatisfaction: number;
  blockersCount: number;
  /** Hours; null when there were no reviews to measure (an empty cell, never a zero). */
  codeReviewTime: number | null;
  /** Fraction; null when there were no finished deployments. */
  deploySuccessRate: number | null;
}

export interface KpiSnapshot {
  /** `yyyy-MM-dd` when the sender names the day; otherwise the day it arrives, in the sheet's time zone. */
  date: string | null;
  values: KpiValues;
  /** Fields the sender added that we do not know; said back so a typo does not pass silently. */
  ignored: string[];
}

type Kind = 'rate' | 'score' | 'count' | 'hours';

/** The snapshot's JSON fields (the seed's names), what each holds and where it goes. */
export const SNAPSHOT_FIELDS: ReadonlyArray<{ field: string; key: keyof KpiValues; kind: Kind; nullable: boolean }> = [
  { field: 'overall_progress', key: 'overallProgress', kind: 'rate', nullable: false },
  { field: 'task_completion_rate', key: 'taskCompletionRate', kind: 'rate', nullable: false },
  { field: 'quality_score', key: 'qualityScore', kind: 'score', nullable: false },
  { field: 'team_satisfaction', key: 'teamSatisfaction', kind: 'score', nullable: false },
  { field: 'blockers_count', key: 'blockersCount', kind: 'count', nullable: false },
  { field: 'avg_review_time', key: 'codeReviewTime', kind: 'hours', nullable: true },
  { field: 'deploy_success_rate', key: 'deploySuccessRate', kind: 'rate', nullable: true },
];

/** One year of hours: a review time beyond it is a unit mistake (minutes or seconds sent as hours). */
const MAX_REVIEW_HOURS = 24 * 366;

/**
 * Parses and checks a KPI snapshot. Every problem names its field, and nothing is returned unless all fields
 * are valid, so a bad snapshot can never be half-written.
 */
export function parseKpiSnapshot(body: string): KpiSnapshot {
  if (body.trim() === '') throw new InputError('the request body is empty: send the KPI snapshot as JSON');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new InputError(`the request body is not valid JSON (${(e as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError('the request body must be a JSON object with the KPI fields');
  }
  const input = data as Record<string, unknown>;
  const values: Partial<Record<keyof KpiValues, number | null>> = {};
  for (const spec of SNAPSHOT_FIELDS) {
    values[spec.key] = parseField(spec.field, spec.kind, spec.nullable, input[spec.field], spec.field in input);
  }
  const known = new Set<string>([...SNAPSHOT_FIELDS.map((f) => f.field), 'date']);
  return {
    date: parseDate(input['date']),
    values: values as KpiValues,
    ignored: Object.keys(input).filter((k) => !known.has(k)),
  };
}

function parseField(field: string, kind: Kind, nullable: boolean, raw: unknown, present: boolean): number | null {
  if (!present) throw new InputError(`missing field "${field}"`, field);
  if (raw === null) {
    if (nullable) return null;
    throw new InputError(`field "${field}" must be a number, not null`, field);
  }
  // Numbers sent as strings ("82.5") are common from shell scripts and spreadsheets; anything else is not a number.
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new InputError(`field "${field}" must be a number, got ${JSON.stringify(raw)}`, field);
  switch (kind) {
    case 'rate':
      // 0–1 is a fraction and 0–100 a percentage: above 1 can only be a percentage.
      if (n < 0 || n > 100) throw new InputError(`field "${field}" must be between 0 and 1 (or 0 and 100 as a percentage), got ${n}`, field);
      return n > 1 ? n / 100 : n;
    case 'score':
      if (n < 1 || n > 5) throw new InputError(`field "${field}" must be a score from 1 to 5, got ${n}`, field);
      return n;
    case 'count':
      if (n < 0 || !Number.isInteger(n)) throw new InputError(`field "${field}" must be a whole number of 0 or more, got ${n}`, field);
      return n;
    case 'hours':
      if (n < 0 || n > MAX_REVIEW_HOURS) throw new InputError(`field "${field}" must be hours between 0 and ${MAX_REVIEW_HOURS}, got ${n}`, field);
      return n;
  }
}

function parseDate(raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || !isRealDate(raw)) {
    throw new InputError(`field "date" must be a date written yyyy-mm-dd, got ${JSON.stringify(raw)}`, 'date');
  }
  return raw;
}

function isRealDate(key: string): boolean {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
