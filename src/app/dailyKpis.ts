import { computeKpis, type DailyInputs } from '../domain/kpi/daily';
import { KPI_FIELDS, type KpiKey, type KpiValues } from '../domain/kpi/fields';
import { mergeComputed, overridesText } from '../domain/kpi/overrides';
import type { Calendar } from '../platform/timeZone';
import type { Locked } from '../platform/lock';
import type { Table } from '../sheets/table';
import type { KPI_TRACKING } from '../sheets/tables';
import type { Thresholds } from '../domain/kpi/alerts';
import { raiseAlerts, type AlertDeps, type AlertRun } from './alerts';
import { dayOf, numberOf } from './kpiFacts';
import { keepKpiRowsInDateOrder } from './kpiRowOrder';

type KpiColumn = (typeof KPI_TRACKING)['columns'][number]['key'];

export interface DailyKpiDeps {
  /** The day to compute (`yyyy-MM-dd` on the team's calendar). */
  day: string;
  calendar: Calendar;
  /** Reads the tables the KPIs come from; called before the lock is taken, as it does not write. */
  inputs(): DailyInputs;
  kpi: Table<KpiColumn>;
  locked: Locked;
  /** Puts `KPI Tracking`'s rows back in date order (rows 2…lastRow), when a day was added out of order. */
  sortByDate(lastRow: number): void;
}

export interface DailyKpiResult {
  day: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The row's KPIs as the sheet now holds them: computed, or kept where a person entered them. */
  values: KpiValues;
  computed: KpiValues;
  /** Headers of the KPIs kept over the computation. */
  overrides: string[];
  sorted: boolean;
}

/**
 * `computeDailyKpis`: the day's `KPI Tracking` row from the team's tables. Recomputing a day updates its row and
 * never adds a second one; values a person typed over computed ones are kept and named in `Overrides`
 * (src/domain/kpi/overrides.ts).
 */
export function computeDailyKpiRow(deps: DailyKpiDeps): DailyKpiResult {
  const computed = computeKpis(deps.inputs(), deps.day);
  return deps.locked(() => {
    const view = deps.kpi.read();
    const dated = view.rows.map((r) => ({ row: r.row, day: dayOf(r.record.date, deps.calendar.dateKey), record: r.record }));
    // Table.upsert updates the last row holding a key; so does this.
    const existing = [...dated].reverse().find((r) => r.day === deps.day) ?? null;
    const merge = mergeComputed(
      existing
        ? {
            cells: Object.fromEntries(KPI_FIELDS.map((f) => [f.key, existing.record[f.key]])) as Record<KpiKey, unknown>,
            computed: existing.record.computed,
          }
        : null,
      computed,
    );
    const overrides = overridesText(merge.overrides);
    const result = deps.kpi.upsert([{ date: deps.calendar.midnight(deps.day), ...merge.write, overrides, computed: JSON.stringify(merge.copy) }]);
    const values = { ...computed };
    for (const key of merge.overrides) values[key] = numberOf(existing?.record[key] ?? null);

    const sorted = keepKpiRowsInDateOrder({ days: dated.map((r) => r.day), nextRow: view.nextRow }, deps.day, !existing, deps.sortByDate);
    return {
      day: deps.day,
      action: result.created ? 'created' : result.updated ? 'updated' : 'unchanged',
      values,
      computed,
      overrides: merge.overrides.map((k) => KPI_FIELDS.find((f) => f.key === k)?.header ?? k),
      sorted,
    };
  });
}

export type DailyKpiRun = DailyKpiResult & { alerts: AlertRun | null };

export interface DailyKpiRunDeps extends DailyKpiDeps {
  /** Today on the team's calendar: alerts are raised for today only, not for a past day filled in by hand. */
  today: string;
  /** The alert rules from Settings; each throws, naming its key, when its value is not what it should be. */
  thresholds(): Thresholds;
  managers(): readonly string[];
  channel(): string;
  alerts: Pick<AlertDeps, 'language' | 'outbox' | 'mailer' | 'fired'>;
  /** The day's worst error rate in `Service Health` and each service's figures; absent or null: none reported. */
  serviceHealth?(): { errorRate: number | null; services: NonNullable<AlertDeps['serviceHealth']> };
}

/** The day's KPI row, then today's alerts. Settings are checked before anything is written: a bad one stops the job whole. */
export function computeDailyKpis(deps: DailyKpiRunDeps): DailyKpiRun {
  const isToday = deps.day === deps.today;
  const limits = isToday ? deps.thresholds() : null;
  const managers = isToday ? deps.managers() : [];
  const channel = deps.channel();
  const inputs = deps.inputs();
  const result = computeDailyKpiRow({ ...deps, inputs: () => inputs });
  if (!limits) return { ...result, alerts: null };
  const alerts = raiseAlerts({
    ...deps.alerts,
    day: deps.day,
    values: result.values,
    reports: inputs.reports.filter((r) => r.day === deps.day && r.mood !== null).length,
    thresholds: limits,
    ...errorRateOf(deps),
    channel,
    managers,
  });
  return { ...result, alerts };
}

function errorRateOf(deps: DailyKpiRunDeps): Pick<AlertDeps, 'errorRate' | 'serviceHealth'> {
  const health = deps.serviceHealth?.() ?? null;
  return { errorRate: health?.errorRate ?? null, serviceHealth: health?.services ?? [] };
}
