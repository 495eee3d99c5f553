import { budgetWithinRun, dispatchDueJobs, installTriggers, runDeadline, RUN_BUDGET_MS, type JobRuns } from '../../src/app/schedule';
import { dueSlot, isWorkday, type LocalTime } from '../../src/domain/schedule';
import type { Job } from '../../src/domain/schedule';
import type { InstalledTrigger, TriggerStore } from '../../src/platform/triggers';

const at = (date: string, hour: number, minute: number, weekday = 1): LocalTime => ({ date, hour, minute, weekday });
const daily: Job = { handler: 'sendStandupReminder', schedule: { kind: 'daily', setting: 'STANDUP_TIME', time: '09:00', workdaysOnly: true } };
const weekly: Job = { handler: 'sendWeeklyReport', schedule: { kind: 'weekly', weekday: 'MONDAY', setting: 'WEEKLY_REPORT_TIME', time: '09:00' } };
const hourly: Job = { handler: 'syncGitHub', schedule: { kind: 'hourly' } };
const frequent: Job = { handler: 'processQueue', schedule: { kind: 'frequent' } };
const nine = { hour: 9, minute: 0 };

describe('dueSlot', () => {
  test('a daily job is due from its minute, within the grace, once a day', () => {
    expect(dueSlot(daily, at('2026-01-05', 8, 59), nine, undefined)).toBeNull();
    expect(dueSlot(daily, at('2026-01-05', 9, 0), nine, undefined)).toBe('2026-01-05');
    expect(dueSlot(daily, at('2026-01-05', 9, 14), nine, undefined)).toBe('2026-01-05');
    expect(dueSlot(daily, at('2026-01-05', 9, 15), nine, undefined)).toBeNull();
    expect(dueSlot(daily, at('2026-01-05', 9, 1), nine, '2026-01-05')).toBeNull();
    expect(dueSlot(daily, at('2026-01-06', 9, 0), nine, '2026-01-05')).toBe('2026-01-06');
  });
  test('weekly on its weekday only; hourly once an hour; frequent every minute', () => {
    expect(dueSlot(weekly, at('2026-01-06', 9, 0, 2), nine, undefined)).toBeNull();
    expect(dueSlot(weekly, at('2026-01-05', 9, 0, 1), nine, undefined)).toBe('2026-01-05');
    expect(dueSlot(hourly, at('2026-01-05', 9, 37), null, '2026-01-05T09')).toBeNull();
    expect(dueSlot(hourly, at('2026-01-05', 10, 0), null, '2026-01-05T09')).toBe('2026-01-05T10');
    expect(dueSlot(frequent, at('2026-01-05', 10, 0), null, '2026-01-05T09:59')).toBe('2026-01-05T10:00');
  });
  test('workdays', () => {
    expect(isWorkday(at('2026-01-05', 9, 0, 1), new Set())).toBe(true);
    expect(isWorkday(at('2026-01-10', 9, 0, 6), new Set())).toBe(false);
    expect(isWorkday(at('2026-01-07', 9, 0, 3), new Set(['2026-01-07']))).toBe(false);
  });
});

function memoryTriggers(initial: InstalledTrigger[]): TriggerStore & { all: InstalledTrigger[] } {
  const all = [...initial];
  let n = 100;
  return {
    all,
    list: () => [...all],
    everyMinute: (handler) => void all.push({ id: String(n++), handler, timeDriven: true }),
    remove: (id) =>
      void all.splice(
        all.findIndex((t) => t.id === id),
        1,
      ),
  };
}

describe('installTriggers', () => {
  test("leaves exactly one dispatcher, removes stale and orphaned triggers, keeps other people's", () => {
    const store = memoryTriggers([
      { id: '1', handler: 'dispatch', timeDriven: true },
      { id: '2', handler: 'dispatch', timeDriven: true },
      { id: '3', handler: 'sendStandupReminder', timeDriven: true },
      { id: '4', handler: 'renamedLongAgo', timeDriven: true },
      { id: '5', handler: 'myOwnReport', timeDriven: true },
    ]);
    const exists = (name: string) => name !== 'renamedLongAgo';
    const report = installTriggers({ triggers: store, jobs: [daily], handlerExists: exists });
    expect(report).toEqual({ created: [], removed: ['dispatch', 'sendStandupReminder', 'renamedLongAgo'], kept: ['dispatch', 'myOwnReport'] });
    expect(store.all.map((t) => t.handler)).toEqual(['dispatch', 'myOwnReport']);
    expect(installTriggers({ triggers: store, jobs: [daily], handlerExists: exists }).removed).toEqual([]);
  });
  test('creates the dispatcher when there is none', () => {
    const store = memoryTriggers([]);
    expect(installTriggers({ triggers: store, jobs: [], handlerExists: () => true }).created).toEqual(['dispatch']);
    expect(store.all).toHaveLength(1);
  });
});

describe('dispatchDueJobs', () => {
  function harness(local: LocalTime, runs: JobRuns = {}, failing = new Set<string>(), takesMs: Record<string, number> = {}) {
    let saved: JobRuns = runs;
    const ran: string[] = [];
    const writes: JobRuns[] = [];
    const now = new Date('2026-01-05T00:00:00Z');
    let clock = now.getTime();
    const deps = {
      jobs: [daily, weekly, hourly, frequent],
      now,
      deadline: runDeadline(now),
      clock: () => new Date(clock),
      local,
      timeOf: () => nine,
      readRuns: () => saved,
      updateRuns: (update: (r: JobRuns) => JobRuns) => {
        saved = update(saved);
        writes.push(saved);
        return saved;
      },
      run: (handler: string) => {
        ran.push(handler);
        clock += takesMs[handler] ?? 1000;
        if (failing.has(handler)) throw new Error(`${handler} broke`);
      },
    };
    return { deps, ran, writes, saved: () => saved };
  }

  test('runs each due job once per slot, and a failure does not stop the others', () => {
    const h = harness(at('2026-01-05', 9, 0, 1), {}, new Set(['sendStandupReminder']));
    const results = dispatchDueJobs(h.deps);
    expect(h.ran).toEqual(['sendStandupReminder', 'sendWeeklyReport', 'syncGitHub', 'processQueue']);
    expect(results.find((r) => r.handler === 'sendStandupReminder')).toMatchObject({ outcome: 'failed', message: 'sendStandupReminder broke' });
    expect(h.saved()['sendWeeklyReport']).toMatchObject({ slot: '2026-01-05', outcome: 'ok' });
    // The next tick, a minute later: only the frequent job.
    const next = harness(at('2026-01-05', 9, 1, 1), h.saved());
    dispatchDueJobs(next.deps);
    expect(next.ran).toEqual(['processQueue']);
    expect(next.writes).toEqual([]); // a fresh, successful frequent run is not written down again
  });

  test('a slot claimed by an overlapping tick is not run twice', () => {
    const h = harness(at('2026-01-05', 9, 0, 1));
    // Another tick claims the slots between our first read and our claim.
    const claimedElsewhere: JobRuns = {
      sendStandupReminder: { slot: '2026-01-05', at: 'x', outcome: 'ok' },
      sendWeeklyReport: { slot: '2026-01-05', at: 'x', outcome: 'ok' },
      syncGitHub: { slot: '2026-01-05T09', at: 'x', outcome: 'ok' },
    };
    const update = h.deps.updateRuns;
    let first = true;
    h.deps.updateRuns = (fn) => {
      if (first) {
        first = false;
        return update(() => fn(claimedElsewhere));
      }
      return update(fn);
    };
    dispatchDueJobs(h.deps);
    expect(h.ran).toEqual(['processQueue']);
  });

  test("a bad time setting is recorded as the job's failure, naming the setting", () => {
    const h = harness(at('2026-01-05', 9, 0, 1));
    h.deps.timeOf = () => {
      throw new Error('Settings: STANDUP_TIME is "9am", but it must be a time of day written HH:mm, e.g. 09:00');
    };
    dispatchDueJobs(h.deps);
    expect(h.saved()['sendStandupReminder']).toMatchObject({ outcome: 'failed', message: expect.stringContaining('STANDUP_TIME') });
    expect(h.ran).toEqual(['syncGitHub', 'processQueue']);
  });
  test('the jobs of a run share one deadline: a job with no time left waits for the next tick, its slot unclaimed', () => {
    expect(RUN_BUDGET_MS).toBeLessThanOrEqual(300_000);
    const before: JobRuns = { syncGitHub: { slot: '2026-01-05T08', at: '2026-01-04T23:00:00.000Z', outcome: 'ok' } };
    const h = harness(at('2026-01-05', 9, 0, 1), before, new Set(), { sendStandupReminder: 200_000, sendWeeklyReport: 100_000 });
    const results = dispatchDueJobs(h.deps);
    expect(h.ran).toEqual(['sendStandupReminder', 'sendWeeklyReport']);
    expect(results.map((r) => [r.handler, r.outcome])).toEqual([
      ['sendStandupReminder', 'ok'],
      ['sendWeeklyReport', 'ok'],
      ['syncGitHub', 'postponed'],
      ['processQueue', 'postponed'],
    ]);
    // The hourly slot is given back, as it was: the next tick runs the sync.
    expect(h.saved()['syncGitHub']).toEqual(before['syncGitHub']);
    expect(h.saved()['sendWeeklyReport']).toMatchObject({ slot: '2026-01-05', outcome: 'ok' });
    const next = harness(at('2026-01-05', 9, 1, 1), h.saved());
    dispatchDueJobs(next.deps);
    expect(next.ran).toEqual(['syncGitHub', 'processQueue']);
  });

  test('a job never claimed before and postponed leaves no record behind', () => {
    const h = harness(at('2026-01-05', 9, 0, 1), {}, new Set(), { sendStandupReminder: RUN_BUDGET_MS });
    dispatchDueJobs(h.deps);
    expect(h.ran).toEqual(['sendStandupReminder']);
    expect(Object.keys(h.saved()).sort()).toEqual(['sendStandupReminder']);
  });

  test("a job's own time box is cut to what is left of the run", () => {
    const start = new Date('2026-01-05T00:00:00Z');
    const deadline = runDeadline(start);
    expect(budgetWithinRun(240_000, deadline, start)).toBe(240_000);
    expect(budgetWithinRun(240_000, deadline, new Date(start.getTime() + 240_000))).toBe(60_000);
    expect(budgetWithinRun(240_000, deadline, new Date(start.getTime() + 310_000))).toBeLessThan(0);
  });
});
