/**
 * Hours between two instants with weekends and holidays left out, for review time and lead time: a pull request
 * opened on Friday evening and reviewed on Monday morning waited a few working hours, not three days. Whole days
 * are left out (Saturday, Sunday, the dates in `Holidays`); the hours of a working day all count, since teams
 * keep different office hours and the KPI definitions speak of hours, not office hours.
 */

/** Minutes east of UTC, fixed (Asia/Tokyo is +540) or per instant where the zone has daylight saving. */
export type UtcOffset = number | ((instant: Date) => number);

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Working hours from `start` to `end` (0 when `end` is not after `start`). Days are the team's calendar days, given
 * by `offset`; `holidays` holds `yyyy-MM-dd` keys of that calendar.
 */
export function workingHoursBetween(start: Date, end: Date, holidays: ReadonlySet<string>, offset: UtcOffset): number {
  const from = start.getTime();
  const to = end.getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return 0;
  const offsetAt = (ms: number) => (typeof offset === 'number' ? offset : offset(new Date(ms))) * MINUTE_MS;

  let counted = 0;
  let cursor = from;
  while (cursor < to) {
    // The wall clock at the cursor, read from a Date shifted by the offset (its UTC fields are the local ones).
    const wall = new Date(cursor + offsetAt(cursor));
    const nextMidnightWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1);
    // Back to an instant with the offset in force at that midnight, so a daylight-saving switch moves the boundary.
    let boundary = nextMidnightWall - offsetAt(nextMidnightWall - offsetAt(cursor));
    if (boundary <= cursor) boundary = cursor + DAY_MS;
    const segmentEnd = Math.min(boundary, to);
    if (isWorkingDay(wall, holidays)) counted += segmentEnd - cursor;
    cursor = segmentEnd;
  }
  return counted / HOUR_MS;
}

function isWorkingDay(wall: Date, holidays: ReadonlySet<string>): boolean {
  const weekday = wall.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays.has(wall.toISOString().slice(0, 10));
}
