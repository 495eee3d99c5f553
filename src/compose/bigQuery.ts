import { bigQuerySetupLines, exportDailyFacts, prepareBigQuery, type FactsOutcome, type FactsState } from '../app/bigQueryExport';
import { bigQueryText } from '../domain/bigQuery/messages';
import { ConfigError } from '../domain/errors';
import type { Language } from '../domain/messages';
import { bigQueryService, type BigQueryPort } from '../platform/bigQuery';
import { ARCHIVE_TARGET, BIGQUERY_DATASET, BIGQUERY_LOCATION, BIGQUERY_PROJECT_ID } from '../settings/bigQuery';
import type { Settings } from '../settings/spec';
import { ALL_BIGQUERY_TABLES, BIGQUERY_FACT_TABLES } from '../sheets/bigQueryTables';
import { executionContext, type ExecutionContext } from './context';

/** The BigQuery archive's wiring: the client from Settings, setup's step, the nightly export of the daily facts. */

/** What the facts export remembers (JSON; src/app/bigQueryExport.ts ▸ FactsState). */
export const BIGQUERY_FACTS_PROPERTY = 'BIGQUERY_FACTS';
/** Days a date's facts are compared and re-exported: a KPI typed late, a week's metrics recomputed by later syncs. */
const FACTS_WINDOW_DAYS = 35;
/** Load jobs of one night's facts export at most (a first export's history is a few of them). */
const FACTS_MAX_JOBS = 60;

export function bigQueryChosen(settings: Settings): boolean {
  return settings.get(ARCHIVE_TARGET) === 'bigquery';
}

export function bigQueryFrom(settings: Settings): BigQueryPort {
  const projectId = settings.get(BIGQUERY_PROJECT_ID);
  if (projectId === '')
    throw new ConfigError('Settings: ARCHIVE_TARGET is bigquery but BIGQUERY_PROJECT_ID is empty: put the Google Cloud project ID there');
  return bigQueryService({ projectId, datasetId: settings.get(BIGQUERY_DATASET), location: settings.get(BIGQUERY_LOCATION) });
}

/**
 * Setup's BigQuery step (and its live check): when BigQuery is chosen, the dataset and tables are made or given
 * the columns declared since. A failure is said in setup's message and does not stop the rest of setup.
 */
export function bigQuerySetupStep(language: Language): { report: unknown; lines: string[] } {
  const settings = executionContext({ settings: 'fresh' }).settings();
  if (!bigQueryChosen(settings)) return { report: null, lines: [] };
  if (settings.get(BIGQUERY_PROJECT_ID) === '') return { report: null, lines: [bigQueryText('setupNoProject', language)] };
  const dataset = `${settings.get(BIGQUERY_PROJECT_ID)}:${settings.get(BIGQUERY_DATASET)}`;
  try {
    const bigQuery = bigQueryFrom(settings);
    const report = prepareBigQuery(bigQuery, ALL_BIGQUERY_TABLES);
    return { report, lines: bigQuerySetupLines(bigQuery, report, language) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { report: { error: message }, lines: [bigQueryText('setupUnreachable', language, { dataset, error: message })] };
  }
}

/** The nightly export of KPI Tracking and GitHub Metrics, after the archive. */
export function exportFactsJob(ctx: ExecutionContext, bigQuery: BigQueryPort): FactsOutcome[] {
  const calendar = ctx.calendar();
  return exportDailyFacts({
    bigQuery,
    dateKey: (d) => calendar.dateKey(d),
    today: calendar.dateKey(ctx.now),
    windowDays: FACTS_WINDOW_DAYS,
    maxJobs: FACTS_MAX_JOBS,
    state: parseState(ctx.properties()[BIGQUERY_FACTS_PROPERTY]),
    saveState: (state) => ctx.propertyStore.set({ [BIGQUERY_FACTS_PROPERTY]: JSON.stringify(state) }),
    tables: () =>
      BIGQUERY_FACT_TABLES.flatMap(({ schema, spec }) => {
        if (!ctx.workbook().grid(schema.name)) return [];
        const keyOf = new Map(schema.columns.map((c) => [c.header, c.key]));
        const view = ctx.table(schema).read();
        return [
          {
            spec,
            rows: view.rows.map((r) => (field: { header: string }) => {
              const key = keyOf.get(field.header);
              return key === undefined ? undefined : (r.record as Record<string, unknown>)[key];
            }),
          },
        ];
      }),
  });
}

function parseState(text: string | undefined): FactsState | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as FactsState;
    return parsed && typeof parsed === 'object' && typeof parsed.target === 'string' && parsed.tables ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The health answer's archive section: where archived rows go and, for BigQuery, the latest date of each fact
 * table sent. Read from Settings and the record the export keeps: no BigQuery call (setup checks reachability).
 */
export function archiveHealthSection(ctx: ExecutionContext): Record<string, unknown> {
  const settings = ctx.settings();
  if (!bigQueryChosen(settings)) return { target: 'spreadsheet' };
  const state = parseState(ctx.properties()[BIGQUERY_FACTS_PROPERTY]);
  const latest: Record<string, string | null> = {};
  for (const { spec } of BIGQUERY_FACT_TABLES) {
    const record = state?.tables[spec.tableId];
    const dates = [record?.through ?? '', ...Object.keys(record?.recent ?? {})].filter((d) => d !== '').sort();
    latest[spec.tableId] = dates[dates.length - 1] ?? null;
  }
  return { target: 'bigquery', dataset: `${settings.get(BIGQUERY_PROJECT_ID)}:${settings.get(BIGQUERY_DATASET)}`, factsExportedThrough: latest };
}
