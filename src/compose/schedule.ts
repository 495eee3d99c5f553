import {
  dispatchDueJobs,
  installTriggers,
  parseDispatcherRecord,
  parseJobRuns,
  runDeadline,
  serializeJobRuns,
  timeSettingOf,
  type DispatchResult,
  type InstallReport,
  type JobRuns,
} from '../app/schedule';
import { nextDueInstant, rearmWakes, wakeSoon, type RearmReport, type WakeRecord } from '../app/wakes';
import { PROP } from '../app/properties';
import type { Job } from '../domain/schedule';
import { parseWakes, planWakes, waitForWakeMinute } from '../domain/wakePlan';
import { sleep } from '../platform/attachments';
import { JOBS } from '../jobs';
import { executionStartedAt } from '../platform/execution';
import { globalFunction } from '../platform/globals';
import { scriptLock } from '../platform/lock';
import { scriptProperty } from '../platform/properties';
import { scriptTriggers } from '../platform/triggers';
import { executionContext, type ExecutionContext } from './context';
import { EXTRA_DUE_INSTANTS } from './dueInstants';
import { reportFailure } from './errors';

/**
 * The dispatcher's wiring: the safety-net trigger and the one-off wakes (src/app/wakes.ts), and each run running
 * the jobs that are due (src/jobs.ts), then arming the wake for the next one.
 */

function wakeRecord(): WakeRecord {
  const property = scriptProperty(PROP.dispatchWakes);
  return { read: () => parseWakes(property.get()), save: (wakes) => property.set(JSON.stringify(wakes)) };
}

/** Extra due instants of a job (src/compose/dueInstants.ts); a hook that fails plans nothing and is reported. */
function extraDueOf(ctx: ExecutionContext): (job: Job) => readonly Date[] {
  return (job) => {
    const hook = EXTRA_DUE_INSTANTS[job.handler as keyof typeof EXTRA_DUE_INSTANTS];
    if (!hook) return [];
    try {
      return hook(ctx, new Date());
    } catch (error) {
      reportFailure(`${job.handler} (due instants)`, error);
      return [];
    }
  };
}

/**
 * Arms the wake for the next due minute after what ran. Reads the record from the properties already read, and
 * takes the lock and asks ScriptApp only when a wake must change: most runs change nothing.
 */
function planNextWake(ctx: ExecutionContext, runs: JobRuns, postponed: boolean, extraDue: (job: Job) => readonly Date[]): RearmReport {
  const now = new Date();
  const settings = ctx.settings();
  const next = nextDueInstant({
    jobs: JOBS,
    now,
    local: ctx.calendar().local(now),
    timeOf: (job) => settings.get(timeSettingOf(job)),
    runs,
    extraDue,
    postponed,
  });
  const known = parseWakes(ctx.properties()[PROP.dispatchWakes]);
  const plan = planWakes(known, now, next);
  if (plan.remove.length === 0 && !plan.arm) return { armed: null, removed: 0, wakes: plan.keep.map((w) => w.at) };
  return scriptLock(() => undefined)(() => rearmWakes({ triggers: scriptTriggers(), record: wakeRecord(), now }, next));
}

export function installTriggersJob(): InstallReport & { wakes: string[] } {
  const ctx = executionContext({ settings: 'cached' });
  const dispatcher = scriptProperty(PROP.dispatcherTrigger);
  const report = installTriggers({
    triggers: scriptTriggers(),
    jobs: JOBS,
    handlerExists: (name) => globalFunction(name) !== null,
    record: { read: () => parseDispatcherRecord(dispatcher.get()), save: (record) => dispatcher.set(JSON.stringify(record)) },
  });
  const wakes = planNextWake(ctx, parseJobRuns(ctx.properties()[PROP.jobRuns]), false, extraDueOf(ctx));
  return { ...report, wakes: wakes.wakes };
}

/**
 * A wake's run: one that came before the minute its wake was armed for (WAKE_LEAD_MS early) waits for it, then
 * dispatches as the safety net does. Reading the record costs one property read more per wake.
 */
export function dispatchWakeJob(): DispatchResult[] {
  sleep(waitForWakeMinute(parseWakes(scriptProperty(PROP.dispatchWakes).get()), new Date()));
  return dispatchJob();
}

export function dispatchJob(): DispatchResult[] {
  const ctx = executionContext({ settings: 'cached' });
  const { now } = ctx;
  const settings = ctx.settings();
  let runs = parseJobRuns(ctx.properties()[PROP.jobRuns]);
  // The runs are Script Properties only: no sheet write to flush before the lock is released.
  const lockedProperties = scriptLock(() => undefined);
  const extraDue = extraDueOf(ctx);
  const results = dispatchDueJobs({
    jobs: JOBS,
    now,
    local: ctx.calendar().local(now),
    timeOf: (job) => settings.get(timeSettingOf(job)),
    readRuns: () => runs,
    updateRuns: (update) =>
      lockedProperties(() => {
        const text = serializeJobRuns(update(parseJobRuns(ctx.propertyStore.all()[PROP.jobRuns])), JOBS);
        ctx.propertyStore.set({ [PROP.jobRuns]: text });
        // What was saved, messages cut: the next comparison with a saved message compares like with like.
        runs = parseJobRuns(text);
        return runs;
      }),
    deadline: runDeadline(executionStartedAt()),
    clock: () => new Date(),
    run: (handler) => {
      const fn = globalFunction(handler);
      if (!fn) throw new Error(`job ${handler} has no function of that name in the project`);
      fn();
    },
    extraDue,
  });
  try {
    const wake = planNextWake(
      ctx,
      runs,
      results.some((r) => r.outcome === 'postponed'),
      extraDue,
    );
    if (wake.armed) console.log(`dispatch: next run at ${wake.armed}`);
  } catch (error) {
    // The jobs ran and are recorded; without a wake the safety net runs the next ones, a few minutes late.
    reportFailure('dispatch (arming the next run)', error);
  }
  return results;
}

/**
 * After a web request that may have queued work: a wake within about a minute, unless one is armed in time. One
 * Script Property read on the way (30 ms), no Spreadsheet call.
 */
export function wakeSoonJob(): void {
  try {
    const armed = wakeSoon({ triggers: scriptTriggers(), record: wakeRecord(), now: new Date() });
    if (armed) console.log(`dispatch: run at ${armed} for the work just queued`);
  } catch (error) {
    // The request's work is saved; the safety net applies it within SAFETY_NET_MINUTES.
    reportFailure('doPost (arming a dispatcher run)', error);
  }
}
