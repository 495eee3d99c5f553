/**
 * Which raw rows have served their purpose. Raw tables (webhook events, sent messages, errors) grow by thousands of
 * rows a day and would fill the spreadsheet's 10 million cells in about a year; the facts derived from them
 * (pull requests, commits, deployments, metrics, KPI rows) stay. A row is removed only when no job can still need
 * it: an event once applied, a message once it left (or gave up) and no reply waits for its thread, an error once
 * it is old. Pure: header names in, row numbers out.
 */

export type RetentionKind = 'events' | 'outbox' | 'errors';

export interface RetentionRule {
  /** The sheet, by its contract name. A sheet that does not exist (yet) is skipped. */
  readonly sheet: string;
  readonly kind: RetentionKind;
  /** The header of the instant that puts a row in its archive year. */
  readonly yearHeader: string;
  /** The headers that identify a row in the archive (a row archived twice is recognised). */
  readonly keyHeaders: readonly string[];
}

export interface RetentionDays {
  /** Days after an event was applied or a message left before the row is archived and removed. */
  readonly raw: number;
  /** Days after an error was recorded (and after an outbox message failed for good). */
  readonly errors: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A sheet's rows as getValues gives them: the header row first. */
export type Rows = ReadonlyArray<ReadonlyArray<unknown>>;

export interface Selection {
  /** 0-based indexes into the body (row 2 of the sheet is index 0), ascending. */
  readonly remove: number[];
  /** Rows that are old enough but kept because a job still needs them. */
  readonly held: number;
}

/** The body rows of `rows` that may go, at most `limit` of them, oldest sheet rows first. */
export function selectExpired(rule: RetentionRule, rows: Rows, days: RetentionDays, now: Date, limit: number): Selection {
  const header = (rows[0] ?? []).map((h) => String(h).trim());
  const col = (name: string) => header.indexOf(name);
  const body = rows.slice(1);
  const remove: number[] = [];
  let held = 0;
  const rawCutoff = now.getTime() - days.raw * DAY_MS;
  const errorCutoff = now.getTime() - days.errors * DAY_MS;
  const older = (cell: unknown, cutoff: number) => {
    const t = instant(cell);
    return t !== null && t < cutoff;
  };
  if (rule.kind === 'events') {
    const applied = col('Applied At');
    const received = col('Received At');
    if (applied < 0 || received < 0) return { remove, held };
    body.forEach((row, i) => {
      if (remove.length >= limit) return;
      if (older(row[applied], rawCutoff)) remove.push(i);
      // Never applied (its facts still wait in Data): kept, however old, until a run applies it.
      else if (instant(row[applied]) === null && older(row[received], rawCutoff)) held++;
    });
  } else if (rule.kind === 'errors') {
    const time = col('Time');
    if (time < 0) return { remove, held };
    body.forEach((row, i) => {
      if (remove.length < limit && older(row[time], errorCutoff)) remove.push(i);
    });
  } else {
    const [status, sentAt, createdAt, key, payload] = ['Status', 'Sent At', 'Created At', 'Key', 'Payload'].map(col) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (status < 0 || createdAt < 0 || key < 0) return { remove, held };
    const statusOf = (row: ReadonlyArray<unknown>) =>
      String(row[status] ?? '')
        .trim()
        .toLowerCase() || 'pending';
    // A reply waiting to be posted needs its parent's row (the thread's message id): the parent stays with it.
    const parentsWaiting = new Set<string>();
    for (const row of body) {
      const s = statusOf(row);
      if (s !== 'pending' && s !== 'sending') continue;
      const parent = payload >= 0 ? threadOf(row[payload]) : null;
      if (parent) parentsWaiting.add(parent);
    }
    body.forEach((row, i) => {
      if (remove.length >= limit) return;
      const s = statusOf(row);
      const since = s === 'sent' ? row[sentAt >= 0 ? sentAt : createdAt] : row[createdAt];
      const cutoff = s === 'failed' ? errorCutoff : rawCutoff;
      const done = s === 'sent' || s === 'expired' || s === 'failed';
      if (!older(since ?? row[createdAt], cutoff)) return;
      if (!done || parentsWaiting.has(String(row[key] ?? '').trim())) held++;
      else remove.push(i);
    });
  }
  return { remove, held };
}

/**
 * The identity of an archived row: its key cells, or the whole row when the sheet lacks a key header. The key
 * columns are found once per table, not once per row.
 */
export function archiveKeyOf(header: ReadonlyArray<unknown>, keyHeaders: readonly string[]): (row: ReadonlyArray<unknown>) => string {
  const names = header.map((h) => String(h).trim());
  const indexes = keyHeaders.map((k) => names.indexOf(k));
  const found = indexes.every((i) => i >= 0);
  return (row) => (found ? indexes.map((i) => row[i]) : row).map((c) => (isDate(c) ? String(c.getTime()) : String(c ?? '').trim())).join('\u0001');
}

/** The rows kept, in their order, and whether those removed are one block at the top (one row deletion then). */
export function splitKept<T>(body: readonly T[], remove: readonly number[]): { kept: T[]; prefix: boolean } {
  const gone = new Set(remove);
  return { kept: body.filter((_, i) => !gone.has(i)), prefix: remove.every((r, i) => r === i) };
}

/** The calendar year of a row's instant, in the team's time zone (`yearOf` maps an instant to it). */
export function groupByYear<T>(rows: readonly T[], instantOf: (row: T) => unknown, yearOf: (d: Date) => number, fallback: number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  // Instants of one quarter-hour share a calendar day in every time zone (offsets are whole quarters), so a
  // batch of thousands of rows asks the calendar once per quarter-hour, not once per row.
  const years = new Map<number, number>();
  for (const row of rows) {
    const t = instant(instantOf(row));
    let year = fallback;
    if (t !== null) {
      const slot = Math.floor(t / 900_000);
      const known = years.get(slot);
      year = known ?? yearOf(new Date(t));
      if (known === undefined) years.set(slot, year);
    }
    const list = out.get(year);
    if (list) list.push(row);
    else out.set(year, [row]);
  }
  return out;
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function instant(cell: unknown): number | null {
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? null : cell.getTime();
  return null;
}

function threadOf(payload: unknown): string | null {
  if (typeof payload !== 'string' || !payload.includes('threadOf')) return null;
  try {
    const parsed = JSON.parse(payload) as { threadOf?: unknown };
    return typeof parsed.threadOf === 'string' ? parsed.threadOf : null;
  } catch {
    return null;
  }
}
