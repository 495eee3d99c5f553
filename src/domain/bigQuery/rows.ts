import type { BigQueryField, BigQueryTableSpec } from './schema';

/**
 * Rows as BigQuery loads them: one JSON object a line (NEWLINE_DELIMITED_JSON), each value converted to its
 * field's type. A cell that cannot be converted stops the batch with a message naming the sheet, the row and the
 * column, before anything is sent or removed: a load would fail on it anyway, and with a vaguer message.
 */

export class BigQueryValueError extends Error {
  override readonly name = 'BigQueryValueError';
}

export type JsonValue = string | number | boolean | null;

export interface ValueContext {
  /** The calendar day of an instant in the team's time zone (`2026-01-05`), for DATE fields. */
  dateKey(instant: Date): string;
}

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
/** An instant written with its offset (what a Date's toISOString gives, or a typed `2026-01-05T09:00:00+09:00`). */
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function blank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function shown(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One cell as its field's JSON value; throws BigQueryValueError naming the column when it does not fit. */
export function jsonValue(value: unknown, field: BigQueryField, ctx: ValueContext): JsonValue {
  if (blank(value)) return null;
  const wrong = (): never => {
    throw new BigQueryValueError(`column ${field.header} holds "${shown(value)}", which is not a ${field.type}`);
  };
  switch (field.type) {
    case 'STRING':
      if (value instanceof Date) return value.toISOString();
      return String(value);
    case 'INT64': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
      return Number.isSafeInteger(n) ? n : wrong();
    }
    case 'FLOAT64': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
      return Number.isFinite(n) ? n : wrong();
    }
    case 'BOOL':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
      return wrong();
    case 'DATE':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? wrong() : ctx.dateKey(value);
      if (typeof value === 'string' && DATE_KEY.test(value.trim())) return value.trim();
      return wrong();
    case 'TIMESTAMP':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? wrong() : value.toISOString();
      if (typeof value === 'string' && ZONED.test(value.trim()) && Number.isFinite(Date.parse(value.trim())))
        return new Date(Date.parse(value.trim())).toISOString();
      return wrong();
  }
}

/** A row as a JSON object keyed by field name; `cell(field)` gives the row's cell for that field (undefined: none). */
export function jsonRow(
  spec: BigQueryTableSpec,
  cell: (field: BigQueryField) => unknown,
  ctx: ValueContext,
  rowName: string,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const field of spec.fields) {
    try {
      out[field.name] = jsonValue(cell(field), field, ctx);
    } catch (e) {
      if (e instanceof BigQueryValueError) throw new BigQueryValueError(`${spec.sheet} row ${rowName}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

export function ndjson(rows: ReadonlyArray<Record<string, JsonValue>>): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

/** Rows from a sheet whose header may be in any order or hold columns of its own: each field read by its header. */
export function cellsByHeader(header: readonly unknown[]): (row: readonly unknown[], field: BigQueryField) => unknown {
  const index = new Map(header.map((h, i) => [String(h).trim(), i]));
  return (row, field) => {
    const i = index.get(field.header);
    return i === undefined ? undefined : row[i];
  };
}

/**
 * A short, stable digest of texts (two FNV-1a 32-bit hashes with different offsets, 16 hex digits): enough to
 * tell batches apart in a job id, which is all it is for. Pure code has no Utilities.computeDigest.
 */
export function digest(parts: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const part of parts) {
    for (let i = 0; i <= part.length; i++) {
      // The separator (a code that a string cannot hold at its end) keeps ["ab","c"] apart from ["a","bc"].
      const code = i < part.length ? part.charCodeAt(i) : 0x1ffff;
      a = Math.imul(a ^ code, 0x01000193) >>> 0;
      b = Math.imul(b ^ code, 0x01000193 + 2) >>> 0;
      b = (b ^ (b >>> 15)) >>> 0;
    }
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** A job id from its parts: only letters, digits, `_` and `-`, at most 1,024 characters, as BigQuery requires. */
export function jobIdOf(parts: readonly string[]): string {
  return parts
    .map((p) => p.replace(/[^A-Za-z0-9_-]+/g, '_'))
    .join('_')
    .slice(0, 1024);
}

/** The job id of the `attempt`th try of a batch (1 = the first): a failed job's id cannot be used again. */
export function attemptId(base: string, attempt: number): string {
  return attempt <= 1 ? base : `${base}_a${attempt}`;
}
