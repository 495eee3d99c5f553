import {
  budgetWithinRun,
  dispatchDueJobs,
  installTriggers,
  runDeadline,
  RUN_BUDGET_MS,
  type DispatcherRecord,
  type JobRuns,
} from '../../src/app/schedule';
import { nextDueInstant, rearmWakes, SAFETY_NET_MINUTES, wakeSoon } from '../../src/app/wakes';
import { dueInstant, minutesUntilDue, planWakes, waitForWakeMinute, WAKE_LEAD_MS, wakeCovers } from '../../src/domain/wakePlan';
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
    everyMinutes: (handler) => {
      const id = String(n++);
      all.push({ id, handler, timeDriven: true });
      return id;
    },
    at: (handler) => {
      const id = String(n++);
      all.push({ id, handler, timeDriven: true });
      return id;
    },
    remove: (id) =>
      void all.splice(
        all.findIndex((t) => t.id === id),
        1,
      ),
  };
}

function memoryRecord(initial: DispatcherRecord | null = null) {
  let saved = initial;
  return { read: () => saved, save: (r: DispatcherRecord) => void (saved = r), get: () => saved };
}

describe('installTriggers', () => {
  test("leaves exactly one dispatcher, removes stale and orphaned triggers, keeps other people's", () => {
    const store = memoryTriggers([
      { id: '1', handler: 'dispatch', timeDriven: true },
      { id: '2', handler: 'dispatch', timeDriven: true },
      { id: '3', handler: 'sendStandupReminder', timeDriven: true },
      { id: '4', handler: 'renamedLongAgo', timeDriven: true },
      { id: '5', handler: 'myOwnReport', timeDriven: true },
      { id: '6', handler: 'dispatchWake', timeDriven: true },
    ]);
    const exists = (name: string) => name !== 'renamedLongAgo';
    const record = memoryRecord({ id: '1', everyMinutes: SAFETY_NET_MINUTES });
    const report = installTriggers({ triggers: store, jobs: [daily], handlerExists: exists, record });
    expect(report).toEqual({ created: [], removed: ['dispatch', 'sendStandupReminder', 'renamedLongAgo'], kept: ['dispatch', 'myOwnReport'] });
    // Wakes are the dispatcher's own: installTriggers leaves them to it.
    expect(store.all.map((t) => t.handler)).toEqual(['dispatch', 'myOwnReport', 'dispatchWake']);
    expect(installTriggers({ triggers: store, jobs: [daily], handlerExists: exists, record }).removed).toEqual([]);
  });
  test('creates the dispatcher when there is none, and records it', () => {
    const store = memoryTriggers([]);
    const record = memoryRecord();
    expect(installTriggers({ triggers: store, jobs: [], handlerExists: () => true, record }).created).toEqual(['dispatch']);
    expect(store.all).toHaveLength(1);
    expect(record.get()).toEqual({ id: store.all[0]?.id, everyMinutes: 10 });
  });
  test("replaces an older version's every-minute dispatcher (one not in the record)", () => {
    const store = memoryTriggers([{ id: '1', handler: 'dispatch', timeDriven: true }]);
    const record = memoryRecord();
    const report = installTriggers({ triggers: store, jobs: [], handlerExists: () => true, record });
    expect(report).toEqual({ created: ['dispatch'], removed: ['dispatch'], kept: [] });
    expect(record.get()?.id).not.toBe('1');
    const older = memoryRecord({ id: '7', everyMinutes: 1 });
    const again = memoryTriggers([{ id: '7', handler: 'dispatch', timeDriven: true }]);
    expect(installTriggers({ triggers: again, jobs: [], handlerExists: () => true, record: older }).removed).toEqual(['dispatch']);
  });
});

describe('the next wake', () => {
  const monday = (hour: number, minute: number) => new Date(Date.UTC(2026, 0, 5, hour - 9, minute));
  const plan = (now: Date, local: LocalTime, runs: JobRuns = {}, extra: Record<string, Date[]> = {}, postponed = false) =>
    nextDueInstant({
      jobs: [daily, weekly, hourly, frequent],
      now,
      local,
      timeOf: () => nine,
      runs,
      extraDue: (job) => extra[job.handler] ?? [],
      postponed,
    })?.toISOString();
  test('the next daily or weekly minute; hourly and frequent jobs need no wake', () => {
    expect(minutesUntilDue(daily, at('2026-01-05', 8, 30), nine, undefined)).toBe(30);
    expect(minutesUntilDue(daily, at('2026-01-05', 9, 5), nine, '2026-01-05')).toBe(24 * 60 - 5);
    // Open and not yet run (postponed, or the time just moved earlier): due now.
    expect(minutesUntilDue(daily, at('2026-01-05', 9, 5), nine, '2026-01-04')).toBe(0);
    expect(minutesUntilDue(weekly, at('2026-01-06', 10, 0, 2), nine, '2026-01-05')).toBe(6 * 24 * 60 - 60);
    expect(minutesUntilDue(weekly, at('2026-01-05', 9, 0, 1), nine, '2026-01-05')).toBe(7 * 24 * 60);
    expect(minutesUntilDue(hourly, at('2026-01-05', 9, 0), null, undefined)).toBeNull();
    expect(minutesUntilDue(frequent, at('2026-01-05', 9, 0), null, undefined)).toBeNull();
    expect(plan(monday(8, 30), at('2026-01-05', 8, 30))).toBe('2026-01-05T00:00:00.000Z');
    const ran = {
      sendStandupReminder: { slot: '2026-01-05', at: '', outcome: 'ok' as const },
      sendWeeklyReport: { slot: '2026-01-05', at: '', outcome: 'ok' as const },
    };
    expect(plan(monday(9, 1), at('2026-01-05', 9, 1), ran)).toBe('2026-01-06T00:00:00.000Z');
  });
  test("a job's extra instants come first when sooner; a postponed job asks for the next minute", () => {
    const extra = { frequent: [], processQueue: [new Date('2026-01-04T23:40:30Z')] };
    expect(plan(monday(8, 30), at('2026-01-05', 8, 30), {}, extra)).toBe('2026-01-04T23:40:00.000Z');
    expect(plan(monday(8, 30), at('2026-01-05', 8, 30), {}, {}, true)).toBe('2026-01-04T23:31:00.000Z');
  });
  test('an extra instant is due in its minute, within the grace, once', () => {
    const instants = [new Date('2026-01-05T00:00:20Z'), new Date('2026-01-05T03:00:00Z')];
    expect(dueInstant(instants, new Date('2026-01-04T23:59:59Z'), undefined)).toBeNull();
    expect(dueInstant(instants, new Date('2026-01-05T00:00:05Z'), undefined)?.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(dueInstant(instants, new Date('2026-01-05T00:14:00Z'), undefined)?.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(dueInstant(instants, new Date('2026-01-05T00:15:00Z'), undefined)).toBeNull();
    expect(dueInstant(instants, new Date('2026-01-05T00:05:00Z'), '2026-01-05T00:00:00.000Z')).toBeNull();
  });
  test('wakes: passed ones and ones after the next due minute go, one is armed at it, a sooner one stays', () => {
    const now = new Date('2026-01-05T00:00:30Z');
    const next = new Date('2026-01-05T08:30:00Z');
    const wakes = [
      { id: 'a', at: '2026-01-05T00:00:00.000Z' },
      { id: 'b', at: '2026-01-05T00:01:10.000Z' },
      { id: 'c', at: '2026-01-05T09:00:00.000Z' },
    ];
    expect(planWakes(wakes, now, next)).toEqual({ remove: [wakes[0], wakes[2]], keep: [wakes[1]], arm: next });
    expect(planWakes([...wakes, { id: 'd', at: next.toISOString() }], now, next).arm).toBeNull();
    expect(wakeCovers(wakes, now, new Date(now.getTime() + 120_000))).toBe(true);
    expect(wakeCovers([wakes[0]!, wakes[2]!], now, new Date(now.getTime() + 120_000))).toBe(false);
  });
  test('a wake goes off WAKE_LEAD_MS before its minute, and the run it starts early waits for the minute', () => {
    const fired: Date[] = [];
    const store = memoryTriggers([]);
    const at = store.at;
    store.at = (handler, when) => (fired.push(when), at(handler, when));
    let saved: Array<{ id: string; at: string }> = [];
    const record = { read: () => saved, save: (w: ReadonlyArray<{ id: string; at: string }>) => void (saved = [...w]) };
    const next = new Date('2026-01-05T08:30:00Z');
    rearmWakes({ triggers: store, record, now: new Date('2026-01-05T00:00:30Z') }, next);
    expect(fired).toEqual([new Date(next.getTime() - WAKE_LEAD_MS)]);
    // The record names the minute: that is what the run waits for, and what planWakes compares.
    expect(saved.map((w) => w.at)).toEqual([next.toISOString()]);
    expect(waitForWakeMinute(saved, new Date('2026-01-05T08:29:50Z'))).toBe(10_000);
    expect(waitForWakeMinute(saved, new Date('2026-01-05T08:30:10Z'))).toBe(0);
    // Far ahead (the safety net runs), or a request's wake that is not on a whole minute: no wait.
    expect(waitForWakeMinute(saved, new Date('2026-01-05T08:20:00Z'))).toBe(0);
    expect(waitForWakeMinute([{ id: 'r', at: '2026-01-05T08:30:12.345Z' }], new Date('2026-01-05T08:30:00Z'))).toBe(0);
    // A minute less than the lead away: the trigger is armed now, not in the past.
    fired.length = 0;
    saved = [];
    rearmWakes({ triggers: store, record, now: new Date('2026-01-05T08:29:55Z') }, next);
    expect(fired).toEqual([new Date('2026-01-05T08:29:55Z')]);
  });
  test('rearmWakes asks ScriptApp only when something changes, and removes wakes nobody recorded', () => {
    const store = memoryTriggers([{ id: 'lost', handler: 'dispatchWake', timeDriven: true }]);
    let saved: Array<{ id: string; at: string }> = [];
    const record = { read: () => saved, save: (w: ReadonlyArray<{ id: string; at: string }>) => void (saved = [...w]) };
    const now = new Date('2026-01-05T00:00:30Z');
    const next = new Date('2026-01-05T08:30:00Z');
    const first = rearmWakes({ triggers: store, record, now }, next);
    expect(first).toEqual({ armed: next.toISOString(), removed: 1, wakes: [next.toISOString()] });
    expect(store.all.map((t) => t.handler)).toEqual(['dispatchWake']);
    const list = jest.spyOn(store, 'list');
    expect(rearmWakes({ triggers: store, record, now }, next)).toEqual({ armed: null, removed: 0, wakes: [next.toISOString()] });
    expect(list).not.toHaveBeenCalled();
    // A request queues work: a wake in a minute, unless one is armed within two.
    expect(wakeSoon({ triggers: store, record, now })).toBe('2026-01-05T00:01:30.000Z');
    expect(wakeSoon({ triggers: store, record, now: new Date('2026-01-05T00:00:40Z') })).toBeNull();
    expect(saved).toHaveLength(2);
    // Requests faster than the dispatcher runs: a few wakes recorded, and no more triggers.
    saved = Array.from({ length: 4 }, (_, i) => ({ id: `w${i}`, at: '2026-01-05T00:00:00.000Z' }));
    expect(wakeSoon({ triggers: store, record, now: new Date('2026-01-05T00:10:00Z') })).toBeNull();
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
