import { japaneseHolidays, vernalEquinoxDay, autumnalEquinoxDay } from '../../local/services/japaneseHolidays';
import { newState, runSnippet } from '../helpers/runtime';

/**
 * The days off the Cabinet Office (内閣府) published for each year — the national holidays and the days that are
 * holidays by Art. 3-2 (振替休日) and Art. 3-3 (国民の休日) of the holiday law — written down from its
 * announcements (2025: February 2024; 2026: February 2025; 2027: February 2026, with 3/22 as a substitute holiday).
 */
const CABINET_OFFICE: Record<number, Array<[string, string]>> = {
  2024: [
    ['01-01', '元日'],
    ['01-08', '成人の日'],
    ['02-11', '建国記念の日'],
    ['02-12', '休日'],
    ['02-23', '天皇誕生日'],
    ['03-20', '春分の日'],
    ['04-29', '昭和の日'],
    ['05-03', '憲法記念日'],
    ['05-04', 'みどりの日'],
    ['05-05', 'こどもの日'],
    ['05-06', '休日'],
    ['07-15', '海の日'],
    ['08-11', '山の日'],
    ['08-12', '休日'],
    ['09-16', '敬老の日'],
    ['09-22', '秋分の日'],
    ['09-23', '休日'],
    ['10-14', 'スポーツの日'],
    ['11-03', '文化の日'],
    ['11-04', '休日'],
    ['11-23', '勤労感謝の日'],
  ],
  2025: [
    ['01-01', '元日'],
    ['01-13', '成人の日'],
    ['02-11', '建国記念の日'],
    ['02-23', '天皇誕生日'],
    ['02-24', '休日'],
    ['03-20', '春分の日'],
    ['04-29', '昭和の日'],
    ['05-03', '憲法記念日'],
    ['05-04', 'みどりの日'],
    ['05-05', 'こどもの日'],
    ['05-06', '休日'],
    ['07-21', '海の日'],
    ['08-11', '山の日'],
    ['09-15', '敬老の日'],
    ['09-23', '秋分の日'],
    ['10-13', 'スポーツの日'],
    ['11-03', '文化の日'],
    ['11-23', '勤労感謝の日'],
    ['11-24', '休日'],
  ],
  2026: [
    ['01-01', '元日'],
    ['01-12', '成人の日'],
    ['02-11', '建国記念の日'],
    ['02-23', '天皇誕生日'],
    ['03-20', '春分の日'],
    ['04-29', '昭和の日'],
    ['05-03', '憲法記念日'],
    ['05-04', 'みどりの日'],
    ['05-05', 'こどもの日'],
    ['05-06', '休日'],
    ['07-20', '海の日'],
    ['08-11', '山の日'],
    ['09-21', '敬老の日'],
    ['09-22', '休日'],
    ['09-23', '秋分の日'],
    ['10-12', 'スポーツの日'],
    ['11-03', '文化の日'],
    ['11-23', '勤労感謝の日'],
  ],
  2027: [
    ['01-01', '元日'],
    ['01-11', '成人の日'],
    ['02-11', '建国記念の日'],
    ['02-23', '天皇誕生日'],
    ['03-21', '春分の日'],
    ['03-22', '休日'],
    ['04-29', '昭和の日'],
    ['05-03', '憲法記念日'],
    ['05-04', 'みどりの日'],
    ['05-05', 'こどもの日'],
    ['07-19', '海の日'],
    ['08-11', '山の日'],
    ['09-20', '敬老の日'],
    ['09-23', '秋分の日'],
    ['10-11', 'スポーツの日'],
    ['11-03', '文化の日'],
    ['11-23', '勤労感謝の日'],
  ],
};

describe('the Japanese holiday law, computed', () => {
  test.each(Object.keys(CABINET_OFFICE).map(Number))("%i matches the Cabinet Office's published days off", (year) => {
    const computed = japaneseHolidays(year).map((d) => [d.date.slice(5), d.name] as const);
    const published = CABINET_OFFICE[year] ?? [];
    expect(computed.map(([date]) => date)).toEqual(published.map(([date]) => date));
    // National holidays carry their name; the law's other days off are titled as Google titles them.
    computed.forEach(([, name], i) => {
      const [, official] = published[i] as [string, string];
      if (official === '休日') expect(name).toMatch(/ 振替休日$|^国民の休日$/);
      else expect(name).toBe(official);
    });
  });

  test('substitute holidays say what they substitute; a sandwiched weekday is 国民の休日', () => {
    const names = Object.fromEntries(japaneseHolidays(2026).map((d) => [d.date, d.name]));
    expect(names['2026-05-06']).toBe('憲法記念日 振替休日');
    expect(names['2026-09-22']).toBe('国民の休日');
    expect(Object.fromEntries(japaneseHolidays(2025).map((d) => [d.date, d.name]))['2025-05-06']).toBe('みどりの日 振替休日');
    expect(Object.fromEntries(japaneseHolidays(2027).map((d) => [d.date, d.name]))['2027-03-22']).toBe('春分の日 振替休日');
  });

  test("the equinox formula gives the observatory's days for the years announced", () => {
    expect([2024, 2025, 2026, 2027].map(vernalEquinoxDay)).toEqual([20, 20, 20, 21]);
    expect([2024, 2025, 2026, 2027].map(autumnalEquinoxDay)).toEqual([22, 23, 23, 23]);
  });

  test('the special years: 2019 accession days, 2020 and 2021 Olympic moves', () => {
    const dates = (year: number) => japaneseHolidays(year).map((d) => `${d.date} ${d.name}`);
    expect(dates(2019)).toEqual(
      expect.arrayContaining([
        '2019-04-30 国民の休日',
        '2019-05-01 天皇の即位の日',
        '2019-05-02 国民の休日',
        '2019-05-06 こどもの日 振替休日',
        '2019-10-22 即位礼正殿の儀の行われる日',
      ]),
    );
    expect(dates(2019).some((d) => d.includes('天皇誕生日'))).toBe(false);
    expect(dates(2020)).toEqual(expect.arrayContaining(['2020-07-23 海の日', '2020-07-24 スポーツの日', '2020-08-10 山の日']));
    expect(dates(2021)).toEqual(
      expect.arrayContaining(['2021-07-22 海の日', '2021-07-23 スポーツの日', '2021-08-08 山の日', '2021-08-09 山の日 振替休日']),
    );
  });

  test('observances are listed apart, never as holidays', () => {
    const all = japaneseHolidays(2026, { observances: true });
    const observances = all.filter((d) => d.kind === 'observance').map((d) => `${d.date} ${d.name}`);
    expect(observances).toEqual([
      '2026-01-02 銀行休業日',
      '2026-01-03 銀行休業日',
      '2026-03-03 雛祭り',
      '2026-05-10 母の日',
      '2026-07-07 七夕',
      '2026-11-15 七五三',
      '2026-12-25 クリスマス',
      '2026-12-31 大晦日',
    ]);
    expect(all.filter((d) => d.kind === 'holiday')).toEqual(japaneseHolidays(2026));
  });
});

describe('CalendarApp in the local runtime', () => {
  const read = `
    function read(id, from, to) {
      var calendar = CalendarApp.getCalendarById(id);
      if (calendar === null) return null;
      return calendar.getEvents(new Date(from), new Date(to)).map(function (e) {
        return [Utilities.formatDate(e.getAllDayStartDate(), 'Asia/Tokyo', 'yyyy-MM-dd'), e.getTitle(), e.isAllDayEvent(),
          e.getAllDayEndDate().getTime() - e.getAllDayStartDate().getTime(), e.getStartTime().getTime() === e.getAllDayStartDate().getTime()];
      });
    }
    function forDay(id, day) {
      return CalendarApp.getCalendarById(id).getEventsForDay(new Date(day)).map(function (e) { return e.getTitle(); });
    }
    function bad() { return CalendarApp.getCalendarById('ja.japanese#holiday@group.v.calendar.google.com').getEvents('2026-01-01', '2027-01-01'); }
  `;
  const ID = 'ja.japanese#holiday@group.v.calendar.google.com';

  test("Google's Japanese holiday calendar: all-day events with Japanese titles, observances included", () => {
    const result = runSnippet(newState(), read, 'read', { args: [ID, '2026-01-01T00:00:00+09:00', '2027-01-01T00:00:00+09:00'] });
    expect(result.error).toBeUndefined();
    const events = result.value as Array<[string, string, boolean, number, boolean]>;
    expect(events.map(([d, t]) => `${d} ${t}`)).toEqual(
      expect.arrayContaining([
        '2026-01-01 元日',
        '2026-05-06 憲法記念日 振替休日',
        '2026-09-22 国民の休日',
        '2026-12-25 クリスマス',
        '2026-01-02 銀行休業日',
      ]),
    );
    expect(events).toHaveLength(japaneseHolidays(2026, { observances: true }).length);
    for (const [, , allDay, length, startIsMidnight] of events) {
      expect(allDay).toBe(true);
      expect(length).toBe(86_400_000);
      expect(startIsMidnight).toBe(true);
    }
    // Two reads of Google's calendar (the calendar, its events), 200 ms each; the getters are free.
    expect(result.stats.calls['CalendarApp']).toEqual({ getCalendarById: 1 });
    expect(result.stats.calls['Calendar']).toEqual({ getEvents: 1 });
    expect(result.stats.modeledMs).toBe(800 + 2 * 200);
  });

  test('the window selects events that overlap it, across a year boundary', () => {
    const result = runSnippet(newState(), read, 'read', { args: [ID, '2026-12-31T12:00:00+09:00', '2027-01-01T00:00:01+09:00'] });
    expect((result.value as Array<[string, string]>).map(([d, t]) => `${d} ${t}`)).toEqual(['2026-12-31 大晦日', '2027-01-01 元日']);
  });

  test('the "holidays only" calendar keeps bank holidays and New Year\'s Eve but no other observance', () => {
    const result = runSnippet(newState(), read, 'read', {
      args: ['ja.japanese.official#holiday@group.v.calendar.google.com', '2026-01-01T00:00:00+09:00', '2027-01-01T00:00:00+09:00'],
    });
    const titles = (result.value as Array<[string, string]>).map(([, t]) => t);
    expect(titles).toContain('銀行休業日');
    expect(titles).toContain('大晦日');
    expect(titles).not.toContain('クリスマス');
  });

  test("an unknown calendar is null; a day's events; wrong arguments fail as Apps Script says", () => {
    expect(runSnippet(newState(), read, 'read', { args: ['someone@example.com', '2026-01-01', '2026-02-01'] }).value).toBeNull();
    expect(runSnippet(newState(), read, 'forDay', { args: [ID, '2026-09-22T10:00:00+09:00'] }).value).toEqual(['国民の休日']);
    expect(runSnippet(newState(), read, 'forDay', { args: [ID, '2026-09-24T10:00:00+09:00'] }).value).toEqual([]);
    expect(runSnippet(newState(), read, 'bad').error?.message).toBe(
      "The parameters (String,String) don't match the method signature for Calendar.getEvents.",
    );
  });
});
