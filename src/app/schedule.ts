import { cutToBytes, MAX_PROPERTY_VALUE_BYTES, utf8Length } from '../domain/propertyLimits';
import { dueSlot, type Job, type LocalTime, type TimeOfDay } from '../domain/schedule';
import { dueInstant } from '../domain/wakePlan';
import { parse, setting, type SettingSpec } from '../settings';
import type { TriggerStore } from '../platform/triggers';
import { SAFETY_NET_MINUTES, WAKE_HANDLER } from './wakes';

/** The safety-net trigger: it runs every job at its time, beside the one-off wakes (src/app/wakes.ts). */
export const DISPATCHER = 'dispatch';

/**
 * Apps Script stops an execution at 6 minutes. Every job of one execution shares the first 5 (a job that finds
 * them spent waits for the next tick); the last minute is for the step under way when they run out.
 */
export const RUN_BUDGET_MS = 5 * 60_000;

/** The instant by which an execution that started at `startedAt` starts no more work. */
export function runDeadline(startedAt: Date): Date {
  return new Date(startedAt.getTime() + RUN_BUDGET_MS);
}

/** A job's own time box, cut to what is left of the run: a job the dispatcher starts late gets less, never more. */
export function budgetWithinRun(ownBudgetMs: number, deadline: Date, now: Date): number {
  return Math.min(ownBudgetMs, deadline.getTime() - now.getTime());
}

export interface JobRun {
  /** The slot (day, hour or minute) the job last ran for, so it runs once per slot. */
  slot?: string;
  /** The last extra due instant (ISO) the job ran for, when it supplies its own (src/compose/dueInstants.ts). */
  instant?: string;
  /** ISO-8601 instant of the last run. */
  at: string;
  outcome: 'ok' | 'failed';
  message?: string;
}

export type JobRuns = Record<string, JobRun>;

/** The runs the dispatcher saved; text someone broke by hand counts as no runs, so every job runs again. */
export function parseJobRuns(text: string | undefined): JobRuns {
  try {
    return text ? (JSON.parse(text) as JobRuns) : {};
  } catch {
    return {};
  }
}

/** A job's last error is kept to this many bytes: enough to say what failed; the whole of it is in `Errors`. */
const MESSAGE_BYTES = 500;

/**
 * The runs as saved in one Script Property, which Apps Script caps at 9 KB: a run record longer than that would
 * make every tick fail. Only the jobs of the table are kept (one record each, its last error only), and messages
 * are cut, shorter still when many jobs fail at once, so the text always fits.
 */
export function serializeJobRuns(runs: JobRuns, jobs: readonly Job[]): string {
  const handlers = new Set(jobs.map((j) => j.handler));
  const kept = Object.entries(runs).filter(([handler]) => handlers.has(handler));
  for (let messageBytes = MESSAGE_BYTES; ; messageBytes = Math.floor(messageBytes / 2)) {
    const text = JSON.stringify(
      Object.fromEntries(
        kept.map(([handler, run]) => {
          const { message, ...rest } = run;
          const cut = message === undefined || messageBytes === 0 ? undefined : cutToBytes(message, messageBytes);
          return [handler, cut ? { ...rest, message: cut } : rest];
        }),
      ),
    );
    if (utf8Length(text) <= MAX_PROPERTY_VALUE_BYTES || messageBytes === 0) return text;
  }
}

/** The setting that holds a daily or weekly job's time of day (src/jobs.ts names its key and default). */
export function timeSettingOf(job: Job): SettingSpec<TimeOfDay> {
  const schedule = job.schedule;
  if (schedule.kind !== 'daily' && schedule.kind !== 'weekly') throw new Error(`job ${job.handler} has no time of day`);
  return setting<TimeOfDay>(schedule.setting, schedule.time, '', parse.time);
}

/** The health answer's trigger section: exactly one dispatcher, or what to do about it. */
export function dispatcherHealth(triggers: Pick<TriggerStore, 'list'>): { dispatcher: 'installed'; wakes: number } {
  const all = triggers.list();
  const dispatchers = all.filter((t) => t.handler === DISPATCHER && t.timeDriven).length;
  if (dispatchers !== 1) throw new Error(`${dispatchers} dispatcher triggers installed: run "Install or refresh triggers"`);
  return { dispatcher: 'installed', wakes: all.filter((t) => t.handler === WAKE_HANDLER).length };
}

export interface InstallReport {
  created: string[];
  removed: string[];
  kept: string[];
}

/** The installed safety net, as recorded in Script Property `DISPATCHER_TRIGGER` (ScriptApp cannot tell a trigger's interval). */
export interface DispatcherRecord {
  id: string;
  everyMinutes: number;
}

export function parseDispatcherRecord(text: string | undefined): DispatcherRecord | null {
  try {
    const parsed = text ? (JSON.parse(text) as Partial<DispatcherRecord>) : null;
    return typeof parsed?.id === 'string' && typeof parsed.everyMinutes === 'number' ? { id: parsed.id, everyMinutes: parsed.everyMinutes } : null;
  } catch {
    return null;
  }
}

/**
 * Leaves exactly one dispatcher trigger, every SAFETY_NET_MINUTES, whatever was there before: duplicates (setup
 * run twice, or by two people), the every-minute dispatcher of older versions (one not in the record), triggers
 * of jobs that older versions scheduled one by one, and triggers whose function no longer exists are removed.
 * Triggers someone made for their own functions are kept. Wakes are the dispatcher's own business (src/app/wakes.ts).
 * One trigger and a wake or two are far inside the limit of 20 per user per script.
 */
export function installTriggers(deps: {
  triggers: TriggerStore;
  jobs: readonly Job[];
  handlerExists: (name: string) => boolean;
  record: { read(): DispatcherRecord | null; save(record: DispatcherRecord): void };
}): InstallReport {
  const report: InstallReport = { created: [], removed: [], kept: [] };
  const ours = new Set(deps.jobs.map((j) => j.handler));
  const recorded = deps.record.read();
  let dispatcherKept = false;
  for (const trigger of deps.triggers.list()) {
    if (trigger.handler === WAKE_HANDLER) continue;
    const isDispatcher = trigger.handler === DISPATCHER && trigger.timeDriven;
    const current = isDispatcher && recorded?.id === trigger.id && recorded.everyMinutes === SAFETY_NET_MINUTES;
    const stale =
      (isDispatcher && (dispatcherKept || !current)) || (ours.has(trigger.handler) && trigger.timeDriven) || !deps.handlerExists(trigger.handler);
    if (stale) {
      deps.triggers.remove(trigger.id);
      report.removed.push(trigger.handler);
    } else {
      if (isDispatcher) dispatcherKept = true;
      report.kept.push(trigger.handler);
    }
  }
  if (!dispatcherKept) {
    const id = deps.triggers.everyMinutes(DISPATCHER, SAFETY_NET_MINUTES);
    deps.record.save({ id, everyMinutes: SAFETY_NET_MINUTES });
    report.created.push(DISPATCHER);
  }
  return report;
}

export interface DispatchDeps {
  jobs: readonly Job[];
  now: Date;
  local: LocalTime;
  /** The time of day a daily or weekly job is set to (Settings, or its default); throws on a bad setting. */
  timeOf(job: Job): TimeOfDay;
  /** Job runs as last saved. */
  readRuns(): JobRuns;
  /**
   * Runs `update` on the saved job runs and saves what it returns, atomically (under the script lock), so two
   * overlapping ticks cannot both claim the same slot.
   */
  updateRuns(update: (runs: JobRuns) => JobRuns): JobRuns;
  run(handler: string): void;
  /** No job starts at or after this instant (see RUN_BUDGET_MS); a job left out runs at the next tick. */
  deadline: Date;
  /** The execution's clock, which moves on as jobs run (`now` is when the tick started). */
  clock(): Date;
  /**
   * Extra instants a job is due at besides its schedule (per-member local times, a retry the job asked for); each
   * runs the job once, in its minute. Asked once per job and run.
   */
  extraDue?(job: Job): readonly Date[];
}

interface Due {
  job: Job;
  slot: string;
  /** Set when the run is for one of the job's extra instants; `slot` is then the last slot, unchanged, if no new one opened. */
  instant?: string;
}

/**
 * A successful frequent job is written down at most this often, to keep idle runs cheap: a little less than the
 * safety net's period, so each of its runs writes it even when Apps Script fires it a few seconds early.
 */
const FREQUENT_RECORD_MS = (SAFETY_NET_MINUTES - 1) * 60 * 1000;

export interface DispatchResult {
  handler: string;
  slot: string;
  /** Set when the run was for one of the job's extra due instants (ISO). */
  instant?: string;
  /** When the job started (ISO): a wake's run may have waited for its minute first (src/domain/wakePlan.ts). */
  startedAt?: string;
  /** 'postponed': the run's time was spent before the job's turn; its slot stays unclaimed for the next tick. */
  outcome: JobRun['outcome'] | 'postponed';
  message?: string;
}

/**
 * Runs every job due now, each once per slot, as long as the run has time left; one job failing does not stop the
 * others.
 */
export function dispatchDueJobs(deps: DispatchDeps): DispatchResult[] {
  const at = deps.now.toISOString();
  const extra = new Map<string, readonly Date[]>();
  const extraOf = (job: Job) => {
    let instants = extra.get(job.handler);
    if (!instants) extra.set(job.handler, (instants = deps.extraDue?.(job) ?? []));
    return instants;
  };
  const due = (runs: JobRuns) => {
    const out: Due[] = [];
    const badSettings: Array<{ job: Job; message: string }> = [];
    for (const job of deps.jobs) {
      const instant = dueInstant(extraOf(job), deps.now, runs[job.handler]?.instant)?.toISOString();
      let time: TimeOfDay | null = null;
      if (job.schedule.kind === 'daily' || job.schedule.kind === 'weekly') {
        try {
          time = deps.timeOf(job);
        } catch (e) {
          badSettings.push({ job, message: (e as Error).message });
          if (instant) out.push({ job, slot: runs[job.handler]?.slot ?? '', instant });
          continue;
        }
      }
      const slot = dueSlot(job, deps.local, time, runs[job.handler]?.slot);
      if (slot) out.push(instant ? { job, slot, instant } : { job, slot });
      else if (instant) out.push({ job, slot: runs[job.handler]?.slot ?? '', instant });
    }
    return { out, badSettings };
  };
  // Frequent jobs run on every dispatcher run unclaimed; a frequent job's extra instant is claimed like a slot.
  const claimable = (d: Due) => d.job.schedule.kind !== 'frequent' || d.instant !== undefined;

  const first = due(deps.readRuns());
  let toRun = first.out.filter((d) => !claimable(d));
  const scheduled = first.out.filter(claimable);
  const newBadSettings = first.badSettings.filter(({ job, message }) => deps.readRuns()[job.handler]?.message !== message);
  // What a claimed job's record was before the claim: a job postponed for lack of time gets it back.
  const beforeClaim = new Map<string, JobRun | undefined>();
  if (scheduled.length > 0 || newBadSettings.length > 0) {
    // Claim under the lock, deciding again on what is saved now: another tick may have claimed since.
    let claimed: Due[] = [];
    deps.updateRuns((runs) => {
      const next = { ...runs };
      const again = due(runs);
      claimed = again.out.filter(claimable);
      for (const { job } of claimed) beforeClaim.set(job.handler, runs[job.handler]);
      for (const { job, slot, instant } of claimed)
        next[job.handler] = { ...(next[job.handler] ?? { at, outcome: 'ok' }), ...(slot ? { slot } : {}), ...(instant ? { instant } : {}) };
      for (const { job, message } of again.badSettings) next[job.handler] = { ...next[job.handler], at, outcome: 'failed', message };
      return next;
    });
    // A frequent job claimed for an instant runs once, not a second time as a frequent one.
    toRun = [...claimed, ...toRun.filter((d) => !claimed.some((c) => c.job.handler === d.job.handler))];
  }

  const results: DispatchResult[] = [];
  for (const { job, slot, instant } of toRun) {
    const result: DispatchResult = instant ? { handler: job.handler, slot, instant, outcome: 'ok' } : { handler: job.handler, slot, outcome: 'ok' };
    if (deps.clock().getTime() >= deps.deadline.getTime()) {
      results.push({ ...result, outcome: 'postponed' });
      continue;
    }
    result.startedAt = deps.clock().toISOString();
    try {
      deps.run(job.handler);
    } catch (e) {
      result.outcome = 'failed';
      result.message = e instanceof Error ? e.message : String(e);
    }
    results.push(result);
  }
  const worthSaving = results.filter((r) => {
    if (r.outcome === 'postponed') return beforeClaim.has(r.handler);
    if (r.outcome === 'failed' || r.instant || deps.jobs.find((j) => j.handler === r.handler)?.schedule.kind !== 'frequent') return true;
    const previous = deps.readRuns()[r.handler];
    return !previous || previous.outcome !== 'ok' || deps.now.getTime() - Date.parse(previous.at) >= FREQUENT_RECORD_MS;
  });
  if (worthSaving.length > 0) {
    deps.updateRuns((runs) => {
      const next = { ...runs };
      for (const r of worthSaving) {
        if (r.outcome === 'postponed') {
          const before = beforeClaim.get(r.handler);
          if (before) next[r.handler] = before;
          else delete next[r.handler];
        } else {
          const record: JobRun = { at, outcome: r.outcome };
          if (r.slot) record.slot = r.slot;
          const instant = r.instant ?? runs[r.handler]?.instant;
          if (instant) record.instant = instant;
          if (r.message !== undefined) record.message = r.message;
          next[r.handler] = record;
        }
      }
      return next;
    });
  }
  return results;
}
