import type { Language } from '../domain/messages';
import { reportText, weekdayName } from '../domain/reports/messages';
import { isWorkday, type LocalTime } from '../domain/schedule';
import { workingHoursBetween } from '../domain/workingHours';
import type { Calendar } from '../platform/timeZone';
import type { Table } from '../sheets/table';
import type { HOLIDAYS } from '../sheets/tables';

type HolidaysKey = (typeof HOLIDAYS)['columns'][number]['key'];

/** The team's days off from `Holidays`: `yyyy-MM-dd` in the sheet's time zone, with the name someone gave each. */
export interface Holidays {
  readonly dates: ReadonlySet<string>;
  name(date: string): string | undefined;
}

/** Reads `Holidays` (one call). Rows whose date is not a date are skipped: a note typed below the table. */
export function readHolidays(table: Table<HolidaysKey>, calendar: Pick<Calendar, 'dateKey'>): Holidays {
  const names = new Map<string, string>();
  for (const { record } of table.read().rows) {
    const date =
      record.date instanceof Date ? calendar.dateKey(record.date) : /^\d{4}-\d{2}-\d{2}$/.test(String(record.date)) ? String(record.date) : null;
    if (date && !names.has(date)) names.set(date, record.name === null ? '' : String(record.name));
  }
  return { dates: new Set(names.keys()), name: (date) => names.get(date) };
}

export type WorkdayVerdict = { workday: true; date: string } | { workday: false; date: string; reason: 'weekend' | 'holiday'; holiday?: string };

/** Whether a job that runs on workdays only should run now. */
export function workdayVerdict(local: LocalTime, holidays: Holidays): WorkdayVerdict {
  if (isWorkday(local, holidays.dates)) return { workday: true, date: local.date };
  if (local.weekday >= 6) return { workday: false, date: local.date, reason: 'weekend' };
  const name = holidays.name(local.date);
  return name ? { workday: false, date: local.date, reason: 'holiday', holiday: name } : { workday: false, date: local.date, reason: 'holiday' };
}

/**
 * What a workdays-only job says when it is run on a day off — by hand from the editor or the menu it must not look
 * as if it did nothing for no reason. `job` is the job's name in the team's language.
 */
export function skippedMessage(verdict: Extract<WorkdayVerdict, { workday: false }>, job: string, language: Language, weekday: number): string {
  const day = `${verdict.date} (${weekdayName(weekday, language)})`;
  if (verdict.reason === 'weekend') return reportText('skippedWeekend', language, { day, job });
  return verdict.holiday
    ? reportText('skippedHoliday', language, { day, job, holiday: verdict.holiday })
    : reportText('skippedHolidayUnnamed', language, { day, job });
}

/**
 * Working hours between two instants on the team's calendar, weekends and `Holidays` left out — the measure for
 * review time and lead time. The sheet's time zone comes in through `calendar`, whose local clock gives the offset.
 */
export function workingHoursOn(calendar: Pick<Calendar, 'local'>, holidays: Holidays): (start: Date, end: Date) => number {
  // Offsets are whole quarter-hours and change only on a quarter-hour, so one look-up per quarter-hour is exact;
  // a sync walks thousands of commit-to-deploy spans, each asking at every midnight it crosses.
  const offsets = new Map<number, number>();
  const offset = (instant: Date) => {
    const slot = Math.floor(instant.getTime() / 900_000);
    let known = offsets.get(slot);
    if (known === undefined) {
      known = offsetOf(new Date(slot * 900_000));
      offsets.set(slot, known);
    }
    return known;
  };
  const offsetOf = (instant: Date) => {
    const local = calendar.local(instant);
    const wall = Date.UTC(
      Number(local.date.slice(0, 4)),
      Number(local.date.slice(5, 7)) - 1,
      Number(local.date.slice(8, 10)),
      local.hour,
      local.minute,
    );
    const minute = Math.floor(instant.getTime() / 60_000) * 60_000;
    return Math.round((wall - minute) / 60_000);
  };
  return (start, end) => workingHoursBetween(start, end, holidays.dates, offset);
}
