import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { merge3 } from '../../local/runtime/merge';
import { StateDir } from '../../local/runtime/state';

/** Two executions' views of one state directory, as two worker threads of `serve` hold them. */
function twoViews(initial: Record<string, unknown>): [StateDir, StateDir, string] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-state-'));
  const setup = new StateDir(dir);
  for (const [name, value] of Object.entries(initial)) setup.set(name, value);
  setup.save();
  return [new StateDir(dir), new StateDir(dir), dir];
}

const read = (dir: string, name: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));

describe('state shared by executions running at once', () => {
  test('a commit keeps what another execution committed since: different cells of one sheet both stay', () => {
    const [a, b, dir] = twoViews({
      sheet: {
        rows: [
          ['h1', 'h2'],
          [1, 2],
        ],
      },
    });
    const mine = a.slice<{ rows: unknown[][] }>('sheet', () => ({ rows: [] }));
    const theirs = b.slice<{ rows: unknown[][] }>('sheet', () => ({ rows: [] }));
    theirs.rows[1]![1] = 'B';
    b.touch('sheet');
    b.save();
    mine.rows[1]![0] = 'A';
    a.touch('sheet');
    a.save();
    expect(read(dir, 'sheet')).toEqual({
      rows: [
        ['h1', 'h2'],
        ['A', 'B'],
      ],
    });
    // The committing execution's own view now holds the merge too.
    expect(mine.rows[1]).toEqual(['A', 'B']);
  });

  test('two unlocked writers of the same row: the later commit wins, as in Sheets', () => {
    const [a, b, dir] = twoViews({ sheet: { rows: [['h']] } });
    a.slice<{ rows: unknown[][] }>('sheet', () => ({ rows: [] })).rows.push(['from A']);
    b.slice<{ rows: unknown[][] }>('sheet', () => ({ rows: [] })).rows.push(['from B']);
    a.touch('sheet');
    b.touch('sheet');
    a.save();
    b.save();
    expect(read(dir, 'sheet')).toEqual({ rows: [['h'], ['from B']] });
  });

  test('records both appended to a log (sent mail, fake Slack) are all kept', () => {
    const [a, b, dir] = twoViews({ log: [{ n: 0 }] });
    a.slice<Array<{ n: number }>>('log', () => []).push({ n: 1 });
    b.slice<Array<{ n: number }>>('log', () => []).push({ n: 2 });
    a.touch('log');
    b.touch('log');
    b.save();
    a.save();
    expect(read(dir, 'log')).toEqual([{ n: 0 }, { n: 2 }, { n: 1 }]);
  });

  test('refresh brings in commits made since, keeping pending changes, and keeps the root object', () => {
    const [a, b] = twoViews({ props: { x: '1', y: '1' } });
    const held = a.slice<Record<string, string>>('props', () => ({}));
    held['x'] = 'mine';
    a.touch('props');
    b.update<Record<string, string>, void>(
      'props',
      () => ({}),
      (p) => {
        p['y'] = 'theirs';
      },
    );
    let refreshed = 0;
    a.onRefresh('props', () => refreshed++);
    a.refresh();
    expect(held).toEqual({ x: 'mine', y: 'theirs' });
    expect(a.slice('props', () => ({}))).toBe(held);
    expect(refreshed).toBe(1);
    a.refresh();
    expect(refreshed).toBe(1);
  });

  test('update is a read-modify-write of the latest commit, written at once', () => {
    const [a, b, dir] = twoViews({ counter: { n: 0 } });
    a.slice('counter', () => ({ n: 0 }));
    b.update<{ n: number }, void>(
      'counter',
      () => ({ n: 0 }),
      (c) => void (c.n += 1),
    );
    a.update<{ n: number }, void>(
      'counter',
      () => ({ n: 0 }),
      (c) => void (c.n += 1),
    );
    expect(read(dir, 'counter')).toEqual({ n: 2 });
  });

  test('merge3: keys and elements changed on one side only come from that side', () => {
    expect(merge3({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 })).toEqual({ a: 2, b: 3 });
    expect(merge3({ a: 1, b: 1 }, { b: 1 }, { a: 1, b: 3 })).toEqual({ b: 3 });
    expect(merge3([1, 2, 3], [1, 2], [1, 9, 3])).toEqual([1, 9]);
    expect(merge3('x', 'ours', 'theirs')).toBe('ours');
  });
});

describe('a workbook kept in parts, one file per sheet', () => {
  type Book = { name: string; sheets: Array<{ id: number; name: string; rows: unknown[][] }> };
  const book = (): Book => ({
    name: 'b',
    sheets: [
      { id: 1, name: 'Big', rows: [['h'], ['a']] },
      { id: 2, name: 'Small', rows: [['x']] },
    ],
  });
  const files = (dir: string) => fs.readdirSync(dir).filter((f) => /^workbook\..+\.json$/.test(f));

  test('a commit rewrites only the sheet it touched, and removes the file it replaced', () => {
    const [a, b, dir] = twoViews({ workbook: book() });
    expect(files(dir)).toHaveLength(2);
    const before = files(dir);
    const mine = a.slice<Book>('workbook', () => book());
    mine.sheets[1]!.rows.push(['y']);
    a.touch('workbook', '2');
    a.save();
    const after = files(dir);
    expect(after).toHaveLength(2);
    // The Big sheet's file is the same one; the Small sheet's file is new.
    expect(after.filter((f) => before.includes(f))).toHaveLength(1);
    expect(b.slice<Book>('workbook', () => book()).sheets[1]!.rows).toEqual([['x'], ['y']]);
    // The main file names the parts; the whole workbook is what a view reads.
    expect(read(dir, 'workbook')).toEqual({ name: 'b', sheets: [{ $part: expect.any(String) }, { $part: expect.any(String) }] });
  });

  test('two executions changing different sheets both keep their change; a refresh reads only the changed sheet', () => {
    const [a, b] = twoViews({ workbook: book() });
    const mine = a.slice<Book>('workbook', () => book());
    const theirs = b.slice<Book>('workbook', () => book());
    const bigHeld = mine.sheets[0];
    theirs.sheets[1]!.rows.push(['theirs']);
    b.touch('workbook', '2');
    b.save();
    a.refresh();
    // Nothing pending here: the unchanged sheet is the object this view already held.
    expect(mine.sheets[0]).toBe(bigHeld);
    expect(mine.sheets[1]!.rows).toEqual([['x'], ['theirs']]);
    mine.sheets[0]!.rows.push(['mine']);
    theirs.sheets[1]!.rows.push(['again']);
    b.touch('workbook', '2');
    b.save();
    a.touch('workbook', '1');
    a.save();
    const fresh = new StateDir(a.dir).slice<Book>('workbook', () => book());
    expect(fresh.sheets.map((s) => s.rows)).toEqual([
      [['h'], ['a'], ['mine']],
      [['x'], ['theirs'], ['again']],
    ]);
  });

  test('a workbook saved whole (before parts) is read as it is and goes to parts at its next commit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-state-'));
    fs.writeFileSync(path.join(dir, 'workbook.json'), JSON.stringify(book()));
    const old = new StateDir(dir);
    const value = old.slice<Book>('workbook', () => book());
    expect(value).toEqual(book());
    value.name = 'renamed';
    old.touch('workbook');
    old.save();
    expect(files(dir)).toHaveLength(2);
    expect(new StateDir(dir).slice<Book>('workbook', () => book())).toEqual({ ...book(), name: 'renamed' });
  });

  test('a main file naming a sheet file that is gone is an error naming it, not an endless wait', () => {
    const [, , dir] = twoViews({ workbook: book() });
    const gone = files(dir)[0] as string;
    fs.rmSync(path.join(dir, gone));
    expect(() => new StateDir(dir).slice<Book>('workbook', () => book())).toThrow(`workbook.json names ${gone}, which is gone`);
  });

  test('a view released at the end of an execution hands its sheets to the next view, which still sees later commits', () => {
    const [a, b, dir] = twoViews({ workbook: book() });
    const first = a.slice<Book>('workbook', () => book());
    const big = first.sheets[0];
    a.release();
    const next = new StateDir(dir).slice<Book>('workbook', () => book());
    expect(next.sheets[0]).toBe(big);
    expect(next).toEqual(book());
    // A commit made by another view after the release: the next view reads it, not the sheet it was handed.
    const other = b.slice<Book>('workbook', () => book());
    other.sheets[0]!.rows.push(['later']);
    b.touch('workbook', '1');
    b.save();
    new StateDir(dir).release();
    expect(new StateDir(dir).slice<Book>('workbook', () => book()).sheets[0]!.rows).toEqual([['h'], ['a'], ['later']]);
  });

  test('a stamp stands for a commit: a view that read a slice sees the next commit at its refresh, whatever its size', () => {
    const [a, b] = twoViews({ props: { x: '1' } });
    const held = a.slice<Record<string, string>>('props', () => ({}));
    b.update<Record<string, string>, void>(
      'props',
      () => ({}),
      (p) => void (p['x'] = '2'),
    );
    a.refresh();
    expect(held).toEqual({ x: '2' });
  });
});
