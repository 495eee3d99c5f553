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

  test('setup installs the safety net and a wake at the next due minute; running it again changes nothing', async () => {
    const t = await newApp();
    expect(t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') }).error).toBeUndefined();
    expect(t.app.run('setup', { at: new Date('2026-01-05T08:01:00+09:00') }).error).toBeUndefined();
    const again = t.app.run('installTriggers', { at: new Date('2026-01-05T08:02:00+09:00') });
    expect(again.value).toMatchObject({ created: [], removed: [], kept: ['dispatch'], wakes: ['2026-01-05T00:00:00.000Z'] });
    const triggers = listTriggers(t.state());
    // The standup reminder at 09:00 is the next job that needs its minute.
    expect(triggers.map((x) => [x.handlerFunction, x.type, x.schedule])).toEqual([
      ['dispatch', 'CLOCK', 'every 10 minutes'],
      // Armed 15 s (WAKE_LEAD_MS) before its minute; the run waits for 09:00 if the trigger comes that early.
      ['dispatchWake', 'CLOCK', 'once at 2026-01-04T23:59:45.000Z'],
    ]);
  });

  test('the safety net runs every 10 minutes, a wake at each due minute; an idle run stays cheap', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const firings = t.app.tick(new Date('2026-01-05T08:30:00+09:00'), new Date('2026-01-05T09:30:00+09:00'));
    const nets = firings.filter((f) => f.handlerFunction === 'dispatch');
    expect(nets).toHaveLength(6);
    expect(nets.every((f, i) => i === 0 || f.at.getTime() - (nets[i - 1] as typeof f).at.getTime() === 10 * 60_000)).toBe(true);
    const wakes = firings.filter((f) => f.handlerFunction === 'dispatchWake');
    expect(firings.every((f) => !f.result.error)).toBe(true);
    // 09:00 (standup, and the weekly report on a Monday): the wake fires within a minute after 08:59:45, and the
    // jobs start by 09:00:44, never before 09:00 (a run that came early waited). When the safety net's phase puts it
    // at 09:00 and it comes first, its run does the jobs and deletes the wake, which has nothing left to do.
    const nine = Date.parse('2026-01-05T09:00:00+09:00');
    const standup = firings.filter((f) => (f.result.value as Array<{ handler: string }>).some((r) => r.handler === 'sendStandupReminder'));
    expect(standup).toHaveLength(1);
    const run = standup[0]!;
    const netAtNine = nets.some((f) => f.at.getTime() === nine);
    expect(wakes).toHaveLength(netAtNine && run.handlerFunction === 'dispatch' ? 0 : 1);
    expect(run.at.getTime() - nine).toBeGreaterThanOrEqual(run.handlerFunction === 'dispatch' ? 0 : -15_000);
    expect(run.at.getTime() - nine).toBeLessThan(45_000);
    const started = Date.parse((run.result.value as Array<{ handler: string; startedAt: string }>)[0]!.startedAt);
    expect(started - nine).toBeGreaterThanOrEqual(0);
    expect(started - nine).toBeLessThan(45_000);
    const runs = JSON.parse(t.prop('JOB_RUNS') ?? '{}') as Record<string, { slot: string; at: string }>;
    // Recorded at the run's start (after any wait; the wake's record read costs a few modeled ms before it).
    expect(runs['sendStandupReminder']?.slot).toBe('2026-01-05');
    const recorded = Date.parse(runs['sendStandupReminder']?.at ?? '') - Math.max(run.at.getTime(), nine);
    expect(recorded).toBeGreaterThanOrEqual(0);
    expect(recorded).toBeLessThan(1000);
    // The wake armed the next one: 10:00, the review reminders (REVIEW_REMINDER_TIME), before the 10:30 nudges.
    expect(
      listTriggers(t.state())
        .filter((x) => x.handlerFunction === 'dispatchWake')
        .map((x) => x.schedule),
    ).toEqual(['once at 2026-01-05T00:59:45.000Z']);
    const idle = nets[nets.length - 1]?.result.stats;
    // Settings and the Outbox hint come from the cache: an idle run reads the sheet only to refresh them, when their
    // 10 minutes are up, which for a run every 10 minutes depends on milliseconds. A run between refreshes reads
    // nothing (the last test below).
    expect(idle && spreadsheetCalls(idle)).toBeLessThanOrEqual(2);
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
  test('an edit of Settings counts from the next dispatcher run on, not after the 10-minute cache', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    // This run reads Settings into the cache (standup at 09:00).
    t.app.tick(new Date('2026-01-05T08:30:00+09:00'), new Date('2026-01-05T08:40:00+09:00'));
    const row = t.sheet('Settings').findIndex((r) => r[0] === 'STANDUP_TIME') + 1;
    // Typed as text (a bare 08:48 becomes a time value in Sheets, which Settings does not read as HH:mm).
    const { results } = t.app.edit(`Settings!B${row}`, "'08:48", new Date('2026-01-05T08:40:30+09:00'));
    expect(results.map((r) => r.error)).toEqual([undefined]);
    // The next safety-net run (08:4x) runs it if 08:48 has come, or arms a wake at 08:48.
    t.app.tick(new Date('2026-01-05T08:40:00+09:00'), new Date('2026-01-05T08:59:00+09:00'));
    const runs = JSON.parse(t.prop('JOB_RUNS') ?? '{}') as Record<string, { slot: string; at: string }>;
    expect(runs['sendStandupReminder']?.slot).toBe('2026-01-05');
    const ran = Date.parse(runs['sendStandupReminder']?.at ?? '');
    expect(ran).toBeGreaterThanOrEqual(Date.parse('2026-01-05T08:48:00+09:00'));
    expect(ran).toBeLessThan(Date.parse('2026-01-05T08:59:00+09:00'));
  });

  test('an edit of another sheet leaves the cache alone: idle runs stay free of Spreadsheet calls', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    // This run reads Settings into the cache for 10 minutes.
    const [filled] = t.app.tick(new Date('2026-01-05T08:30:00+09:00'), new Date('2026-01-05T08:40:00+09:00'));
    const at = (minutes: number) => new Date(filled!.at.getTime() + minutes * 60_000);
    const { results } = t.app.edit('Members!A2', 'Tanaka', at(1));
    expect(results.map((r) => r.error)).toEqual([undefined]);
    // A dispatcher run inside those 10 minutes (the next safety-net run falls on their last instant, where whether
    // the entry is still there depends on milliseconds).
    const idle = t.app.run('dispatch', { at: at(5), kind: 'trigger' });
    expect(idle.error).toBeUndefined();
    expect(spreadsheetCalls(idle.stats)).toBe(0);
  });
});
