import { raiseAlerts, type AlertRun } from '../app/alerts';
import { kpiDay, rememberDays } from '../app/kpiFacts';
import { analyticsDays, dailyUsagePart, observabilityHealth, teamSize, weeklyUsage } from '../app/observability/report';
import { dayOf } from '../app/kpiFacts';
import type { UsageFigures } from '../domain/analytics/usage';
import { parseStatus, type StatusStore } from '../app/observability/status';
import { syncAnalytics, type SyncAnalyticsResult } from '../app/observability/syncAnalytics';
import { syncMonitoring, type SyncMonitoringResult } from '../app/observability/syncMonitoring';
import { PROP } from '../app/properties';
import { addDays } from '../domain/kpi/days';
import { emptyKpis } from '../domain/kpi/fields';
import { parsePushed } from '../domain/monitoring/push';
import { scriptOAuthToken } from '../platform/oauth';
import { dataRowCount } from '../platform/sheetExtent';
import { urlFetchClient } from '../platform/urlfetch';
import { DATADOG_SCOPE, DATADOG_SITE, GA4_KEY_EVENTS, GA4_PROPERTY_ID, NEW_RELIC_REGION } from '../settings/observability';
import { alertThresholds, ALERT_CHANNEL, KPI_TIME, MANAGER_EMAILS } from '../settings/sheet';
import { ANALYTICS, SERVICE_HEALTH } from '../sheets/observabilityTables';
import { KPI_TRACKING, MEMBERS } from '../sheets/tables';
import { executionContext, type ExecutionContext } from './context';
import { alertPorts } from './kpi';

/**
 * Analytics and monitoring wiring: GA4 into `Analytics`, the KPI push to New Relic / Datadog and their health
 * into `Service Health`, the health section, and the error rate the KPI alerts read.
 */

function statusStore(ctx: ExecutionContext): StatusStore {
  return {
    // Read fresh: the other job of the pair may have written it since this execution first read the properties.
    read: () => parseStatus(ctx.propertyStore.all()[PROP.observabilityStatus]),
    write: (status) => ctx.propertyStore.set({ [PROP.observabilityStatus]: JSON.stringify(status) }),
  };
}

/** Daily (ANALYTICS_TIME) and by hand: the last 7 days of usage and 30 days of key events from GA4. */
export function syncAnalyticsJob(): SyncAnalyticsResult {
  const ctx = executionContext({ settings: 'cached' });
  const settings = ctx.settings();
  const propertyId = settings.get(GA4_PROPERTY_ID);
  return syncAnalytics({
    now: ctx.now,
    calendar: ctx.calendar(),
    propertyId,
    keyEvents: propertyId ? settings.get(GA4_KEY_EVENTS) : [],
    oauthToken: scriptOAuthToken,
    http: urlFetchClient(),
    table: () => ctx.table(ANALYTICS),
    locked: ctx.locked,
    status: statusStore(ctx),
  });
}

/** Daily (MONITORING_TIME, after the KPIs) and by hand: the KPI push, the application's health, the error-rate alert. */
export function syncMonitoringJob(): SyncMonitoringResult {
  const ctx = executionContext({ settings: 'cached' });
  const settings = ctx.settings();
  const props = ctx.properties();
  const calendar = ctx.calendar();
  const today = calendar.dateKey(ctx.now);
  const local = calendar.local(ctx.now);
  const kpiTime = settings.get(KPI_TIME);
  // Today's row is final once the KPI job has run; a run by hand earlier in the day pushes up to yesterday.
  const kpiDone = local.hour * 60 + local.minute >= kpiTime.hour * 60 + kpiTime.minute;
  const prop = (key: string) => (props[key] ?? '').trim();
  return syncMonitoring({
    now: ctx.now,
    calendar,
    newRelic: {
      region: settings.get(NEW_RELIC_REGION),
      licenseKey: prop(PROP.newRelicLicenseKey),
      userKey: prop(PROP.newRelicUserKey),
      accountId: prop(PROP.newRelicAccountId),
      entityGuid: prop(PROP.newRelicEntityGuid),
    },
    datadog: {
      site: settings.get(DATADOG_SITE),
      apiKey: prop(PROP.datadogApiKey),
      appKey: prop(PROP.datadogAppKey),
      scope: settings.get(DATADOG_SCOPE),
    },
    kpiDays: () => {
      const key = rememberDays(calendar.dateKey);
      const size =
        (dataRowCount(MEMBERS.name) ?? 0) > 1
          ? teamSize(
              ctx
                .table(MEMBERS)
                .read()
                .rows.map((r) => r.record),
            )
          : 0;
      return ctx
        .table(KPI_TRACKING)
        .read()
        .rows.flatMap((r) => kpiDay(r.record, key) ?? [])
        .map((d) => ({ ...d, teamSize: size }));
    },
    pushThrough: kpiDone ? today : addDays(today, -1),
    pushed: {
      read: () => parsePushed(ctx.propertyStore.all()[PROP.monitoringPushed]),
      write: (days) => ctx.propertyStore.set({ [PROP.monitoringPushed]: JSON.stringify(days) }),
    },
    http: urlFetchClient(),
    health: () => ctx.table(SERVICE_HEALTH),
    locked: ctx.locked,
    status: statusStore(ctx),
    raiseErrorRateAlert: (errorRate, services): AlertRun =>
      raiseAlerts({
        ...alertPorts(ctx),
        day: today,
        values: emptyKpis(),
        reports: null,
        thresholds: alertThresholds(settings),
        errorRate,
        serviceHealth: services,
        channel: settings.get(ALERT_CHANNEL),
        managers: settings.get(MANAGER_EMAILS),
      }),
  });
}

/** The health answer's section: each service configured, not configured, waiting or failing. */
export function observabilityHealthSection(ctx: ExecutionContext): Record<string, unknown> {
  const props = ctx.properties();
  const settings = ctx.settings();
  return observabilityHealth({
    now: ctx.now,
    status: parseStatus(props[PROP.observabilityStatus]),
    ga4: settings.get(GA4_PROPERTY_ID) !== null,
    newrelic: Boolean(props[PROP.newRelicLicenseKey] || props[PROP.newRelicUserKey]),
    datadog: Boolean(props[PROP.datadogApiKey]),
  });
}

/** `Analytics` as days, or none without reading when the sheet holds only its header (GA4 not in use). */
function analyticsRows(ctx: ExecutionContext) {
  if ((dataRowCount(ANALYTICS.name) ?? 0) <= 1) return [];
  const key = rememberDays(ctx.calendar().dateKey);
  return analyticsDays(
    ctx
      .table(ANALYTICS)
      .read()
      .rows.map((r) => r.record),
    (v) => dayOf(v as Parameters<typeof dayOf>[0], key),
  );
}

/** The daily summary's product-usage part. */
export function dailyUsage(ctx: ExecutionContext, date: string): { heading: string; lines: string[] } | null {
  const rows = analyticsRows(ctx);
  return rows.length > 0 ? dailyUsagePart(rows, date, ctx.language()) : null;
}

/** The weekly report's product-usage part. */
export function weeklyUsageOf(ctx: ExecutionContext, days: readonly string[]): UsageFigures | null {
  const rows = analyticsRows(ctx);
  return rows.length > 0 ? weeklyUsage(rows, days) : null;
}
