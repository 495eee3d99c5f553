import { minuteOf, minutesUntilDue, nextInstant, planWakes, WAKE_LEAD_MS, wakeCovers, type Wake } from '../domain/wakePlan';
import type { Job, LocalTime, TimeOfDay } from '../domain/schedule';
import type { TriggerStore } from '../platform/triggers';

/**
 * The one-off triggers that run the dispatcher at the minute a job is due ("wakes"), beside the safety-net
 * trigger that runs it every SAFETY_NET_MINUTES. Apps Script fires a one-off trigger at or after its time, in
 * practice within about a minute after; never before (ClockTriggerBuilder.after: "won't be less than your
 * specified minimum"). A job's wake is therefore armed WAKE_LEAD_MS before its minute, and a run that comes early
 * waits for the minute (src/domain/wakePlan.ts), so the job starts within that minute, not at its last second.
 */
export const WAKE_HANDLER = 'dispatchWake';

/**
 * How often the safety net runs the dispatcher: hourly jobs, the Outbox hint's refresh (10 minutes), a wake that
 * was lost, and Settings edited in the sheet (a simple onEdit trigger may not create triggers) are all caught
 * within this time. 144 runs a day of about 0.9 s each: 2.2 of the 90 trigger minutes a consumer account has.
 */
export const SAFETY_NET_MINUTES = 10;

/**
 * Work a webhook or a Slack answer queued is applied by a wake armed this long after it (a wake already armed
 * within this time serves as well), so the requests of a minute share one dispatcher run; with the trigger's own
 * delay of up to a minute, the work is applied within two.
 */
export const WAKE_SOON_MS = 60_000;

/**
 * A request arms no wake while this many are recorded, whether or not they have fired: the dispatcher has not run
 * since to prune them, and one of them (or the safety net) will. This bounds the project's triggers well under 20
 * when requests come faster than the dispatcher runs, so the webhook path never fails on "too many triggers".
 */
export const MAX_RECORDED_WAKES = 4;

/** Trigger records kept in Script Properties, so the hot paths know what is armed without asking ScriptApp. */
export interface WakeRecord {
  read(): Wake[];
  save(wakes: readonly Wake[]): void;
}

export interface PlanDeps {
  jobs: readonly Job[];
  now: Date;
  local: LocalTime;
  /** A job's time of day; throws on a bad setting (that job then plans nothing: the dispatcher reports it). */
  timeOf(job: Job): TimeOfDay;
  /** Each job's last slot, as the dispatcher saved it. */
  runs: Readonly<Record<string, { slot?: string } | undefined>>;
  extraDue(job: Job): readonly Date[];
  /** A job this run had no time for: the next run should come at once. */
  postponed: boolean;
}

/**
 * The next instant the dispatcher must run at, to the minute: the earliest of every daily or weekly job's next
 * slot and every extra instant a job supplies. Generic over the job table: a job added to src/jobs.ts plans
 * itself from its schedule, and one that supplies instants plans those.
 */
export function nextDueInstant(deps: PlanDeps): Date | null {
  const thisMinute = minuteOf(deps.now.getTime());
  let next = deps.postponed ? thisMinute + 60_000 : Number.POSITIVE_INFINITY;
  for (const job of deps.jobs) {
    let time: TimeOfDay | null = null;
    if (job.schedule.kind === 'daily' || job.schedule.kind === 'weekly') {
      try {
        time = deps.timeOf(job);
      } catch {
        time = null;
      }
    }
    const minutes = minutesUntilDue(job, deps.local, time, deps.runs[job.handler]?.slot);
    // 0: a slot still open that this run did not take (another run holds it, or it came up meanwhile).
    if (minutes !== null) next = Math.min(next, thisMinute + Math.max(minutes, 1) * 60_000);
    const instant = nextInstant(deps.extraDue(job), deps.now);
    if (instant) next = Math.min(next, instant.getTime());
  }
  return Number.isFinite(next) ? new Date(next) : null;
}

export interface RearmReport {
  /** ISO instant of the wake armed now, if one was. */
  armed: string | null;
  /** Wakes deleted: passed, superseded, or not in the record (left by a run that failed half-way). */
  removed: number;
  /** Every wake armed after this run (ISO). */
  wakes: string[];
}

/**
 * Leaves the wakes `planWakes` wants: deletes those that passed or come after the next due instant, arms one at
 * it. Asks ScriptApp only when something changes; call it under the script lock, so two runs do not both arm.
 */
export function rearmWakes(deps: { triggers: TriggerStore; record: WakeRecord; now: Date }, next: Date | null): RearmReport {
  const wakes = deps.record.read();
  const plan = planWakes(wakes, deps.now, next);
  const report: RearmReport = { armed: null, removed: 0, wakes: plan.keep.map((w) => w.at) };
  if (plan.remove.length === 0 && !plan.arm) return report;
  const known = new Set(plan.keep.map((w) => w.id));
  for (const trigger of deps.triggers.list()) {
    if (trigger.handler !== WAKE_HANDLER || known.has(trigger.id)) continue;
    deps.triggers.remove(trigger.id);
    report.removed++;
  }
  const keep = [...plan.keep];
  if (plan.arm) {
    // The trigger goes off WAKE_LEAD_MS before the minute (never in the past); the record names the minute itself.
    const fireAt = new Date(Math.max(plan.arm.getTime() - WAKE_LEAD_MS, deps.now.getTime()));
    keep.push({ id: deps.triggers.at(WAKE_HANDLER, fireAt), at: plan.arm.toISOString() });
    report.armed = plan.arm.toISOString();
  }
  deps.record.save(keep);
  report.wakes = keep.map((w) => w.at);
  return report;
}

/**
 * After a request queued work (a GitHub event to apply, Slack work, an Outbox message): makes sure the dispatcher
 * runs within about a minute. Costs nothing more than the record's read when a wake is already armed in time;
 * otherwise one trigger and one property write. Not locked: two requests at once may arm two wakes, and the
 * dispatcher deletes the one it does not need.
 */
export function wakeSoon(deps: { triggers: TriggerStore; record: WakeRecord; now: Date }): string | null {
  const wakes = deps.record.read();
  if (wakes.length >= MAX_RECORDED_WAKES || wakeCovers(wakes, deps.now, new Date(deps.now.getTime() + WAKE_SOON_MS))) return null;
  const at = new Date(deps.now.getTime() + WAKE_SOON_MS);
  const id = deps.triggers.at(WAKE_HANDLER, at);
  deps.record.save([...wakes, { id, at: at.toISOString() }]);
  return at.toISOString();
}
