import type { ChatMessage, Outbox } from '../domain/chat/outbox';
import type { ChatConfig } from '../domain/chat/outboxMessages';
import { section } from '../domain/chat/blockKit';
import { userMrkdwn } from '../domain/chat/text';
import { memberText } from '../domain/members/messages';
import { missedStreak, weekParticipation, type MemberWeek } from '../domain/members/participation';
import { addDays, weekdayOf, type TeamMember } from '../domain/members/team';
import type { Language } from '../domain/messages';
import type { Locked } from '../platform/lock';
import type { Mailer } from '../platform/mail';
import type { Calendar } from '../platform/timeZone';
import type { PARTICIPATION } from '../sheets/memberTables';
import type { Table } from '../sheets/table';
import type { Team } from './team';

type Reported = (member: { name: string; slackUserId: string }, date: string) => boolean;

function daysFrom(first: string, last: string): number {
  return Math.max(0, Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000));
}

/** Monday of the ISO week of a day. */
export function weekStart(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** The members' participation over some days, from the team and the reports as they are now. */
export function participationOver(team: Team, reported: Reported, days: readonly string[]): MemberWeek[] {
  return weekParticipation({ members: team.members, days, reported, absences: team.absences, holidaysOf: team.holidaysOf });
}

export interface RecordParticipationDeps {
  now: Date;
  calendar: Calendar;
  team(first: string, last: string): Team;
  reported: Reported;
  table: Table<(typeof PARTICIPATION)['columns'][number]['key']>;
  locked: Locked;
}

/**
 * Writes this week's participation (Monday to today) and last week's (whole) to `Participation`, one row per
 * member and week, so the Dashboard can show it; writing the same figures again changes nothing.
 */
export function recordParticipation(deps: RecordParticipationDeps): { weeks: string[]; rows: number } {
  const today = deps.calendar.dateKey(deps.now);
  const thisWeek = weekStart(today);
  const lastWeek = addDays(thisWeek, -7);
  const team = deps.team(lastWeek, today);
  const spans: Array<[string, string[]]> = [
    [lastWeek, Array.from({ length: 7 }, (_, i) => addDays(lastWeek, i))],
    [thisWeek, Array.from({ length: weekdayOf(today) }, (_, i) => addDays(thisWeek, i))],
  ];
  const records = spans.flatMap(([start, days]) =>
    participationOver(team, deps.reported, days).map((w) => ({
      weekStart: deps.calendar.midnight(start),
      member: w.member,
      reportedDays: w.reportedDays,
      workingDays: w.workingDays,
      participation: w.rate,
      daysAway: w.daysAway,
    })),
  );
  deps.locked(() => deps.table.upsert(records));
  return { weeks: spans.map(([start]) => start), rows: records.length };
}

export interface ManagerNoteDeps {
  now: Date;
  calendar: Calendar;
  team(first: string, last: string): Team;
  reported: Reported;
  /** The first day anyone reported: the streak does not reach before it. */
  firstReportDay(): string | null;
  /** MISSED_REPORT_DAYS; 0 turns the note off. */
  days: number;
  /** MANAGER_EMAILS. */
  managers: readonly string[];
  language: Language;
  outbox: Outbox;
  config: ChatConfig;
  mailer: Mailer;
}

export interface ManagerNoteResult {
  notes: Array<{ member: string; days: number; since: string }>;
  slack: number;
  emails: number;
  skipped?: string;
}

/**
 * A gentle note to the managers about each member who has sent no report for MISSED_REPORT_DAYS working days in a
 * row (up to yesterday: today is not over). By Slack direct message to a manager found in Members by email, once
 * a streak (the Outbox key holds its first day); by email to the others on the day the streak reaches the count.
 */
export function sendManagerNotes(deps: ManagerNoteDeps): ManagerNoteResult {
  if (deps.days === 0) return { notes: [], slack: 0, emails: 0, skipped: 'MISSED_REPORT_DAYS is 0' };
  if (deps.managers.length === 0) return { notes: [], slack: 0, emails: 0, skipped: 'no manager in MANAGER_EMAILS' };
  const today = deps.calendar.dateKey(deps.now);
  const yesterday = addDays(today, -1);
  const team = deps.team(addDays(today, -90), today);
  const input = { reported: deps.reported, absences: team.absences, holidaysOf: team.holidaysOf };
  const notes: ManagerNoteResult['notes'] = [];
  const first = deps.firstReportDay();
  if (first === null) return { notes, slack: 0, emails: 0, skipped: 'no daily report yet' };
  for (const m of team.members) {
    if (!m.active) continue;
    const streak = missedStreak(m, yesterday, input, Math.min(90, daysFrom(first, yesterday) + 1));
    if (streak.days >= deps.days && streak.since) notes.push({ member: m.name, days: streak.days, since: streak.since });
  }
  if (notes.length === 0) return { notes, slack: 0, emails: 0 };

  const byEmail = new Map<string, TeamMember>(team.members.filter((m) => m.email !== '').map((m) => [m.email.toLowerCase(), m]));
  const onSlack = deps.config.slack === 'api' ? deps.managers.map((e) => byEmail.get(e.toLowerCase())).filter((m) => m && m.slackUserId !== '') : [];
  const slackIds = new Set(onSlack.map((m) => (m as TeamMember).slackUserId));
  const byMail = deps.managers.filter((e) => {
    const m = byEmail.get(e.toLowerCase());
    return !(m && slackIds.has(m.slackUserId));
  });
  const messages: ChatMessage[] = [];
  for (const note of notes) {
    const params = { name: note.member, days: note.days, since: note.since };
    const slackParams = { ...params, name: userMrkdwn(note.member) };
    for (const id of slackIds) {
      const text = memberText('noteBody', deps.language, slackParams);
      messages.push({
        dedupeKey: `manager-note:${note.member}:${note.since}:${id}`,
        slack: { channel: id, text: memberText('noteSubject', deps.language, params), blocks: [section(text)] },
        expiresAt: deps.calendar.midnight(addDays(today, 1)),
      });
    }
  }
  if (messages.length > 0) deps.outbox.enqueue(messages);
  let emails = 0;
  const fresh = notes.filter((n) => n.days === deps.days);
  if (byMail.length > 0 && fresh.length > 0 && deps.mailer.remainingQuota() >= byMail.length * fresh.length) {
    for (const note of fresh) {
      const params = { name: note.member, days: note.days, since: note.since };
      deps.mailer.send({
        to: byMail,
        subject: memberText('noteSubject', deps.language, params),
        text: memberText('noteBody', deps.language, params),
        name: 'shinchoku',
      });
      emails++;
    }
  }
  return { notes, slack: messages.length, emails };
}
