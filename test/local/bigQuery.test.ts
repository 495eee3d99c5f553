import { queryBigQuery, listBigQueryJobs } from '../../local/services/bigQuery';
import { bigQueryToDuckDb } from '../../local/services/bigQuerySql';
import { newState, runSnippet } from '../helpers/runtime';

/**
 * The emulated BigQuery advanced service against what BigQuery does: one snippet drives the API the way a script
 * does, and returns what each call answered or threw (error messages as Apps Script words them).
 */
const SNIPPET = `
  var P = 'proj-1', D = 'ds';
  function attempt(fn) { try { return { ok: fn() }; } catch (e) { return { error: String(e) }; } }
  function blob(lines) { return Utilities.newBlob(lines.map(function (l) { return JSON.stringify(l); }).join('\\n'), 'application/octet-stream'); }
  function load(id, table, lines, extra) {
    var load = { destinationTable: { projectId: P, datasetId: D, tableId: table }, sourceFormat: 'NEWLINE_DELIMITED_JSON' };
    for (var k in extra || {}) load[k] = extra[k];
    return BigQuery.Jobs.insert({ jobReference: { projectId: P, jobId: id, location: 'asia-northeast1' }, configuration: { load: load } }, P, blob(lines));
  }
  function status(id) { var j = BigQuery.Jobs.get(P, id, { location: 'asia-northeast1' }); return j.status; }
  function scenario() {
    var out = {};
    out.missingDataset = attempt(function () { return BigQuery.Datasets.get(P, D); });
    BigQuery.Datasets.insert({ datasetReference: { projectId: P, datasetId: D }, location: 'asia-northeast1' }, P);
    out.twice = attempt(function () { return BigQuery.Datasets.insert({ datasetReference: { projectId: P, datasetId: D } }, P); });
    out.missingTable = attempt(function () { return BigQuery.Tables.get(P, D, 'events'); });
    var fields = [{ name: 'ts', type: 'TIMESTAMP' }, { name: 'n', type: 'INT64' }, { name: 'name', type: 'STRING' }];
    out.created = BigQuery.Tables.insert({ tableReference: { projectId: P, datasetId: D, tableId: 'events' }, schema: { fields: fields }, timePartitioning: { type: 'DAY', field: 'ts' } }, P, D).schema.fields.map(function (f) { return f.type; });
    out.dropField = attempt(function () { return BigQuery.Tables.patch({ schema: { fields: fields.slice(1) } }, P, D, 'events'); });
    out.retype = attempt(function () { return BigQuery.Tables.patch({ schema: { fields: [fields[0], { name: 'n', type: 'STRING' }, fields[2]] } }, P, D, 'events'); });
    out.added = BigQuery.Tables.patch({ schema: { fields: fields.concat([{ name: 'ok', type: 'BOOL' }]) } }, P, D, 'events').schema.fields.length;
    out.started = load('j1', 'events', [{ ts: '2026-01-05T01:00:00Z', n: '3', name: 'a', ok: true }, { ts: '2026-01-06T01:00:00Z', n: 4, name: 'b' }]).status.state;
    out.done = status('j1');
    out.duplicate = attempt(function () { return load('j1', 'events', [{ ts: '2026-01-05T01:00:00Z' }]); });
    out.noLocation = attempt(function () { return BigQuery.Jobs.get(P, 'j1'); });
    load('j2', 'events', [{ ts: '2026-01-05T02:00:00Z', n: 'three' }]);
    out.badValue = status('j2');
    load('j3', 'events', [{ ts: '2026-01-05T02:00:00Z', extra: 1 }]);
    out.unknownField = status('j3');
    load('j4', 'events$20260105', [{ ts: '2026-01-05T03:00:00Z', n: 9 }], { writeDisposition: 'WRITE_TRUNCATE' });
    out.replaced = status('j4');
    load('j5', 'events$20260105', [{ ts: '2026-01-07T03:00:00Z', n: 9 }], { writeDisposition: 'WRITE_TRUNCATE' });
    out.stray = status('j5');
    load('j6', 'events', [{ ts: '2026-01-08T03:00:00Z', n: 1, label: 'x' }], { schema: { fields: fields.concat([{ name: 'label', type: 'STRING' }]) } });
    out.noAddition = status('j6');
    load('j7', 'newtable', [{ d: '2026-01-08' }], { schema: { fields: [{ name: 'd', type: 'DATE' }] }, createDisposition: 'CREATE_NEVER' });
    out.createNever = status('j7');
    out.legacy = attempt(function () { return BigQuery.Jobs.query({ query: 'SELECT 1' }, P); });
    out.queryMissing = attempt(function () { return BigQuery.Jobs.query({ query: 'SELECT * FROM \`proj-1.ds.nope\`', useLegacySql: false }, P); });
    var q = BigQuery.Jobs.query({ query: "SELECT n, name, ok, ts FROM \`proj-1.ds.events\` ORDER BY ts", useLegacySql: false }, P);
    out.query = { fields: q.schema.fields.map(function (f) { return f.name + ':' + f.type; }), rows: q.rows.map(function (r) { return r.f.map(function (c) { return c.v; }); }), total: q.totalRows, complete: q.jobComplete };
    return out;
  }`;

describe('BigQuery (local emulation on DuckDB)', () => {
  test('datasets, tables, load jobs and queries answer and fail as BigQuery does', () => {
    const state = newState();
    const result = runSnippet(state, SNIPPET, 'scenario');
    expect(result.error).toBeUndefined();
    const out = result.value as Record<string, unknown>;
    const api = (method: string, message: string) => ({
      error: `GoogleJsonResponseException: API call to bigquery.${method} failed with error: ${message}`,
    });
    expect(out['missingDataset']).toEqual(api('datasets.get', 'Not found: Dataset proj-1:ds'));
    expect(out['twice']).toEqual(api('datasets.insert', 'Already Exists: Dataset proj-1:ds'));
    expect(out['missingTable']).toEqual(api('tables.get', 'Not found: Table proj-1:ds.events'));
    expect(out['created']).toEqual(['TIMESTAMP', 'INTEGER', 'STRING']);
    expect(out['dropField']).toEqual(api('tables.patch', 'Provided Schema does not match Table proj-1:ds.events. Field ts is missing in new schema'));
    expect(out['retype']).toEqual(
      api('tables.patch', 'Provided Schema does not match Table proj-1:ds.events. Field n has changed type from INTEGER to STRING'),
    );
    expect(out['added']).toBe(4);
    expect(out['started']).toBe('RUNNING');
    expect(out['done']).toEqual({ state: 'DONE' });
    expect(out['duplicate']).toEqual(api('jobs.insert', 'Already Exists: Job proj-1:asia-northeast1.j1'));
    expect(out['noLocation']).toEqual(api('jobs.get', 'Not found: Job proj-1:US.j1'));
    expect(out['badValue']).toMatchObject({
      state: 'DONE',
      errorResult: { reason: 'invalid', message: expect.stringContaining('JSON table encountered too many errors, giving up. Rows: 1; errors: 1.') },
      errors: [{ message: expect.stringContaining('Could not convert value \'string_value: "three"\' to integer. Field: n; Value: three') }],
    });
    expect(out['unknownField']).toMatchObject({ errors: [{ message: expect.stringContaining('No such field: extra.') }] });
    expect(out['replaced']).toEqual({ state: 'DONE' });
    expect(out['stray']).toMatchObject({
      errorResult: { message: 'Some rows belong to different partitions rather than destination partition 20260105' },
    });
    expect(out['noAddition']).toMatchObject({
      errorResult: { message: 'Provided Schema does not match Table proj-1:ds.events. Cannot add fields (field: label)' },
    });
    expect(out['createNever']).toMatchObject({ errorResult: { reason: 'notFound', message: 'Not found: Table proj-1:ds.newtable' } });
    expect(out['legacy']).toEqual(
      api('jobs.query', "Legacy SQL is not emulated locally: set useLegacySql to false (standard SQL), as the README's queries do"),
    );
    expect(out['queryMissing']).toEqual(api('jobs.query', 'Not found: Table proj-1:ds.nope'));
    // j1's two rows, then j4 replaced 2026-01-05's partition with its one row; the failed jobs wrote nothing.
    expect(out['query']).toEqual({
      fields: ['n:INTEGER', 'name:STRING', 'ok:BOOLEAN', 'ts:TIMESTAMP'],
      rows: [
        ['9', null, null, '1.767582E9'],
        ['4', 'b', null, '1.7676612E9'],
      ],
      total: '2',
      complete: true,
    });
    expect(listBigQueryJobs(state).map((j) => [j.jobId, j.state, j.error === null])).toEqual([
      ['j1', 'DONE', true],
      ['j2', 'DONE', false],
      ['j3', 'DONE', false],
      ['j4', 'DONE', true],
      ['j5', 'DONE', false],
      ['j6', 'DONE', false],
      ['j7', 'DONE', false],
    ]);
    expect(result.stats.calls['BigQuery.Jobs']).toMatchObject({ insert: 8, get: 8, query: 3 });
    expect(queryBigQuery(state, 'proj-1', "SELECT DATE(ts, 'Asia/Tokyo') AS day FROM `ds.events` ORDER BY day")).toEqual([
      { day: '2026-01-05' },
      { day: '2026-01-06' },
    ]);
  });

  test('standard SQL is translated for DuckDB: backticked names, DATE with a time zone, DATE_SUB, SAFE_DIVIDE', () => {
    expect(bigQueryToDuckDb("SELECT DATE(t.at, 'Asia/Tokyo') AS d FROM `p-1.ds.tbl` t JOIN `ds.other` o ON TRUE", 'p-1')).toEqual({
      text: `SELECT CAST(timezone('Asia/Tokyo', t.at) AS DATE) AS d FROM "p-1.ds"."tbl" t JOIN "p-1.ds"."other" o ON TRUE`,
      tables: [
        { projectId: 'p-1', datasetId: 'ds', tableId: 'tbl' },
        { projectId: 'p-1', datasetId: 'ds', tableId: 'other' },
      ],
    });
    expect(bigQueryToDuckDb('SELECT SAFE_DIVIDE(SUM(a), COUNT(*)) FROM x WHERE d >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)', 'p').text).toBe(
      'SELECT (CAST(SUM(a) AS DOUBLE) / NULLIF(COUNT(*), 0)) FROM x WHERE d >= CAST((current_date) - INTERVAL 7 DAY AS DATE)',
    );
  });
});
