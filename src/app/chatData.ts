import type { BlockerEntry, ReportEntry } from '../domain/chat/reports';
import { KPI_FIELDS, readTargets, type KpiRow, type KpiTargets } from '../domain/chat/kpi';
import type { MergedPr } from '../domain/reports/dailySummary';
import type { Calendar } from '../platform/timeZone';
import type { PULL_REQUESTS } from '../sheets/githubTables';
import type { CellValue, RecordOf, TableSchema } from '../sheets/schema';
import type { ABSENCES } from '../sheets/memberTables';
import type { Row, Table } from '../sheets/table';
import type { BLOCKERS, DAILY_REPORTS, HOLIDAYS, KPI_TRACKING, MEMBERS, PROJECTS, TARGETS, TASKS } from '../sheets/tables';

type KeysOf<S extends TableSchema> = S['columns'][number]['key'];

/** The team tables chat reads. Each is read at most once per execution (the table layer keeps what it read). */
export interface ChatTables {
  members: Table<KeysOf<typeof MEMBERS>>;
  dailyReports: Table<KeysOf<typeof DAILY_REPORTS>>;
  blockers: Table<KeysOf<typeof BLOCKERS>>;
  kpi: Table<KeysOf<typeof KPI_TRACKING>>;
  targets: Table<KeysOf<typeof TARGETS>>;
  holidays: Table<KeysOf<typeof HOLIDAYS>>;
  projects: Table<KeysOf<typeof PROJECTS>>;
  tasks: Table<KeysOf<typeof TASKS>>;
  /** Days away (issue 18): left out of "who has not reported" and of the nudges. */
  absences?: Table<KeysOf<typeof ABSENCES>>;
  /** Who is away on a day (Absences and out-of-office events), with the last day of each one's absence. */
  awayOn?: (date: string) => ReadonlyMap<string, string>;
  /** Members whose nudges follow their own clock (another time zone, their own holidays): sendMemberReminders'. */
  ownClock?: () => ReadonlySet<string>;
}

export type BlockerRecord = Row<KeysOf<typeof BLOCKERS>>;

const DAY_MS = 86_400_000;

export const text = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
export const isDate = (v: unknown): v is Date => v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';

/**
 * The calendar with each instant's day remembered: date cells repeat the same few midnights, and every
 * Utilities.formatDate call costs real time in Apps Script, so a year of rows asks for a few hundred days at most.
 */
export function withDayCache(calendar: Calendar): Calendar {
  const days = new Map<number, string>();
  return {
    ...calendar,
    dateKey(instant) {
      const t = instant.getTime();
      let day = days.get(t);
      if (day === undefined) {
        day = calendar.dateKey(instant);
        days.set(t, day);
      }
      return day;
    },
  };
}

/** A date cell's day: Sheets gives a Date; a day typed as text (`2026-01-05`) counts too. */
export function dayOf(v: CellValue | undefined, calendar: Calendar): string | null {
  if (isDate(v)) return calendar.dateKey(v);
  const t = text(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null;
}

/** Whole calendar days between two `yyyy-MM-dd` days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface Member {
  name: string;
  slackUserId: string;
  active: boolean;
}

/** Members; a member is active unless Active says FALSE, so a team that leaves the column empty is all in. */
export function readMembers(tables: ChatTables): Member[] {
  return tables.members.read().rows.map(({ record }) => ({
    name: text(record.name),
    slackUserId: text(record.slackUserId),
    active: record.active !== false && !/^(false|no|0|いいえ)$/i.test(text(record.active)),
  }));
}

/** People may mark a blocker done in the sheet in their own words; any of these closes it. */
const CLOSED = /^(resolved|closed|done|fixed|解決|解決済み?|完了|クローズ|対応済み?)$/i;

export function isOpenBlocker(record: BlockerRecord): boolean {
  return record.resolvedAt === null && !CLOSED.test(text(record.status));
}

export function openBlockers(tables: ChatTables, today: string, calendar: Calendar, member?: string): BlockerEntry[] {
  return tables.blockers
    .read()
    .rows.map((r) => r.record)
    .filter((r) => isOpenBlocker(r) && (member === undefined || text(r.member) === member))
    .map((r) => {
      const opened = dayOf(r.openedAt, calendar);
      return { id: text(r.id), member: text(r.member), description: text(r.description), ageDays: opened ? daysBetween(opened, today) : null };
    })
    .sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1));
}

/** A member's reports, newest first. */
export function recentReports(tables: ChatTables, member: Member, calendar: Calendar, count: number): ReportEntry[] {
  return tables.dailyReports
    .read()
    .rows.map((r) => r.record)
    .filter((r) => text(r.member) === member.name || (member.slackUserId !== '' && text(r.slackUserId) === member.slackUserId))
    .map((r) => ({
      date: dayOf(r.date, calendar) ?? '',
      done: text(r.done),
      planned: text(r.planned),
      blockers: text(r.blockers),
      mood: typeof r.mood === 'number' ? r.mood : null,
    }))
    .filter((r) => r.date !== '')
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, count);
}

/**
 * Who among the active members has a report for the day, who has not, and who is away (the away are not counted
 * as missing; one who reported anyway counts as reported).
 */
export function participation(
  tables: ChatTables,
  day: string,
  calendar: Calendar,
): { reported: Member[]; notReported: Member[]; away: Array<Member & { until: string }> } {
  const rows = tables.dailyReports
    .read()
    .rows.map((r) => r.record)
    .filter((r) => dayOf(r.date, calendar) === day);
  const names = new Set(rows.map((r) => text(r.member)));
  const ids = new Set(rows.map((r) => text(r.slackUserId)).filter((id) => id !== ''));
  const active = readMembers(tables).filter((m) => m.active && m.name !== '');
  const did = (m: Member) => names.has(m.name) || (m.slackUserId !== '' && ids.has(m.slackUserId));
  const away = tables.awayOn?.(day) ?? new Map<string, string>();
  return {
    reported: active.filter(did),
    notReported: active.filter((m) => !did(m) && !away.has(m.name)),
    away: active.filter((m) => !did(m) && away.has(m.name)).map((m) => ({ ...m, until: away.get(m.name) ?? day })),
  };
}

/** The `KPI Tracking` row of the day, or the latest before it. */
export function latestKpi(tables: ChatTables, today: string, calendar: Calendar): KpiRow | null {
  let best: KpiRow | null = null;
  for (const { record } of tables.kpi.read().rows) {
    const date = dayOf(record.date, calendar);
    if (!date || date > today || (best && best.date >= date)) continue;
    const row = { date } as KpiRow;
    for (const f of KPI_FIELDS) {
      const v = record[f.key];
      row[f.key] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    best = row;
  }
  return best;
}

export function kpiTargets(tables: ChatTables): KpiTargets {
  return readTargets(tables.targets.read().rows.map((r) => r.record));
}

/** A `Pull Requests` row as the daily summary and the weekly report name it (GitLab's as `group/project!12`). */
export function mergedPrOf(r: RecordOf<typeof PULL_REQUESTS>): MergedPr {
  return {
    repository: text(r.repository),
    number: typeof r.number === 'number' ? r.number : null,
    ...(text(r.forge).toLowerCase() === 'gitlab' ? { forge: 'gitlab' as const } : {}),
    title: text(r.title),
    author: text(r.author),
    url: text(r.url) || null,
  };
}
