import type { CellValue } from '../cellValue';

/**
 * The rows of the GitHub tables as plain records (what Table reads and writes), by column key. The tables are
 * declared in src/sheets/githubTables.ts, which checks at compile time that its columns are exactly these.
 */
type RowOf<K extends string> = Record<K, CellValue>;
export type EventRow = RowOf<
  'receivedAt' | 'event' | 'action' | 'repository' | 'actor' | 'ref' | 'title' | 'url' | 'dedupeKey' | 'appliedAt' | 'data'
>;
export type PullRow = RowOf<
  | 'repository'
  | 'number'
  | 'title'
  | 'author'
  | 'state'
  | 'draft'
  | 'created'
  | 'readyForReview'
  | 'firstReview'
  | 'approved'
  | 'merged'
  | 'closed'
  | 'additions'
  | 'deletions'
  | 'changedFiles'
  | 'reviews'
  | 'updatedAt'
  | 'url'
  | 'forge'
  | 'branch'
  | 'tasks'
  | 'requestedReviewers'
>;
export type ReviewRow = RowOf<'repository' | 'number' | 'reviewId' | 'reviewer' | 'state' | 'submittedAt' | 'forge'>;
export type DeploymentRow = RowOf<
  'repository' | 'deploymentId' | 'environment' | 'sha' | 'state' | 'created' | 'finished' | 'statusAt' | 'source' | 'workflow' | 'url' | 'forge'
>;
export type CommitRow = RowOf<'repository' | 'sha' | 'author' | 'message' | 'committedAt' | 'additions' | 'deletions' | 'url' | 'push' | 'forge'>;
export type IncidentRow = RowOf<'repository' | 'number' | 'title' | 'opened' | 'closed' | 'url' | 'rootCause' | 'updatedAt' | 'forge'>;

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

/** Where a row comes from. A row written before GitLab was supported has an empty cell, which reads as GitHub. */
export type Forge = 'github' | 'gitlab';

export function forgeOf(value: CellValue | undefined): Forge {
  return cellText(value).toLowerCase() === 'gitlab' ? 'gitlab' : 'github';
}

// GitHub's keys are as they were before GitLab came; a GitLab project of the same path (a mirror) is another row.
const prefix = (forge: Forge | undefined): string => (forge === 'gitlab' ? 'gitlab:' : '');
export const pullKey = (repository: string, number: number | string, forge?: Forge): string => `${prefix(forge)}${repository}#${number}`;
export const repoKey = (repository: string, id: string, forge?: Forge): string => `${prefix(forge)}${repository}\u0001${id}`;
