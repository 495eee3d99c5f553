/** Calendar weeks on `yyyy-MM-dd` days (no time zones here: the days are already the team's). */

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 week: weeks start on Monday, and week 1 is the one holding the year's first Thursday. */
export function isoWeek(date: string): { year: number; week: number } {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  const thursday = new Date(day.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

/**
 * The week a report is about: the last complete Monday-to-Sunday week before `today`. Sent on Monday at 09:00 it
 * is the week that just ended; sent by hand mid-week, still that one, since a week half over says little.
 */
export function lastCompleteWeek(today: string): { year: number; number: number; days: string[]; key: string } {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const monday = addDays(today, -(weekday - 1) - 7);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const { year, week } = isoWeek(monday);
  return { year, number: week, days, key: `${year}-W${String(week).padStart(2, '0')}` };
}
