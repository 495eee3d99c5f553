import { newApp } from '../helpers/app';
import { runSnippet } from '../helpers/runtime';

/**
 * People type settings into a plain cell, and Sheets turns `09:30` into a time of day (a date on 1899-12-30):
 * the product must read it as the person wrote it, not as `Sat Dec 30 1899 …`.
 */
describe('a setting typed into the Settings sheet as Sheets stores it', () => {
  test('STANDUP_TIME typed 09:30 (a time cell) moves the standup reminder to 09:30', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const row = t.sheet('Settings').findIndex((r) => r[0] === 'STANDUP_TIME') + 1;
    t.app.edit(`Settings!B${row}`, '09:30', new Date('2026-01-05T08:01:00+09:00'));
    // The cell really is a time now, as in Google Sheets.
    const kind = runSnippet(
      t.state(),
      `function f() { var v = SpreadsheetApp.getActive().getSheetByName('Settings').getRange('B${row}').getValue(); return v instanceof Date; }`,
      'f',
    );
    expect(kind.value).toBe(true);

    const lastRun = (at: string) =>
      JSON.parse(t.app.get('action=health', new Date(at)).response.body).jobs.sendStandupReminder.lastRun as string | null;
    t.app.tick(new Date('2026-01-05T08:50:00+09:00'), new Date('2026-01-05T09:20:00+09:00'));
    expect(lastRun('2026-01-05T09:20:00+09:00')).toBeNull();
    t.app.tick(new Date('2026-01-05T09:20:00+09:00'), new Date('2026-01-05T09:45:00+09:00'));
    const ran = lastRun('2026-01-05T09:45:00+09:00');
    expect(ran).not.toBeNull();
    expect(Date.parse(ran ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-01-05T09:30:00+09:00'));
    expect(t.sheet('Errors').slice(1)).toEqual([]);
  }, 60_000);
});
