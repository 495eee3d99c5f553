import { ConfigError } from '../domain/errors';
import { legalHolidays } from '../domain/holidays';
import type { Language } from '../domain/messages';
import { reportText } from '../domain/reports/messages';
import type { Calendar } from '../platform/timeZone';
import type { HolidayCalendar } from '../platform/holidayCalendar';
import type { Locked } from '../platform/lock';
import type { Table } from '../sheets/table';
import type { HOLIDAYS } from '../sheets/tables';

type HolidaysKey = (typeof HOLIDAYS)['columns'][number]['key'];

export interface FillHolidaysDeps {
  /** Google's Japanese holiday calendar, or null when the account cannot open it. */
  source: () => HolidayCalendar | null;
  table: Table<HolidaysKey>;
  calendar: Calendar;
  locked: Locked;
  now: Date;
  language: Language;
}

export interface FillHolidaysResult {
  years: number[];
  added: Array<{ date: string; name: string }>;
  /** Holidays whose date already had a row (ours from an earlier run, or one a person typed): left as they are. */
  kept: number;
  /** Events of the calendar that are no day off (observances): not written, listed so the team can see them. */
  ignored: Array<{ date: string; name: string }>;
}

/**
 * Fills `Holidays` with this year's and next year's holidays from Google's calendar. Only dates the table does not
 * have yet are added, so running it again changes nothing, and a row a person typed (a company holiday, or their
 * own name for a day) is never touched.
 */
export function fillHolidays(deps: FillHolidaysDeps): FillHolidaysResult {
  const year = Number(deps.calendar.dateKey(deps.now).slice(0, 4));
  const source = deps.source();
  if (!source) throw new ConfigError(reportText('holidayCalendarMissing', deps.language));
  const events = source.events(deps.calendar.midnight(`${year}-01-01`), deps.calendar.midnight(`${year + 2}-01-01`));
  const { holidays, ignored } = legalHolidays(events);

  return deps.locked(() => {
    const present = new Set(
      deps.table.read().rows.map((r) => (r.record.date instanceof Date ? deps.calendar.dateKey(r.record.date) : String(r.record.date))),
    );
    const fresh = holidays.filter((h) => !present.has(h.date));
    if (fresh.length > 0) deps.table.upsert(fresh.map((h) => ({ date: deps.calendar.midnight(h.date), name: h.title })));
    return {
      years: [year, year + 1],
      added: fresh.map((h) => ({ date: h.date, name: h.title })),
      kept: holidays.length - fresh.length,
      ignored: ignored.map((h) => ({ date: h.date, name: h.title })),
    };
  });
}

export function fillHolidaysSummary(result: FillHolidaysResult, language: Language): { title: string; message: string } {
  const ignoredNames = [...new Set(result.ignored.map((i) => i.name))];
  const lines = [
    reportText('holidaysAdded', language, { count: result.added.length, years: result.years.join('–') }),
    reportText('holidaysKept', language, { count: result.kept }),
  ];
  if (ignoredNames.length > 0) lines.push(reportText('holidaysIgnored', language, { names: ignoredNames.join(language === 'ja' ? '、' : ', ') }));
  return { title: reportText('holidaysTitle', language), message: lines.join('\n') };
}
