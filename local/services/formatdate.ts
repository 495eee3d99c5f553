import { formatOffset, resolveTimeZone, zonedParts, type ZonedParts } from './timezone';

/**
 * Java's SimpleDateFormat, which Utilities.formatDate runs on Google's side. Text fields are English and weeks
 * follow Locale.US (weeks start on Sunday; week 1 is the one holding January 1st), as Apps Script's formatter
 * does regardless of the user's language.
 */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const p = zonedParts(ms, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new FormatError('Unterminated quote');
      // Inside quotes, '' stands for one quote.
      let j = i + 1;
      let lit = '';
      for (;;) {
        const close = pattern.indexOf("'", j);
        if (close < 0) throw new FormatError('Unterminated quote');
        lit += pattern.slice(j, close);
        if (pattern[close + 1] === "'") {
          lit += "'";
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      out += lit;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    out += field(c, n, p, ms, timeZone);
    i += n;
  }
  return out;
}

export class FormatError extends Error {}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(value: number, width: number): string {
  const s = String(Math.abs(value));
  return (value < 0 ? '-' : '') + s.padStart(width, '0');
}

function field(c: string, n: number, p: ZonedParts, ms: number, timeZone: string): string {
  switch (c) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'Y': {
      const wy = usWeek(p).weekYear;
      return n === 2 ? pad(wy % 100, 2) : pad(wy, n);
    }
    case 'M':
    case 'L':
      if (n >= 4) return MONTHS[p.month - 1] as string;
      if (n === 3) return (MONTHS[p.month - 1] as string).slice(0, 3);
      return pad(p.month, n);
    case 'w':
      return pad(usWeek(p).week, n);
    case 'W':
      return pad(Math.floor((p.day - 1 + firstWeekdayOfMonth(p)) / 7) + 1, n);
    case 'D':
      return pad(dayOfYear(p), n);
    case 'd':
      return pad(p.day, n);
    case 'F':
      return pad(Math.floor((p.day - 1) / 7) + 1, n);
    case 'E':
      return n >= 4 ? (DAYS[p.weekday] as string) : (DAYS[p.weekday] as string).slice(0, 3);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(p.hour % 12, n);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      // Java prints the millisecond count, zero-padded to the letter count (not a decimal fraction).
      return pad(p.millisecond, n);
    case 'z':
      return n >= 4 ? longZoneName(ms, timeZone) : shortZoneName(ms, timeZone, p.offsetMinutes);
    case 'Z':
      return formatOffset(p.offsetMinutes);
    case 'X':
      if (p.offsetMinutes === 0) return 'Z';
      if (n === 1) return formatOffset(p.offsetMinutes).slice(0, p.offsetMinutes % 60 === 0 ? 3 : 5);
      if (n === 2) return formatOffset(p.offsetMinutes);
      if (n === 3) return formatOffset(p.offsetMinutes, true);
      throw new FormatError('invalid ISO 8601 format: length=' + n);
    default:
      throw new FormatError(`Illegal pattern character '${c}'`);
  }
}

function dayOfYear(p: ZonedParts): number {
  return Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
}

function firstWeekdayOfMonth(p: ZonedParts): number {
  return new Date(Date.UTC(p.year, p.month - 1, 1)).getUTCDay();
}

/** Locale.US weeks: Sunday first, minimal days 1, so the last days of December can be week 1 of the next year. */
export function usWeek(p: ZonedParts): { week: number; weekYear: number } {
  const today = Date.UTC(p.year, p.month - 1, p.day);
  const weekStart = today - p.weekday * 86400000;
  const nextJan1 = Date.UTC(p.year + 1, 0, 1);
  if (nextJan1 - weekStart < 7 * 86400000) return { week: 1, weekYear: p.year + 1 };
  const jan1 = Date.UTC(p.year, 0, 1);
  const jan1Weekday = new Date(jan1).getUTCDay();
  return { week: Math.floor((Math.round((today - jan1) / 86400000) + jan1Weekday) / 7) + 1, weekYear: p.year };
}

/** ISO 8601 week number (Monday first, week 1 holds the first Thursday), used by the time-driven trigger event. */
export function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86400000 + 1) / 7);
}

/** Java's short names for the zones Intl only knows as "GMT+9"; elsewhere Intl's abbreviation (EST, PDT, UTC). */
const JAVA_SHORT: Record<string, [string, string]> = {
  'Asia/Tokyo': ['JST', 'JDT'],
  'Asia/Seoul': ['KST', 'KDT'],
  'Asia/Shanghai': ['CST', 'CDT'],
  'Asia/Taipei': ['CST', 'CDT'],
  'Asia/Hong_Kong': ['HKT', 'HKST'],
  'Asia/Kolkata': ['IST', 'IDT'],
  'Asia/Singapore': ['SGT', 'SGT'],
  'Europe/London': ['GMT', 'BST'],
  'Europe/Paris': ['CET', 'CEST'],
  'Europe/Berlin': ['CET', 'CEST'],
  'Europe/Madrid': ['CET', 'CEST'],
  'Europe/Rome': ['CET', 'CEST'],
  'Europe/Amsterdam': ['CET', 'CEST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  UTC: ['UTC', 'UTC'],
  'Etc/UTC': ['UTC', 'UTC'],
};

function shortZoneName(ms: number, timeZone: string, offsetMinutes: number): string {
  const zone = resolveTimeZone(timeZone);
  if ('fixedMinutes' in zone) return zone.id;
  const known = JAVA_SHORT[zone.iana];
  if (known) {
    const january = zonedParts(Date.UTC(new Date(ms).getUTCFullYear(), 0, 1), zone.iana).offsetMinutes;
    const july = zonedParts(Date.UTC(new Date(ms).getUTCFullYear(), 6, 1), zone.iana).offsetMinutes;
    const standard = Math.min(january, july);
    return offsetMinutes === standard || january === july ? known[0] : known[1];
  }
  const name = intlZoneName(ms, zone.iana, 'short');
  return /^GMT[+-]/.test(name) || name === 'GMT' ? `GMT${offsetMinutes === 0 ? '' : formatOffset(offsetMinutes, true)}` : name;
}

function longZoneName(ms: number, timeZone: string): string {
  const zone = resolveTimeZone(timeZone);
  if ('fixedMinutes' in zone) return zone.id;
  return intlZoneName(ms, zone.iana, 'long');
}

function intlZoneName(ms: number, iana: string, style: 'short' | 'long'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: iana, timeZoneName: style }).formatToParts(new Date(ms));
  return parts.find((x) => x.type === 'timeZoneName')?.value ?? iana;
}
