import { newState, runSnippet } from '../helpers/runtime';

describe('the local runtime context', () => {
  const state = newState();

  test('has no Node or browser globals that Apps Script lacks', () => {
    const code = `function probe() {
      return ['require', 'process', 'Buffer', 'setTimeout', 'setInterval', 'fetch', 'URL', 'URLSearchParams',
        'TextEncoder', 'TextDecoder', 'structuredClone', 'module', 'exports', 'global', 'queueMicrotask']
        .filter(function (n) { return typeof globalThis[n] !== 'undefined'; });
    }`;
    const result = runSnippet(state, code, 'probe');
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual([]);
  });

  test('new Date() and Date.now() follow the execution clock', () => {
    const code = `function now() { return [new Date().toISOString(), Date.now(), new Date(0) instanceof Date, typeof Date()]; }`;
    const result = runSnippet(state, code, 'now', { at: '2026-03-01T00:00:00Z' });
    expect(result.value).toEqual(['2026-03-01T00:00:00.000Z', Date.parse('2026-03-01T00:00:00Z'), true, 'string']);
  });

  test("errors thrown by the script are reported, and a missing function is Apps Script's message", () => {
    expect(runSnippet(state, 'function boom() { throw new Error("bad"); }', 'boom').error?.message).toBe('bad');
    expect(runSnippet(state, 'var notAFunction = 1;', 'notAFunction').error?.message).toBe('Script function not found: notAFunction');
    expect(runSnippet(state, 'function a() {}', 'b').error?.message).toBe('Script function not found: b');
  });

  test('each execution starts from a fresh global scope', () => {
    const code = 'var counter = (typeof counter === "number" ? counter : 0) + 1; function read() { return counter; }';
    expect(runSnippet(state, code, 'read').value).toBe(1);
    expect(runSnippet(state, code, 'read').value).toBe(1);
  });

  test("a result holds none of the script's objects, which would keep its whole realm alive", () => {
    const r = runSnippet(state, 'function f() { return { list: [1, { at: new Date(0) }] }; }', 'f');
    const value = r.value as { list: [number, { at: Date }] };
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.list)).toBe(Array.prototype);
    expect(value.list[1].at).toBeInstanceOf(Date);
    expect(Object.keys(r).sort()).toEqual(['stats', 'value']);
  });

  test('charges the script start to the modeled latency', () => {
    expect(runSnippet(state, 'function f() {}', 'f').stats.modeledMs).toBe(800);
  });
});
