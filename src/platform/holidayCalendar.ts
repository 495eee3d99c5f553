import type { HolidayEvent } from '../domain/holidays';

/** Google's public calendar of Japanese holidays, as every Google account can read it. */
export const JAPANESE_HOLIDAY_CALENDAR_ID = 'ja.japanese#holiday@group.v.calendar.google.com';

export interface HolidayCalendar {
  /** The all-day events that overlap [start, end), one entry per day they cover. */
  events(start: Date, end: Date): HolidayEvent[];
}

const DAY_MS = 86_400_000;

/** A public calendar through CalendarApp, or null when the account cannot see it. */
export function publicCalendar(id: string): HolidayCalendar | null {
  const calendar = CalendarApp.getCalendarById(id);
  if (!calendar) return null;
  // Apps Script gives an all-day event's dates as midnights in the script's time zone.
  const zone = Session.getScriptTimeZone();
  const day = (date: GoogleAppsScript.Base.Date) => Utilities.formatDate(date, zone, 'yyyy-MM-dd');
  return {
    events(start, end) {
      const out: HolidayEvent[] = [];
      for (const event of calendar.getEvents(start, end)) {
        const title = event.getTitle();
        if (!event.isAllDayEvent()) continue;
        const first = event.getAllDayStartDate();
        const last = event.getAllDayEndDate();
        out.push({ date: day(first), title });
        // A holiday is one day; a longer all-day event covers each day up to its (exclusive) end.
        for (let t = first.getTime() + DAY_MS; t < last.getTime() - DAY_MS / 2; t += DAY_MS) out.push({ date: day(new Date(t)), title });
      }
      return out;
    },
  };
}
