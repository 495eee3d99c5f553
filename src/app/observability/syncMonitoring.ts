import { addDays } from '../../domain/kpi/days';
import {
  datadogHealthPath,
  nerdGraphHealthRequest,
  readDatadogHealth,
  readNerdGraphHealth,
  SERVICE_NAMES,
  worstErrorRate,
  type HealthFigures,
  type MonitoringService,
} from '../../domain/monitoring/health';
import {
  datadogEventBody,
  datadogSeriesBody,
  daysToPush,
  newRelicEventBody,
  newRelicMetricBody,
  PUSH_BACKLOG_DAYS,
  type KpiDayPush,
  type PushDestination,
  type PushedDays,
} from '../../domain/monitoring/push';
import {
  datadogApi,
  NEW_RELIC_HOSTS,
  newRelicAccountId,
  newRelicEntityGuid,
  type DatadogSite,
  type NewRelicRegion,
} from '../../domain/monitoring/vendors';
import type { HttpClient, HttpRequest, HttpResponse } from '../../platform/urlfetch';
import type { Locked } from '../../platform/lock';
import type { Calendar } from '../../platform/timeZone';
import type { SERVICE_HEALTH } from '../../sheets/observabilityTables';
import type { Table } from '../../sheets/table';
import type { AlertRun } from '../alerts';
import { isSuccess, refusal, retryAfterOf, sendTogether, waitingUntil, type ServiceStatus, type StatusStore, type Unreachable } from './status';

type HealthColumn = (typeof SERVICE_HEALTH)['columns'][number]['key'];

export interface NewRelicConfig {
  region: NewRelicRegion;
  licenseKey: string;
  userKey: string;
  accountId: string;
  entityGuid: string;
}

export interface DatadogConfig {
  site: DatadogSite;
  apiKey: string;
  appKey: string;
  scope: string;
}

export interface SyncMonitoringDeps {
  now: Date;
  calendar: Calendar;
  newRelic: NewRelicConfig;
  datadog: DatadogConfig;
  /** The KPI rows there are (read only when a push is configured). */
  kpiDays(): KpiDayPush[];
  /** The last day to push: today once its KPI row is computed (KPI_TIME has passed), else yesterday. */
  pushThrough: string;
  /** Read and written inside the lock, so two runs at once cannot push a day twice. */
  pushed: { read(): PushedDays; write(days: PushedDays): void };
  http: HttpClient;
  health(): Table<HealthColumn>;
  locked: Locked;
  status: StatusStore;
  /** Raises the error-rate alert for today through the KPI alert path (once a day per value). */
  raiseErrorRateAlert(errorRate: number, services: ServiceHealthLine[]): AlertRun;
}

export interface ServiceHealthLine {
  service: string;
  errorCount: number | null;
  requestCount: number | null;
  errorRate: number | null;
}

export interface ServiceOutcome {
  push: 'not configured' | 'pushed' | 'nothing to push' | 'failed' | 'waiting';
  pushedDays: string[];
  pull: 'not configured' | 'read' | 'failed' | 'waiting';
  health?: HealthFigures;
  problems: string[];
}

export interface SyncMonitoringResult {
  newrelic: ServiceOutcome;
  datadog: ServiceOutcome;
  requests: number;
  alerts: AlertRun | null;
}

interface Planned {
  service: MonitoringService;
  kind: 'pull' | PushDestination;
  request: HttpRequest;
  days: string[];
  read?(body: unknown): HealthFigures;
}

/**
 * `syncMonitoring`: each configured monitoring service gets the KPI days it has not had (gauges and a
 * `ProgressUpdate` event: New Relic Metric and Event APIs, Datadog v2 series and v1 events, each one batched
 * request) and is asked for the application's last 24 hours (NerdGraph NRQL; Datadog metric query) into
 * `Service Health`. Every request goes out in one fetchAll. A destination's pushed day moves only when it accepted
 * the batch, so an outage loses nothing and no day is pushed twice. A service that is not configured does nothing
 * and says so; one that failed is named in the error the job ends with, after the others' work is saved.
 */
export function syncMonitoring(deps: SyncMonitoringDeps): SyncMonitoringResult {
  // The lock covers reading the pushed days, sending and writing them back; the alert takes its own turns after.
  const { result, figures } = deps.locked(() => run(deps));
  const worst = worstErrorRate(figures.map((f) => f.health.errorRate));
  if (worst !== null) {
    result.alerts = deps.raiseErrorRateAlert(
      worst,
      figures.map((f) => ({
        service: SERVICE_NAMES[f.service],
        errorCount: f.health.errorCount,
        requestCount: f.health.requestCount,
        errorRate: f.health.errorRate,
      })),
    );
  }
  const problems = [...result.newrelic.problems, ...result.datadog.problems].filter((p) => !/asked to wait until/.test(p));
  if (problems.length > 0) throw new Error(problems.join(' | '));
  return result;
}

function run(deps: SyncMonitoringDeps): { result: SyncMonitoringResult; figures: Array<{ service: MonitoringService; health: HealthFigures }> } {
  const status = deps.status.read();
  const nowIso = deps.now.toISOString();
  const today = deps.calendar.dateKey(deps.now);
  const nr = deps.newRelic;
  const dd = deps.datadog;
  const secrets = [nr.licenseKey, nr.userKey, dd.apiKey, dd.appKey].filter((s) => s !== '');
  const outcome = (): ServiceOutcome => ({ push: 'not configured', pushedDays: [], pull: 'not configured', problems: [] });
  const result: SyncMonitoringResult = { newrelic: outcome(), datadog: outcome(), requests: 0, alerts: null };

  const configured = {
    newrelic: { push: nr.licenseKey !== '' && nr.accountId !== '', pull: nr.userKey !== '' && nr.accountId !== '' && nr.entityGuid !== '' },
    datadog: { push: dd.apiKey !== '', pull: dd.apiKey !== '' && dd.appKey !== '' },
  };
  const waiting: Record<MonitoringService, string | null> = {
    newrelic: waitingUntil(status.services.newrelic, deps.now),
    datadog: waitingUntil(status.services.datadog, deps.now),
  };
  for (const service of ['newrelic', 'datadog'] as const) {
    if (waiting[service] && (configured[service].push || configured[service].pull)) {
      if (configured[service].push) result[service].push = 'waiting';
      if (configured[service].pull) result[service].pull = 'waiting';
      result[service].problems.push(`${SERVICE_NAMES[service]} asked to wait until ${waiting[service]}`);
    }
  }

  const plan: Planned[] = [];
  const active = (s: MonitoringService, what: 'push' | 'pull') => configured[s][what] && !waiting[s];
  // Bad ids are a configuration error of that service alone.
  let accountId: number | null = null;
  try {
    if (active('newrelic', 'push') || active('newrelic', 'pull')) accountId = newRelicAccountId(nr.accountId);
    if (active('newrelic', 'pull')) {
      const body = nerdGraphHealthRequest(accountId as number, newRelicEntityGuid(nr.entityGuid));
      plan.push({
        service: 'newrelic',
        kind: 'pull',
        days: [],
        request: { url: NEW_RELIC_HOSTS[nr.region].graphql, method: 'post', headers: { 'API-Key': nr.userKey }, json: body },
        read: readNerdGraphHealth,
      });
    }
  } catch (e) {
    result.newrelic.problems.push((e as Error).message);
    if (configured.newrelic.pull) result.newrelic.pull = 'failed';
    if (configured.newrelic.push) result.newrelic.push = 'failed';
    accountId = null;
  }
  if (active('datadog', 'pull')) {
    plan.push({
      service: 'datadog',
      kind: 'pull',
      days: [],
      request: {
        url: `${datadogApi(dd.site)}${datadogHealthPath(dd.scope, deps.now.getTime())}`,
        method: 'get',
        headers: { 'DD-API-KEY': dd.apiKey, 'DD-APPLICATION-KEY': dd.appKey },
      },
      read: readDatadogHealth,
    });
  }

  const wantsPush = (active('newrelic', 'push') && accountId !== null) || active('datadog', 'push');
  const pushed = wantsPush ? deps.pushed.read() : {};
  if (wantsPush) {
    const rows = deps.kpiDays();
    const earliest = addDays(deps.pushThrough, 1 - PUSH_BACKLOG_DAYS);
    const due = (d: PushDestination) => daysToPush(rows, pushed[d], deps.pushThrough, earliest);
    const nowMs = deps.now.getTime();
    if (active('newrelic', 'push') && accountId !== null) {
      const metrics = due('newrelic.metrics');
      if (metrics.length > 0)
        plan.push({
          service: 'newrelic',
          kind: 'newrelic.metrics',
          days: metrics.map((d) => d.day),
          request: {
            url: NEW_RELIC_HOSTS[nr.region].metrics,
            method: 'post',
            headers: { 'Api-Key': nr.licenseKey },
            json: newRelicMetricBody(metrics, nowMs),
          },
        });
      const events = due('newrelic.events');
      if (events.length > 0)
        plan.push({
          service: 'newrelic',
          kind: 'newrelic.events',
          days: events.map((d) => d.day),
          request: {
            url: NEW_RELIC_HOSTS[nr.region].events.replace('{account}', String(accountId)),
            method: 'post',
            headers: { 'Api-Key': nr.licenseKey },
            json: newRelicEventBody(events, nowMs),
          },
        });
      result.newrelic.push = metrics.length + events.length > 0 ? 'pushed' : 'nothing to push';
    }
    if (active('datadog', 'push')) {
      const series = due('datadog.series');
      if (series.length > 0)
        plan.push({
          service: 'datadog',
          kind: 'datadog.series',
          days: series.map((d) => d.day),
          request: {
            url: `${datadogApi(dd.site)}/api/v2/series`,
            method: 'post',
            headers: { 'DD-API-KEY': dd.apiKey },
            json: datadogSeriesBody(series, nowMs),
          },
        });
      // Datadog's event API takes one event a request: each day its own, all in the same round trip.
      for (const day of due('datadog.events'))
        plan.push({
          service: 'datadog',
          kind: 'datadog.events',
          days: [day.day],
          request: {
            url: `${datadogApi(dd.site)}/api/v1/events`,
            method: 'post',
            headers: { 'DD-API-KEY': dd.apiKey },
            json: datadogEventBody(day, nowMs),
          },
        });
      result.datadog.push = plan.some((p) => p.service === 'datadog' && p.kind !== 'pull') ? 'pushed' : 'nothing to push';
    }
  }

  const answers = sendTogether(
    deps.http,
    plan.map((p) => p.request),
    secrets,
  );
  result.requests = plan.length;

  const retry: Partial<Record<MonitoringService, string>> = {};
  const nextPushed: PushedDays = { ...pushed };
  const figures: Array<{ service: MonitoringService; health: HealthFigures }> = [];
  // Days of one destination are accepted in order; a failed Datadog event stops that destination's marker there.
  const stopped = new Set<PushDestination>();
  plan.forEach((p, i) => {
    const answer = answers[i] as HttpResponse | Unreachable;
    const what = `${SERVICE_NAMES[p.service]} ${p.kind === 'pull' ? 'health query' : p.kind.split('.')[1]}`;
    const out = result[p.service];
    if (!isSuccess(answer)) {
      const after = retryAfterOf(answer, deps.now);
      if (after) retry[p.service] = after;
      out.problems.push(refusal(what, answer, secrets));
      if (p.kind === 'pull') out.pull = 'failed';
      else {
        out.push = 'failed';
        stopped.add(p.kind);
      }
      return;
    }
    if (p.kind === 'pull') {
      try {
        const health = (p.read as (b: unknown) => HealthFigures)(JSON.parse(answer.text) as unknown);
        figures.push({ service: p.service, health });
        out.health = health;
        out.pull = 'read';
      } catch (e) {
        out.pull = 'failed';
        out.problems.push(`${what}: ${(e as Error).message}`);
      }
      return;
    }
    if (stopped.has(p.kind)) return;
    const last = p.days[p.days.length - 1] as string;
    nextPushed[p.kind] = last;
    for (const day of p.days) if (!out.pushedDays.includes(day)) out.pushedDays.push(day);
  });
  if (plan.some((p) => p.kind !== 'pull')) deps.pushed.write(nextPushed);

  if (figures.length > 0) {
    deps.health().upsert(
      figures.map(({ service, health }) => ({
        date: deps.calendar.midnight(today),
        service: SERVICE_NAMES[service],
        ...health,
        checkedAt: deps.now,
      })),
    );
  }

  const nextStatus = { ...status, services: { ...status.services } };
  for (const service of ['newrelic', 'datadog'] as const) {
    const out = result[service];
    if (!configured[service].push && !configured[service].pull) {
      delete nextStatus.services[service];
      continue;
    }
    if (waiting[service]) continue;
    const entry: ServiceStatus =
      out.problems.length > 0 ? { at: nowIso, outcome: 'failed', message: out.problems.join(' | ') } : { at: nowIso, outcome: 'ok' };
    const after = retry[service];
    if (after) entry.retryAfter = after;
    nextStatus.services[service] = entry;
  }
  deps.status.write(nextStatus);
  return { result, figures };
}
