import {
  dailySummary,
  type BlockerItem,
  type DailySummaryData,
  type DeployItem,
  type MergedPr,
  type TaskMoveItem,
} from '../domain/reports/dailySummary';
import type { Language } from '../domain/messages';
import { reportText } from '../domain/reports/messages';
import type { Calendar } from '../platform/timeZone';
import type { TableSchema } from '../sheets/schema';
import type { Table } from '../sheets/table';
import type { DEPLOYMENTS, PULL_REQUESTS } from '../sheets/githubTables';
import { daysBetween, dayOf, isDate, isOpenBlocker, kpiTargets, latestKpi, mergedPrOf, participation, text, type ChatTables } from './chatData';
import type { ChatMessage, Outbox } from '../domain/chat/outbox';
import { readHolidays, skippedMessage, workdayVerdict } from './workdays';
import { endOfDay } from './sendReminders';

type KeysOf<S extends TableSchema> = S['columns'][number]['key'];

export interface SummaryTables extends ChatTables {
  pullRequests: Table<KeysOf<typeof PULL_REQUESTS>>;
  deployments: Table<KeysOf<typeof DEPLOYMENTS>>;
}

export interface DailySummaryDeps {
  now: Date;
  calendar: Calendar;
  language: Language;
  tables: SummaryTables;
  outbox: Outbox;
  /** The Slack channel it goes to (Settings PROGRESS_CHANNEL). */
  channel: string;
  /** A blocker open this many days or more is ageing (Settings BLOCKER_AGE_DAYS). */
  blockerAgeDays: number;
  /**
   * The day's alerts as the sheet recorded them, or null to derive them from the KPIs against `Targets` (and the
   * failed deploys). The seam for the alerts the KPI job records.
   */
  recordedAlerts?: (date: string) => readonly string[] | null;
  /** The product-usage part (GA4 ▸ `Analytics`) for the day, or null when there is none. */
  productUsage?: (date: string) => { heading: string; lines: readonly string[] } | null;
}

export type DailySummaryResult =
  { date: string; enqueued: string[]; counts: ReturnType<typeof dailySummary>['counts'] } | { date: string; enqueued: []; skipped: string };

/** The dedupe key of a day's summary: its details thread under it, so the outbox posts them there. */
export const summaryKey = (date: string) => `daily-summary:${date}`;

/**
 * 18:30 on workdays: the day in one short message (KPIs against targets, participation, blockers, merged PRs and
 * deploys, alerts), the details in its thread, and the same as one Discord embed. Run on a weekend or a holiday —
 * by the dispatcher or by hand — it sends nothing and says why.
 */
export function sendDailySummary(deps: DailySummaryDeps): DailySummaryResult {
  const local = deps.calendar.local(deps.now);
  const verdict = workdayVerdict(local, readHolidays(deps.tables.holidays, deps.calendar));
  if (!verdict.workday) {
    return {
      date: local.date,
      enqueued: [],
      skipped: skippedMessage(verdict, reportText('jobDailySummary', deps.language), deps.language, local.weekday),
    };
  }
  const data = gatherDay(deps, local.date, local.weekday);
  const summary = dailySummary(data, deps.language);
  const key = summaryKey(local.date);
  // A summary of a day that is over is news no longer: unsent by the end of its day, it expires with its thread.
  const expiresAt = endOfDay(deps.calendar, local.date);
  const messages: ChatMessage[] = [
    { dedupeKey: key, slack: { channel: deps.channel, ...summary.slack }, discord: summary.discord, expiresAt },
    { dedupeKey: `${key}:details`, slack: { channel: deps.channel, ...summary.thread, threadOf: key }, expiresAt },
  ];
  deps.outbox.enqueue(messages);
  return { date: local.date, enqueued: messages.map((m) => m.dedupeKey), counts: summary.counts };
}

export function gatherDay(deps: Omit<DailySummaryDeps, 'outbox' | 'channel'>, date: string, weekday: number): DailySummaryData {
  const { tables, calendar } = deps;
  const kpi = latestKpi(tables, date, calendar);
  const previousKpi = kpi ? latestKpi(tables, shiftDay(kpi.date, -1), calendar) : null;
  const { reported, notReported, away } = participation(tables, date, calendar);

  const blockers = tables.blockers.read().rows.map((r) => r.record);
  const item = (r: (typeof blockers)[number]): BlockerItem => {
    const opened = dayOf(r.openedAt, calendar);
    return { description: text(r.description), member: text(r.member), ageDays: opened ? daysBetween(opened, date) : 0 };
  };
  const open = blockers.filter(isOpenBlocker);
  const newBlockers = blockers.filter((r) => dayOf(r.openedAt, calendar) === date).map(item);
  const ageingBlockers = open
    .filter((r) => dayOf(r.openedAt, calendar) !== null)
    .map(item)
    .filter((b) => b.ageDays >= deps.blockerAgeDays)
    .sort((a, b) => b.ageDays - a.ageDays);

  const pulls = tables.pullRequests.read().rows.map((r) => r.record);
  const mergedToday = (r: (typeof pulls)[number]) => isDate(r.merged) && calendar.dateKey(r.merged) === date;
  const merged: MergedPr[] = pulls
    .filter(mergedToday)
    .sort((a, b) => (a.merged as Date).getTime() - (b.merged as Date).getTime())
    .map(mergedPrOf);
  // The requests that moved tasks today (issue 13): merged today (→ done), or opened today and not merged (→ in
  // progress), with the task ids the apply step found on them.
  const taskMoves: TaskMoveItem[] = pulls.flatMap((r): TaskMoveItem[] => {
    const tasks = text(r.tasks).split(/\r?\n/).filter(Boolean);
    if (tasks.length === 0) return [];
    if (mergedToday(r)) return [{ tasks, pr: mergedPrOf(r), merged: true }];
    if (isDate(r.created) && calendar.dateKey(r.created) === date && !isDate(r.merged)) return [{ tasks, pr: mergedPrOf(r), merged: false }];
    return [];
  });

  const deploys: DeployItem[] = tables.deployments
    .read()
    .rows.map((r) => r.record)
    .filter((r) => {
      const at = isDate(r.finished) ? r.finished : isDate(r.created) ? r.created : null;
      return at !== null && calendar.dateKey(at) === date;
    })
    .map((r) => {
      const state = text(r.state);
      return { environment: text(r.environment), sha: text(r.sha), state, failed: /^(failure|error|failed)$/i.test(state) };
    });

  return {
    date,
    weekday,
    kpi,
    previousKpi,
    targets: kpiTargets(tables),
    members: [...reported.map((m) => ({ name: m.name, reported: true })), ...notReported.map((m) => ({ name: m.name, reported: false }))],
    away: away.map((m) => ({ name: m.name, until: m.until })),
    openBlockers: open.length,
    newBlockers,
    ageingBlockers,
    blockerAgeDays: deps.blockerAgeDays,
    merged,
    ...(taskMoves.length > 0 ? { taskMoves } : {}),
    deploys,
    alerts: deps.recordedAlerts ? deps.recordedAlerts(date) : null,
    productUsage: deps.productUsage ? deps.productUsage(date) : null,
    now: deps.now.toISOString(),
  };
}

function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
