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
