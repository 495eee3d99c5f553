import { InputError } from '../../domain/errors';
import { blockerId, normalizeBlockerId } from '../../domain/chat/ids';
import { chatText } from '../../domain/chat/messages';
import type { ModalOrigin, ProgressSubmission } from '../../domain/chat/modals';
import { isCoreColumn, type Question } from '../../domain/members/questions';
import { personalReport, teamReport } from '../../domain/chat/reports';
import { userMrkdwn } from '../../domain/chat/text';
import { section, type SlackContent } from '../../domain/chat/blockKit';
import type { Language } from '../../domain/messages';
import type { Calendar } from '../../platform/timeZone';
import type { CellValue } from '../../sheets/schema';
import type { Table } from '../../sheets/table';
import {
  isOpenBlocker,
  kpiTargets,
  latestKpi,
  openBlockers,
  participation,
  readMembers,
  recentReports,
  text,
  type ChatTables,
  type Member,
} from '../chatData';
import type { ChatMessage } from '../../domain/chat/outbox';
import {
  developerLine,
  developerText,
  developerTotals,
  DEVELOPER_REPORT_DAYS,
  memberActivity,
  type DeveloperDayRow,
} from '../../domain/code/developerSummary';

/**
 * Work a Slack answer leaves for the queue processor, so that the answer itself stays inside Slack's 3 seconds.
 * Each item is plain JSON, kept in Script Properties until it is done.
 */
export interface SlackUser {
  id: string;
  name: string;
}

interface WorkBase {
  /** When the person sent it: the report's day is this instant's day in the team's time zone. */
  at: string;
  user: SlackUser;
  origin: ModalOrigin;
}

export type SlackWork =
  | (WorkBase & {
      kind: 'report';
      /** A form replaces the whole day's report; an inline report changes only the parts it names. */
      whole: boolean;
      done: string[];
      planned: string[];
      blockers: string[];
      mood: number | null;
      /** Answers to the team's own questions by `Daily Reports` column; a form names every column it asked. */
      answers?: Record<string, string | number | boolean | null>;
      /** The kinds of those columns, so a column the sheet lacks is added with the right format. */
      asked?: Array<{ column: string; kind: 'text' | 'number' | 'scale' | 'yes-no' }>;
    })
  | (WorkBase & { kind: 'blocker'; description: string; project: string })
  | (WorkBase & { kind: 'resolve'; id: string })
  | (WorkBase & { kind: 'summary'; team: boolean; share: boolean; /** `report @someone`: whom, as typed. */ who?: string });

export interface SlackWorkDeps {
  calendar: Calendar;
  language: Language;
  tables: ChatTables;
  /** `Daily Reports` with the columns of the team's own questions (see app/team.ts). */
  reportsWith?: (asked: NonNullable<Extract<SlackWork, { kind: 'report' }>['asked']>) => Table<string>;
  /** The member's own day at an instant (their Members `Time Zone`), or null for the team's. */
  memberDay?: (member: Member, at: Date) => string | null;
  /** `Developer Metrics` rows (issue 13), or null when DEVELOPER_METRICS is off or the sheet is not there. */
  developerMetrics?: () => ReadonlyArray<DeveloperDayRow> | null;
}

/** What doing an item came to: the reply to send the person (through the outbox). */
export interface WorkOutcome {
  reply: SlackContent;
  share?: boolean;
}

const plainReply = (text: string): SlackContent => ({ text, blocks: [section(text)] });

function memberFor(tables: ChatTables, user: SlackUser): { member: Member; known: boolean } {
  const found = readMembers(tables).find((m) => m.slackUserId !== '' && m.slackUserId === user.id);
  return found ? { member: found, known: true } : { member: { name: user.name || user.id, slackUserId: user.id, active: true }, known: false };
}

/**
 * `report @someone`: a Slack mention (`<@U123|name>`) by its user id, else the name as typed against `Members`'
 * Name, GitHub Login and GitLab Username, ignoring case and spaces (`@田中太郎` finds `田中 太郎`).
 */
function memberNamed(tables: ChatTables, who: string): Member | null {
  const norm = (v: string) => v.replace(/\s+/g, '').replace(/^@/, '').toLowerCase();
  const rows = tables.members.read().rows.map((r) => r.record);
  const asMember = (r: (typeof rows)[number]): Member => ({
    name: text(r.name),
    slackUserId: text(r.slackUserId),
    active: r.active !== false && !/^(false|no|0|いいえ)$/i.test(text(r.active)),
  });
  const mention = /^<@([A-Z0-9]+)(?:\|([^>]*))?>$/i.exec(who.trim());
  if (mention) {
    const byId = rows.find((r) => text(r.slackUserId) === mention[1]);
    if (byId) return asMember(byId);
    if (!mention[2]) return null;
  }
  const wanted = norm(mention?.[2] ?? who);
  if (wanted === '') return null;
  const found = rows.find((r) => [r.name, r.githubLogin, r.gitlabUsername].some((v) => norm(text(v)) === wanted));
  return found ? asMember(found) : null;
}

/**
 * Files a blocker once: the ID comes from who reported it and what it says, so the same blocker repeated in each
 * day's report stays one open row. Reported again after it was resolved, it is a new occurrence with its own ID.
 */
export function fileBlocker(
  deps: Pick<SlackWorkDeps, 'calendar' | 'tables'>,
  member: string,
  description: string,
  project: string,
  at: Date,
  source = 'slack',
): string {
  const table = deps.tables.blockers;
  const rows = new Map(table.read().rows.map((r) => [text(r.record.id).toUpperCase(), r.record] as const));
  const normalized = description.replace(/\s+/g, ' ').trim();
  let id = blockerId(member, normalized.toLowerCase());
  const first = rows.get(id);
  if (first && isOpenBlocker(first)) return id;
  if (first) {
    id = blockerId(member, normalized.toLowerCase(), deps.calendar.dateKey(at));
    if (rows.has(id)) return id;
  }
  table.upsert([{ id, openedAt: at, member, description: normalized, project: project || null, status: 'open', source }]);
  return id;
}

/** A day's report as a form or an inline update gives it, whichever chat it came from. */
export type ReportEntry = Pick<Extract<SlackWork, { kind: 'report' }>, 'whole' | 'done' | 'planned' | 'blockers' | 'mood' | 'answers' | 'asked'>;

/**
 * A submitted form (Slack's or Discord's) as the report it writes: whole, as a form replaces the day's report, with
 * the answers to the questions beyond the core four.
 */
export function reportEntryOf(value: ProgressSubmission, asked: readonly Question[]): ReportEntry {
  const lines = (s: string) => (s === '' ? [] : [s]);
  const extra = asked.filter((q) => !isCoreColumn(q.column)).map((q) => ({ column: q.column, kind: q.kind }));
  return {
    whole: true,
    done: lines(value.done),
    planned: lines(value.planned),
    blockers: value.blockers,
    mood: value.mood,
    ...(extra.length > 0 ? { answers: value.answers ?? {}, asked: extra } : {}),
  };
}

/**
 * Writes a member's report for their own day — the one `Daily Reports` row, with the columns of the questions asked
 * — and files its blockers. The Slack and Discord forms both land here, so their rows are the same.
 */
export function writeReport(
  deps: Pick<SlackWorkDeps, 'calendar' | 'tables' | 'reportsWith' | 'memberDay'>,
  member: Member,
  slackUserId: string,
  at: Date,
  report: ReportEntry,
  source: string,
): { created: boolean; date: string; blockerIds: string[] } {
  const { calendar, tables } = deps;
  // A report is about the member's own day: 23:00 in New York is already tomorrow in Tokyo.
  const date = deps.memberDay?.(member, at) || calendar.dateKey(at);
  const record: Parameters<typeof tables.dailyReports.upsert>[0][number] = { date: calendar.midnight(date), member: member.name, updatedAt: at };
  if (slackUserId) record.slackUserId = slackUserId;
  const joined = (lines: string[]) => (lines.length > 0 ? lines.join('\n') : null);
  if (report.whole || report.done.length > 0) record.done = joined(report.done);
  if (report.whole || report.planned.length > 0) record.planned = joined(report.planned);
  if (report.whole || report.blockers.length > 0) record.blockers = joined(report.blockers);
  if (report.mood !== null) record.mood = report.mood;
  const asked = report.asked ?? [];
  let result;
  if (asked.length > 0 && deps.reportsWith) {
    const withAnswers: Record<string, CellValue> = { ...record };
    for (const { column } of asked) withAnswers[column] = report.answers?.[column] ?? null;
    result = deps.reportsWith(asked).upsert([withAnswers]);
  } else result = tables.dailyReports.upsert([record]);
  const blockerIds = report.blockers.map((b) => fileBlocker(deps, member.name, b, '', at, source));
  return { created: result.created > 0, date, blockerIds };
}

export function doSlackWork(deps: SlackWorkDeps, work: SlackWork): WorkOutcome {
  const { language, calendar, tables } = deps;
  const at = new Date(work.at);
  if (Number.isNaN(at.getTime())) throw new InputError(`queued Slack work has no valid time: ${JSON.stringify(work.at)}`);
  const { member, known } = memberFor(tables, work.user);
  const today = calendar.dateKey(at);
  const note = known ? '' : `\n${chatText('notInMembers', language, { user: work.user.id, name: userMrkdwn(member.name) })}`;

  switch (work.kind) {
    case 'report': {
      const written = writeReport(deps, member, work.user.id, at, work, 'slack');
      const lines = [chatText(written.created ? 'reportSaved' : 'reportUpdated', language, { date: written.date })];
      if (written.blockerIds.length > 0)
        lines.push(chatText('blockersFiled', language, { ids: written.blockerIds.map((id) => `\`${id}\``).join(', ') }));
      return { reply: plainReply(lines.join('\n') + note) };
    }
    case 'blocker': {
      const id = fileBlocker(deps, member.name, work.description, work.project, at);
      return { reply: plainReply(chatText('blockersFiled', language, { ids: `\`${id}\`` }) + note) };
    }
    case 'resolve': {
      const wanted = [work.id.trim().toUpperCase(), normalizeBlockerId(work.id)];
      const found = tables.blockers.read().rows.find((r) => wanted.includes(text(r.record.id).toUpperCase()));
      const shown = `\`${userMrkdwn(found ? text(found.record.id) : work.id)}\``;
      if (!found) return { reply: plainReply(chatText('blockerNotFound', language, { id: shown })) };
      if (!isOpenBlocker(found.record)) return { reply: plainReply(chatText('blockerAlreadyResolved', language, { id: shown })) };
      tables.blockers.upsert([{ id: found.record.id, status: 'resolved', resolvedAt: at }]);
      return { reply: plainReply(chatText('blockerResolved', language, { id: shown })) };
    }
    case 'summary': {
      const kpi = latestKpi(tables, today, calendar);
      const targets = kpiTargets(tables);
      const metrics = deps.developerMetrics?.() ?? null;
      const totals = metrics ? developerTotals(metrics, today) : null;
      const activity = (name: string) => {
        if (!totals) return null;
        const { heading, line } = memberActivity(totals, name, language);
        return `${heading}\n${line}`;
      };
      if (work.who !== undefined) {
        const named = memberNamed(tables, work.who);
        if (!named) return { reply: plainReply(developerText('memberNotFound', language, { who: userMrkdwn(work.who) })) };
        const reply = personalReport(
          {
            name: named.name,
            today,
            kpi,
            targets,
            reports: recentReports(tables, named, calendar, 3),
            blockers: openBlockers(tables, today, calendar, named.name),
            developer: activity(named.name),
          },
          language,
        );
        return { reply, share: work.share };
      }
      if (work.team) {
        const { reported, notReported, away } = participation(tables, today, calendar);
        const reply = teamReport(
          {
            today,
            kpi,
            targets,
            reported: reported.map((m) => m.name),
            notReported: notReported.map((m) => m.name),
            blockers: openBlockers(tables, today, calendar),
            away: away.map((m) => ({ name: m.name, until: m.until })),
            developers: totals
              ? `${developerText('teamHeading', language, { days: DEVELOPER_REPORT_DAYS })}\n${
                  totals.length === 0
                    ? developerText('none', language)
                    : totals
                        .map((t) => `• ${developerText('memberLine', language, { member: userMrkdwn(t.member), line: developerLine(t, language) })}`)
                        .join('\n')
                }`
              : null,
          },
          language,
        );
        return { reply, share: work.share };
      }
      const reply = personalReport(
        {
          name: member.name,
          today,
          kpi,
          targets,
          reports: recentReports(tables, member, calendar, 3),
          blockers: openBlockers(tables, today, calendar, member.name),
          developer: activity(member.name),
        },
        language,
      );
      return { reply, share: work.share };
    }
  }
}

/** The reply to an item, through the outbox: by its response_url when Slack gave one, else by direct message. */
export function replyMessage(key: string, work: SlackWork, outcome: WorkOutcome): ChatMessage {
  const slack: NonNullable<ChatMessage['slack']> = {
    // Shared replies fall back to the channel they were asked in; private ones to a direct message.
    channel: outcome.share && work.origin.channel ? work.origin.channel : work.user.id,
    text: outcome.reply.text,
    blocks: outcome.reply.blocks,
  };
  if (work.origin.responseUrl) slack.responseUrl = work.origin.responseUrl;
  if (outcome.share) slack.share = true;
  return { dedupeKey: `slack-reply:${key}`, slack };
}
