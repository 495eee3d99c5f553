import { Table } from '../../src/sheets/table';
import { defineTable } from '../../src/sheets/schema';
import { MEMBERS } from '../../src/sheets/tables';

/** A fixed eight-column table, so these tests do not move when the product's tables grow. */
const KPI_TRACKING = defineTable({
  name: 'KPI Tracking',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true },
    { key: 'overallProgress', header: 'Overall Progress', type: 'percent' },
    { key: 'taskCompletionRate', header: 'Task Completion Rate', type: 'percent' },
    { key: 'qualityScore', header: 'Quality Score', type: 'score' },
    { key: 'teamSatisfaction', header: 'Team Satisfaction', type: 'score' },
    { key: 'blockersCount', header: 'Blockers Count', type: 'integer' },
    { key: 'codeReviewTime', header: 'Code Review Time', type: 'hours' },
    { key: 'deploySuccessRate', header: 'Deploy Success Rate', type: 'percent' },
  ],
  key: ['date'],
});
import { MemoryWorkbook } from '../helpers/memoryWorkbook';

const dateKey = (d: Date) => d.toISOString().slice(0, 10);
const day = (key: string) => new Date(`${key}T00:00:00Z`);
const HEADERS = KPI_TRACKING.columns.map((c) => c.header);

describe('Table', () => {
  test('creates a missing sheet with its headers, then appends with one write', () => {
    const wb = new MemoryWorkbook();
    const table = new Table(KPI_TRACKING, wb, { dateKey });
    const result = table.upsert([{ date: day('2026-01-05'), overallProgress: 0.5, blockersCount: 2 }]);
    expect(result).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(wb.rows('KPI Tracking')[0]).toEqual(HEADERS);
    expect(wb.rows('KPI Tracking')[1]).toEqual([day('2026-01-05'), 0.5, '', '', '', 2, '', '']);
    expect(wb.calls).toEqual(['insertSheet KPI Tracking', 'write KPI Tracking R1C1 1x8', 'format KPI Tracking', 'write KPI Tracking R2C1 1x8']);
  });

  test('maps columns by header, so reordered and extra columns keep their data', () => {
    const wb = new MemoryWorkbook();
    const shuffled = ['Notes', ...[...HEADERS].reverse()];
    wb.put('KPI Tracking', [shuffled, ['keep me', 0.9, 1, 3, 4, 4.5, 0.8, 0.7, day('2026-01-05')]]);
    const table = new Table(KPI_TRACKING, wb, { dateKey });
    const view = table.read();
    expect(view.rows[0]?.record).toMatchObject({ date: day('2026-01-05'), overallProgress: 0.7, deploySuccessRate: 0.9 });
    table.upsert([{ date: day('2026-01-05'), overallProgress: 0.75 }]);
    expect(wb.rows('KPI Tracking')[1]).toEqual(['keep me', 0.9, 1, 3, 4, 4.5, 0.8, 0.75, day('2026-01-05')]);
    // One read, one write of the eight schema columns only (B:I), never column A.
    expect(wb.calls).toEqual(['readAll KPI Tracking', 'write KPI Tracking R2C2 1x8']);
  });

  test('the same records twice change nothing the second time', () => {
    const wb = new MemoryWorkbook();
    const table = () => new Table(KPI_TRACKING, wb, { dateKey });
    const records = [
      { date: day('2026-01-05'), overallProgress: 0.5 },
      { date: day('2026-01-06'), overallProgress: 0.6 },
    ];
    expect(table().upsert(records)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const writes = wb.calls.length;
    expect(table().upsert(records)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(wb.calls.length).toBe(writes + 1); // the read only
    expect(wb.rows('KPI Tracking')).toHaveLength(3);
  });

  test('adds missing headers after the last one without moving data', () => {
    const wb = new MemoryWorkbook();
    wb.put('Members', [
      ['Name', 'Email', 'Team'],
      ['Ann', 'ann@example.com', 'core'],
    ]);
    const table = new Table(MEMBERS, wb, { dateKey });
    const added = ['Slack User ID', 'GitHub Login', 'Active', 'GitLab Username', 'Discord User ID', 'Time Zone', 'Calendar', 'Holiday Calendar'];
    expect(table.ensure()).toEqual({ createdSheet: false, addedHeaders: added });
    expect(wb.rows('Members')).toEqual([
      ['Name', 'Email', 'Team', ...added],
      ['Ann', 'ann@example.com', 'core'],
    ]);
  });

  test('appends below the last keyed row, not below stray content further down', () => {
    const wb = new MemoryWorkbook();
    wb.put('Members', [
      ['Name', 'Email', 'Slack User ID', 'GitHub Login', 'Active'],
      ['Ann', '', '', '', true],
      ['', 'a note', '', '', ''],
    ]);
    new Table(MEMBERS, wb, { dateKey }).upsert([{ name: 'Bob' }]);
    expect(wb.rows('Members')[2]?.[0]).toBe('Bob');
    expect(wb.rows('Members')[2]?.[1]).toBe('');
  });

  test('strings from outside are written so Sheets keeps them as text', () => {
    const wb = new MemoryWorkbook();
    const writes: unknown[] = [];
    const grid = wb.createGrid('Members');
    const spy = {
      ...grid,
      write: (r: number, c: number, v: unknown[][]) => {
        writes.push(...v.flat());
        grid.write(r, c, v as never);
      },
    };
    const table = new Table(MEMBERS, { grid: () => spy, createGrid: () => spy }, { dateKey });
    table.upsert([{ name: '=IMPORTXML("http://x","//a")' }, { name: '+81 3' }, { name: '@here' }, { name: '2026-01-05' }, { name: 'Plain' }]);
    expect(writes).toEqual(expect.arrayContaining(['\'=IMPORTXML("http://x","//a")', "'+81 3", "'@here", "'2026-01-05", 'Plain']));
    expect(
      wb
        .rows('Members')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['=IMPORTXML("http://x","//a")', '+81 3', '@here', '2026-01-05', 'Plain']);
  });

  test('refuses a record without its key', () => {
    const table = new Table(KPI_TRACKING, new MemoryWorkbook(), { dateKey });
    expect(() => table.upsert([{ overallProgress: 0.1 }])).toThrow('a row without Date');
  });
});
