import { usageFigures, usageLines, type AnalyticsDay, type UsageFigures } from '../../domain/analytics/usage';
import { addDays } from '../../domain/kpi/days';
import type { CellValue } from '../../domain/cellValue';
import type { Language } from '../../domain/messages';
import { worstErrorRate } from '../../domain/monitoring/health';
import type { ANALYTICS, SERVICE_HEALTH } from '../../sheets/observabilityTables';
import type { RecordOf } from '../../sheets/schema';
import { waitingUntil, type ObservabilityStatus } from './status';

const num = (v: CellValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** Active members for the `ProgressUpdate` event: a member is active unless Active says otherwise (as in chat). */
export function teamSize(records: ReadonlyArray<{ name: CellValue; active: CellValue }>): number {
  return records.filter((r) => str(r.name) !== '' && r.active !== false && !/^(false|no|0|いいえ)$/i.test(str(r.active))).length;
}

/** The day's `Service Health` rows: each service's figures and the worst error rate among them. */
export function serviceHealthOfDay(
  records: ReadonlyArray<RecordOf<typeof SERVICE_HEALTH>>,
  day: string,
  dayOf: (v: unknown) => string | null,
): {
  errorRate: number | null;
  services: Array<{ service: string; errorCount: number | null; requestCount: number | null; errorRate: number | null }>;
} {
  const services = records
    .filter((r) => dayOf(r.date) === day)
    .map((r) => ({ service: str(r.service), errorCount: num(r.errorCount), requestCount: num(r.requestCount), errorRate: num(r.errorRate) }));
  return { errorRate: worstErrorRate(services.map((s) => s.errorRate)), services };
}

export function analyticsDays(records: ReadonlyArray<RecordOf<typeof ANALYTICS>>, dayOf: (v: unknown) => string | null): AnalyticsDay[] {
  return records.flatMap((r) => {
    const day = dayOf(r.date);
    if (!day) return [];
    return [
      {
        day,
        dimension: str(r.dimension),
        activeUsers: num(r.activeUsers),
        engagementRate: num(r.engagementRate),
        keyEvents: num(r.keyEvents),
        eventCount: num(r.eventCount),
        status: str(r.status),
      },
    ];
  });
}

const span = (last: string, days: number) => Array.from({ length: days }, (_, i) => addDays(last, i - days + 1));

/** The daily summary's usage: the 7 days up to yesterday (today is barely counted yet) against the 7 before. */
export function dailyUsagePart(rows: readonly AnalyticsDay[], today: string, language: Language): { heading: string; lines: string[] } | null {
  const last = addDays(today, -1);
  const figures = usageFigures(rows, span(last, 7), span(addDays(last, -7), 7));
  return figures ? usageLines(figures, language) : null;
}

/** The weekly report's usage: the report's week against the week before it. */
export function weeklyUsage(rows: readonly AnalyticsDay[], week: readonly string[]): UsageFigures | null {
  const first = week[0];
  if (!first) return null;
  return usageFigures(rows, week, span(addDays(first, -1), week.length));
}

/** The health answer's section: per service, configured or not, and how its last run went. */
export function observabilityHealth(input: {
  now: Date;
  status: ObservabilityStatus;
  ga4: boolean;
  newrelic: boolean;
  datadog: boolean;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const failing: string[] = [];
  for (const service of ['ga4', 'newrelic', 'datadog'] as const) {
    if (!input[service]) {
      out[service] = { state: 'not configured' };
      continue;
    }
    const last = input.status.services[service];
    const waiting = waitingUntil(last, input.now);
    const state = !last ? 'configured' : last.outcome === 'failed' ? 'failing' : waiting ? 'waiting' : 'configured';
    out[service] = {
      state,
      lastRun: last?.at ?? null,
      ...(last?.message ? { message: last.message } : {}),
      ...(waiting ? { retryAfter: waiting } : {}),
      ...(service === 'ga4' && input.status.ga4Quota ? { quota: input.status.ga4Quota } : {}),
    };
    if (state === 'failing') failing.push(`${service}: ${last?.message ?? 'failed'}`);
  }
  // A failing service makes the answer unhealthy, with what it said and how the others stand.
  if (failing.length > 0) {
    const others = Object.entries(out)
      .filter(([, v]) => (v as { state: string }).state !== 'failing')
      .map(([k, v]) => `${k} ${(v as { state: string }).state}`);
    throw new Error(`failing: ${failing.join(' | ')}${others.length > 0 ? `; ${others.join(', ')}` : ''}`);
  }
  return out;
}
