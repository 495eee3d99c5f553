import { InputError } from '../errors';

/**
 * Calendar arithmetic on day keys (`yyyy-MM-dd`, the team's calendar day). Done in UTC so that no time zone and no
 * DST switch can move a day: a key names a day, not an instant.
 */

const DAY_MS = 86_400_000;

export function isDayKey(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/**
 * The day a job was asked for: a `yyyy-MM-dd` typed by a person running it by hand, or today. A trigger passes its
 * event object, which is not a day: today.
 */
export function requestedDay(argument: unknown, today: string): string {
  if (typeof argument !== 'string') return today;
  if (!isDayKey(argument.trim())) throw new InputError(`"${argument}" is not a day: write it as yyyy-MM-dd, e.g. ${today}`);
  return argument.trim();
}

function utc(key: string): number {
  return Date.parse(`${key}T00:00:00Z`);
}

function keyOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(key: string, days: number): string {
  return keyOf(utc(key) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(key: string): number {
  return ((new Date(utc(key)).getUTCDay() + 6) % 7) + 1;
}

export interface IsoWeek {
  /** `2026-W02` */
  key: string;
  year: number;
  number: number;
  /** Monday */
  from: string;
  /** Sunday */
  to: string;
}

/** The ISO 8601 week of a day: weeks start on Monday, and week 1 holds the year's first Thursday. */
export function isoWeekOf(key: string): IsoWeek {
  const monday = addDays(key, 1 - isoWeekday(key));
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const number = 1 + Math.floor(daysBetween(`${year}-01-01`, thursday) / 7);
  return { key: `${year}-W${String(number).padStart(2, '0')}`, year, number, from: monday, to: addDays(monday, 6) };
}
