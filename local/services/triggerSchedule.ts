import { isoWeek } from './formatdate';
import { zonedParts } from './timezone';

/**
 * When Apps Script fires a time-driven trigger, modeled honestly rather than at the idealised instant:
 *
 * - everyMinutes(n): on minute boundaries, every n minutes, at a phase within the n minutes fixed per trigger.
 * - everyHours(n): every n hours at a minute past the hour fixed per trigger (and an hour phase fixed per trigger).
 * - daily / weekly / monthly with atHour(h): Apps Script fires "somewhere inside the hour" and then keeps that
 *   minute, so the minute is fixed per trigger id (0–59) within hour h. With nearMinute(m) the fixed minute lies
 *   within ±15 of m (and may fall in the neighbouring hour, as Google's does).
 * - at(date) / after(ms): once, never before its instant and up to a minute after it, at a delay (0–59 s) fixed
 *   per trigger. Google documents `after` as a minimum ("the actual duration might vary, but won't be less than
 *   your specified minimum") and says nothing more precise of `at`; a one-off is observed to fire within about a
 *   minute after its time. atDate: near midnight of that date (±15 minutes, as documented), at a minute fixed per
 *   trigger. A one-off trigger whose time passed while nothing was running fires at the start of the next window;
 *   it is removed once fired (see `consumeFiredOneOffs`).
 *
 * Days, hours and weekdays are those of the trigger's time zone (inTimezone, else the script's). The minute offsets
 * come from a hash of the trigger id, so a schedule is stable across runs and differs between triggers. Wall times
 * that do not exist (a DST gap) are skipped.
 */
export type ClockSpec =
  | { kind: 'minutes'; n: number }
  | { kind: 'hours'; n: number }
  | { kind: 'days'; n: number; hour: number; nearMinute?: number }
  | { kind: 'weeks'; n: number; weekDay: WeekDay; hour: number; nearMinute?: number }
  | { kind: 'monthly'; day: number; hour: number; nearMinute?: number }
  | { kind: 'once'; at: number; nearMidnight?: boolean };

export type WeekDay = 'SUNDAY' | 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY';
export const WEEK_DAYS: readonly WeekDay[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

export interface ClockTrigger {
  id: string;
  handlerFunction: string;
  createdAt: number;
  /** The trigger's own zone (inTimezone); absent means the script's. */
  timeZone?: string;
  clock: ClockSpec;
}

export interface TimeDrivenEvent {
  authMode: 'FULL';
  triggerUid: string;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  'week-of-year': number;
  hour: number;
  minute: number;
  second: number;
  timezone: 'UTC';
}

export interface Firing {
  at: Date;
  id: string;
  handlerFunction: string;
  event: TimeDrivenEvent;
}

const MINUTE = 60000;
const DAY = 86400000;

/** FNV-1a, salted, so each offset a trigger needs is independent of the others. */
function hash(id: string, salt: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${salt}:${id}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Minutes after hour h:00 at which a daily/weekly/monthly trigger fires. */
export function minuteOffset(trigger: { id: string; clock: ClockSpec }): number {
  const spec = trigger.clock;
  if ('nearMinute' in spec && spec.nearMinute !== undefined) return spec.nearMinute + (hash(trigger.id, 'near') % 31) - 15;
  return hash(trigger.id, 'minute') % 60;
}

/**
 * When a one-off trigger really fires: `at`/`after` a delay of 0–59 s after the instant asked for (never before);
 * `atDate` within ±15 minutes of midnight.
 */
export function onceFiresAt(trigger: { id: string; clock: ClockSpec }): number {
  const spec = trigger.clock;
  if (spec.kind !== 'once') throw new Error('not a one-off trigger');
  if (spec.nearMidnight) return spec.at + ((hash(trigger.id, 'near') % 31) - 15) * MINUTE;
  return spec.at + (hash(trigger.id, 'delay') % 60) * 1000;
}

export function computeFirings(triggers: readonly ClockTrigger[], from: number, to: number, scriptTimeZone: string): Firing[] {
  const out: Firing[] = [];
  const firstMinute = Math.ceil(from / MINUTE) * MINUTE;
  const byZone = new Map<string, ClockTrigger[]>();
  for (const t of triggers) {
    if (t.clock.kind === 'once') {
      // Overdue one-offs fire at once, as Apps Script runs a missed one-off as soon as it can.
      const at = Math.max(onceFiresAt(t), from);
      if (at < to) out.push(firing(t, at));
      continue;
    }
    const zone = t.timeZone ?? scriptTimeZone;
    const list = byZone.get(zone) ?? [];
    list.push(t);
    byZone.set(zone, list);
  }
  for (const [zone, list] of byZone) {
    let offsetAt = Number.NaN;
    let offset = 0;
    for (let t = firstMinute; t < to; t += MINUTE) {
      // Zone offsets only change on half-hour boundaries, so Intl is asked twice an hour, not every minute.
      if (Number.isNaN(offsetAt) || t - offsetAt >= 30 * MINUTE || t % (30 * MINUTE) === 0) {
        offset = zonedParts(t, zone).offsetMinutes;
        offsetAt = t;
      }
      const local = t + offset * MINUTE;
      for (const trigger of list) {
        if (fires(trigger, local, zone)) out.push(firing(trigger, t));
      }
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `local` is the wall-clock time as if it were UTC (so getUTC* read the zone's fields). */
function fires(trigger: ClockTrigger, local: number, zone: string): boolean {
  const spec = trigger.clock;
  const minuteOfDay = Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
  switch (spec.kind) {
    case 'minutes':
      return minuteOfDay % spec.n === hash(trigger.id, 'phase') % spec.n;
    case 'hours': {
      const shifted = new Date(local - (hash(trigger.id, 'minute') % 60) * MINUTE);
      return shifted.getUTCMinutes() === 0 && shifted.getUTCHours() % spec.n === hash(trigger.id, 'phase') % spec.n;
    }
    case 'days':
    case 'weeks':
    case 'monthly': {
      const shifted = new Date(local - minuteOffset(trigger) * MINUTE);
      if (shifted.getUTCMinutes() !== 0 || shifted.getUTCHours() !== spec.hour) return false;
      const day = Math.floor(shifted.getTime() / DAY);
      const created = zonedParts(trigger.createdAt, zone);
      const createdDay = Math.floor(Date.UTC(created.year, created.month - 1, created.day) / DAY);
      if (spec.kind === 'days') return (((day - createdDay) % spec.n) + spec.n) % spec.n === 0;
      if (spec.kind === 'monthly') return shifted.getUTCDate() === spec.day;
      if (WEEK_DAYS[shifted.getUTCDay()] !== spec.weekDay) return false;
      // Weeks counted from the Sunday of the creation week.
      const week = Math.floor((day + 4) / 7);
      const createdWeek = Math.floor((createdDay + 4) / 7);
      return (((week - createdWeek) % spec.n) + spec.n) % spec.n === 0;
    }
    default:
      return false;
  }
}

function firing(trigger: ClockTrigger, at: number): Firing {
  const d = new Date(at);
  const event: TimeDrivenEvent = {
    authMode: 'FULL',
    triggerUid: trigger.id,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    'week-of-year': isoWeek(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
  return { at: d, id: trigger.id, handlerFunction: trigger.handlerFunction, event };
}

/** A readable schedule for `local triggers`: "every 5 minutes", "daily at 09:xx", "weekly on MONDAY at 09:xx". */
export function describeClock(spec: ClockSpec): string {
  const at = (hour: number, near?: number) => `${String(hour).padStart(2, '0')}:${near === undefined ? 'xx' : `${String(near).padStart(2, '0')}±15`}`;
  switch (spec.kind) {
    case 'minutes':
      return spec.n === 1 ? 'every 1 minute' : `every ${spec.n} minutes`;
    case 'hours':
      return spec.n === 1 ? 'every 1 hour' : `every ${spec.n} hours`;
    case 'days':
      return `${spec.n === 1 ? 'daily' : `every ${spec.n} days`} at ${at(spec.hour, spec.nearMinute)}`;
    case 'weeks':
      return `${spec.n === 1 ? 'weekly' : `every ${spec.n} weeks`} on ${spec.weekDay} at ${at(spec.hour, spec.nearMinute)}`;
    case 'monthly':
      return `monthly on day ${spec.day} at ${at(spec.hour, spec.nearMinute)}`;
    case 'once':
      return `once at ${new Date(spec.at).toISOString()}`;
  }
}
