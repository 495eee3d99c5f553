import * as crypto from 'node:crypto';
import type { ServiceFactory } from '../runtime/api';
import { COST_MS } from '../runtime/execution';
import { isDate } from '../runtime/realm';
import { countedAs } from './counted';
import { japaneseHolidays, type HolidayDay } from './japaneseHolidays';
import { signatureError } from './signature';
import { zonedParts, zonedToEpoch } from './timezone';
import type { StateDir } from '../runtime/state';

/**
 * CalendarApp, as far as reading Google's public holiday calendars goes. The local runtime has no user calendars:
 * `getCalendarById` knows Google's two Japanese holiday calendars and answers null for any other id, as Apps
 * Script does for a calendar the user cannot see. Their events are computed from the holiday law
 * (japaneseHolidays.ts), all-day, with the titles Google uses: "ja.japanese#holiday" (祝日およびその他の休日, the
 * default since 2024) also lists observances such as 銀行休業日 and クリスマス; "ja.japanese.official#holiday"
 * (祝日のみ) lists the holidays plus 銀行休業日 and 大晦日.
 *
 * Cost: each call that reaches Google's calendar (getCalendarById, getEvents, getEventsForDay) is one CalendarApp
 * read; the getters of an event already fetched are free.
 */

export const JAPANESE_HOLIDAYS_ID = 'ja.japanese#holiday@group.v.calendar.google.com';
export const JAPANESE_OFFICIAL_HOLIDAYS_ID = 'ja.japanese.official#holiday@group.v.calendar.google.com';

interface PublicCalendar {
  id: string;
  name: string;
  days(year: number): HolidayDay[];
}

const OFFICIAL_EXTRAS = new Set(['銀行休業日', '大晦日']);

const CALENDARS: readonly PublicCalendar[] = [
  { id: JAPANESE_HOLIDAYS_ID, name: '日本の祝日', days: (year) => japaneseHolidays(year, { observances: true }) },
  {
    id: JAPANESE_OFFICIAL_HOLIDAYS_ID,
    name: '日本の祝日',
    days: (year) => japaneseHolidays(year, { observances: true }).filter((d) => d.kind === 'holiday' || OFFICIAL_EXTRAS.has(d.name)),
  },
];

/** One event: [start, end); for an all-day one, midnights in the script's time zone, as Apps Script gives them. */
interface AllDayEvent {
  id: string;
  title: string;
  start: number;
  end: number;
  /** Holidays are all-day; a user's event says. */
  allDay?: boolean;
  /** CalendarApp.EventType's name: DEFAULT, OUT_OF_OFFICE, FOCUS_TIME, WORKING_LOCATION, BIRTHDAY, FROM_GMAIL. */
  eventType?: EventTypeName;
}

export const EVENT_TYPES = ['DEFAULT', 'BIRTHDAY', 'FOCUS_TIME', 'FROM_GMAIL', 'OUT_OF_OFFICE', 'WORKING_LOCATION'] as const;
export type EventTypeName = (typeof EVENT_TYPES)[number];

/**
 * A person's calendar the script's account can read (a colleague's shared calendar, named by its id, usually the
 * email). Kept in the state directory; tests and the demo add events with addCalendarEvent.
 */
interface UserCalendar {
  name: string;
  events: AllDayEvent[];
}
const SLICE = 'calendars';
type CalendarsSlice = Record<string, UserCalendar>;

export function addCalendarEvent(
  state: StateDir,
  calendarId: string,
  event: { title: string; start: Date; end: Date; allDay?: boolean; eventType?: EventTypeName },
): void {
  state.update<CalendarsSlice, void>(
    SLICE,
    () => ({}),
    (calendars) => {
      const calendar = (calendars[calendarId] ??= { name: calendarId, events: [] });
      calendar.events.push({
        id: `${calendarId.replace(/[^a-z0-9]/gi, '')}_${calendar.events.length + 1}`,
        title: event.title,
        start: event.start.getTime(),
        end: event.end.getTime(),
        allDay: event.allDay ?? false,
        eventType: event.eventType ?? 'DEFAULT',
      });
    },
  );
}

type Calendar = GoogleAppsScript.Calendar.Calendar;
type CalendarEvent = GoogleAppsScript.Calendar.CalendarEvent;

export const calendarService: ServiceFactory = (exec) => {
  const realm = exec.realm;
  const read = COST_MS.calendarRead;

  const eventObject = (e: AllDayEvent): CalendarEvent =>
    countedAs<CalendarEvent>(exec, 'CalendarEvent', {
      getId: () => e.id,
      getTitle: () => e.title,
      isAllDayEvent: () => e.allDay ?? true,
      // Apps Script's enums are objects named by their key; the script compares them, or their String().
      getEventType: () => (e.eventType ?? 'DEFAULT') as unknown as GoogleAppsScript.Calendar.EventType,
      isRecurringEvent: () => false,
      getAllDayStartDate: () => new realm.Date(e.start),
      getAllDayEndDate: () => new realm.Date(e.end),
      getStartTime: () => new realm.Date(e.start),
      getEndTime: () => new realm.Date(e.end),
      toString: () => 'CalendarEvent',
    });

  const calendarObject = (calendar: PublicCalendar | (UserCalendar & { id: string })): Calendar => {
    const eventsIn = (from: number, to: number): AllDayEvent[] => {
      if ('events' in calendar) return calendar.events.filter((e) => e.start < to && e.end > from).sort((a, b) => a.start - b.start);
      const firstYear = zonedParts(from, exec.timeZone).year;
      const lastYear = zonedParts(Math.max(from, to - 1), exec.timeZone).year;
      const out: AllDayEvent[] = [];
      for (let year = firstYear; year <= lastYear; year++) {
        for (const day of calendar.days(year)) {
          const [y, m, d] = day.date.split('-').map(Number) as [number, number, number];
          const start = zonedToEpoch({ year: y, month: m, day: d }, exec.timeZone);
          const end = zonedToEpoch({ year: y, month: m, day: d + 1 }, exec.timeZone);
          // Overlapping the window, as Calendar.getEvents selects.
          if (start < to && end > from) out.push({ id: eventId(calendar.id, day), title: day.name, start, end });
        }
      }
      return out;
    };
    const withOptions = (events: AllDayEvent[], options: unknown): AllDayEvent[] => {
      if (options === undefined || options === null) return events;
      const o = options as { search?: unknown; max?: unknown; start?: unknown };
      let list = events;
      if (typeof o.search === 'string' && o.search !== '') list = list.filter((e) => e.title.includes(o.search as string));
      const start = typeof o.start === 'number' ? o.start : 0;
      const max = typeof o.max === 'number' ? o.max : list.length;
      return list.slice(start, start + max);
    };
    return countedAs<Calendar>(
      exec,
      'Calendar',
      {
        getId: () => calendar.id,
        getName: () => calendar.name,
        getTimeZone: () => 'Asia/Tokyo',
        isOwnedByMe: () => false,
        getEvents(...args: unknown[]) {
          const [startTime, endTime, options] = args;
          if (!isDate(startTime) || !isDate(endTime)) throw signatureError(exec, 'Calendar.getEvents', args);
          const events = withOptions(eventsIn(startTime.getTime(), endTime.getTime()), options);
          return realm.toScript(events.map(eventObject));
        },
        getEventsForDay(...args: unknown[]) {
          const [date, options] = args;
          if (!isDate(date)) throw signatureError(exec, 'Calendar.getEventsForDay', args);
          const p = zonedParts(date.getTime(), exec.timeZone);
          const from = zonedToEpoch({ year: p.year, month: p.month, day: p.day }, exec.timeZone);
          const to = zonedToEpoch({ year: p.year, month: p.month, day: p.day + 1 }, exec.timeZone);
          return realm.toScript(withOptions(eventsIn(from, to), options).map(eventObject));
        },
        toString: () => 'Calendar',
      },
      { getEvents: read, getEventsForDay: read },
    );
  };

  const CalendarApp = countedAs<GoogleAppsScript.Calendar.CalendarApp>(
    exec,
    'CalendarApp',
    {
      getCalendarById(...args: unknown[]) {
        const [id] = args;
        if (typeof id !== 'string') throw signatureError(exec, 'CalendarApp.getCalendarById', args);
        const calendar = CALENDARS.find((c) => c.id === id);
        const own = exec.state.fresh<CalendarsSlice>(SLICE, () => ({}))[id];
        // null for a calendar the user cannot see, as Apps Script answers; the typings leave null out.
        return (calendar ? calendarObject(calendar) : own ? calendarObject({ ...own, id }) : null) as Calendar;
      },
      EventType: Object.fromEntries(EVENT_TYPES.map((t) => [t, t])) as unknown as typeof GoogleAppsScript.Calendar.EventType,
      toString: () => 'CalendarApp',
    },
    { getCalendarById: read },
  );
  return { CalendarApp };
};

/** Google's holiday events have ids of the day and a hash; stable, so two reads give the same ids. */
function eventId(calendarId: string, day: HolidayDay): string {
  const hash = crypto.createHash('sha1').update(`${calendarId}\0${day.date}\0${day.name}`).digest('hex').slice(0, 16);
  return `${day.date.replace(/-/g, '')}_${hash}@google.com`;
}
