import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceFactory } from '../runtime/api';
import type { StateDir } from '../runtime/state';
import { blobData } from './blob';
import { countedAs } from './counted';
import { emulated } from './implemented';
import { withDuckDb, SqlError, type Run } from './duckdbSync';
import { bigQueryToDuckDb } from './bigQuerySql';

/**
 * The BigQuery advanced service (`BigQuery.Datasets`, `.Tables`, `.Jobs`) on a real SQL engine: a DuckDB database
 * file in the state directory (`bigquery/bigquery.duckdb`). A dataset is a DuckDB schema named `project.dataset`,
 * a table a table in it; datasets', tables' and jobs' resources are kept beside them in the `_bigquery` schema.
 * What BigQuery enforces that a loader depends on is enforced here, with BigQuery's messages: unknown datasets,
 * tables and jobs (404 "Not found: …"), a job id used twice (409 "Already Exists: Job …"), load jobs whose schema
 * or rows do not fit the table (the job fails, nothing is written), partition decorators, schema updates that
 * would drop or retype a field. Jobs.query runs standard SQL as far as bigQuerySql.ts translates it.
 */

type Dataset = GoogleAppsScript.BigQuery.Schema.Dataset;
type Table = GoogleAppsScript.BigQuery.Schema.Table;
type Job = GoogleAppsScript.BigQuery.Schema.Job;
type Field = GoogleAppsScript.BigQuery.Schema.TableFieldSchema;
type ErrorProto = GoogleAppsScript.BigQuery.Schema.ErrorProto;
type QueryRequest = GoogleAppsScript.BigQuery.Schema.QueryRequest;
type QueryResponse = GoogleAppsScript.BigQuery.Schema.QueryResponse;

/** An advanced service request is one HTTP round trip to Google's API, priced as a UrlFetch in the cost table. */
export const BIGQUERY_REQUEST_MS = 300;

/** An error of the API: Apps Script turns it into an exception `API call to bigquery.<method> failed with error: …`. */
export class BigQueryApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (what: string) => new BigQueryApiError(404, `Not found: ${what}`);
const invalid = (message: string) => new BigQueryApiError(400, message);

/** BigQuery's types (legacy and standard names) → the name the API answers with, and the DuckDB column type. */
const TYPES: Readonly<Record<string, { api: string; duck: string }>> = {
  STRING: { api: 'STRING', duck: 'VARCHAR' },
  INTEGER: { api: 'INTEGER', duck: 'BIGINT' },
  INT64: { api: 'INTEGER', duck: 'BIGINT' },
  FLOAT: { api: 'FLOAT', duck: 'DOUBLE' },
  FLOAT64: { api: 'FLOAT', duck: 'DOUBLE' },
  BOOLEAN: { api: 'BOOLEAN', duck: 'BOOLEAN' },
  BOOL: { api: 'BOOLEAN', duck: 'BOOLEAN' },
  DATE: { api: 'DATE', duck: 'DATE' },
  TIMESTAMP: { api: 'TIMESTAMP', duck: 'TIMESTAMPTZ' },
};

const ID = /^[A-Za-z0-9_]{1,1024}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;
const JOB_ID = /^[A-Za-z0-9_-]{1,1024}$/;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const schemaName = (projectId: string, datasetId: string) => `${projectId}.${datasetId}`;
const tableName = (projectId: string, datasetId: string, tableId: string) => `${q(schemaName(projectId, datasetId))}.${q(tableId)}`;

function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function apiType(type: unknown, field: string): { api: string; duck: string } {
  const found = TYPES[String(type ?? 'STRING').toUpperCase()];
  if (!found) throw invalid(`Invalid field type ${String(type)} for field ${field} (the local emulation knows ${Object.keys(TYPES).join(', ')})`);
  return found;
}

/** A schema as the API keeps and answers it: legacy type names, mode NULLABLE unless given. */
function normalFields(fields: readonly Field[] | undefined): Field[] {
  const seen = new Set<string>();
  return (fields ?? []).map((f) => {
    const name = String(f.name ?? '');
    if (!FIELD.test(name))
      throw invalid(
        `Invalid field name "${name}". Fields must contain only letters, numbers, and underscores, start with a letter or underscore, and be at most 300 characters long.`,
      );
    if (seen.has(name.toLowerCase())) throw invalid(`Field ${name} already exists in schema`);
    seen.add(name.toLowerCase());
    const mode = String(f.mode ?? 'NULLABLE').toUpperCase();
    if (mode !== 'NULLABLE' && mode !== 'REQUIRED') throw invalid(`Field ${name}: mode ${mode} is not emulated locally (NULLABLE and REQUIRED are)`);
    return { name, type: apiType(f.type, name).api, mode, ...(f.description ? { description: f.description } : {}) };
  });
}

interface StoredTable {
  resource: Table;
  fields: Field[];
  partitionField: string | null;
}

/** The engine behind the service and the host-side helpers: one database file per state directory. */
export class BigQueryEngine {
  private readonly dir: string;
  private readonly file: string;

  constructor(state: StateDir) {
    this.dir = path.join(state.dir, 'bigquery');
    this.file = path.join(this.dir, 'bigquery.duckdb');
  }

  /** Opens the database for `work` (under the directory's mutex), with the catalog tables made when missing. */
  session<T>(work: (run: Run) => T): T {
    fs.mkdirSync(this.dir, { recursive: true });
    return withDuckDb(this.dir, this.file, (run) => {
      run('CREATE SCHEMA IF NOT EXISTS _bigquery');
      run('CREATE TABLE IF NOT EXISTS _bigquery.datasets (project VARCHAR, dataset VARCHAR, resource VARCHAR, PRIMARY KEY (project, dataset))');
      run(
        'CREATE TABLE IF NOT EXISTS _bigquery.tables (project VARCHAR, dataset VARCHAR, table_id VARCHAR, resource VARCHAR, PRIMARY KEY (project, dataset, table_id))',
      );
      run('CREATE TABLE IF NOT EXISTS _bigquery.jobs (project VARCHAR, job_id VARCHAR, resource VARCHAR, PRIMARY KEY (project, job_id))');
      return work(run);
    });
  }

  private dataset(run: Run, projectId: string, datasetId: string): Dataset {
    const found = run('SELECT resource FROM _bigquery.datasets WHERE project = ? AND dataset = ?', [projectId, datasetId]).rows[0];
    if (!found) throw notFound(`Dataset ${projectId}:${datasetId}`);
    return JSON.parse(String(found[0])) as Dataset;
  }

  private table(run: Run, projectId: string, datasetId: string, tableId: string): StoredTable | null {
    this.dataset(run, projectId, datasetId);
    const found = run('SELECT resource FROM _bigquery.tables WHERE project = ? AND dataset = ? AND table_id = ?', [projectId, datasetId, tableId])
      .rows[0];
    if (!found) return null;
    const resource = JSON.parse(String(found[0])) as Table;
    return { resource, fields: resource.schema?.fields ?? [], partitionField: resource.timePartitioning?.field ?? null };
  }

  private saveTable(run: Run, projectId: string, datasetId: string, tableId: string, resource: Table): void {
    run('INSERT OR REPLACE INTO _bigquery.tables VALUES (?, ?, ?, ?)', [projectId, datasetId, tableId, JSON.stringify(resource)]);
  }

  private createTable(run: Run, projectId: string, datasetId: string, resource: Table, now: number): Table {
    const tableId = String(resource.tableReference?.tableId ?? '');
    if (!ID.test(tableId))
      throw invalid(`Invalid table ID "${tableId}". Table IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long.`);
    if (this.table(run, projectId, datasetId, tableId)) throw new BigQueryApiError(409, `Already Exists: Table ${projectId}:${datasetId}.${tableId}`);
    const fields = normalFields(resource.schema?.fields);
    const partitioning = resource.timePartitioning;
    if (partitioning) {
      if (String(partitioning.type ?? 'DAY') !== 'DAY')
        throw invalid(`Partitioning type ${String(partitioning.type)} is not emulated locally (DAY is)`);
      const field = fields.find((f) => f.name === partitioning.field);
      if (!field || (field.type !== 'DATE' && field.type !== 'TIMESTAMP'))
        throw invalid(
          `The field specified for time partitioning can only be of type TIMESTAMP, DATE or DATETIME. The type found is: ${field?.type ?? 'missing'}.`,
        );
    }
    const columns = fields.map((f) => `${q(String(f.name))} ${apiType(f.type, String(f.name)).duck}`).join(', ');
    run(`CREATE TABLE ${tableName(projectId, datasetId, tableId)} (${columns})`);
    const stored: Table = {
      kind: 'bigquery#table',
      id: `${projectId}:${datasetId}.${tableId}`,
      tableReference: { projectId, datasetId, tableId },
      schema: { fields },
      ...(partitioning ? { timePartitioning: { type: 'DAY', ...(partitioning.field ? { field: partitioning.field } : {}) } } : {}),
      ...(resource.description ? { description: resource.description } : {}),
      creationTime: String(now),
      lastModifiedTime: String(now),
      type: 'TABLE',
      location: this.dataset(run, projectId, datasetId).location ?? 'US',
    };
    this.saveTable(run, projectId, datasetId, tableId, stored);
    return stored;
  }

  /** Adds `wanted`'s new fields to a table; a field dropped or retyped is refused, as BigQuery refuses it. */
  private evolve(run: Run, projectId: string, datasetId: string, tableId: string, table: StoredTable, wanted: Field[], allowAdd: boolean): Field[] {
    const where = `${projectId}:${datasetId}.${tableId}`;
    const byName = new Map(wanted.map((f) => [String(f.name).toLowerCase(), f]));
    for (const f of table.fields) {
      const next = byName.get(String(f.name).toLowerCase());
      if (next && next.type !== f.type)
        throw invalid(
          `Provided Schema does not match Table ${where}. Field ${String(f.name)} has changed type from ${String(f.type)} to ${String(next.type)}`,
        );
    }
    const known = new Set(table.fields.map((f) => String(f.name).toLowerCase()));
    const added = wanted.filter((f) => !known.has(String(f.name).toLowerCase()));
    if (added.length === 0) return table.fields;
    if (!allowAdd) throw invalid(`Provided Schema does not match Table ${where}. Cannot add fields (field: ${String(added[0]?.name)})`);
    const required = added.find((f) => f.mode === 'REQUIRED');
    if (required)
      throw invalid(
        `Provided Schema does not match Table ${where}. Cannot add required fields to an existing schema. (field: ${String(required.name)})`,
      );
    for (const f of added)
      run(`ALTER TABLE ${tableName(projectId, datasetId, tableId)} ADD COLUMN ${q(String(f.name))} ${apiType(f.type, String(f.name)).duck}`);
    const fields = [...table.fields, ...added];
    this.saveTable(run, projectId, datasetId, tableId, { ...table.resource, schema: { fields }, lastModifiedTime: String(Date.now()) });
    return fields;
  }

  datasetsGet(projectId: string, datasetId: string): Dataset {
    return this.session((run) => this.dataset(run, projectId, datasetId));
  }

  datasetsInsert(resource: Dataset, projectId: string, now: number): Dataset {
    const datasetId = String(resource.datasetReference?.datasetId ?? '');
    if (!ID.test(datasetId))
      throw invalid(
        `Invalid dataset ID "${datasetId}". Dataset IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long.`,
      );
    const refProject = resource.datasetReference?.projectId;
    if (refProject && refProject !== projectId)
      throw invalid(`Dataset reference project ${refProject} does not match the request's project ${projectId}`);
    return this.session((run) => {
      const exists = run('SELECT 1 FROM _bigquery.datasets WHERE project = ? AND dataset = ?', [projectId, datasetId]).rows.length > 0;
      if (exists) throw new BigQueryApiError(409, `Already Exists: Dataset ${projectId}:${datasetId}`);
      const stored: Dataset = {
        kind: 'bigquery#dataset',
        id: `${projectId}:${datasetId}`,
        datasetReference: { projectId, datasetId },
        location: resource.location ?? 'US',
        ...(resource.description ? { description: resource.description } : {}),
        creationTime: String(now),
        lastModifiedTime: String(now),
      };
      run(`CREATE SCHEMA IF NOT EXISTS ${q(schemaName(projectId, datasetId))}`);
      run('INSERT INTO _bigquery.datasets VALUES (?, ?, ?)', [projectId, datasetId, JSON.stringify(stored)]);
      return stored;
    });
  }

  tablesGet(projectId: string, datasetId: string, tableId: string): Table {
    return this.session((run) => {
      const table = this.table(run, projectId, datasetId, tableId);
      if (!table) throw notFound(`Table ${projectId}:${datasetId}.${tableId}`);
      const rows = run(`SELECT count(*) FROM ${tableName(projectId, datasetId, tableId)}`).rows[0]?.[0];
      return { ...table.resource, numRows: String(rows ?? '0') };
    });
  }

  tablesInsert(resource: Table, projectId: string, datasetId: string, now: number): Table {
    return this.session((run) => this.createTable(run, projectId, datasetId, resource, now));
  }

  /** Patch semantics: only what the resource carries changes; a schema must keep every field the table has. */
  tablesPatch(resource: Table, projectId: string, datasetId: string, tableId: string): Table {
    return this.session((run) => {
      const table = this.table(run, projectId, datasetId, tableId);
      if (!table) throw notFound(`Table ${projectId}:${datasetId}.${tableId}`);
      let fields = table.fields;
      if (resource.schema) {
        const wanted = normalFields(resource.schema.fields);
        const names = new Set(wanted.map((f) => String(f.name).toLowerCase()));
        const dropped = table.fields.find((f) => !names.has(String(f.name).toLowerCase()));
        if (dropped)
          throw invalid(
            `Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Field ${String(dropped.name)} is missing in new schema`,
          );
        fields = this.evolve(run, projectId, datasetId, tableId, table, wanted, true);
      }
      const next: Table = {
        ...table.resource,
        schema: { fields },
        ...(resource.description !== undefined ? { description: resource.description } : {}),
        lastModifiedTime: String(Date.now()),
      };
      this.saveTable(run, projectId, datasetId, tableId, next);
      return next;
    });
  }

  jobsGet(projectId: string, jobId: string, location: string | undefined): Job {
    return this.session((run) => {
      const found = run('SELECT resource FROM _bigquery.jobs WHERE project = ? AND job_id = ?', [projectId, jobId]).rows[0];
      const job = found ? (JSON.parse(String(found[0])) as Job) : null;
      const jobLocation = job?.jobReference?.location ?? 'US';
      // Jobs outside the US and EU multi-regions are found only with their location, as on Google's side.
      const located = location ? location.toLowerCase() === jobLocation.toLowerCase() : ['us', 'eu'].includes(jobLocation.toLowerCase());
      if (!job || !located) throw notFound(`Job ${projectId}:${location ?? 'US'}.${jobId}`);
      return job;
    });
  }

  /**
   * Starts a job. Only load jobs of newline-delimited JSON sent as media are emulated. The load is done at once
   * (its rows are in the table when Jobs.get next says DONE), but the answer says RUNNING, as BigQuery's does:
   * a caller must wait for the job before relying on it.
   */
  jobsInsert(resource: Job, projectId: string, media: Buffer | null, now: number, user: string): Job {
    const load = resource.configuration?.load;
    if (!load) throw invalid('Only load jobs are emulated locally: configuration.load is required');
    const jobId = resource.jobReference?.jobId ?? `job_${now.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    if (!JOB_ID.test(jobId))
      throw invalid(
        `Invalid job ID "${jobId}". Job IDs must be alphanumeric (plus underscores and dashes) and must be at most 1024 characters long.`,
      );
    const dest = load.destinationTable;
    if (!dest?.tableId || !dest.datasetId) throw invalid('Required parameter is missing: configuration.load.destinationTable');
    const format = String(load.sourceFormat ?? 'CSV').toUpperCase();
    if (format !== 'NEWLINE_DELIMITED_JSON') throw invalid(`Source format ${format} is not emulated locally (NEWLINE_DELIMITED_JSON is)`);
    if (load.sourceUris?.length) throw invalid('Loading from sourceUris is not emulated locally: send the data as media');
    if (!media) throw invalid('Load configuration must specify at least one source URI');
    return this.session((run) => {
      const destProject = dest.projectId ?? projectId;
      const datasetLocation = (() => {
        try {
          return this.dataset(run, destProject, dest.datasetId as string).location ?? 'US';
        } catch {
          return 'US';
        }
      })();
      const location = resource.jobReference?.location ?? datasetLocation;
      const taken = run('SELECT 1 FROM _bigquery.jobs WHERE project = ? AND job_id = ?', [projectId, jobId]).rows.length > 0;
      if (taken) throw new BigQueryApiError(409, `Already Exists: Job ${projectId}:${location}.${jobId}`);
      const job: Job = {
        kind: 'bigquery#job',
        id: `${projectId}:${location}.${jobId}`,
        jobReference: { projectId, jobId, location },
        configuration: { jobType: 'LOAD', load: plain(load) },
        user_email: user,
        statistics: { creationTime: String(now), startTime: String(now), endTime: String(now) },
      };
      let status: GoogleAppsScript.BigQuery.Schema.JobStatus;
      run('BEGIN TRANSACTION');
      try {
        const rows = this.load(run, load, destProject, media.toString('utf8'), now);
        run('COMMIT');
        status = { state: 'DONE' };
        job.statistics = { ...job.statistics, load: { outputRows: String(rows), inputFiles: '1', inputFileBytes: String(media.length) } };
      } catch (error) {
        run('ROLLBACK');
        if (!(error instanceof LoadFailure) && !(error instanceof BigQueryApiError)) throw error;
        const errors: ErrorProto[] = error instanceof LoadFailure ? error.errors : [{ reason: reasonOf(error.code), message: error.message }];
        status = {
          state: 'DONE',
          errorResult: error instanceof LoadFailure ? error.result : { reason: reasonOf(error.code), message: error.message },
          errors,
        };
      }
      run('INSERT INTO _bigquery.jobs VALUES (?, ?, ?)', [projectId, jobId, JSON.stringify({ ...job, status })]);
      return { ...job, status: { state: 'RUNNING' } };
    });
  }

  private load(run: Run, load: GoogleAppsScript.BigQuery.Schema.JobConfigurationLoad, projectId: string, text: string, now: number): number {
    const dest = load.destinationTable as GoogleAppsScript.BigQuery.Schema.TableReference;
    const datasetId = String(dest.datasetId);
    const [tableId, decorator] = String(dest.tableId).split('$') as [string, string | undefined];
    const where = `${projectId}:${datasetId}.${tableId}`;
    const disposition = String(load.writeDisposition ?? 'WRITE_APPEND');
    const updates = (load.schemaUpdateOptions ?? []).map(String);
    if (updates.length > 0 && !(disposition === 'WRITE_APPEND' || (disposition === 'WRITE_TRUNCATE' && decorator)))
      throw invalid(
        'Schema update options should only be specified with WRITE_APPEND disposition, or with WRITE_TRUNCATE disposition on a table partition.',
      );
    let table = this.table(run, projectId, datasetId, tableId);
    if (!table) {
      if (String(load.createDisposition ?? 'CREATE_IF_NEEDED') === 'CREATE_NEVER') throw notFound(`Table ${where}`);
      if (!load.schema?.fields?.length) throw invalid('No schema specified on job or table.');
      this.createTable(
        run,
        projectId,
        datasetId,
        {
          tableReference: { projectId, datasetId, tableId },
          schema: load.schema,
          ...(load.timePartitioning ? { timePartitioning: load.timePartitioning } : {}),
        },
        now,
      );
      table = this.table(run, projectId, datasetId, tableId) as StoredTable;
    } else if (load.schema?.fields?.length) {
      const fields = this.evolve(
        run,
        projectId,
        datasetId,
        tableId,
        table,
        normalFields(load.schema.fields),
        updates.includes('ALLOW_FIELD_ADDITION'),
      );
      table = { ...table, fields };
    }
    if (decorator !== undefined) {
      if (!/^\d{8}$/.test(decorator))
        throw invalid(`Invalid table ID "${tableId}$${decorator}". Partition decorators are $YYYYMMDD for daily partitioned tables.`);
      if (!table.partitionField) throw invalid(`Cannot write to the partition ${tableId}$${decorator}: ${where} is not partitioned by a column`);
    }
    const rows = parseRows(text, table.fields, load.ignoreUnknownValues === true);
    const fields = table.fields;
    if (decorator !== undefined) {
      const day = `${decorator.slice(0, 4)}-${decorator.slice(4, 6)}-${decorator.slice(6, 8)}`;
      const field = fields.find((f) => f.name === table?.partitionField) as Field;
      const strays = rows.filter((r) => partitionDay(r[field.name as string], String(field.type)) !== day);
      if (strays.length > 0) throw new LoadFailure(`Some rows belong to different partitions rather than destination partition ${decorator}`);
    }
    const target = tableName(projectId, datasetId, tableId);
    if (disposition === 'WRITE_TRUNCATE') {
      if (decorator !== undefined) {
        const day = `${decorator.slice(0, 4)}-${decorator.slice(4, 6)}-${decorator.slice(6, 8)}`;
        const field = fields.find((f) => f.name === table?.partitionField) as Field;
        const expr = field.type === 'TIMESTAMP' ? `CAST(timezone('UTC', ${q(String(field.name))}) AS DATE)` : q(String(field.name));
        run(`DELETE FROM ${target} WHERE ${expr} = CAST(? AS DATE)`, [day]);
      } else run(`DELETE FROM ${target}`);
    } else if (disposition === 'WRITE_EMPTY') {
      const count = Number(run(`SELECT count(*) FROM ${target}`).rows[0]?.[0] ?? 0);
      if (count > 0) throw new LoadFailure(`Already Exists: Table ${where}`, 'duplicate');
    } else if (disposition !== 'WRITE_APPEND') throw invalid(`Invalid value for writeDisposition: ${disposition}`);
    // One statement per block of rows: DuckDB takes a few thousand parameters at once without trouble.
    const columns = fields.map((f) => q(String(f.name))).join(', ');
    const casts = fields.map((f) => `CAST(? AS ${apiType(f.type, String(f.name)).duck})`).join(', ');
    const block = Math.max(1, Math.floor(2000 / Math.max(fields.length, 1)));
    for (let i = 0; i < rows.length; i += block) {
      const slice = rows.slice(i, i + block);
      run(
        `INSERT INTO ${target} (${columns}) VALUES ${slice.map(() => `(${casts})`).join(', ')}`,
        slice.flatMap((r) => fields.map((f) => r[String(f.name)] ?? null)),
      );
    }
    return rows.length;
  }

  /** Jobs.query: standard SQL, translated for DuckDB (bigQuerySql.ts), read-only. */
  query(request: QueryRequest, projectId: string, now: number): QueryResponse {
    if (request.useLegacySql !== false)
      throw invalid("Legacy SQL is not emulated locally: set useLegacySql to false (standard SQL), as the README's queries do");
    const sql = String(request.query ?? '');
    if (sql.trim() === '') throw invalid('Required parameter is missing: query');
    return this.session((run) => {
      const { text, tables } = bigQueryToDuckDb(sql, projectId);
      for (const t of tables) {
        const stored = this.table(run, t.projectId, t.datasetId, t.tableId);
        if (!stored) throw notFound(`Table ${t.projectId}:${t.datasetId}.${t.tableId}`);
      }
      let result;
      try {
        result = run(text);
      } catch (error) {
        if (error instanceof SqlError) throw invalid(`Syntax or semantic error in the query (DuckDB says: ${error.message})`);
        throw error;
      }
      const fields = result.columns.map((name, i) => ({ name, type: bigQueryTypeOf(result.types[i] ?? 'VARCHAR'), mode: 'NULLABLE' }));
      const jobId = `job_${now.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
      return {
        kind: 'bigquery#queryResponse',
        schema: { fields },
        jobReference: { projectId, jobId, location: request.location ?? 'US' },
        totalRows: String(result.rows.length),
        rows: result.rows.map((row) => ({
          f: row.map((v, i) => ({ v: cellText(v, fields[i]?.type ?? 'STRING') })),
        })) as unknown as QueryResponse['rows'],
        totalBytesProcessed: '0',
        jobComplete: true,
        cacheHit: false,
      };
    });
  }
}

class LoadFailure extends Error {
  readonly errors: ErrorProto[];
  readonly result: ErrorProto;
  constructor(detail: string, reason = 'invalid', rows?: number) {
    super(detail);
    this.errors = [{ reason, message: detail }];
    this.result =
      reason === 'invalid' && rows !== undefined
        ? {
            reason,
            message: `Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: ${rows}; errors: 1. Please look into the errors[] collection for more details.`,
          }
        : { reason, message: detail };
  }
}

function reasonOf(code: number): string {
  return code === 404 ? 'notFound' : code === 409 ? 'duplicate' : 'invalid';
}

/** A day of a partition field's value: a DATE as written, a TIMESTAMP by its UTC day, as BigQuery partitions. */
function partitionDay(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  return type === 'TIMESTAMP' ? new Date(String(value)).toISOString().slice(0, 10) : String(value);
}

const INT = /^[+-]?\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?\s*(?:Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Newline-delimited JSON read as BigQuery reads it: one object a line, each value converted to its field's type
 * (quoted numbers and booleans are accepted, as BigQuery accepts them), an unknown field refused unless
 * ignoreUnknownValues. The first bad row fails the whole load (maxBadRecords 0, the default).
 */
function parseRows(text: string, fields: readonly Field[], ignoreUnknown: boolean): Array<Record<string, string | null>> {
  const byName = new Map(fields.map((f) => [String(f.name).toLowerCase(), f]));
  const out: Array<Record<string, string | null>> = [];
  let position = 0;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const at = position;
    position += Buffer.byteLength(line, 'utf8') + 1;
    if (line.trim() === '') return;
    const fail = (detail: string): never => {
      throw new LoadFailure(
        `Error while reading data, error message: JSON parsing error in row starting at position ${at}: ${detail}`,
        'invalid',
        index + 1,
      );
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      fail('Parser terminated before end of string');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) fail('Expected a JSON object');
    const row: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      const field = byName.get(key.toLowerCase());
      if (!field) {
        if (ignoreUnknown) continue;
        fail(`No such field: ${key}.`);
      }
      row[String(field?.name)] = convert(value, field as Field, fail);
    }
    for (const f of fields) if (f.mode === 'REQUIRED' && (row[String(f.name)] ?? null) === null) fail(`Missing required field: ${String(f.name)}.`);
    out.push(row);
  });
  return out;
}

function convert(value: unknown, field: Field, fail: (detail: string) => never): string | null {
  if (value === null) return null;
  const name = String(field.name);
  const cannot = (kind: string): never =>
    fail(
      `Could not convert value '${typeof value === 'string' ? `string_value: "${value}"` : `${typeof value}_value: ${JSON.stringify(value)}`}' to ${kind}. Field: ${name}; Value: ${String(value)}`,
    );
  if (typeof value === 'object') return cannot(String(field.type).toLowerCase());
  switch (field.type) {
    case 'STRING':
      return typeof value === 'string' ? value : cannot('string');
    case 'INTEGER': {
      const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
      return INT.test(text) ? text : cannot('integer');
    }
    case 'FLOAT': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? String(n) : cannot('double');
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return String(value);
      return typeof value === 'string' && /^(true|false|1|0)$/i.test(value.trim()) ? String(/^(true|1)$/i.test(value.trim())) : cannot('bool');
    case 'DATE':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : cannot('date');
    case 'TIMESTAMP': {
      if (typeof value === 'number') return new Date(value * 1000).toISOString();
      if (typeof value !== 'string' || !TIMESTAMP.test(value.trim())) return cannot('timestamp');
      const t = value
        .trim()
        .replace(/\s*UTC$/i, 'Z')
        .replace(' ', 'T');
      const ms = Date.parse(/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(t) || !t.includes('T') ? t : `${t}Z`);
      return Number.isNaN(ms) ? cannot('timestamp') : new Date(ms).toISOString();
    }
    default:
      return cannot(String(field.type).toLowerCase());
  }
}

function bigQueryTypeOf(duck: string): string {
  const t = duck.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(t)) return 'INTEGER';
  if (/^(FLOAT|DOUBLE|DECIMAL.*)$/.test(t)) return 'FLOAT';
  if (t === 'BOOLEAN') return 'BOOLEAN';
  if (t === 'DATE') return 'DATE';
  if (t.startsWith('TIMESTAMP')) return 'TIMESTAMP';
  return 'STRING';
}

/** A value as the REST API writes it in `rows[].f[].v`: text, and a TIMESTAMP as seconds since the epoch. */
function cellText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'TIMESTAMP') {
    const ms = Date.parse(
      String(value)
        .replace(' ', 'T')
        .replace(/([+-]\d{2})$/, '$1:00'),
    );
    return Number.isNaN(ms) ? String(value) : (ms / 1000).toExponential().replace('e+', 'E').replace('e-', 'E-');
  }
  return String(value);
}

/** The service the script sees. Every request is counted as `BigQuery.<Collection>.<method>` and priced as one API round trip. */
export const bigQueryService: ServiceFactory = (exec) => {
  const engine = new BigQueryEngine(exec.state);
  const now = () => exec.now();
  const call = <T>(method: string, work: () => T): T => {
    try {
      return exec.realm.toScript(plain(work()));
    } catch (error) {
      if (!(error instanceof BigQueryApiError)) throw error;
      const exception = exec.realm.exception(`API call to bigquery.${method} failed with error: ${error.message}`);
      exception.name = 'GoogleJsonResponseException';
      throw exception;
    }
  };
  const str = (value: unknown, name: string): string => {
    if (typeof value !== 'string' || value === '') throw exec.realm.exception(`Invalid argument: ${name}`);
    return value;
  };
  const options = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const cost = { get: BIGQUERY_REQUEST_MS, insert: BIGQUERY_REQUEST_MS, patch: BIGQUERY_REQUEST_MS, query: BIGQUERY_REQUEST_MS };

  const Datasets = countedAs<GoogleAppsScript.BigQuery.Collection.DatasetsCollection>(
    exec,
    'BigQuery.Datasets',
    {
      get: (projectId: string, datasetId: string) =>
        call('datasets.get', () => engine.datasetsGet(str(projectId, 'projectId'), str(datasetId, 'datasetId'))),
      insert: (resource: Dataset, projectId: string) =>
        call('datasets.insert', () => engine.datasetsInsert(plain(resource), str(projectId, 'projectId'), now())),
    },
    cost,
  );
  const Tables = countedAs<GoogleAppsScript.BigQuery.Collection.TablesCollection>(
    exec,
    'BigQuery.Tables',
    {
      get: (projectId: string, datasetId: string, tableId: string) =>
        call('tables.get', () => engine.tablesGet(str(projectId, 'projectId'), str(datasetId, 'datasetId'), str(tableId, 'tableId'))),
      insert: (resource: Table, projectId: string, datasetId: string) =>
        call('tables.insert', () => engine.tablesInsert(plain(resource), str(projectId, 'projectId'), str(datasetId, 'datasetId'), now())),
      patch: (resource: Table, projectId: string, datasetId: string, tableId: string) =>
        call('tables.patch', () =>
          engine.tablesPatch(plain(resource), str(projectId, 'projectId'), str(datasetId, 'datasetId'), str(tableId, 'tableId')),
        ),
    },
    cost,
  );
  const Jobs = countedAs<GoogleAppsScript.BigQuery.Collection.JobsCollection>(
    exec,
    'BigQuery.Jobs',
    {
      get: (projectId: string, jobId: string, optionalArgs?: object) =>
        call('jobs.get', () => {
          const location = options(optionalArgs)['location'];
          return engine.jobsGet(str(projectId, 'projectId'), str(jobId, 'jobId'), typeof location === 'string' ? location : undefined);
        }),
      insert: (resource: Job, projectId: string, mediaData?: unknown) =>
        call('jobs.insert', () => {
          const media = mediaData === undefined ? null : blobData(mediaData);
          if (mediaData !== undefined && !media) throw exec.realm.exception('Invalid argument: mediaData');
          return engine.jobsInsert(plain(resource), str(projectId, 'projectId'), media ? media.bytes : null, now(), exec.userEmail);
        }),
      query: (resource: QueryRequest, projectId: string) =>
        call('jobs.query', () => engine.query(plain(resource), str(projectId, 'projectId'), now())),
    },
    cost,
  );
  return { BigQuery: emulated<GoogleAppsScript.BigQuery>('BigQuery', { Datasets, Tables, Jobs }, exec) };
};

/** Host side (tests, the CLI): a query on the state's BigQuery, as Jobs.query answers it, rows as objects. */
export function queryBigQuery(state: StateDir, projectId: string, sql: string): Array<Record<string, string | null>> {
  const answer = new BigQueryEngine(state).query({ query: sql, useLegacySql: false }, projectId, Date.now());
  const names = (answer.schema?.fields ?? []).map((f) => String(f.name));
  return (answer.rows ?? []).map((row) =>
    Object.fromEntries(names.map((n, i) => [n, ((row.f ?? [])[i] as { v?: unknown } | undefined)?.v as string | null])),
  );
}

/** Host side: the jobs run so far, oldest first (id, state, error). */
export function listBigQueryJobs(state: StateDir): Array<{ jobId: string; state: string; error: string | null; outputRows: number }> {
  return new BigQueryEngine(state).session((run) =>
    run('SELECT resource FROM _bigquery.jobs').rows.map((r) => {
      const job = JSON.parse(String(r[0])) as Job;
      return {
        jobId: String(job.jobReference?.jobId),
        state: String(job.status?.state),
        error: job.status?.errorResult?.message ?? null,
        outputRows: Number(job.statistics?.load?.outputRows ?? 0),
      };
    }),
  );
}
