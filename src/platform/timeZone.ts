import type { LocalTime } from '../domain/schedule';

/** Calendar days in a time zone, through Utilities.formatDate (the V8 runtime's Intl is not to be relied on). */
export interface Calendar {
  readonly timeZone: string;
  /** `yyyy-MM-dd` of an instant in the time zone. */
  dateKey(instant: Date): string;
  /** Midnight of a `yyyy-MM-dd` day in the time zone, as the instant Sheets stores for that date. */
  midnight(dateKey: string): Date;
  /** The day, hour, minute and ISO weekday of an instant on the team's clock. */
  local(instant: Date): LocalTime;
}

export function calendarIn(timeZone: string): Calendar {
  const dateKey = (instant: Date) => Utilities.formatDate(instant, timeZone, 'yyyy-MM-dd');
  return {
    timeZone,
    dateKey,
    local(instant) {
      const [date, hour, minute, weekday] = Utilities.formatDate(instant, timeZone, 'yyyy-MM-dd|H|m|u').split('|') as [
        string,
        string,
        string,
        string,
      ];
      return { date, hour: Number(hour), minute: Number(minute), weekday: Number(weekday) };
    },
    midnight(key) {
      // Start from the zone's offset at the day's UTC midnight; a DST switch in between is corrected by
      // taking the offset again at the first guess.
      let guess = new Date(`${key}T00:00:00Z`);
      for (let i = 0; i < 2; i++) {
        const offset = offsetMinutes(guess, timeZone);
        guess = new Date(Date.parse(`${key}T00:00:00Z`) - offset * 60000);
        if (dateKey(guess) === key) break;
      }
      return guess;
    },
  };
}

export function offsetMinutes(instant: Date, timeZone: string): number {
  const text = Utilities.formatDate(instant, timeZone, 'XXX');
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`unexpected time zone offset ${text} for ${timeZone}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
