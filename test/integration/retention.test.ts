import { listCreatedSpreadsheets, dumpWorkbook, readWorkbookMeta } from '../../local/services/spreadsheet';
import { newApp, spreadsheetCalls, type TestApp } from '../helpers/app';
import { appendRows } from '../helpers/sheetRows';

const at = (local: string) => new Date(`${local}+09:00`);

function event(n: number, received: string, applied: string | null): Record<string, string> {
  return {
    'Received At': received,
    Event: 'push',
    Repository: 'acme/app',
    'Number or SHA': `sha${n}`,
    // As the table layer writes text: a leading apostrophe keeps it from being a formula.
    Title: n === 1 ? '\'=HYPERLINK("http://evil")' : `commit ${n}`,
    'Dedupe Key': `push:${n}`,
    'Applied At': applied ?? '',
  };
}

async function seeded(): Promise<TestApp> {
  const t = await newApp();
  const setup = t.app.run('setup', { at: at('2026-12-01T08:00:00') });
  expect(setup.error).toBeUndefined();
  return t;
}

const archiveOf = (t: TestApp, year: number) => {
  const file = listCreatedSpreadsheets(t.state()).find((f) => f.id === t.prop(`ARCHIVE_SPREADSHEET_${year}`));
  if (!file) throw new Error(`no archive spreadsheet for ${year}`);
  return { file, sheets: dumpWorkbook(t.state(), { spreadsheetId: file.id }) };
};

describe('archiveOldRows', () => {
  test('archives old applied events, sent messages and old errors by year, removes them in one block, keeps what a job needs', async () => {
    const t = await seeded();
    appendRows(t.state(), 'GitHub Events', [
      event(1, '2025-12-30 10:00', '2025-12-30 10:01'),
      event(2, '2026-01-02 10:00', '2026-01-02 10:01'),
      event(3, '2026-11-01 10:00', '2026-11-01 10:01'),
      event(4, '2026-11-20 10:00', '2026-11-20 10:01'), // applied 11 days before the run: stays
    ]);
    appendRows(t.state(), 'Outbox', [
      { Key: 'parent', Destination: 'slack', Status: 'sent', 'Created At': '2026-10-01 09:00', 'Sent At': '2026-10-01 09:00', Payload: '{}' },
      { Key: 'reply', Destination: 'slack', Status: 'pending', 'Created At': '2026-10-01 09:00', Payload: '{"threadOf":"parent"}' },
      { Key: 'old-sent', Destination: 'discord', Status: 'sent', 'Created At': '2026-10-02 09:00', 'Sent At': '2026-10-02 09:00', Payload: '{}' },
      { Key: 'failed', Destination: 'slack', Status: 'failed', 'Created At': '2026-10-03 09:00', Payload: '{}' },
    ]);
    appendRows(t.state(), 'Errors', [
      { Time: '2026-08-01 09:00', Function: 'syncGitHub', Message: 'old', ID: 'e1' },
      { Time: '2026-11-30 09:00', Function: 'syncGitHub', Message: 'recent', ID: 'e2' },
    ]);

    const run = t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({
      archive: 'spreadsheet',
      tables: [
        { sheet: 'GitHub Events', removed: 3, archived: 3, held: 0, more: false },
        { sheet: 'GitLab Events', removed: 0, archived: 0, held: 0, more: false },
        // The parent stays while its reply waits; the failed message stays for ERROR_RETENTION_DAYS.
        { sheet: 'Outbox', removed: 1, archived: 1, held: 2, more: false },
        { sheet: 'Errors', removed: 1, archived: 1, held: 0, more: false },
      ],
    });
    expect(
      t
        .sheet('GitHub Events')
        .slice(1)
        .map((r) => r[8]),
    ).toEqual(['push:4']);
    expect(
      t
        .sheet('Outbox')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['parent', 'reply', 'failed']);
    expect(
      t
        .sheet('Errors')
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(['e2']);

    // Each row went to the archive of the year it arrived in, header and all; text stays text.
    const y2025 = archiveOf(t, 2025);
    expect(y2025.file.name).toMatch(/アーカイブ 2025$/);
    expect(y2025.sheets['GitHub Events']?.[0]?.slice(0, 3)).toEqual(['Received At', 'Event', 'Action']);
    expect(y2025.sheets['GitHub Events']?.slice(1).map((r) => [r[6], r[8]])).toEqual([['=HYPERLINK("http://evil")', 'push:1']]);
    const y2026 = archiveOf(t, 2026).sheets;
    expect(y2026['GitHub Events']?.slice(1).map((r) => r[8])).toEqual(['push:2', 'push:3']);
    expect(y2026['Outbox']?.slice(1).map((r) => r[0])).toEqual(['old-sent']);
    expect(y2026['Errors']?.slice(1).map((r) => r[4])).toEqual(['e1']);
    expect(dumpWorkbook(t.state(), { spreadsheetId: archiveOf(t, 2025).file.id, formulas: true })['GitHub Events']?.[1]?.[6]).toBe(
      '=HYPERLINK("http://evil")',
    );

    // The first run also dropped the empty columns of every table's sheet (once: the second run looks at none).
    expect((run.value as { fitted: string[] }).fitted).toContain('GitHub Events');
    const meta = readWorkbookMeta(t.state()).sheets.find((x) => x.name === 'GitHub Events');
    expect(meta?.maxColumns).toBe(11);
    // A second run finds nothing to do, and adds nothing to the archive.
    const again = t.app.run('archiveOldRows', { at: at('2026-12-01T03:05:00') });
    expect((again.value as { tables: Array<{ removed: number }> }).tables.map((x) => x.removed)).toEqual([0, 0, 0, 0]);
    expect(archiveOf(t, 2026).sheets['GitHub Events']).toHaveLength(3);
    expect((again.value as { fitted: string[] }).fitted).toEqual([]);
    expect(listCreatedSpreadsheets(t.state())).toHaveLength(2);
  });

  test('an unapplied event among old ones is kept: the others are removed by one rewrite and one deletion', async () => {
    const t = await seeded();
    // The first run drops the sheets' empty columns (once); the figure below is a usual night's.
    t.app.run('archiveOldRows', { at: at('2026-12-01T02:00:00') });
    appendRows(t.state(), 'GitHub Events', [
      event(1, '2026-10-01 10:00', '2026-10-01 10:01'),
      event(2, '2026-10-02 10:00', null),
      event(3, '2026-10-03 10:00', '2026-10-03 10:01'),
      event(4, '2026-10-04 10:00', '2026-10-04 10:01'),
      event(5, '2026-11-30 10:00', '2026-11-30 10:01'),
    ]);
    const run = t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    expect(run.error).toBeUndefined();
    expect((run.value as { tables: unknown[] }).tables[0]).toEqual({ sheet: 'GitHub Events', removed: 3, archived: 3, held: 1, more: false });
    expect(
      t
        .sheet('GitHub Events')
        .slice(1)
        .map((r) => r[8]),
    ).toEqual(['push:2', 'push:5']);
    expect(
      archiveOf(t, 2026)
        .sheets['GitHub Events']?.slice(1)
        .map((r) => r[8]),
    ).toEqual(['push:1', 'push:3', 'push:4']);
    // Whole blocks: per table one read (GitLab Events' too, empty here), then the archive's few calls and at most
    // two on the workbook.
    const calls = run.stats.calls['SpreadsheetApp'] ?? {};
    expect(calls['Sheet.deleteRows']).toBe(1);
    expect(calls['Range.setValues']).toBe(3); // the archive's header, its rows, the kept rows moved up
    expect(spreadsheetCalls(run.stats)).toBeLessThanOrEqual(19);
  });

  test('a run that died after archiving adds nothing twice to the archive', async () => {
    const t = await seeded();
    appendRows(t.state(), 'Errors', [{ Time: '2026-01-10 09:00', Function: 'x', Message: 'old', ID: 'e1' }]);
    t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    // The same row again in the workbook, as if the deletion had not happened.
    appendRows(t.state(), 'Errors', [
      { Time: '2026-01-10 09:00', Function: 'x', Message: 'old', ID: 'e1' },
      { Time: '2026-01-11 09:00', Function: 'x', Message: 'old too', ID: 'e3' },
    ]);
    const run = t.app.run('archiveOldRows', { at: at('2026-12-01T04:00:00') });
    expect((run.value as { tables: Array<{ sheet: string }> }).tables.find((x) => x.sheet === 'Errors')).toEqual({
      sheet: 'Errors',
      removed: 2,
      archived: 1,
      held: 0,
      more: false,
    });
    expect(
      archiveOf(t, 2026)
        .sheets['Errors']?.slice(1)
        .map((r) => r[4]),
    ).toEqual(['e1', 'e3']);
  });

  test('RETENTION_DAYS is a setting with a clear error', async () => {
    const t = await seeded();
    appendRows(t.state(), 'Settings', [{ Key: 'RETENTION_DAYS', Value: 'two weeks' }]);
    const run = t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    expect(run.error?.message).toMatch(/RETENTION_DAYS is "two weeks", but it must be a whole number from 1 to 3650/);
  });
});
