/**
 * Which of the events of Google's Japanese holiday calendar are days off. Since September 2024 that calendar
 * ("ja.japanese#holiday", 祝日およびその他の休日) also lists days that are no holiday — 銀行休業日, 節分, 雛祭り,
 * 母の日, 七夕, 七五三, クリスマス, 大晦日… — and a team that skipped its reminders on Christmas would be wrong.
 * An event counts when its title names a holiday of the law (国民の祝日に関する法律): a national holiday, a
 * substitute holiday (Google titles it "<祝日名> 振替休日") or a 国民の休日. Anything else is reported back as
 * ignored, so the team sees it and can add the day by hand if it is a day off for them.
 */

/** The national holidays' names, current and recent (体育の日 until 2019), and the special days of 2019. */
const NATIONAL_HOLIDAYS = [
  '元日',
  '成人の日',
  '建国記念の日',
  '天皇誕生日',
  '春分の日',
  '昭和の日',
  '憲法記念日',
  'みどりの日',
  'こどもの日',
  '海の日',
  '山の日',
  '敬老の日',
  '秋分の日',
  'スポーツの日',
  '体育の日',
  '文化の日',
  '勤労感謝の日',
  '天皇の即位の日',
  '即位礼正殿の儀の行われる日',
];

const OTHER_DAYS_OFF = /^(?:国民の休日|休日|振替休日)$/;

export function isLegalHolidayTitle(title: string): boolean {
  const t = title.replace(/\s+/g, ' ').trim();
  if (OTHER_DAYS_OFF.test(t)) return true;
  // "憲法記念日 振替休日", "振替休日 (憲法記念日)", "休日 (秋分の日)": a holiday's name with a substitute marker.
  const name = t
    .replace(/振替休日|[()（）]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return NATIONAL_HOLIDAYS.includes(name) || (/振替休日/.test(t) && NATIONAL_HOLIDAYS.some((h) => name.includes(h)));
}

export interface HolidayEvent {
  /** yyyy-MM-dd */
  date: string;
  title: string;
}

/** The days off among the calendar's events, one per date (the first title wins), and the titles left out. */
export function legalHolidays(events: readonly HolidayEvent[]): { holidays: HolidayEvent[]; ignored: HolidayEvent[] } {
  const holidays = new Map<string, HolidayEvent>();
  const ignored: HolidayEvent[] = [];
  for (const event of events) {
    if (!isLegalHolidayTitle(event.title)) ignored.push(event);
    else if (!holidays.has(event.date)) holidays.set(event.date, { date: event.date, title: event.title.trim() });
  }
  const byDate = (a: HolidayEvent, b: HolidayEvent) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return { holidays: [...holidays.values()].sort(byDate), ignored: ignored.sort(byDate) };
}
