import { GRACE_MINUTES, type Job, type LocalTime, type TimeOfDay } from './schedule';

/**
 * When the dispatcher must run next. Apps Script charges every execution (a script start alone is 0.8 s of the
 * 90 trigger minutes a consumer account has a day), so the dispatcher no longer runs every minute: a slow
 * safety-net trigger runs it every few minutes, and a one-off trigger ("wake") is armed at the next instant a
 * job needs its own minute. Pure: minutes on the team's clock in, minutes out.
 */

const WEEKDAY_NUMBER = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 } as const;
const DAY = 24 * 60;

/**
 * Minutes from the current minute (0 = this one) until the job's next slot opens, for the jobs whose message
 * must leave at its minute (daily and weekly ones). Null for hourly and frequent jobs: any run inside the hour, or
 * any run at all, serves them, and the safety net runs often enough for that. A slot open now and not yet run
 * (a job postponed for lack of time, or a time just moved earlier) is 0.
 */
export function minutesUntilDue(job: Job, now: LocalTime, time: TimeOfDay | null, lastSlot: string | undefined): number | null {
  const schedule = job.schedule;
  if (schedule.kind !== 'daily' && schedule.kind !== 'weekly') return null;
  if (!time) return null;
  const delta = time.hour * 60 + time.minute - (now.hour * 60 + now.minute);
  // Days from today to the next day the job runs on (0 = today); daily jobs run every day (workdays are the job's
  // own business: it says it skipped).
  const days = (ahead: number) => (schedule.kind === 'daily' ? ahead : (WEEKDAY_NUMBER[schedule.weekday] - now.weekday + 7 + ahead) % 7);
  const today = days(0) === 0;
  if (today && delta > 0) return delta;
  if (today && delta > -GRACE_MINUTES && lastSlot !== now.date) return 0;
  const next = schedule.kind === 'daily' ? 1 : days(0) === 0 ? 7 : days(0);
  return next * DAY + delta;
}

/** The minute (epoch ms at its start) an instant falls in: the dispatcher thinks in minutes. */
export function minuteOf(instant: number): number {
  return Math.floor(instant / 60_000) * 60_000;
}

/**
 * The latest of a job's extra due instants (those a job supplies at run time, see src/compose/dueInstants.ts)
 * whose minute has begun, is still inside the grace, and is later than the one it last ran for; null when none.
 */
export function dueInstant(instants: readonly Date[], now: Date, lastInstant: string | undefined): Date | null {
  const last = lastInstant ? Date.parse(lastInstant) : Number.NEGATIVE_INFINITY;
  let found: Date | null = null;
  for (const instant of instants) {
    const minute = minuteOf(instant.getTime());
    if (minute > now.getTime() || now.getTime() - minute >= GRACE_MINUTES * 60_000) continue;
    if (minute <= last) continue;
    if (!found || minute > found.getTime()) found = new Date(minute);
  }
  return found;
}

/** The first extra instant whose minute is still ahead, as the start of that minute; null when none. */
export function nextInstant(instants: readonly Date[], now: Date): Date | null {
  let next: number | null = null;
  for (const instant of instants) {
    const minute = minuteOf(instant.getTime());
    if (minute > now.getTime() && (next === null || minute < next)) next = minute;
  }
  return next === null ? null : new Date(next);
}

/**
 * A wake for a job's minute is armed this long before the minute, and the run it starts waits for the minute if it
 * came early: Apps Script fires a one-off trigger within about a minute after its time, so a wake armed at the
 * minute itself may start the run in its last seconds and the message leave in the next minute. Armed 15 s early,
 * the run starts between 15 s before the minute and 44 s into it, leaving the run a quarter of a minute for its
 * work; a quarter of the runs wait (7.5 s on average, charged as trigger time).
 */
export const WAKE_LEAD_MS = 15_000;

/**
 * How long a run that a wake started must wait for the minute the wake was armed for: the time to a recorded
 * job's minute (a whole minute) that is at most WAKE_LEAD_MS (and a little) ahead; 0 when there is none. A
 * request's wake (not on a whole minute) never makes a run wait.
 */
export function waitForWakeMinute(wakes: readonly Wake[], now: Date): number {
  let wait = 0;
  for (const wake of wakes) {
    const at = Date.parse(wake.at);
    const ahead = at - now.getTime();
    if (at === minuteOf(at) && ahead > 0 && ahead <= WAKE_LEAD_MS + 5_000) wait = Math.max(wait, ahead);
  }
  return wait;
}

/** One armed one-off trigger, as the dispatcher records it (Script Property `DISPATCH_WAKES`). */
export interface Wake {
  id: string;
  /** ISO-8601 instant the trigger was armed for. */
  at: string;
}

/** The record as saved; text someone broke by hand counts as no wakes (the dispatcher cleans up what it finds). */
export function parseWakes(text: string | undefined): Wake[] {
  try {
    const parsed = text ? (JSON.parse(text) as unknown) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((w): w is Wake => typeof w?.id === 'string' && typeof w?.at === 'string' && Number.isFinite(Date.parse(w.at)));
  } catch {
    return [];
  }
}

/**
 * Whether a wake already armed will run the dispatcher soon enough for work just queued: one armed after now and
 * no later than `latest`.
 */
export function wakeCovers(wakes: readonly Wake[], now: Date, latest: Date): boolean {
  return wakes.some((w) => {
    const at = Date.parse(w.at);
    return at > now.getTime() && at <= latest.getTime();
  });
}

export interface WakeChanges {
  /** Wakes to delete: their time has passed (they fired, or this run does their work), or they come after the next due one. */
  remove: Wake[];
  /** The instant to arm a new wake at, when no wake is armed for it. */
  arm: Date | null;
  keep: Wake[];
}

/**
 * What to change so that exactly the wakes still useful stay armed: one at `next` (the next instant a job needs),
 * and any earlier one already armed (a webhook's, which runs the dispatcher sooner; it re-plans when it runs).
 */
export function planWakes(wakes: readonly Wake[], now: Date, next: Date | null): WakeChanges {
  const remove: Wake[] = [];
  const keep: Wake[] = [];
  for (const wake of wakes) {
    const at = Date.parse(wake.at);
    if (at <= now.getTime() || (next !== null && minuteOf(at) > next.getTime()) || next === null) remove.push(wake);
    else keep.push(wake);
  }
  const covered = next !== null && keep.some((w) => minuteOf(Date.parse(w.at)) === next.getTime());
  return { remove, keep, arm: next !== null && !covered ? next : null };
}
