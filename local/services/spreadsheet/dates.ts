/**
 * Sheets stores a date as a serial number of days since 1899-12-30 *in the spreadsheet's wall clock*: the same
 * cell means a different instant once the spreadsheet's time zone changes. Everything below converts between
 * instants (what a script's Date holds) and serials through the zone's offset at that instant.
 */

const DAY_MS = 86_400_000;
/** Days from 1899-12-30 (serial 0) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets change rarely; caching per zone and hour keeps a 100,000-row date column from calling Intl each time.
const offsetCaches = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC in ms at the given instant (positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const hour = Math.floor(utcMs / 3_600_000);
  const cached = cache.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * 3_600_000;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  let year = Number(parts['year']);
  if (parts['era'] === 'BC') year = 1 - year;
  const wall = Date.UTC(
    year,
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  // Date.UTC maps years 0-99 to 1900-1999.
  const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  const offset = fixed - at;
  if (cache.size > 100_000) cache.clear();
  cache.set(hour, offset);
  return offset;
}

export function serialFromInstant(utcMs: number, timeZone: string): number {
  return (utcMs + zoneOffsetMs(timeZone, utcMs)) / DAY_MS + UNIX_EPOCH_SERIAL;
}

export function instantFromSerial(serial: number, timeZone: string): number {
  const wall = Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
  // Two passes land on the right side of a DST change for every wall time that exists.
  const first = zoneOffsetMs(timeZone, wall);
  const second = zoneOffsetMs(timeZone, wall - first);
  return wall - second;
}

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

/** Reads a serial as wall-clock fields; no zone is involved, since a serial already is wall-clock time. */
export function wallTime(serial: number): WallTime {
  const d = new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

export function serialFromWall(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** True when the wall-clock fields exist (rejects 2026-02-30). */
export function isRealDate(year: number, month: number, day: number): boolean {
  const w = wallTime(serialFromWall(year, month, day));
  return w.year === year && w.month === month && w.day === day;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isoDate(serial: number): string {
  const w = wallTime(serial);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** ISO-8601 with the zone's offset at that instant, e.g. 2026-01-05T09:00:00+09:00. */
export function isoDateTime(serial: number, timeZone: string): string {
  const w = wallTime(serial);
  const offsetMin = Math.round(zoneOffsetMs(timeZone, instantFromSerial(serial, timeZone)) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const ms = w.millisecond ? `.${pad(w.millisecond, 3)}` : '';
  return `${isoDate(serial)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${ms}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
