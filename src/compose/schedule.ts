import {
  dispatchDueJobs,
  installTriggers,
  parseJobRuns,
  runDeadline,
  serializeJobRuns,
  timeSettingOf,
  type DispatchResult,
  type InstallReport,
} from '../app/schedule';
import { PROP } from '../app/properties';
import { JOBS } from '../jobs';
import { executionStartedAt } from '../platform/execution';
import { globalFunction } from '../platform/globals';
import { scriptLock } from '../platform/lock';
import { scriptTriggers } from '../platform/triggers';
import { executionContext } from './context';

/** The dispatcher's wiring: the one trigger, and each tick running the jobs that are due (src/jobs.ts). */

export function installTriggersJob(): InstallReport {
  return installTriggers({ triggers: scriptTriggers(), jobs: JOBS, handlerExists: (name) => globalFunction(name) !== null });
}

export function dispatchJob(): DispatchResult[] {
  const ctx = executionContext({ settings: 'cached' });
  const { now } = ctx;
  const settings = ctx.settings();
  let runs = parseJobRuns(ctx.properties()[PROP.jobRuns]);
  // The runs are Script Properties only: no sheet write to flush before the lock is released.
  const lockedProperties = scriptLock(() => undefined);
  return dispatchDueJobs({
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
  });
}
