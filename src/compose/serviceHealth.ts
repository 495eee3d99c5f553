import { dayOf } from '../app/kpiFacts';
import { serviceHealthOfDay } from '../app/observability/report';
import { dataRowCount } from '../platform/sheetExtent';
import { SERVICE_HEALTH } from '../sheets/observabilityTables';
import type { ExecutionContext } from './context';

/** The day's Service Health rows for the KPI job's error-rate rule; none read when the sheet has no rows. */
export function serviceHealthFor(ctx: ExecutionContext, day: string): ReturnType<typeof serviceHealthOfDay> {
  if ((dataRowCount(SERVICE_HEALTH.name) ?? 0) <= 1) return { errorRate: null, services: [] };
  const key = (d: unknown) => dayOf(d as Parameters<typeof dayOf>[0], ctx.calendar().dateKey);
  return serviceHealthOfDay(
    ctx
      .table(SERVICE_HEALTH)
      .read()
      .rows.map((r) => r.record),
    day,
    key,
  );
}
