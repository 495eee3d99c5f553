/**
 * Japan's holidays as the law makes them (国民の祝日に関する法律), for the local runtime's copy of Google's public
 * Japanese holiday calendar. Rules as in force from 2007 (昭和の日, the current 振替休日 rule), the Happy Monday
 * days from 2000/2003, the Emperor's birthday moves of 2019–2020, and the Olympic special law's moves of 2020 and
 * 2021. The equinox days use the standard approximation formula, valid 1980–2099; the official dates are fixed by
 * the Cabinet Office each February for the next year, and have matched the formula for every year so far.
 */

export interface HolidayDay {
  /** yyyy-MM-dd */
  date: string;
  name: string;
  /** 'holiday': a national holiday, a substitute holiday or a 国民の休日; 'observance': a day Google lists that is not one. */
  kind: 'holiday' | 'observance';
}

export const FIRST_YEAR = 2007;
export const LAST_YEAR = 2099;

type Day = { month: number; day: number; name: string };

/** Mondays are ISO weekday 1; `nth` Monday of a month. */
function nthMonday(year: number, month: number, nth: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const offset = (8 - first) % 7;
  return 1 + offset + (nth - 1) * 7;
}

function nthSunday(year: number, month: number, nth: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (nth - 1) * 7;
}

/** 春分日 and 秋分日 by the formula the National Astronomical Observatory's predictions follow (1980–2099). */
export function vernalEquinoxDay(year: number): number {
  return Math.floor(20.8431 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4));
}

export function autumnalEquinoxDay(year: number): number {
  return Math.floor(23.2488 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4));
}

/** The national holidays (国民の祝日) of a year, before substitute holidays and sandwiched days. */
function nationalHolidays(year: number): Day[] {
  const days: Day[] = [
    { month: 1, day: 1, name: '元日' },
    { month: 1, day: nthMonday(year, 1, 2), name: '成人の日' },
    { month: 2, day: 11, name: '建国記念の日' },
    { month: 3, day: vernalEquinoxDay(year), name: '春分の日' },
    { month: 4, day: 29, name: '昭和の日' },
    { month: 5, day: 3, name: '憲法記念日' },
    { month: 5, day: 4, name: 'みどりの日' },
    { month: 5, day: 5, name: 'こどもの日' },
    { month: 9, day: nthMonday(year, 9, 3), name: '敬老の日' },
    { month: 9, day: autumnalEquinoxDay(year), name: '秋分の日' },
    { month: 11, day: 3, name: '文化の日' },
    { month: 11, day: 23, name: '勤労感謝の日' },
  ];
  // The Emperor's birthday: 12/23 until 2018, none in 2019 (the abdication year), 2/23 from 2020.
  if (year <= 2018) days.push({ month: 12, day: 23, name: '天皇誕生日' });
  if (year >= 2020) days.push({ month: 2, day: 23, name: '天皇誕生日' });
  // The Tokyo Olympics special law moved three holidays in 2020 and 2021.
  if (year === 2020) {
    days.push({ month: 7, day: 23, name: '海の日' }, { month: 7, day: 24, name: 'スポーツの日' }, { month: 8, day: 10, name: '山の日' });
  } else if (year === 2021) {
    days.push({ month: 7, day: 22, name: '海の日' }, { month: 7, day: 23, name: 'スポーツの日' }, { month: 8, day: 8, name: '山の日' });
  } else {
    days.push({ month: 7, day: nthMonday(year, 7, 3), name: '海の日' });
    days.push({ month: 10, day: nthMonday(year, 10, 2), name: year >= 2020 ? 'スポーツの日' : '体育の日' });
    if (year >= 2016) days.push({ month: 8, day: 11, name: '山の日' });
  }
  // The 2019 accession: one-off national holidays by special law.
  if (year === 2019) days.push({ month: 5, day: 1, name: '天皇の即位の日' }, { month: 10, day: 22, name: '即位礼正殿の儀の行われる日' });
  return days;
}

/**
 * Days Google's "ja.japanese#holiday" calendar also lists that are no holiday (since September 2024 it shows
 * 祝日およびその他の休日 by default). The ones whose date needs astronomy (節分) are left out.
 */
function observances(year: number): Day[] {
  return [
    { month: 1, day: 2, name: '銀行休業日' },
    { month: 1, day: 3, name: '銀行休業日' },
    { month: 3, day: 3, name: '雛祭り' },
    { month: 5, day: nthSunday(year, 5, 2), name: '母の日' },
    { month: 7, day: 7, name: '七夕' },
    { month: 11, day: 15, name: '七五三' },
    { month: 12, day: 25, name: 'クリスマス' },
    { month: 12, day: 31, name: '大晦日' },
  ];
}

const key = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Every day off of a year with its title as Google's calendar words it, sorted by date. */
export function japaneseHolidays(year: number, options: { observances?: boolean } = {}): HolidayDay[] {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return [];
  const national = new Map<string, string>();
  for (const d of nationalHolidays(year)) national.set(key(year, d.month, d.day), d.name);
  const out = new Map<string, HolidayDay>();
  for (const [date, name] of national) out.set(date, { date, name, kind: 'holiday' });

  const shift = (date: string, days: number) => {
    const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  };
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

  // 振替休日 (Art. 3-2): a national holiday on a Sunday makes the nearest following day that is not a national
  // holiday a day off.
  for (const [date, name] of national) {
    if (weekday(date) !== 0) continue;
    let next = shift(date, 1);
    while (national.has(next)) next = shift(next, 1);
    out.set(next, { date: next, name: `${name} 振替休日`, kind: 'holiday' });
  }
  // 国民の休日 (Art. 3-3): a day that is not a national holiday, between two that are, is a day off.
  for (const date of national.keys()) {
    const between = shift(date, 1);
    if (!national.has(between) && national.has(shift(between, 1)) && !out.has(between)) {
      out.set(between, { date: between, name: '国民の休日', kind: 'holiday' });
    }
  }
  // The 2019 accession made 4/30 and 5/2 days off by the sandwich rule; the loop above finds them.

  if (options.observances) {
    for (const d of observances(year)) {
      const date = key(year, d.month, d.day);
      if (!out.has(date)) out.set(date, { date, name: d.name, kind: 'observance' });
    }
  }
  return [...out.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
