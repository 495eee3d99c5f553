import { workingHoursOn, type Holidays } from '../../src/app/workdays';
import { workingHoursBetween } from '../../src/domain/workingHours';

const TOKYO = 540;
const jst = (text: string) => new Date(`${text}+09:00`);
const none = new Set<string>();

describe('workingHoursBetween', () => {
  test('within one workday it is the plain difference', () => {
    expect(workingHoursBetween(jst('2026-01-06T10:00:00'), jst('2026-01-06T13:30:00'), none, TOKYO)).toBe(3.5);
  });

  test('a weekend is left out: Friday 18:00 to Monday 10:00 is 6 + 10 hours', () => {
    expect(workingHoursBetween(jst('2026-01-09T18:00:00'), jst('2026-01-12T10:00:00'), none, TOKYO)).toBe(16);
  });

  test('a holiday is left out: Tuesday 10:00 to Thursday 10:00 over a Wednesday holiday is 14 + 10 hours', () => {
    expect(workingHoursBetween(jst('2026-01-06T10:00:00'), jst('2026-01-08T10:00:00'), new Set(['2026-01-07']), TOKYO)).toBe(24);
    expect(workingHoursBetween(jst('2026-01-06T10:00:00'), jst('2026-01-08T10:00:00'), none, TOKYO)).toBe(48);
  });

  test("starting on a day off counts from the next workday's midnight; ending on one stops at its midnight", () => {
    expect(workingHoursBetween(jst('2026-01-10T10:00:00'), jst('2026-01-12T09:00:00'), none, TOKYO)).toBe(9);
    expect(workingHoursBetween(jst('2026-01-09T22:00:00'), jst('2026-01-11T09:00:00'), none, TOKYO)).toBe(2);
    expect(workingHoursBetween(jst('2026-01-10T01:00:00'), jst('2026-01-11T23:00:00'), none, TOKYO)).toBe(0);
  });

  test("the day is the team's, not UTC's: 00:30 Monday in Tokyo is Sunday in UTC, and counts as Monday", () => {
    expect(workingHoursBetween(jst('2026-01-12T00:00:00'), jst('2026-01-12T00:30:00'), none, TOKYO)).toBe(0.5);
    expect(workingHoursBetween(jst('2026-01-12T00:00:00'), jst('2026-01-12T00:30:00'), none, 0)).toBe(0);
  });

  test('no time, or time backwards, is zero', () => {
    expect(workingHoursBetween(jst('2026-01-06T10:00:00'), jst('2026-01-06T10:00:00'), none, TOKYO)).toBe(0);
    expect(workingHoursBetween(jst('2026-01-06T10:00:00'), jst('2026-01-05T10:00:00'), none, TOKYO)).toBe(0);
    expect(workingHoursBetween(new Date(NaN), jst('2026-01-05T10:00:00'), none, TOKYO)).toBe(0);
  });

  test('across a daylight-saving switch the day boundary follows the local midnight', () => {
    // New York: EST (−5) until 2026-03-08 02:00, then EDT (−4).
    const newYork = (d: Date) => (d.getTime() < Date.parse('2026-03-08T07:00:00Z') ? -300 : -240);
    // Sunday 23:00 EDT to Monday 01:00 EDT: only Monday's first hour counts.
    expect(workingHoursBetween(new Date('2026-03-09T03:00:00Z'), new Date('2026-03-09T05:00:00Z'), none, newYork)).toBe(1);
    // Friday noon EST to Monday noon EDT: 12 + 12 hours.
    expect(workingHoursBetween(new Date('2026-03-06T17:00:00Z'), new Date('2026-03-09T16:00:00Z'), none, newYork)).toBe(24);
  });

  test("workingHoursOn takes the offset from the sheet's calendar", () => {
    const holidays: Holidays = { dates: new Set(['2026-01-07']), name: () => undefined };
    const calendar = {
      local(instant: Date) {
        const wall = new Date(instant.getTime() + 9 * 3_600_000);
        return { date: wall.toISOString().slice(0, 10), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), weekday: wall.getUTCDay() || 7 };
      },
    };
    const hours = workingHoursOn(calendar, holidays);
    expect(hours(jst('2026-01-06T10:00:00'), jst('2026-01-08T10:00:00'))).toBe(24);
    expect(hours(jst('2026-01-09T18:00:00'), jst('2026-01-12T10:00:00'))).toBe(16);
  });
});
