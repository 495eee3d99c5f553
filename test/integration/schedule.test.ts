import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_DIR } from '../../local/project';
import { JOBS } from '../../src/jobs';
import { listTriggers } from '../../local/services/script';
import { newApp, spreadsheetCalls } from '../helpers/app';

describe('triggers through build/Code.js', () => {
  test('every job in src/jobs.ts is a top-level function of build/Code.js', async () => {
    await newApp();
    const code = fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8');
    expect(JOBS.length).toBeGreaterThan(0);
    for (const job of JOBS) expect(code).toMatch(new RegExp(`^function ${job.handler}\\(`, 'm'));
  });

  test('setup installs exactly one dispatcher; running setup or installTriggers again keeps one', async () => {
    const t = await newApp();
    expect(t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') }).error).toBeUndefined();
    expect(t.app.run('setup').error).toBeUndefined();
    const again = t.app.run('installTriggers');
    expect(again.value).toMatchObject({ created: [], removed: [], kept: ['dispatch'] });
    const triggers = listTriggers(t.state());
    expect(triggers.map((x) => [x.handlerFunction, x.type, x.schedule])).toEqual([['dispatch', 'CLOCK', 'every 1 minute']]);
  });

  test('the dispatcher fires every minute and an idle tick stays cheap', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const firings = t.app.tick(new Date('2026-01-05T09:00:00+09:00'), new Date('2026-01-05T09:05:00+09:00'));
    expect(firings.map((f) => [f.handlerFunction, f.at.toISOString(), f.result.error?.message])).toEqual([
      ['dispatch', '2026-01-05T00:00:00.000Z', undefined],
      ['dispatch', '2026-01-05T00:01:00.000Z', undefined],
      ['dispatch', '2026-01-05T00:02:00.000Z', undefined],
      ['dispatch', '2026-01-05T00:03:00.000Z', undefined],
      ['dispatch', '2026-01-05T00:04:00.000Z', undefined],
    ]);
    const idle = firings[4]?.result.stats;
    // The settings come from the cache after the first tick: no Spreadsheet call at all.
    expect(idle && spreadsheetCalls(idle)).toBe(0);
  });

  test('a trigger whose function is gone is removed by installTriggers', async () => {
    const t = await newApp();
    const make = `function make() { ScriptApp.newTrigger('noLongerThere').timeBased().everyHours(1).create(); }`;
    // Installed by an older version of the project: simulate with the runtime's own ScriptApp.
    const { runSnippet } = await import('../helpers/runtime');
    expect(runSnippet(t.state(), make, 'make').error).toBeUndefined();
    const report = t.app.run('installTriggers');
    expect(report.value).toMatchObject({ created: ['dispatch'], removed: ['noLongerThere'] });
  });
});

describe('Settings edited in the sheet, through build/Code.js', () => {
  test('an edit of Settings counts from the next tick on, not after the 10-minute cache', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    // This tick reads Settings into the cache (standup at 09:00).
    t.app.tick(new Date('2026-01-05T08:57:00+09:00'), new Date('2026-01-05T08:58:00+09:00'));
    const row = t.sheet('Settings').findIndex((r) => r[0] === 'STANDUP_TIME') + 1;
    // Typed as text (a bare 08:58 becomes a time value in Sheets, which Settings does not read as HH:mm).
    const { results } = t.app.edit(`Settings!B${row}`, "'08:58", new Date('2026-01-05T08:57:30+09:00'));
    expect(results.map((r) => r.error)).toEqual([undefined]);
    t.app.tick(new Date('2026-01-05T08:58:00+09:00'), new Date('2026-01-05T08:59:00+09:00'));
    const runs = JSON.parse(t.prop('JOB_RUNS') ?? '{}') as Record<string, { slot: string; at: string }>;
    expect(runs['sendStandupReminder']).toMatchObject({ slot: '2026-01-05', at: '2026-01-04T23:58:00.000Z' });
  });

  test('an edit of another sheet leaves the cache alone: idle ticks stay free of Spreadsheet calls', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    t.app.tick(new Date('2026-01-05T08:57:00+09:00'), new Date('2026-01-05T08:58:00+09:00'));
    const { results } = t.app.edit('Members!A2', 'Tanaka', new Date('2026-01-05T08:57:30+09:00'));
    expect(results.map((r) => r.error)).toEqual([undefined]);
    const [tick] = t.app.tick(new Date('2026-01-05T08:58:00+09:00'), new Date('2026-01-05T08:59:00+09:00'));
    expect(tick && spreadsheetCalls(tick.result.stats)).toBe(0);
  });
});
