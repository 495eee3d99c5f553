/**
 * Wall-clock arithmetic in IANA zones, done in the host with Intl (the script's realm must not depend on
 * Intl's completeness, which Apps Script does not promise). Java's TimeZone is the model: an unknown ID falls
 * back to GMT, and custom IDs such as "GMT+09:00" are fixed offsets.
 */
export interface ZonedParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes east of UTC at this instant. */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Three-letter IDs Java still accepts, for the zones a Japanese or US team is likely to type. */
const JAVA_ALIASES: Record<string, string> = { JST: 'Asia/Tokyo', PST: 'America/Los_Angeles', KST: 'Asia/Seoul', GMT: 'UTC', UTC: 'UTC', Z: 'UTC' };

/** Resolves a zone ID as Java would: an IANA name, an alias, a fixed "GMT+hh:mm", or GMT when unknown. */
export function resolveTimeZone(id: string): { iana: string } | { fixedMinutes: number; id: string } {
  const trimmed = id.trim();
  const fixed = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (fixed) {
    const minutes = (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * (fixed[1] === '-' ? -1 : 1);
    return { fixedMinutes: minutes, id: `GMT${formatOffset(minutes, true)}` };
  }
  const alias = JAVA_ALIASES[trimmed.toUpperCase()];
  if (alias) return { iana: alias };
  return isIanaZone(trimmed) ? { iana: trimmed } : { iana: 'UTC' };
}

/** Zone IDs already checked: making an Intl.DateTimeFormat costs tens of microseconds, and every date cell asks. */
const knownZones = new Map<string, boolean>();

export function isIanaZone(id: string): boolean {
  if (!id) return false;
  let known = knownZones.get(id);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: id });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(id, known);
  }
  return known;
}

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const zone = resolveTimeZone(timeZone);
  if ('fixedMinutes' in zone) {
    const d = new Date(ms + zone.fixedMinutes * 60000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
      offsetMinutes: zone.fixedMinutes,
    };
  }
  let fmt = formatters.get(zone.iana);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone.iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(zone.iana, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(new Date(ms))) p[part.type] = part.value;
  let year = Number(p['year']);
  if (p['era'] === 'BC' || p['era'] === 'B') year = 1 - year;
  const parts = {
    year,
    month: Number(p['month']),
    day: Number(p['day']),
    hour: Number(p['hour']) % 24,
    minute: Number(p['minute']),
    second: Number(p['second']),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: WEEKDAYS[p['weekday'] ?? 'Sun'] ?? 0,
  };
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond);
  return { ...parts, offsetMinutes: Math.round((asUtc - ms) / 60000) };
}

/** The instant at which the wall clock in `timeZone` shows the given time (the earlier one in a DST overlap). */
export function zonedToEpoch(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  let guess = asUtc - zonedParts(asUtc, timeZone).offsetMinutes * 60000;
  guess = asUtc - zonedParts(guess, timeZone).offsetMinutes * 60000;
  return guess;
}

/** "+0900" (or "+09:00" with `colon`). */
export function formatOffset(minutes: number, colon = false): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}
