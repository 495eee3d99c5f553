export type Schedule =
  /** Runs on every dispatcher tick (the outbox, deferred work). */
  | { readonly kind: 'frequent' }
  | { readonly kind: 'hourly' }
  /** `setting`: the Settings key holding the time of day (HH:mm); `time` its default. */
  | { readonly kind: 'daily'; readonly setting: string; readonly time: string; readonly workdaysOnly: boolean }
  | {
      readonly kind: 'weekly';
      readonly weekday: 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
      readonly setting: string;
      readonly time: string;
    };

/** A scheduled job: the name of the top-level function to run, and when (the table is src/jobs.ts). */
export interface Job {
  readonly handler: string;
  readonly schedule: Schedule;
}

/** A moment as the team's clock shows it (in the sheet's time zone). */
export interface LocalTime {
  /** yyyy-MM-dd */
  date: string;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * Apps Script fires a daily trigger somewhere inside its hour, so jobs whose minute matters are run by a
 * dispatcher that ticks every minute and starts each job in the first tick at or after its time. A tick that
 * comes too late (the dispatcher was stopped, or quota ran out) does not send a 09:00 reminder at noon: past
 * this grace the slot is missed, and the next one counts.
 */
export const GRACE_MINUTES = 15;

const WEEKDAYS = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 } as const;

/**
 * The slot a job is due for now, or null. A slot is named so that a job runs once per slot: the minute for
 * frequent jobs, the hour for hourly ones, the day for daily and weekly ones.
 */
export function dueSlot(job: Job, now: LocalTime, time: TimeOfDay | null, lastSlot: string | undefined): string | null {
  const minuteKey = `${now.date}T${pad(now.hour)}:${pad(now.minute)}`;
  let slot: string | null;
  switch (job.schedule.kind) {
    case 'frequent':
      slot = minuteKey;
      break;
    case 'hourly':
      slot = `${now.date}T${pad(now.hour)}`;
      break;
    case 'daily':
      slot = withinGrace(now, time) ? now.date : null;
      break;
    case 'weekly':
      slot = now.weekday === WEEKDAYS[job.schedule.weekday] && withinGrace(now, time) ? now.date : null;
      break;
  }
  return slot !== null && slot !== lastSlot ? slot : null;
}

function withinGrace(now: LocalTime, time: TimeOfDay | null): boolean {
  if (!time) return false;
  const late = now.hour * 60 + now.minute - (time.hour * 60 + time.minute);
  return late >= 0 && late < GRACE_MINUTES;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Saturday and Sunday, and the days listed in `Holidays`, are not workdays. */
export function isWorkday(now: LocalTime, holidays: ReadonlySet<string>): boolean {
  return now.weekday <= 5 && !holidays.has(now.date);
}
