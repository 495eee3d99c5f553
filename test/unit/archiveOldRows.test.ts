import { archiveOldRows, type ArchiveDeps } from '../../src/app/archiveOldRows';
import { ConfigError } from '../../src/domain/errors';
import type { RetentionRule } from '../../src/domain/retention';
import type { Archive } from '../../src/platform/archive';
import type { RawSheet } from '../../src/platform/rawSheets';

/**
 * The retention job with in-memory ports: the archive written outside the script lock, the removal under it on a
 * fresh read, and a table that fails leaving the others to go on.
 */
const NOW = new Date('2026-12-01T03:00:00Z');
const ERRORS: RetentionRule = { sheet: 'Errors', kind: 'errors', yearHeader: 'Time', keyHeaders: ['ID'] };
const OTHER: RetentionRule = { sheet: 'Other Errors', kind: 'errors', yearHeader: 'Time', keyHeaders: ['ID'] };
const HEADER = ['Time', 'Message', 'ID'];
const old = (id: string, day = 10) => [new Date(Date.UTC(2026, 0, day)), `old ${id}`, id];
const recent = (id: string) => [new Date('2026-11-30T00:00:00Z'), `recent ${id}`, id];

function memorySheet(rows: unknown[][]): RawSheet & { rows: unknown[][] } {
  const sheet = {
    rows,
    readAll: () => sheet.rows.map((r) => [...r]),
    write(row: number, values: unknown[][]) {
      values.forEach((v, i) => (sheet.rows[row - 1 + i] = [...v]));
    },
    deleteRows(row: number, count: number) {
      sheet.rows.splice(row - 1, count);
    },
  };
  return sheet;
}

function setup(tables: Record<string, unknown[][]>, options: { beforeLocked?: () => void; failing?: Record<string, Error> } = {}) {
  const sheets = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, memorySheet(rows)]));
  const events: string[] = [];
  let inLock = false;
  const archived: Record<string, unknown[][]> = {};
  const archive: Archive = {
    kind: 'memory',
    append(table, _year, _header, rows, keyOf) {
      events.push(`append ${table}${inLock ? ' (locked)' : ''}`);
      const failure = options.failing?.[table];
      if (failure) throw failure;
      const into = (archived[table] ??= []);
      const known = new Set(into.map(keyOf));
      const fresh = rows.filter((r) => !known.has(keyOf(r)));
      into.push(...fresh);
      return fresh.length;
    },
  };
  const deps: ArchiveDeps = {
    sheet: (name) => {
      const sheet = sheets[name];
      if (!sheet) return null;
      return {
        readAll: () => sheet.readAll(),
        write: (row, values) => {
          events.push(`write ${name}${inLock ? ' (locked)' : ''}`);
          sheet.write(row, values);
        },
        deleteRows: (row, count) => {
          events.push(`delete ${name}${inLock ? ' (locked)' : ''}`);
          sheet.deleteRows(row, count);
        },
      };
    },
    archive,
    rules: [ERRORS, OTHER],
    days: { raw: 30, errors: 90 },
    now: NOW,
    yearOf: (d) => d.getUTCFullYear(),
    locked: (work) => {
      // Once: what happens between the first run's archive and its lock.
      const before = options.beforeLocked;
      delete options.beforeLocked;
      before?.();
      inLock = true;
      try {
        return work();
      } finally {
        inLock = false;
      }
    },
    batchRows: 100,
    unfitted: [],
    fitWidths: () => [],
  };
  return { deps, sheets, events, archived };
}

describe('archiveOldRows', () => {
  test('writes the archive before taking the lock, and removes under it', () => {
    const { deps, sheets, events, archived } = setup({ Errors: [HEADER, old('e1'), old('e2'), recent('e3')] });
    const result = archiveOldRows(deps);
    expect(events).toEqual(['append Errors', 'delete Errors (locked)']);
    expect(result.tables).toEqual([{ sheet: 'Errors', removed: 2, archived: 2, held: 0, more: false }]);
    expect(sheets['Errors']?.rows.map((r) => r[2])).toEqual(['ID', 'e3']);
    expect(archived['Errors']?.map((r) => r[2])).toEqual(['e1', 'e2']);
  });

  test('a table with nothing due takes no lock', () => {
    const { deps, events } = setup({ Errors: [HEADER, recent('e1')] });
    expect(archiveOldRows(deps).tables).toEqual([{ sheet: 'Errors', removed: 0, archived: 0, held: 0, more: false }]);
    expect(events).toEqual([]);
  });

  test('what changed between the archive and the lock: only rows archived and still due are removed', () => {
    const tables = { Errors: [HEADER, old('e1'), old('e2'), old('e3'), recent('e4')] };
    const { deps, sheets, archived } = setup(tables, {
      beforeLocked: () => {
        const rows = sheets['Errors']?.rows as unknown[][];
        // Meanwhile: a person gave e2 a new ID, a row came in at the end, and an old one was pasted at the top.
        (rows[2] as unknown[])[2] = 'e2-renamed';
        rows.push(recent('e5'));
        rows.splice(1, 0, old('e0', 5));
      },
    });
    const result = archiveOldRows(deps);
    // e1 and e3 went; e0 (not archived yet) and e2-renamed (not what was archived) wait for the next run.
    expect(result.tables).toEqual([{ sheet: 'Errors', removed: 2, archived: 3, held: 0, more: true }]);
    expect(sheets['Errors']?.rows.map((r) => r[2])).toEqual(['ID', 'e0', 'e2-renamed', 'e4', 'e5']);
    expect(archived['Errors']?.map((r) => r[2])).toEqual(['e1', 'e2', 'e3']);
    // The next run archives those two and removes them; e2 is archived under the ID it has now.
    const again = archiveOldRows(deps);
    expect(again.tables[0]).toEqual({ sheet: 'Errors', removed: 2, archived: 2, held: 0, more: false });
    expect(sheets['Errors']?.rows.map((r) => r[2])).toEqual(['ID', 'e4', 'e5']);
  });

  test('a table that fails leaves its rows and does not stop the others; its error is the job’s', () => {
    const failure = new Error('the archive spreadsheet of 2026 cannot be opened');
    const { deps, sheets, archived } = setup({ Errors: [HEADER, old('e1')], 'Other Errors': [HEADER, old('o1')] }, { failing: { Errors: failure } });
    expect(() => archiveOldRows(deps)).toThrow(failure);
    expect(sheets['Errors']?.rows).toHaveLength(2);
    expect(sheets['Other Errors']?.rows).toHaveLength(1);
    expect(archived['Other Errors']?.map((r) => r[2])).toEqual(['o1']);
  });

  test('several tables failing alike are named together, and a config error stays one', () => {
    const absent = () => new ConfigError('the BigQuery advanced service is not enabled');
    const { deps } = setup(
      { Errors: [HEADER, old('e1')], 'Other Errors': [HEADER, old('o1')] },
      { failing: { Errors: absent(), 'Other Errors': absent() } },
    );
    let thrown: unknown;
    try {
      archiveOldRows(deps);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toBe('Errors, Other Errors: the BigQuery advanced service is not enabled');
  });
});
