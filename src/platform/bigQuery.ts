import { ConfigError } from '../domain/errors';
import { fieldResource, schemaChange, type BigQueryTableSpec } from '../domain/bigQuery/schema';

/**
 * The BigQuery advanced service (the only file that touches the `BigQuery` global). The service is in the
 * manifest only in builds made with SHINCHOKU_BIGQUERY=1 (README ▸ BigQuery): without it the global is missing,
 * and every call says how to turn it on.
 */

export interface BigQueryConfig {
  projectId: string;
  datasetId: string;
  location: string;
}

export interface LoadRequest {
  spec: BigQueryTableSpec;
  /** Newline-delimited JSON, one row a line. */
  ndjson: string;
  rows: number;
  /** Deterministic, from the batch: the same batch loaded twice is the same job, which BigQuery refuses (409). */
  jobId: string;
  /** `YYYYMMDD`: the load replaces that day's partition (WRITE_TRUNCATE on `table$YYYYMMDD`); otherwise it appends. */
  replacePartition?: string;
}

export interface LoadOutcome {
  request: LoadRequest;
  /** The id of the job that holds the rows (a retry of a failed batch has an attempt suffix). */
  jobId: string;
  /** `loaded` now, `already` by an earlier run (the job id was taken by a job that succeeded), or `failed`. */
  state: 'loaded' | 'already' | 'failed';
  error?: string;
}

export interface TableOutcome {
  tableId: string;
  status: 'exists' | 'created' | 'updated';
  added: string[];
  conflicts: string[];
}

export interface BigQueryPort {
  readonly config: BigQueryConfig;
  /** `project:dataset`, as BigQuery names it in messages. */
  readonly name: string;
  ensureDataset(): 'exists' | 'created';
  ensureTable(spec: BigQueryTableSpec): TableOutcome;
  /** Starts every load, then waits for them together (they run in parallel on BigQuery's side). */
  loadAll(requests: readonly LoadRequest[]): LoadOutcome[];
}

/** How long the loads of one run are waited for; a job still running then is found by its id the next run. */
const WAIT_MS = 90_000;
const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 8_000;
/** A failed job's id cannot be reused, so a batch is retried under `<id>_a2`, `<id>_a3`…; past this, a person looks. */
const MAX_ATTEMPTS = 30;

type Api = NonNullable<typeof BigQuery>;
type Job = GoogleAppsScript.BigQuery.Schema.Job;

function api(): Api {
  if (typeof BigQuery === 'undefined' || !BigQuery)
    throw new ConfigError(
      'ARCHIVE_TARGET is bigquery, but the BigQuery advanced service is not enabled: deploy a build made with SHINCHOKU_BIGQUERY=1 (README ▸ BigQuery), or set ARCHIVE_TARGET back to spreadsheet',
    );
  return BigQuery;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const notFound = (error: unknown) => /Not found:/i.test(messageOf(error));
const alreadyExists = (error: unknown) => /Already Exists:/i.test(messageOf(error));

function jobError(job: Job): string | null {
  const status = job.status;
  if (!status?.errorResult) return null;
  const details = (status.errors ?? [])
    .map((e) => e.message ?? '')
    .filter((m) => m !== '' && m !== status.errorResult?.message)
    .slice(0, 3);
  return [status.errorResult.message ?? status.errorResult.reason ?? 'failed', ...details].join('; ');
}

export function bigQueryService(config: BigQueryConfig): BigQueryPort {
  const { projectId, datasetId, location } = config;
  // Said at once, not at the first load: a run with nothing to archive must still tell that the build lacks it.
  api();
  const name = `${projectId}:${datasetId}`;
  const getJob = (jobId: string): Job => api().Jobs.get(projectId, jobId, { location });

  const insert = (request: LoadRequest, jobId: string): Job => {
    const { spec } = request;
    const job: Job = {
      jobReference: { projectId, jobId, location },
      configuration: {
        load: {
          destinationTable: {
            projectId,
            datasetId,
            tableId: request.replacePartition ? `${spec.tableId}$${request.replacePartition}` : spec.tableId,
          },
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          // The table is made by the first load when setup has not made it; fields declared since are added.
          schema: { fields: spec.fields.map(fieldResource) },
          schemaUpdateOptions: ['ALLOW_FIELD_ADDITION'],
          createDisposition: 'CREATE_IF_NEEDED',
          writeDisposition: request.replacePartition ? 'WRITE_TRUNCATE' : 'WRITE_APPEND',
          timePartitioning: { type: 'DAY', field: spec.partitionField },
        },
      },
    };
    return api().Jobs.insert(job, projectId, Utilities.newBlob(request.ndjson, 'application/octet-stream'));
  };

  /** Starts a batch: its first free attempt id, or the earlier job that holds it already (or is loading it). */
  const start = (request: LoadRequest): { jobId: string; job: Job; earlier: boolean } | { jobId: string; error: string } => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const jobId = attempt <= 1 ? request.jobId : `${request.jobId}_a${attempt}`;
      try {
        return { jobId, job: insert(request, jobId), earlier: false };
      } catch (error) {
        if (!alreadyExists(error)) return { jobId, error: messageOf(error) };
        const earlier = getJob(jobId);
        // A job that failed keeps its id: the batch goes again under the next attempt's id.
        if (earlier.status?.state === 'DONE' && jobError(earlier)) continue;
        return { jobId, job: earlier, earlier: true };
      }
    }
    return { jobId: request.jobId, error: `${MAX_ATTEMPTS} attempts failed; see the jobs ${request.jobId}… in BigQuery's job history` };
  };

  return {
    config,
    name,
    ensureDataset() {
      try {
        api().Datasets.get(projectId, datasetId);
        return 'exists';
      } catch (error) {
        if (!notFound(error)) throw error;
      }
      api().Datasets.insert(
        { datasetReference: { projectId, datasetId }, location, description: 'shinchoku: archived rows and daily facts (README ▸ BigQuery)' },
        projectId,
      );
      return 'created';
    },
    ensureTable(spec) {
      let table: GoogleAppsScript.BigQuery.Schema.Table;
      try {
        table = api().Tables.get(projectId, datasetId, spec.tableId);
      } catch (error) {
        if (!notFound(error)) throw error;
        api().Tables.insert(
          {
            tableReference: { projectId, datasetId, tableId: spec.tableId },
            description: spec.description,
            schema: { fields: spec.fields.map(fieldResource) },
            timePartitioning: { type: 'DAY', field: spec.partitionField },
          },
          projectId,
          datasetId,
        );
        return { tableId: spec.tableId, status: 'created', added: spec.fields.map((f) => f.name), conflicts: [] };
      }
      const change = schemaChange(table.schema?.fields ?? [], spec.fields);
      if (change.add.length === 0) return { tableId: spec.tableId, status: 'exists', added: [], conflicts: change.conflicts };
      // A patch must list every field the table keeps: the table's own, then the added ones (never dropping any).
      api().Tables.patch({ schema: { fields: change.merged } }, projectId, datasetId, spec.tableId);
      return { tableId: spec.tableId, status: 'updated', added: change.add.map((f) => f.name), conflicts: change.conflicts };
    },
    loadAll(requests) {
      const outcomes: LoadOutcome[] = [];
      const waiting: Array<{ outcome: LoadOutcome; earlier: boolean }> = [];
      for (const request of requests) {
        const started = start(request);
        if ('error' in started) {
          outcomes.push({ request, jobId: started.jobId, state: 'failed', error: started.error });
          continue;
        }
        const outcome: LoadOutcome = { request, jobId: started.jobId, state: 'loaded' };
        outcomes.push(outcome);
        if (started.job.status?.state === 'DONE') settle(outcome, started.job, started.earlier);
        else waiting.push({ outcome, earlier: started.earlier });
      }
      let waited = 0;
      let pause = FIRST_POLL_MS;
      while (waiting.length > 0) {
        if (waited >= WAIT_MS) {
          for (const { outcome } of waiting.splice(0)) {
            outcome.state = 'failed';
            outcome.error = `job ${outcome.jobId} still running after ${WAIT_MS / 1000} s; the next run finds it by its id`;
          }
          break;
        }
        Utilities.sleep(pause);
        waited += pause;
        pause = Math.min(pause * 2, MAX_POLL_MS);
        for (let i = waiting.length - 1; i >= 0; i--) {
          const item = waiting[i] as { outcome: LoadOutcome; earlier: boolean };
          const job = getJob(item.outcome.jobId);
          if (job.status?.state !== 'DONE') continue;
          settle(item.outcome, job, item.earlier);
          waiting.splice(i, 1);
        }
      }
      return outcomes;
    },
  };
}

function settle(outcome: LoadOutcome, job: Job, earlier: boolean): void {
  const error = jobError(job);
  if (error) {
    outcome.state = 'failed';
    outcome.error = error;
  } else outcome.state = earlier ? 'already' : 'loaded';
}
