import { formulaGrowth, runScale, scaleTargetsMissed, type ScaleOptions } from '../../bench/scale';
import { builtProject } from '../helpers/app';

/**
 * The scale scenario of `npm run bench` in a reduced form: a tenth of the organisation for one year, in 13-week
 * steps. The same code prints the bench's lines; here the line's shape and the targets are checked.
 */
const REDUCED: ScaleOptions = { developers: 10, years: 1, stepDays: 91, eventsPerDay: 200, messagesPerDay: 30 };

test('a year of a 10-developer team: the scale line, cells well inside the limit, the webhook and KPI costs held', async () => {
  const lines: string[] = [];
  const figures = runScale(await builtProject(), REDUCED, (line) => lines.push(line));
  expect(lines[0]).toMatch(/^scale: year 1: cells=\d+ largest=[^:]+:\d+ webhook_calls=\d+ kpi_calls=\d+ trigger_minutes_per_day=\d+(\.\d)?$/);
  const year = figures[0];
  expect(year?.webhookCalls).toBeLessThanOrEqual(3);
  expect(year?.kpiCalls).toBeLessThanOrEqual(8);
  expect(year?.cells).toBeLessThan(1_500_000);
  // Retention ran: the raw tables hold about two weeks, not a year (200 events a working day for 52 weeks).
  expect(year?.retention.spreadsheetCalls).toBeGreaterThan(0);
  expect(scaleTargetsMissed(figures)).toEqual([]);
  expect(formulaGrowth(figures).superlinear).toBe(false);
}, 600_000);
