import { newState, runSnippet } from '../helpers/runtime';

const state = newState();
const code = `function f() {
  return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone(), Session.getActiveUserLocale(),
    Session.getTemporaryActiveUserKey() === Session.getTemporaryActiveUserKey()];
}`;

describe('Session', () => {
  test('a manual run or an installable trigger sees the owner', () => {
    expect(runSnippet(state, code, 'f').value).toEqual(['owner@example.com', 'owner@example.com', 'Asia/Tokyo', 'ja', true]);
    expect((runSnippet(state, code, 'f', { kind: 'trigger' }).value as string[])[0]).toBe('owner@example.com');
  });

  test('the active user is hidden from an anonymous web app and simple triggers; the effective user is not', () => {
    for (const kind of ['web', 'simple'] as const) {
      const [active, effective] = runSnippet(state, code, 'f', { kind }).value as string[];
      expect(active).toBe('');
      expect(effective).toBe('owner@example.com');
    }
  });

  test('the script time zone and LOCAL_LOCALE are honoured', () => {
    process.env['LOCAL_LOCALE'] = 'en';
    try {
      const [, , zone, locale] = runSnippet(state, code, 'f', { timeZone: 'America/New_York' }).value as string[];
      expect([zone, locale]).toEqual(['America/New_York', 'en']);
    } finally {
      delete process.env['LOCAL_LOCALE'];
    }
  });
});
