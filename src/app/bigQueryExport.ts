import { ConfigError } from '../domain/errors';
import { bigQueryText } from '../domain/bigQuery/messages';
import type { Language } from '../domain/messages';
import { cellsByHeader, digest, jobIdOf, jsonRow, ndjson, BigQueryValueError, type JsonValue, type ValueContext } from '../domain/bigQuery/rows';
import type { BigQueryField, BigQueryTableSpec } from '../domain/bigQuery/schema';
import type { Archive } from '../platform/archive';
import type { BigQueryPort, LoadOutcome, LoadRequest, TableOutcome } from '../platform/bigQuery';

/**
 * The BigQuery archive and the nightly export of the daily facts (README ▸ Retention and the archive ▸ BigQuery).
 * Everything goes in with load jobs (free, and available without billing, unlike streaming), each with a job id
 * derived from what it carries: loading the same batch again is a job id BigQuery already has (409), read as
 * "already loaded", so a run that died after a load and before removing the rows adds nothing the next time.
 */

export class BigQueryLoadError extends Error {
  override readonly name = 'BigQueryLoadError';
}

/** Rows of one load job at most: a day of a large team's events is about 2,000. */
const CHUNK_ROWS = 10_000;

const compact = (dateKey: string) => dateKey.replace(/-/g, '');

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function failures(bigQuery: BigQueryPort, sheet: string, outcomes: readonly LoadOutcome[]): string[] {
  return outcomes
    .filter((o) => o.state === 'failed')
    .map((o) => {
      const error = o.error ?? 'no error given';
      // The usual cause: BigQuery was chosen and setup not run again since.
      const hint = /Not found: Dataset/i.test(error) ? ' (run setup again: it creates the dataset)' : '';
      return `BigQuery: loading ${sheet} into ${bigQuery.name}.${o.request.spec.tableId} failed (job ${o.jobId}): ${error}${hint}`;
    });
}

export interface BigQueryArchiveDeps extends ValueContext {
  bigQuery: BigQueryPort;
  tables: readonly BigQueryTableSpec[];
}

/**
 * The retention job's archive when ARCHIVE_TARGET is bigquery. A table's rows go in one load job per day (by the
 * day of the column the table is partitioned on), its id made of the table, the day, the row count and a digest
 * of the rows' keys; the jobs are started together and waited for, and only when all have succeeded does
 * `append` return, after which the job removes the rows from the sheet. A failed job throws: the rows stay.
 */
export function bigQueryArchive(deps: BigQueryArchiveDeps): Archive {
  const { bigQuery } = deps;
  return {
    kind: 'bigquery',
    append(table, _year, header, rows, keyOf) {
      if (rows.length === 0) return 0;
      const spec = deps.tables.find((t) => t.sheet === table);
      if (!spec) throw new ConfigError(`${table} has no BigQuery table declared (src/sheets/bigQueryTables.ts)`);
      const cell = cellsByHeader(header);
      const byDay = new Map<string, Array<{ json: Record<string, JsonValue>; key: string }>>();
      for (const row of rows) {
        const key = keyOf(row);
        const json = jsonRow(spec, (field) => cell(row, field), deps, key.split('\u0001').join(' / '));
        const at = json[spec.partitionField];
        const day = typeof at === 'string' ? (at.length > 10 ? deps.dateKey(new Date(at)) : at) : 'undated';
        const list = byDay.get(day) ?? [];
        list.push({ json, key });
        byDay.set(day, list);
      }
      const requests: LoadRequest[] = [];
      for (const [day, dayRows] of [...byDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        for (const chunk of chunks(dayRows, CHUNK_ROWS)) {
          const keys = chunk.map((r) => r.key).sort();
          requests.push({
            spec,
            ndjson: ndjson(chunk.map((r) => r.json)),
            rows: chunk.length,
            jobId: jobIdOf(['shinchoku', 'archive', bigQuery.config.datasetId, spec.tableId, compact(day), String(chunk.length), digest(keys)]),
          });
        }
      }
      const outcomes = bigQuery.loadAll(requests);
      const failed = failures(bigQuery, table, outcomes);
      if (failed.length > 0) throw new BigQueryLoadError(`${failed.join('\n')}\nThe rows stay in the sheet; the next run tries again.`);
      return outcomes.filter((o) => o.state === 'loaded').reduce((sum, o) => sum + o.request.rows, 0);
    },
  };
}

/** A fact table as read from the workbook: its rows, each a function from a field to its cell. */
export interface FactTable {
  spec: BigQueryTableSpec;
  rows: ReadonlyArray<(field: BigQueryField) => unknown>;
}

/**
 * What was exported, per table (`BIGQUERY_FACTS`, JSON): every date up to `through` is exported and settled; the
 * dates after it are exported with the digest of what was sent, so a date is loaded again only when its rows
 * changed (a KPI typed in the next morning, metrics recomputed by a later sync).
 */
export interface FactsState {
  target: string;
  tables: Record<string, { through: string; recent: Record<string, string> }>;
}

export interface FactsDeps extends ValueContext {
  bigQuery: BigQueryPort;
  tables(): FactTable[];
  state: FactsState | null;
  saveState(state: FactsState): void;
  /** Today in the team's time zone; later dates are not exported (a date is a day that happened). */
  today: string;
  /** Days a date's rows may still change: they are compared and re-exported for this long. */
  windowDays: number;
  /** Load jobs per run at most; what is left goes the next night. */
  maxJobs: number;
}

export interface FactsOutcome {
  table: string;
  /** Dates loaded in this run (a first run's history counts as one entry, `…–…`). */
  exported: string[];
  unchanged: number;
  failed: string[];
}

function addDays(dateKey: string, days: number): string {
  const d = new Date(`${dateKey}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The nightly export of the daily facts, one partition a day: a changed date replaces its partition
 * (`table$YYYYMMDD` with WRITE_TRUNCATE), so a date exported twice holds its rows once, and a corrected KPI
 * replaces the old one instead of adding a second row. The job id is the table, the date and a digest of the rows
 * and of what the partition held before, so a run that dies after a load does not load it again, and a date that
 * changes back to an earlier content is still loaded. On the first export a table's history older than the window
 * goes in one appending job per 10,000 rows.
 */
export function exportDailyFacts(deps: FactsDeps): FactsOutcome[] {
  const { bigQuery } = deps;
  const target = `${bigQuery.name}`;
  const state: FactsState = deps.state && deps.state.target === target ? deps.state : { target, tables: {} };
  const windowStart = addDays(deps.today, -(deps.windowDays - 1));
  const settledEnd = addDays(windowStart, -1);
  const results: FactsOutcome[] = [];
  const problems: string[] = [];
  let budget = deps.maxJobs;
  for (const table of deps.tables()) {
    const { spec } = table;
    const outcome: FactsOutcome = { table: spec.sheet, exported: [], unchanged: 0, failed: [] };
    results.push(outcome);
    const record = (state.tables[spec.tableId] ??= { through: '', recent: {} });
    const byDate = new Map<string, Array<Record<string, JsonValue>>>();
    const broken = new Map<string, string>();
    table.rows.forEach((cell, i) => {
      let date: JsonValue = null;
      try {
        const partition = spec.fields.find((f) => f.name === spec.partitionField) as BigQueryField;
        date = jsonRow({ ...spec, fields: [partition] }, cell, deps, `${i + 2}`)[spec.partitionField] ?? null;
        if (typeof date !== 'string' || date > deps.today) return;
        const json = jsonRow(spec, cell, deps, `${i + 2}`);
        byDate.set(date, [...(byDate.get(date) ?? []), json]);
      } catch (e) {
        if (!(e instanceof BigQueryValueError)) throw e;
        // A date with a cell BigQuery cannot take is not sent (its partition keeps what it had) and is reported.
        if (typeof date === 'string') broken.set(date, e.message);
        else problems.push(e.message);
      }
    });
    for (const [date, message] of broken) {
      byDate.delete(date);
      outcome.failed.push(date);
      problems.push(message);
    }
    const dates = [...byDate.keys()].sort();
    const requests: Array<{ request: LoadRequest; dates: string[]; hash?: string }> = [];
    if (record.through === '') {
      const old = dates.filter((d) => d < windowStart);
      const rows = old.flatMap((d) => byDate.get(d) ?? []);
      for (const chunk of chunks(rows, CHUNK_ROWS)) {
        const text = ndjson(chunk);
        const first = String(chunk[0]?.[spec.partitionField]);
        const last = String(chunk[chunk.length - 1]?.[spec.partitionField]);
        requests.push({
          request: {
            spec,
            ndjson: text,
            rows: chunk.length,
            jobId: jobIdOf(['shinchoku', 'facts', bigQuery.config.datasetId, spec.tableId, compact(first), compact(last), digest([text])]),
          },
          dates: [`${first}–${last}`],
        });
      }
    }
    const pending = dates.filter((d) => d > record.through && (record.through !== '' || d >= windowStart));
    for (const date of pending) {
      const text = ndjson(byDate.get(date) ?? []);
      const hash = digest([text]);
      if (record.recent[date] === hash) {
        outcome.unchanged++;
        continue;
      }
      requests.push({
        request: {
          spec,
          ndjson: text,
          rows: byDate.get(date)?.length ?? 0,
          jobId: jobIdOf(['shinchoku', 'facts', bigQuery.config.datasetId, spec.tableId, compact(date), digest([hash, record.recent[date] ?? ''])]),
          replacePartition: compact(date),
        },
        dates: [date],
        hash,
      });
    }
    const now = requests.slice(0, Math.max(0, budget));
    budget -= now.length;
    const outcomes = bigQuery.loadAll(now.map((r) => r.request));
    let backfillDone = record.through !== '' || now.filter((r) => !r.hash).length === requests.filter((r) => !r.hash).length;
    outcomes.forEach((o, i) => {
      const item = now[i] as (typeof now)[number];
      if (o.state === 'failed') {
        outcome.failed.push(...item.dates);
        if (!item.hash) backfillDone = false;
        return;
      }
      outcome.exported.push(...item.dates);
      if (item.hash) record.recent[item.dates[0] as string] = item.hash;
    });
    problems.push(...failures(bigQuery, spec.sheet, outcomes));
    // Settled dates leave the record once every one of them up to the window's start has gone out.
    if (backfillDone) {
      const unsent = pending.filter((d) => d <= settledEnd && record.recent[d] === undefined);
      const through = unsent.length > 0 ? addDays(unsent[0] as string, -1) : settledEnd;
      if (through > record.through) record.through = through;
      for (const d of Object.keys(record.recent)) if (d <= record.through) delete record.recent[d];
    }
  }
  deps.saveState(state);
  if (problems.length > 0) throw new BigQueryLoadError(problems.join('\n'));
  return results;
}

export interface BigQuerySetupReport {
  dataset: 'exists' | 'created';
  tables: TableOutcome[];
}

/** Setup's step: the dataset and every table, made or given the columns declared since (never dropping one). */
export function prepareBigQuery(bigQuery: BigQueryPort, specs: readonly BigQuerySetupSpec[]): BigQuerySetupReport {
  const dataset = bigQuery.ensureDataset();
  return { dataset, tables: specs.map((spec) => bigQuery.ensureTable(spec)) };
}

type BigQuerySetupSpec = BigQueryTableSpec;

export function bigQuerySetupLines(bigQuery: BigQueryPort, report: BigQuerySetupReport, language: Language): string[] {
  const lines = [
    bigQueryText('setupReady', language, {
      dataset: bigQuery.name,
      datasetState: bigQueryText(report.dataset === 'created' ? 'datasetCreated' : 'datasetExists', language),
      tables: report.tables.length,
      created: report.tables.filter((t) => t.status === 'created').length,
      updated: report.tables.filter((t) => t.status === 'updated').length,
    }),
  ];
  for (const t of report.tables)
    if (t.conflicts.length > 0) lines.push(bigQueryText('setupConflict', language, { table: t.tableId, conflicts: t.conflicts.join('; ') }));
  return lines;
}
