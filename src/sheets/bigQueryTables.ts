import { bigQueryName, type BigQueryTableSpec, type BigQueryType } from '../domain/bigQuery/schema';
import { GITHUB_METRICS } from './githubTables';
import { RAW_TABLES } from './rawTables';
import type { ColumnType, TableSchema } from './schema';
import { ALL_TABLES, KPI_TRACKING } from './tables';

/**
 * The BigQuery tables (README ▸ Retention and the archive ▸ BigQuery), derived from the sheet declarations so
 * the schemas are declared once: a column added to a sheet's declaration is added to its BigQuery table by setup
 * and by the next load. Names are the sheet's in snake_case (`GitHub Events` → `github_events`, `Dedupe Key` →
 * `dedupe_key`); columns people added to a sheet themselves are not sent.
 */

const TYPE: Record<ColumnType, BigQueryType> = {
  text: 'STRING',
  number: 'FLOAT64',
  integer: 'INT64',
  percent: 'FLOAT64',
  score: 'FLOAT64',
  hours: 'FLOAT64',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  boolean: 'BOOL',
};

export function bigQueryTableOf(schema: TableSchema, partitionHeader: string, description: string): BigQueryTableSpec {
  const partition = schema.columns.find((c) => c.header === partitionHeader);
  if (!partition || (partition.type !== 'date' && partition.type !== 'datetime'))
    throw new Error(`table ${schema.name}: ${partitionHeader} is not a date or datetime column to partition by`);
  return {
    sheet: schema.name,
    tableId: bigQueryName(schema.name),
    fields: schema.columns.map((c) => ({ name: bigQueryName(c.header), type: TYPE[c.type], header: c.header })),
    partitionField: bigQueryName(partition.header),
    description,
  };
}

/** The raw tables the retention job archives, partitioned by the day each row arrived (or was made). */
export const BIGQUERY_ARCHIVE_TABLES: readonly BigQueryTableSpec[] = RAW_TABLES.flatMap((rule) => {
  const schema = ALL_TABLES.find((t) => t.name === rule.sheet);
  return schema ? [bigQueryTableOf(schema, rule.yearHeader, `shinchoku: ${rule.sheet} rows archived by archiveOldRows`)] : [];
});

/**
 * The daily facts exported every night, one partition a day (by the column named here): the KPI rows, and the
 * development and DORA metrics (daily periods, and each ISO week's row in its Monday's partition). A daily table
 * added to the workbook is exported once it is listed here.
 */
export const BIGQUERY_FACT_TABLES: ReadonlyArray<{ schema: TableSchema; dateHeader: string; spec: BigQueryTableSpec }> = [
  { schema: KPI_TRACKING, dateHeader: 'Date' },
  { schema: GITHUB_METRICS, dateHeader: 'Start' },
].map((t) => ({ ...t, spec: bigQueryTableOf(t.schema, t.dateHeader, `shinchoku: ${t.schema.name}, one partition a day`) }));

export const ALL_BIGQUERY_TABLES: readonly BigQueryTableSpec[] = [...BIGQUERY_ARCHIVE_TABLES, ...BIGQUERY_FACT_TABLES.map((t) => t.spec)];
