import { publicCalendar } from './holidayCalendar';
import { offsetMinutes } from './timeZone';

/** A member's own Google calendars, read only. */
export interface MemberCalendars {
  /** The days (yyyy-MM-dd in `zone`) an out-of-office event covers in [from, to); null when the calendar cannot be read. */
  outOfOffice(calendarId: string, from: Date, to: Date, zone: string): string[] | null;
  /** The all-day events' days of a holiday calendar in [from, to); null when it cannot be read. */
  holidays(calendarId: string, from: Date, to: Date, zone: string): string[] | null;
}

const DAY_MS = 86_400_000;

/**
 * The members' Google calendars through CalendarApp, read only (scope calendar.readonly): out-of-office events
 * (CalendarEvent.getEventType() = OUT_OF_OFFICE) and public holiday calendars. A calendar the account cannot see
 * answers null, and the member falls back to the sheets.
 */
export function memberCalendars(): MemberCalendars {
  const day = (instant: Date, zone: string) => Utilities.formatDate(instant, zone, 'yyyy-MM-dd');
  return {
    outOfOffice(calendarId, from, to, zone) {
      const calendar = readable(() => CalendarApp.getCalendarById(calendarId), calendarId);
      if (!calendar) return null;
      const events = readable(() => calendar.getEvents(from, to), calendarId);
      if (!events) return null;
      const outOfOffice = String(CalendarApp.EventType.OUT_OF_OFFICE);
      const days = new Set<string>();
      for (const event of events) {
        if (String(event.getEventType()) !== outOfOffice) continue;
        const start = event.isAllDayEvent() ? event.getAllDayStartDate().getTime() : event.getStartTime().getTime();
        const end = event.isAllDayEvent() ? event.getAllDayEndDate().getTime() : event.getEndTime().getTime();
        // A day counts as away when the event covers its noon on the member's clock: a morning off is no day away.
        for (let t = start; t < end + DAY_MS; t += DAY_MS / 2) {
          const d = day(new Date(Math.min(t, end - 1)), zone);
          const noon = Date.parse(`${d}T12:00:00Z`) - offsetMinutes(new Date(t), zone) * 60_000;
          if (noon >= start && noon < end) days.add(d);
        }
      }
      return [...days].sort();
    },
    holidays(calendarId, from, to) {
      const calendar = readable(() => publicCalendar(calendarId), calendarId);
      return calendar ? calendar.events(from, to).map((e) => e.date) : null;
    },
  };
}

/** A calendar the account may not read (permission, a typo in the id) is said in the log and read as none. */
function readable<T>(read: () => T | null, calendarId: string): T | null {
  try {
    return read();
  } catch (e) {
    console.warn(`calendar ${calendarId} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
