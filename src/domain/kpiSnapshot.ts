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
/** More open blockers than this is a wrong number (a timestamp, an id), not a team's day. */
export const MAX_COUNT = 10_000;
/** A snapshot is seven numbers and a date: a body over 1 MB is refused before it is parsed. */
export const MAX_SNAPSHOT_BYTES = 1024 * 1024;
/** The earliest day a snapshot may name; the latest is the caller's (tomorrow in the sheet's time zone). */
export const EARLIEST_SNAPSHOT_DATE = '2000-01-01';
/**
 * A number written in decimal: `"82.5"` from a shell script or a spreadsheet is fine, but Number() would also take
 * `"0x10"` (16), `"1e1"` (10), `"  "` (0) and `"Infinity"`, none of which anybody means as a KPI.
 */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

export interface SnapshotLimits {
  /** The latest day (`yyyy-MM-dd`) a snapshot may name: a date far ahead would stay "latest" for good. */
  latestDate: string;
}

/**
 * Parses and checks a KPI snapshot. The body is checked whole: every problem is listed, each naming its field,
 * and nothing is returned unless all fields are valid, so a bad snapshot can never be half-written.
 */
export function parseKpiSnapshot(body: string, limits?: SnapshotLimits): KpiSnapshot {
  if (overSizeLimit(body)) throw new InputError(`the request body is over 1 MB: a KPI snapshot is a few hundred bytes of JSON`);
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
  const problems: Array<{ field: string; message: string }> = [];
  const check = <T>(field: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push({ field, message: error.message });
      return undefined;
    }
  };
  for (const spec of SNAPSHOT_FIELDS) {
    values[spec.key] = check(spec.field, () => parseField(spec.field, spec.kind, spec.nullable, input[spec.field], spec.field in input)) ?? null;
  }
  const date = check('date', () => parseDate(input['date'], limits));
  const [first] = problems;
  if (first) {
    const message = problems.length === 1 ? first.message : `${problems.length} problems: ${problems.map((p) => p.message).join('; ')}`;
    throw new InputError(message, first.field);
  }
  const known = new Set<string>([...SNAPSHOT_FIELDS.map((f) => f.field), 'date']);
  return {
    date: date ?? null,
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
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new InputError(`field "${field}" must be a decimal number, got ${JSON.stringify(raw)}`, field);
  switch (kind) {
    case 'rate':
      return rate(field, n);
    case 'score':
      if (n < 1 || n > 5) throw new InputError(`field "${field}" must be a score from 1 to 5, got ${n}`, field);
      return n;
    case 'count':
      if (n < 0 || n > MAX_COUNT || !Number.isInteger(n)) {
        throw new InputError(`field "${field}" must be a whole number from 0 to ${MAX_COUNT}, got ${n}`, field);
      }
      return n;
    case 'hours':
      if (n < 0 || n > MAX_REVIEW_HOURS) throw new InputError(`field "${field}" must be hours between 0 and ${MAX_REVIEW_HOURS}, got ${n}`, field);
      return n;
  }
}

/**
 * 0–1 is a fraction. Above 1 it can only be a percentage — but only a plain one (82 or 82.5, at most 100): a value
 * just over 1, like 1.0000001, is a fraction with a rounding error, and reading it as 1 % would be silently wrong.
 */
function rate(field: string, n: number): number {
  if (n >= 0 && n <= 1) return n;
  const tenths = n * 10;
  if (n > 1 && n <= 100 && Math.abs(tenths - Math.round(tenths)) < 1e-9) return n / 100;
  throw new InputError(
    `field "${field}" must be a fraction from 0 to 1 (0.825) or a percentage up to 100 with at most one decimal (82.5), got ${n}`,
    field,
  );
}

function parseDate(raw: unknown, limits: SnapshotLimits | undefined): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || !isRealDate(raw)) {
    throw new InputError(`field "date" must be a date written yyyy-mm-dd, got ${JSON.stringify(raw)}`, 'date');
  }
  if (raw < EARLIEST_SNAPSHOT_DATE || (limits && raw > limits.latestDate)) {
    const latest = limits ? ` and ${limits.latestDate} (tomorrow in the sheet's time zone)` : '';
    throw new InputError(`field "date" must be between ${EARLIEST_SNAPSHOT_DATE}${latest}, got "${raw}"`, 'date');
  }
  return raw;
}

function isRealDate(key: string): boolean {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Whether the body is over 1 MB as UTF-8 (the way the limit is meant), without an encoder Apps Script may lack. */
function overSizeLimit(text: string): boolean {
  // Three bytes a UTF-16 unit at most: a body this short cannot be over, and needs no count.
  if (text.length * 3 <= MAX_SNAPSHOT_BYTES) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one 4-byte character.
    if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes > MAX_SNAPSHOT_BYTES;
}
