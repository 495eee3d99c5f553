import type { UsageFigures } from '../domain/analytics/usage';
import { KPI_FIELDS, readTargets, type KpiRow } from '../domain/chat/kpi';
import type { Language } from '../domain/messages';
import type { BlockerItem, MergedPr } from '../domain/reports/dailySummary';
import { reportText } from '../domain/reports/messages';
import { lastCompleteWeek } from '../domain/reports/week';
import { weeklyReport, type WeeklyReport, type WeeklyReportData } from '../domain/reports/weeklyReport';
import type { Calendar } from '../platform/timeZone';
import type { Mailer } from '../platform/mail';
import type { SheetUi } from '../platform/ui';
import { escapeHtml } from '../domain/html';
import type { DoraWeek } from '../domain/code/doraReport';
import type { MemberWeek } from '../domain/members/participation';
import type { TableSchema } from '../sheets/schema';
import type { Table } from '../sheets/table';
import type { Locked } from '../platform/lock';
import type { PULL_REQUESTS } from '../sheets/githubTables';
import type { WEEKLY } from '../sheets/tables';
import { daysBetween, dayOf, isDate, isOpenBlocker, mergedPrOf, text, type ChatTables } from './chatData';
import { rollUpWeeks } from './weeklyRollup';
import { withAttachmentNotes, type WeeklyAttachments } from './weeklyAttachments';

type KeysOf<S extends TableSchema> = S['columns'][number]['key'];

export interface WeeklyTables extends Pick<ChatTables, 'kpi' | 'targets' | 'tasks' | 'blockers'> {
  weekly: Table<KeysOf<typeof WEEKLY>>;
  pullRequests: Table<KeysOf<typeof PULL_REQUESTS>>;
}

export interface WeeklyReportDeps {
  now: Date;
  calendar: Calendar;
  language: Language;
  tables: WeeklyTables;
  /** Held while the `Weekly` rollup is refreshed. */
  locked: Locked;
  /** A blocker open this many days or more is listed under 注意事項 (Settings BLOCKER_AGE_DAYS). */
  blockerAgeDays: number;
  sheetUrl: string | null;
  /** Alerts the sheet recorded for these days, or null to derive them from the KPIs against `Targets`. */
  recordedAlerts?: (days: readonly string[]) => readonly string[] | null;
  /** The week to report on (publishWeeklyReport("2026-W49")); the last complete week when absent. */
  week?: { year: number; number: number; days: string[]; key: string };
  /** The week's product usage against the week before (GA4 ▸ `Analytics`), or null when there is none. */
  productUsage?: (days: readonly string[]) => UsageFigures | null;
  /** Each member's participation over the week's days (issue 18, src/app/participation.ts). */
  participation?: (days: readonly string[]) => readonly MemberWeek[];
  /** DORA levels over the four weeks to the week's end (`GitHub Metrics` ▸ the week's row), or null. */
  dora?: (week: string) => DoraWeek | null;
}

export interface BuiltWeeklyReport extends WeeklyReport {
  week: string;
  number: number;
  /** What the report was made from: the wiki pages and attachments render the same facts from it. */
  data: WeeklyReportData;
}

/**
 * The report of the last complete week, from the sheet as it is now. The same for the preview and the email.
 *
 * The `Weekly` rollup is refreshed first, from the same tables the cards are read from: it is otherwise as old as the
 * last 23:30 run, and a KPI row edited since (a Friday corrected on Monday morning) left the cards and the week's
 * averages and trend telling different stories. The tables are read once for both.
 */
export function buildWeeklyReport(deps: WeeklyReportDeps): BuiltWeeklyReport {
  const today = deps.calendar.dateKey(deps.now);
  const week = deps.week ?? lastCompleteWeek(today);
  const inWeek = new Set(week.days);
  const dayIn = (v: unknown) => (isDate(v) ? inWeek.has(deps.calendar.dateKey(v)) : false);
  const { tables, calendar } = deps;

  rollUpWeeks({
    today,
    calendar,
    language: deps.language,
    kpi: tables.kpi,
    blockers: tables.blockers,
    // The report shows none of the rollup's GitHub columns: they stay as the 23:30 run left them, unread.
    githubMetrics: 'keep',
    weekly: tables.weekly,
    locked: deps.locked,
  });

  const kpiRows: KpiRow[] = [];
  let beforeWeek: KpiRow | null = null;
  for (const { record } of tables.kpi.read().rows) {
    const date = dayOf(record.date, calendar);
    if (!date) continue;
    const row = { date } as KpiRow;
    for (const f of KPI_FIELDS) {
      const v = record[f.key];
      row[f.key] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    if (inWeek.has(date)) kpiRows.push(row);
    else if (date < (week.days[0] ?? '') && (!beforeWeek || beforeWeek.date < date)) beforeWeek = row;
  }

  const weeklyRecord =
    tables.weekly
      .read()
      .rows.map((r) => r.record)
      .find((r) => text(r.week) === week.key) ?? null;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

  const merged: MergedPr[] = tables.pullRequests
    .read()
    .rows.map((r) => r.record)
    .filter((r) => dayIn(r.merged))
    .sort((a, b) => (a.merged as Date).getTime() - (b.merged as Date).getTime())
    .map(mergedPrOf);

  const completedTasks = tables.tasks
    .read()
    .rows.map((r) => r.record)
    .filter((r) => dayIn(r.doneAt))
    .sort((a, b) => (a.doneAt as Date).getTime() - (b.doneAt as Date).getTime())
    .map((r) => ({ id: text(r.id), title: text(r.title), owner: text(r.owner), project: text(r.project) }));

  const blockers = tables.blockers.read().rows.map((r) => r.record);
  const resolvedBlockers = blockers.filter((r) => dayIn(r.resolvedAt)).map((r) => ({ description: text(r.description), member: text(r.member) }));
  const oldBlockers: BlockerItem[] = blockers
    .filter(isOpenBlocker)
    .map((r) => ({ r, opened: dayOf(r.openedAt, calendar) }))
    .filter((x): x is { r: (typeof blockers)[number]; opened: string } => x.opened !== null)
    .map(({ r, opened }) => ({ description: text(r.description), member: text(r.member), ageDays: daysBetween(opened, today) }))
    .filter((b) => b.ageDays >= deps.blockerAgeDays)
    .sort((a, b) => b.ageDays - a.ageDays);

  const local = calendar.local(deps.now);
  const data: WeeklyReportData = {
    week: { year: week.year, number: week.number, days: week.days },
    kpiRows,
    beforeWeek,
    targets: readTargets(tables.targets.read().rows.map((r) => r.record)),
    weekly: weeklyRecord
      ? {
          avgProgress: num(weeklyRecord.avgProgress),
          avgQuality: num(weeklyRecord.avgQuality),
          totalBlockers: num(weeklyRecord.totalBlockers),
          trend: text(weeklyRecord.trend),
        }
      : null,
    merged,
    completedTasks,
    resolvedBlockers,
    oldBlockers,
    blockerAgeDays: deps.blockerAgeDays,
    alerts: deps.recordedAlerts ? deps.recordedAlerts(week.days) : null,
    productUsage: deps.productUsage ? deps.productUsage(week.days) : null,
    sheetUrl: deps.sheetUrl,
    ...(deps.participation ? { participation: deps.participation(week.days) } : {}),
    ...(deps.dora ? { dora: deps.dora(week.key) } : {}),
    generatedAt: `${local.date} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
  };
  return { ...weeklyReport(data, deps.language), week: week.key, number: week.number, data };
}

/** Sending would take more of today's email quota than is left: nothing is sent. */
export class EmailQuotaError extends Error {
  override readonly name = 'EmailQuotaError';
}

export type WeeklySendResult = { sent: true; week: string; subject: string; recipients: number } | { sent: false; week: string; reason: string };

/** Checks the quota for all recipients first: the report goes to everyone or to no one. */
export function quotaProblem(recipients: readonly string[], mailer: Pick<Mailer, 'remainingQuota'>, language: Language): string | null {
  const remaining = mailer.remainingQuota();
  return recipients.length > remaining ? reportText('weeklyQuota', language, { recipients: recipients.length, remaining }) : null;
}

/**
 * Monday 09:00: the last week's report to the recipients in Settings. Without recipients it sends nothing (a team
 * may not want the email); when today's quota cannot cover every recipient it sends nothing and fails, so the
 * `Errors` sheet and the health answer say why.
 */
export function sendWeeklyReport(deps: WeeklyReportDeps & MailDeps): WeeklySendResult {
  return mailWeeklyReport(buildWeeklyReport(deps), deps);
}

interface MailDeps {
  recipients: readonly string[];
  mailer: Mailer;
  language: Language;
  /** The PDF and CSV files, with a line for each one that could not be made (src/app/weeklyAttachments.ts). */
  attachments?: (report: BuiltWeeklyReport) => WeeklyAttachments;
}

function mailWeeklyReport(report: BuiltWeeklyReport, deps: MailDeps): WeeklySendResult {
  if (deps.recipients.length === 0) return { sent: false, week: report.week, reason: reportText('weeklyNoRecipients', deps.language) };
  const problem = quotaProblem(deps.recipients, deps.mailer, deps.language);
  if (problem) throw new EmailQuotaError(problem);
  const files = deps.attachments?.(report);
  const mail = files ? withAttachmentNotes(report, files) : report;
  deps.mailer.send({
    to: deps.recipients,
    subject: report.subject,
    text: mail.text,
    html: mail.html,
    name: 'shinchoku',
    ...(files?.files.length ? { attachments: files.files } : {}),
  });
  return { sent: true, week: report.week, subject: report.subject, recipients: deps.recipients.length };
}

/** Why the report cannot go to these recipients today, or null when it can. */
export function sendingProblem(recipients: readonly string[], mailer: Pick<Mailer, 'remainingQuota'>, language: Language): string | null {
  return recipients.length === 0 ? reportText('weeklyNoRecipients', language) : quotaProblem(recipients, mailer, language);
}

export type WeeklyMenuDeps = WeeklyReportDeps & MailDeps & { ui: SheetUi };

/** Menu "Preview weekly report": the email exactly as it would be sent, with who gets it and whether it can go today. */
export function previewWeeklyReport(deps: WeeklyMenuDeps): { subject: string; recipients: number; quotaProblem: string | null } {
  const { language, recipients, ui } = deps;
  const report = buildWeeklyReport(deps);
  const problem = sendingProblem(recipients, deps.mailer, language);
  const to = recipients.length === 0 ? '—' : recipients.join(', ');
  const title = reportText('weeklyPreviewTitle', language, { subject: report.subject });
  ui.dialog(report.html, title, { width: 680, height: 820 });
  ui.toast(problem ?? reportText('weeklyPreviewTo', language, { recipients: to }), title);
  return { subject: report.subject, recipients: recipients.length, quotaProblem: problem };
}

/** Menu "Send weekly report now": asks first, naming the recipients; says so and sends nothing when it cannot. */
export function sendWeeklyReportNow(deps: WeeklyMenuDeps): WeeklySendResult {
  const { language, recipients, ui } = deps;
  const title = reportText('weeklyConfirmTitle', language);
  const report = buildWeeklyReport(deps);
  const problem = sendingProblem(recipients, deps.mailer, language);
  if (problem) {
    ui.dialog(`<p style="font-family:sans-serif;font-size:14px;line-height:1.6">${escapeHtml(problem)}</p>`, title, { width: 520, height: 220 });
    return { sent: false, week: report.week, reason: problem };
  }
  if (
    !ui.confirm(title, reportText('weeklyConfirm', language, { week: report.number, count: recipients.length, recipients: recipients.join(', ') }))
  ) {
    ui.toast(reportText('weeklyCancelled', language), title);
    return { sent: false, week: report.week, reason: reportText('weeklyCancelled', language) };
  }
  // The report built above is the one sent: building it again would refresh the rollup a second time.
  const result = mailWeeklyReport(report, deps);
  if (result.sent) ui.toast(reportText('weeklySent', language, { week: report.number, count: result.recipients }), title);
  return result;
}
