import { bigQueryArchive, exportDailyFacts, type FactsState } from '../../src/app/bigQueryExport';
import { BigQueryValueError, digest, jsonValue } from '../../src/domain/bigQuery/rows';
import { bigQueryName, schemaChange, type BigQueryField } from '../../src/domain/bigQuery/schema';
import type { BigQueryPort, LoadRequest } from '../../src/platform/bigQuery';
import { ALL_BIGQUERY_TABLES, BIGQUERY_ARCHIVE_TABLES, BIGQUERY_FACT_TABLES } from '../../src/sheets/bigQueryTables';

const ctx = { dateKey: (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10) };
const field = (type: BigQueryField['type']): BigQueryField => ({ name: 'x', header: 'X', type });

/** A BigQuery that records the loads; `fail` decides which job ids fail. */
function fakeBigQuery(fail: (r: LoadRequest) => boolean = () => false) {
  const loads: LoadRequest[] = [];
  const seen = new Set<string>();
  const port: BigQueryPort = {
    config: { projectId: 'p-123456', datasetId: 'shinchoku', location: 'asia-northeast1' },
    name: 'p-123456:shinchoku',
    ensureDataset: () => 'exists',
    ensureTable: (spec) => ({ tableId: spec.tableId, status: 'exists', added: [], conflicts: [] }),
    loadAll: (requests) =>
      requests.map((request) => {
        if (fail(request)) return { request, jobId: request.jobId, state: 'failed' as const, error: 'boom' };
        const already = seen.has(request.jobId);
        seen.add(request.jobId);
        if (!already) loads.push(request);
        return { request, jobId: request.jobId, state: already ? ('already' as const) : ('loaded' as const) };
      }),
  };
  return { port, loads };
}

describe('BigQuery schemas from the sheet declarations', () => {
  test('names are the headers in snake_case; every declared column is a field, typed by its column type', () => {
    expect(['Number or SHA', 'Lead Time For Changes', 'PRs Merged', 'GitHub Events', '2nd'].map(bigQueryName)).toEqual([
      'number_or_sha',
      'lead_time_for_changes',
      'prs_merged',
      'github_events',
      '_2nd',
    ]);
    const events = BIGQUERY_ARCHIVE_TABLES.find((t) => t.sheet === 'GitHub Events');
    expect(events?.partitionField).toBe('received_at');
    expect(events?.fields.slice(0, 2)).toEqual([
      { name: 'received_at', type: 'TIMESTAMP', header: 'Received At' },
      { name: 'event', type: 'STRING', header: 'Event' },
    ]);
    const kpi = BIGQUERY_FACT_TABLES.find((t) => t.spec.tableId === 'kpi_tracking')?.spec;
    expect(kpi?.fields.find((f) => f.name === 'overall_progress')?.type).toBe('FLOAT64');
    expect(kpi?.fields.find((f) => f.name === 'blockers_count')?.type).toBe('INT64');
    expect(kpi?.partitionField).toBe('date');
    expect(ALL_BIGQUERY_TABLES.map((t) => t.tableId)).toEqual([
      'github_events',
      'gitlab_events',
      'outbox',
      'errors',
      'kpi_tracking',
      'github_metrics',
    ]);
  });

  test('a schema change adds the missing fields, keeps the table’s own, and reports a changed type', () => {
    const wanted: BigQueryField[] = [
      { name: 'a', type: 'INT64', header: 'A' },
      { name: 'b', type: 'STRING', header: 'B' },
      { name: 'c', type: 'DATE', header: 'C' },
    ];
    const change = schemaChange(
      [
        { name: 'a', type: 'INTEGER', mode: 'NULLABLE' },
        { name: 'b', type: 'FLOAT', mode: 'NULLABLE' },
        { name: 'mine', type: 'STRING' },
      ],
      wanted,
    );
    expect(change.add.map((f) => f.name)).toEqual(['c']);
    expect(change.conflicts).toEqual(["b is FLOAT64 in BigQuery but STRING in the sheet's declaration"]);
    expect(change.merged.map((f) => f.name)).toEqual(['a', 'b', 'mine', 'c']);
  });
});

describe('cells as BigQuery values', () => {
  test('converts what fits, refuses what does not with the column and the value', () => {
    expect(jsonValue(new Date('2026-01-05T00:30:00Z'), field('TIMESTAMP'), ctx)).toBe('2026-01-05T00:30:00.000Z');
    expect(jsonValue(new Date('2026-01-04T15:00:00Z'), field('DATE'), ctx)).toBe('2026-01-05');
    expect(jsonValue('2026-01-05', field('DATE'), ctx)).toBe('2026-01-05');
    expect(jsonValue(' 12 ', field('INT64'), ctx)).toBe(12);
    expect(jsonValue(0.25, field('FLOAT64'), ctx)).toBe(0.25);
    expect(jsonValue('TRUE', field('BOOL'), ctx)).toBe(true);
    expect(jsonValue('', field('INT64'), ctx)).toBeNull();
    expect(jsonValue(42, field('STRING'), ctx)).toBe('42');
    expect(() => jsonValue('n/a', field('FLOAT64'), ctx)).toThrow(new BigQueryValueError('column X holds "n/a", which is not a FLOAT64'));
    expect(() => jsonValue(1.5, field('INT64'), ctx)).toThrow(BigQueryValueError);
    expect(() => jsonValue('2026-01-05 10:00', field('TIMESTAMP'), ctx)).toThrow(BigQueryValueError);
  });

  test('the digest tells batches apart and is stable', () => {
    expect(digest(['ab', 'c'])).not.toBe(digest(['a', 'bc']));
    expect(digest(['x'])).toBe(digest(['x']));
    expect(digest(['x'])).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('the BigQuery archive', () => {
  const spec = BIGQUERY_ARCHIVE_TABLES.find((t) => t.sheet === 'Errors');
  const header = ['Time', 'Function', 'Message', 'Stack', 'ID', 'My Note'];
  const rows = [
    [new Date('2026-08-01T00:00:00Z'), 'syncGitHub', 'x', '', 'e1', 'ignored'],
    [new Date('2026-08-01T05:00:00Z'), 'syncGitHub', 'y', '', 'e2', ''],
    [new Date('2026-08-02T05:00:00Z'), 'processQueue', 'z', '', 'e3', ''],
  ];
  const keyOf = (row: unknown[]) => String(row[4]);

  test('one load job a day, ids from the batch; the same batch again adds nothing; a failure throws naming the table', () => {
    const { port, loads } = fakeBigQuery();
    const archive = bigQueryArchive({ bigQuery: port, tables: BIGQUERY_ARCHIVE_TABLES, ...ctx });
    expect(archive.append('Errors', 2026, header, rows, keyOf)).toBe(3);
    expect(loads.map((l) => [l.jobId.replace(/_[0-9a-f]{16}$/, ''), l.rows, l.replacePartition])).toEqual([
      ['shinchoku_archive_shinchoku_errors_20260801_2', 2, undefined],
      ['shinchoku_archive_shinchoku_errors_20260802_1', 1, undefined],
    ]);
    expect(loads[0]?.ndjson.split('\n')[0]).toBe('{"time":"2026-08-01T00:00:00.000Z","function":"syncGitHub","message":"x","stack":null,"id":"e1"}');
    expect(archive.append('Errors', 2026, header, rows, keyOf)).toBe(0);
    expect(loads).toHaveLength(2);
    expect(spec?.tableId).toBe('errors');

    const failing = fakeBigQuery((r) => r.jobId.includes('20260802')).port;
    expect(() => bigQueryArchive({ bigQuery: failing, tables: BIGQUERY_ARCHIVE_TABLES, ...ctx }).append('Errors', 2026, header, rows, keyOf)).toThrow(
      /BigQuery: loading Errors into p-123456:shinchoku\.errors failed \(job shinchoku_archive_shinchoku_errors_20260802_1_[0-9a-f]{16}\): boom/,
    );
  });
});

describe('the daily facts export', () => {
  const kpi = BIGQUERY_FACT_TABLES[0]?.spec;
  const row = (date: string, progress: number) => (f: BigQueryField) => (f.name === 'date' ? date : f.name === 'overall_progress' ? progress : null);
  const run = (port: BigQueryPort, state: FactsState | null, rows: Array<(f: BigQueryField) => unknown>, today: string, maxJobs = 60) => {
    let saved: FactsState | null = null;
    let error: Error | null = null;
    let outcome = null;
    try {
      outcome = exportDailyFacts({
        bigQuery: port,
        tables: () => [{ spec: kpi as NonNullable<typeof kpi>, rows }],
        state,
        saveState: (s) => (saved = JSON.parse(JSON.stringify(s)) as FactsState),
        today,
        windowDays: 3,
        maxJobs,
        ...ctx,
      });
    } catch (e) {
      error = e as Error;
    }
    return { outcome, saved: saved as unknown as FactsState, error };
  };

  test('history in one appending job, the window per partition, settled dates leave the record', () => {
    const { port, loads } = fakeBigQuery();
    const rows = [row('2026-01-01', 0.1), row('2026-01-02', 0.2), row('2026-01-04', 0.4), row('2026-01-05', 0.5), row('2026-01-09', 0.9)];
    const first = run(port, null, rows, '2026-01-05');
    expect(first.outcome).toEqual([
      { table: 'KPI Tracking', exported: ['2026-01-01–2026-01-02', '2026-01-04', '2026-01-05'], unchanged: 0, failed: [] },
    ]);
    expect(loads.map((l) => [l.rows, l.replacePartition])).toEqual([
      [2, undefined],
      [1, '20260104'],
      [1, '20260105'],
    ]);
    expect(first.saved.tables['kpi_tracking']?.through).toBe('2026-01-02');
    // Two days on: 01-04 and 01-05 compared, unchanged; 01-04 is settled now and leaves the record.
    const second = run(port, first.saved, rows, '2026-01-07');
    expect(second.outcome).toEqual([{ table: 'KPI Tracking', exported: [], unchanged: 2, failed: [] }]);
    expect(second.saved.tables['kpi_tracking']).toEqual({ through: '2026-01-04', recent: { '2026-01-05': expect.any(String) } });
  });

  test('a failed date is reported and keeps the record from moving past it', () => {
    const rows = [row('2026-01-04', 0.4), row('2026-01-05', 0.5)];
    const { port } = fakeBigQuery((r) => r.replacePartition === '20260104');
    const result = run(port, { target: 'p-123456:shinchoku', tables: { kpi_tracking: { through: '2026-01-03', recent: {} } } }, rows, '2026-01-07');
    expect(result.error?.message).toContain('BigQuery: loading KPI Tracking into p-123456:shinchoku.kpi_tracking failed');
    expect(result.saved.tables['kpi_tracking']).toEqual({ through: '2026-01-03', recent: { '2026-01-05': expect.any(String) } });
  });

  test('a cell BigQuery cannot take stops its date, with the row and column named', () => {
    const { port, loads } = fakeBigQuery();
    const bad = (f: BigQueryField) => (f.name === 'date' ? '2026-01-05' : f.name === 'overall_progress' ? 'n/a' : null);
    const result = run(port, null, [bad, row('2026-01-04', 0.4)], '2026-01-05');
    expect(result.error?.message).toBe('KPI Tracking row 2: column Overall Progress holds "n/a", which is not a FLOAT64');
    expect(loads.map((l) => l.replacePartition)).toEqual(['20260104']);
  });
});
