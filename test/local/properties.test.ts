import { getScriptProperty, listScriptProperties, setScriptProperty } from '../../local/services/properties';
import { newState, runSnippet } from '../helpers/runtime';

const QUOTA = 'You have exceeded the property storage quota. Please remove some properties and try again.';

describe('PropertiesService', () => {
  test('stores strings across executions, separately per store, and charges reads 30 / writes 60', () => {
    const state = newState();
    const write = `function w() {
      var p = PropertiesService.getScriptProperties();
      p.setProperty('N', 42).setProperty('OBJ', { a: 1 });
      p.setProperties({ A: 'a', B: true });
      PropertiesService.getUserProperties().setProperty('N', 'user');
    }`;
    const w = runSnippet(state, write, 'w');
    expect(w.error).toBeUndefined();
    expect(w.stats.calls['Properties']).toEqual({ setProperty: 3, setProperties: 1 });
    expect(w.stats.modeledMs).toBe(800 + 4 * 60);

    const read = `function r() {
      var p = PropertiesService.getScriptProperties();
      return [p.getProperty('N'), typeof p.getProperty('N'), p.getProperty('OBJ'), p.getProperty('missing'), p.getKeys().sort(), p.getProperties(),
        PropertiesService.getUserProperties().getProperty('N'), PropertiesService.getDocumentProperties().getKeys()];
    }`;
    const r = runSnippet(state, read, 'r');
    expect(r.value).toEqual([
      '42',
      'string',
      '[object Object]',
      null,
      ['A', 'B', 'N', 'OBJ'],
      { N: '42', OBJ: '[object Object]', A: 'a', B: 'true' },
      'user',
      [],
    ]);
    expect(r.stats.modeledMs).toBe(800 + 6 * 30 + 2 * 30);
  });

  test('setProperties with deleteAllOthers, deleteProperty and deleteAllProperties', () => {
    const state = newState();
    const code = `function f() {
      var p = PropertiesService.getScriptProperties();
      p.setProperties({ A: '1', B: '2', C: '3' });
      p.setProperties({ B: 'b' }, true);
      var afterReplace = p.getProperties();
      p.setProperty('D', 'd').deleteProperty('B');
      var afterDelete = p.getKeys();
      p.deleteAllProperties();
      return [afterReplace, afterDelete, p.getKeys()];
    }`;
    expect(runSnippet(state, code, 'f').value).toEqual([{ B: 'b' }, ['D'], []]);
  });

  test('refuses a value over 9 KB and a store over 500 KB, keeping what was there', () => {
    const state = newState();
    const code = `function f() {
      var p = PropertiesService.getScriptProperties();
      var out = [];
      try { p.setProperty('BIG', new Array(9 * 1024 + 2).join('x')); } catch (e) { out.push(e.message); }
      p.setProperty('FITS', new Array(9 * 1024 + 1).join('x'));
      var n = 0;
      try { for (;;) { p.setProperty('K' + n, new Array(9000).join('y')); n++; } } catch (e) { out.push(e.message); }
      out.push(n, p.getProperty('BIG'), p.getProperty('FITS').length);
      return out;
    }`;
    const [tooBig, full, count, big, fits] = runSnippet(state, code, 'f').value as [string, string, number, null, number];
    expect(tooBig).toBe(QUOTA);
    expect(full).toBe(QUOTA);
    // 500 KB less the 9 KB already stored, at about 9 KB each.
    expect(count).toBeGreaterThan(50);
    expect(count).toBeLessThan(57);
    expect(big).toBeNull();
    expect(fits).toBe(9 * 1024);
  });

  test('host helpers read and write the script store for the CLI', () => {
    const state = newState();
    setScriptProperty(state, 'SLACK_BOT_TOKEN', 'xoxb-1');
    expect(runSnippet(state, `function f() { return PropertiesService.getScriptProperties().getProperty('SLACK_BOT_TOKEN'); }`, 'f').value).toBe(
      'xoxb-1',
    );
    runSnippet(state, `function f() { PropertiesService.getScriptProperties().setProperty('GITHUB_API_URL', 'https://api.github.com'); }`, 'f');
    expect(getScriptProperty(state, 'GITHUB_API_URL')).toBe('https://api.github.com');
    expect(getScriptProperty(state, 'NOPE')).toBeNull();
    expect(listScriptProperties(state)).toEqual({ SLACK_BOT_TOKEN: 'xoxb-1', GITHUB_API_URL: 'https://api.github.com' });
  });
});
