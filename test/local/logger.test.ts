import { newState, runSnippet } from '../helpers/runtime';

const state = newState();

describe('Logger and console', () => {
  test('Logger.log substitutes %s, shows objects as JSON, and keeps the log for getLog', () => {
    const logs: string[] = [];
    const code = `function f() {
      var same = Logger.log('KPI %s is %s', 'progress', 0.8) === Logger;
      Logger.log({ ok: true, list: [1, 'a'] });
      Logger.log(42);
      var log = Logger.getLog();
      Logger.clear();
      return [same, log, Logger.getLog()];
    }`;
    const result = runSnippet(state, code, 'f', { logs });
    expect(result.value).toEqual([true, 'KPI progress is 0.8\n{"ok":true,"list":[1,"a"]}\n42\n', '']);
    expect(logs).toEqual(['KPI progress is 0.8', '{"ok":true,"list":[1,"a"]}', '42']);
  });

  test("console methods write lines, with substitutions, errors and dates in the script's zone", () => {
    const logs: string[] = [];
    const code = `function f() {
      console.log('a', 1, { b: 2 }, null, undefined);
      console.info('%s has %d blockers', 'team', 3);
      console.warn(new Error('careful'));
      console.error(new Date('2026-01-05T00:00:00Z'));
      console.time('sync');
      Utilities.sleep(1500);
      console.timeEnd('sync');
    }`;
    expect(runSnippet(state, code, 'f', { logs }).error).toBeUndefined();
    expect(logs).toEqual([
      'a 1 {"b":2} null undefined',
      'team has 3 blockers',
      'Error: careful',
      'Mon Jan 05 2026 09:00:00 GMT+0900 (Japan Standard Time)',
      'sync: 1500ms',
    ]);
  });
});
