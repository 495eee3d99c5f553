import { chatConfig } from '../app/chatConfig';
import { dayOf, text } from '../app/chatData';
import { sendMemberReminders, type MemberReminderResult } from '../app/memberReminders';
import { participationOver, recordParticipation, sendManagerNotes } from '../app/participation';
import { loadQuestions, readTeamOn, type Question, type Team, type TeamDeps } from '../app/team';
import type { MemberWeek } from '../domain/members/participation';
import { ownClock } from '../domain/members/team';
import type { ChatTables } from '../app/chatData';
import { mailApp } from '../platform/mail';
import { MISSED_REPORT_DAYS } from '../settings/members';
import { MANAGER_EMAILS } from '../settings/sheet';
import { isTimeZone } from '../domain/members/timeZones';
import { memberCalendars } from '../platform/memberCalendars';
import { calendarIn, offsetMinutes, type Calendar } from '../platform/timeZone';
import { NUDGE_TIME, PROGRESS_REMINDER_TIME, STANDUP_TIME } from '../settings/chat';
import { ABSENCES, PARTICIPATION, QUESTIONS } from '../sheets/memberTables';
import { setUpMembers, type MemberSetupReport } from '../app/memberSetup';
import type { SheetsBatch } from '../platform/sheetsBatch';
import { spreadsheetLayoutPort } from '../platform/spreadsheetLayoutPort';
import type { Table } from '../sheets/table';
import { DAILY_REPORTS, HOLIDAYS, MEMBERS } from '../sheets/tables';
import { executionContext, type ExecutionContext } from './context';

/** Issue 18's wiring: members' own clocks and calendars, their reminders, participation and the questions. */

/** The member's own day at an instant, when their Members `Time Zone` is another valid zone; else null. */
export function memberDayOf(members: Table<(typeof MEMBERS)['columns'][number]['key']>, calendar: Calendar, name: string, at: Date): string | null {
  const zone = text(members.read().rows.find((r) => text(r.record.name) === name)?.record.timeZone);
  if (zone === '' || zone === calendar.timeZone || !isTimeZone(zone)) return null;
  return calendarIn(zone).dateKey(at);
}

export function teamDeps(ctx: ExecutionContext, withCalendars = true): TeamDeps {
  const deps: TeamDeps = {
    members: ctx.table(MEMBERS),
    absences: ctx.table(ABSENCES),
    holidays: ctx.table(HOLIDAYS),
    calendar: ctx.calendar(),
  };
  if (withCalendars) deps.calendars = memberCalendars();
  return deps;
}

/** Whether someone has a report for a day, from one read of Daily Reports. */
export function reportedLookup(table: Table<(typeof DAILY_REPORTS)['columns'][number]['key']>, calendar: Calendar) {
  let index: Set<string> | null = null;
  let first: string | null = null;
  const reported = (member: { name: string; slackUserId: string }, date: string): boolean => {
    if (!index) {
      index = new Set<string>();
      for (const { record } of table.read().rows) {
        const day = dayOf(record.date, calendar);
        if (!day) continue;
        if (first === null || day < first) first = day;
        index.add(`n:${text(record.member)}:${day}`);
        if (text(record.slackUserId) !== '') index.add(`s:${text(record.slackUserId)}:${day}`);
      }
    }
    return index.has(`n:${member.name}:${date}`) || (member.slackUserId !== '' && index.has(`s:${member.slackUserId}:${date}`));
  };
  /** The first day anyone reported: days before it are no missed days (the team was not using shinchoku yet). */
  const firstDay = (): string | null => {
    reported({ name: '', slackUserId: '' }, '');
    return first;
  };
  return Object.assign(reported, { firstDay });
}

/** The frequent job: each member's own standup, nudge and progress reminder at their local hour. */
export function memberRemindersJob(): MemberReminderResult {
  const ctx = executionContext({ settings: 'cached' });
  // Built once: each table is read once however often the plan is made in this run.
  const team = teamDeps(ctx);
  const result = sendMemberReminders({
    now: ctx.now,
    calendar: ctx.calendar(),
    cache: ctx.cache(),
    team: (first, last) => readTeamOn(team, first, last),
    times: () => ({
      standup: ctx.settings().get(STANDUP_TIME),
      nudge: ctx.settings().get(NUDGE_TIME),
      progress: ctx.settings().get(PROGRESS_REMINDER_TIME),
    }),
    offset: offsetMinutes,
    reported: reportedLookup(ctx.table(DAILY_REPORTS), ctx.calendar()),
    language: ctx.language,
    outbox: ctx.outbox(),
    config: chatConfig(ctx.properties()),
    onPlan: () => void refreshTeamProfile(ctx),
  });
  if (result.state !== 'idle') console.log(`sendMemberReminders: ${result.skipped ?? `${result.enqueued} direct message(s) queued`}`);
  return result;
}

/** The team over some days, with its calendars, each table read once in this run. */
function teamReader(ctx: ExecutionContext): (first: string, last: string) => Team {
  const deps = teamDeps(ctx);
  return (first, last) => readTeamOn(deps, first, last);
}

export function recordParticipationJob() {
  const ctx = executionContext({ settings: 'cached' });
  const result = recordParticipation({
    now: ctx.now,
    calendar: ctx.calendar(),
    team: teamReader(ctx),
    reported: reportedLookup(ctx.table(DAILY_REPORTS), ctx.calendar()),
    table: ctx.table(PARTICIPATION),
    locked: ctx.locked,
  });
  console.log(`recordParticipation: ${result.rows} row(s) for the weeks of ${result.weeks.join(', ')}`);
  return result;
}

export function managerNotesJob() {
  const ctx = executionContext({ settings: 'cached' });
  const reported = reportedLookup(ctx.table(DAILY_REPORTS), ctx.calendar());
  const result = sendManagerNotes({
    now: ctx.now,
    calendar: ctx.calendar(),
    team: teamReader(ctx),
    reported,
    firstReportDay: reported.firstDay,
    days: ctx.settings().get(MISSED_REPORT_DAYS),
    managers: ctx.settings().get(MANAGER_EMAILS),
    language: ctx.language(),
    outbox: ctx.outbox(),
    config: chatConfig(ctx.properties()),
    mailer: mailApp(),
  });
  console.log(`sendManagerNotes: ${result.skipped ?? `${result.notes.length} note(s), ${result.slack} Slack message(s), ${result.emails} email(s)`}`);
  return result;
}

/** The weekly report's participation section: the week's days, from the sheets and calendars as they are now. */
export function weeklyParticipation(ctx: ExecutionContext): (days: readonly string[]) => MemberWeek[] {
  return (days) => {
    const first = days[0] ?? ctx.calendar().dateKey(ctx.now);
    const team = readTeamOn(teamDeps(ctx), first, days[days.length - 1] ?? first);
    return participationOver(team, reportedLookup(ctx.table(DAILY_REPORTS), ctx.calendar()), days);
  };
}

/** What the team-hour jobs and reports ask of the team (issue 18): who is away, whose nudges follow their own clock. */
export function teamViews(ctx: ExecutionContext): Pick<ChatTables, 'awayOn' | 'ownClock'> {
  const deps = teamDeps(ctx);
  const days = new Map<string, Team>();
  const teamOn = (date: string) => {
    let team = days.get(date);
    if (!team) days.set(date, (team = readTeamOn(deps, date, date)));
    return team;
  };
  return {
    awayOn: (date) => {
      const away = new Map<string, string>();
      for (const a of teamOn(date).absences) {
        const until = away.get(a.member) ?? '';
        if (a.from <= date && date <= a.to && a.to > until) away.set(a.member, a.to);
      }
      return away;
    },
    ownClock: () => {
      const team = readTeamOn(teamDeps(ctx, false), ctx.calendar().dateKey(ctx.now), ctx.calendar().dateKey(ctx.now));
      return new Set(team.members.filter((m) => ownClock(m, ctx.calendar().timeZone)).map((m) => m.name));
    },
  };
}

/** Setup's part for issue 18 (src/app/memberSetup.ts). */
export function memberSetupStep(ctx: ExecutionContext, batch: SheetsBatch | null = null): MemberSetupReport {
  return setUpMembers({
    questions: ctx.table(QUESTIONS),
    dailyReports: (schema) => ctx.table(schema),
    team: teamDeps(ctx, false),
    // Setup's Sheets API batch when it has one: the members' layout joins its requests.
    port: batch ? batch.layoutPort(spreadsheetLayoutPort()) : spreadsheetLayoutPort(),
    language: ctx.language(),
    locked: ctx.locked,
    today: ctx.calendar().dateKey(ctx.now),
  });
}

const PROFILE_KEY = 'team-profile:v1';
/**
 * An edit of Questions or Members in the sheet renews it (onEdit), and so do setup and the hourly plan of
 * sendMemberReminders: a change made by a script applies within the hour.
 */
const PROFILE_SECONDS = 2 * 3600;

interface TeamProfile {
  questions: Question[];
  /** Slack user id → the member's own zone, for members outside the team's zone. */
  zones: Record<string, string>;
}

/**
 * What a Slack answer needs of Questions and Members — the form's questions, the member's own day — through the
 * script cache, so opening the form inside Slack's 3 seconds reads no more sheets than before.
 */
export function teamProfile(ctx: ExecutionContext): TeamProfile {
  const cache = ctx.cache();
  try {
    const cached = JSON.parse(cache.get(PROFILE_KEY) ?? 'null') as TeamProfile | null;
    if (cached && Array.isArray(cached.questions) && cached.zones) return cached;
  } catch {
    // read again below
  }
  return refreshTeamProfile(ctx);
}

/** Reads Questions and Members (two calls) and keeps what a Slack answer needs of them in the script cache. */
export function refreshTeamProfile(ctx: ExecutionContext): TeamProfile {
  const cache = ctx.cache();
  const zone = ctx.calendar().timeZone;
  const zones: Record<string, string> = {};
  for (const { record } of ctx.table(MEMBERS).read().rows) {
    const id = text(record.slackUserId);
    const own = text(record.timeZone);
    if (id !== '' && own !== '' && own !== zone && isTimeZone(own)) zones[id] = own;
  }
  const profile = { questions: loadQuestions(ctx.table(QUESTIONS)).questions, zones };
  cache.put(PROFILE_KEY, JSON.stringify(profile), PROFILE_SECONDS);
  return profile;
}

/** onEdit of Questions or Members: the profile as the sheet now says. */
export function renewTeamProfile(): void {
  refreshTeamProfile(executionContext({ settings: 'cached' }));
}
