import type { CellValue, RecordOf } from '../../sheets/schema';
import type { COMMITS, DEPLOYMENTS, GITHUB_EVENTS, INCIDENTS, PULL_REQUESTS, REVIEWS } from '../../sheets/githubTables';

/** The rows of the GitHub tables as plain records (what Table reads and writes). */
export type EventRow = RecordOf<typeof GITHUB_EVENTS>;
export type PullRow = RecordOf<typeof PULL_REQUESTS>;
export type ReviewRow = RecordOf<typeof REVIEWS>;
export type DeploymentRow = RecordOf<typeof DEPLOYMENTS>;
export type CommitRow = RecordOf<typeof COMMITS>;
export type IncidentRow = RecordOf<typeof INCIDENTS>;

// Cells come back as Sheets gives them: a person may type a number into a text column or clear a cell, so
// every read goes through these.

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}

export function cellNumber(value: CellValue | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function cellTime(value: CellValue | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    const t = (value as Date).getTime();
    return Number.isFinite(t) ? t : null;
  }
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

export function cellBoolean(value: CellValue | undefined): boolean {
  return value === true || (typeof value === 'string' && /^(true|yes|1)$/i.test(value.trim()));
}

/** An ISO time from a fact as the Date a datetime cell holds. */
export function asDate(iso: string | null | undefined): Date | null {
  if (iso === null || iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t) : null;
}

export const pullKey = (repository: string, number: number | string): string => `${repository}#${number}`;
export const repoKey = (repository: string, id: string): string => `${repository}\u0001${id}`;
