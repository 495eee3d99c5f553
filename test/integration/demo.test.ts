import { DEMO_DAYS, snapshotTimes } from '../../local/demo';

/**
 * `npm run local -- reset --demo` (and the first `npm start`) sends DEMO_DAYS KPI snapshots through the webhook:
 * their days must be the DEMO_DAYS before today on the team's calendar (Tokyo), also in the early morning there,
 * when the UTC day is still the day before.
 */
const tokyoDay = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
const daysBefore = (year: number, month: number, day: number) =>
  Array.from({ length: DEMO_DAYS }, (_, i) => new Date(Date.UTC(year, month - 1, day - DEMO_DAYS + i)).toISOString().slice(0, 10));

test.each([
  ['01:30 in Tokyo, still the day before in UTC', '2026-01-14T01:30:00+09:00'],
  ['noon in Tokyo', '2026-01-14T12:00:00+09:00'],
  ['a minute before midnight in Tokyo', '2026-01-14T23:59:00+09:00'],
])('at %s: one snapshot a day at 18:00, ending yesterday', (_, at) => {
  const times = snapshotTimes(new Date(at));
  expect(times.map(tokyoDay)).toEqual(daysBefore(2026, 1, 14));
  expect(times.every((t) => t.toISOString().endsWith('T09:00:00.000Z'))).toBe(true);
});
