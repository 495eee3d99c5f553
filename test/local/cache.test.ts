import { newState, runSnippet } from '../helpers/runtime';

describe('CacheService', () => {
  test('values expire on the runtime clock, across executions', () => {
    const state = newState();
    const put = `function put() {
      var c = CacheService.getScriptCache();
      c.put('short', 'a', 60);
      c.put('default', 'b');
      c.putAll({ long: 'c', other: 'd' }, 100000);
    }`;
    const p = runSnippet(state, put, 'put', { at: '2026-01-05T09:00:00Z' });
    expect(p.error).toBeUndefined();
    expect(p.stats.calls['Cache']).toEqual({ put: 2, putAll: 1 });
    expect(p.stats.modeledMs).toBe(800 + 3 * 90);

    const read = `function read() { return CacheService.getScriptCache().getAll(['short', 'default', 'long', 'other', 'none']); }`;
    expect(runSnippet(state, read, 'read', { at: '2026-01-05T09:00:30Z' }).value).toEqual({ short: 'a', default: 'b', long: 'c', other: 'd' });
    expect(runSnippet(state, read, 'read', { at: '2026-01-05T09:05:00Z' }).value).toEqual({ default: 'b', long: 'c', other: 'd' });
    expect(runSnippet(state, read, 'read', { at: '2026-01-05T09:11:00Z' }).value).toEqual({ long: 'c', other: 'd' });
    // An expiration over 6 hours is cut to 6 hours.
    expect(runSnippet(state, read, 'read', { at: '2026-01-05T15:00:01Z' }).value).toEqual({});
  });

  test('get charges 5, getAll once; missing keys read null; remove and removeAll', () => {
    const state = newState();
    const code = `function f() {
      var c = CacheService.getScriptCache();
      c.putAll({ a: '1', b: '2', c: '3' });
      var before = [c.get('a'), c.get('zz')];
      c.remove('a');
      c.removeAll(['b']);
      return [before, c.getAll(['a', 'b', 'c'])];
    }`;
    const r = runSnippet(state, code, 'f');
    expect(r.value).toEqual([['1', null], { c: '3' }]);
    expect(r.stats.calls['Cache']).toEqual({ putAll: 1, get: 2, remove: 1, removeAll: 1, getAll: 1 });
    expect(r.stats.modeledMs).toBe(800 + 90 + 5 * 2 + 5);
  });

  test('user caches are separate from the script cache', () => {
    const state = newState();
    const code = `function f() {
      CacheService.getUserCache().put('k', 'user');
      return [CacheService.getScriptCache().get('k'), CacheService.getUserCache().get('k')];
    }`;
    expect(runSnippet(state, code, 'f').value).toEqual([null, 'user']);
  });

  test('keys over 250 characters and values over 100 KB are refused', () => {
    const code = `function f() {
      var c = CacheService.getScriptCache(), out = [];
      try { c.put(new Array(252).join('k'), 'v'); } catch (e) { out.push(e.message); }
      try { c.put('big', new Array(100 * 1024 + 2).join('v')); } catch (e) { out.push(e.message); }
      c.put('fits', new Array(100 * 1024 + 1).join('v'));
      out.push(c.get('big'), c.get('fits').length);
      return out;
    }`;
    expect(runSnippet(newState(), code, 'f').value).toEqual(['Argument too large: key', 'Argument too large: value', null, 100 * 1024]);
  });
});
