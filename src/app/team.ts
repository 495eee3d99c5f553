import { readQuestions, type Question, type QuestionCells } from '../domain/members/questions';
import { addDays, readAbsences, readTeam, type Absence, type TeamMember, type TeamProblem, type ZoneOffset } from '../domain/members/team';
import type { Calendar } from '../platform/timeZone';
import type { MemberCalendars } from '../platform/memberCalendars';
import type { Table } from '../sheets/table';
import type { ABSENCES, QUESTIONS } from '../sheets/memberTables';
import { DAILY_REPORTS, type MEMBERS } from '../sheets/tables';
import { defineTable, type TableSchema } from '../sheets/schema';
import { dayOf, text } from './chatData';
import { readHolidays } from './workdays';
import type { HOLIDAYS } from '../sheets/tables';

type KeysOf<S extends TableSchema> = S['columns'][number]['key'];

export interface TeamDeps {
  members: Table<KeysOf<typeof MEMBERS>>;
  absences: Table<KeysOf<typeof ABSENCES>>;
  holidays: Table<KeysOf<typeof HOLIDAYS>>;
  calendar: Calendar;
  /** Absent: only the sheets count (a Slack answer must not wait for calendars). */
  calendars?: MemberCalendars;
}

/** The team as of a span of days: members on their clocks, who is away when, and each member's days off. */
export interface Team {
  members: TeamMember[];
  absences: Absence[];
  teamHolidays: ReadonlySet<string>;
  holidaysOf(member: TeamMember): ReadonlySet<string>;
  problems: TeamProblem[];
}

const truthy = (v: unknown) => v !== false && !/^(false|no|0|いいえ)$/i.test(text(v as never));

/**
 * Reads Members and Absences (one call each), and for the days [first, last] the members' calendars: out-of-office
 * events become absences, a holiday calendar replaces the team's `Holidays` for its member. A calendar that cannot
 * be read is skipped: that member falls back to the sheets, the others are untouched.
 */
export function readTeamOn(deps: TeamDeps, first: string, last: string): Team {
  const { calendar } = deps;
  const memberRows = deps.members.read().rows.map(({ row, record }) => ({
    row,
    name: text(record.name),
    slackUserId: text(record.slackUserId),
    email: text(record.email),
    active: truthy(record.active),
    timeZone: text(record.timeZone),
    calendar: text(record.calendar),
    holidayCalendar: text(record.holidayCalendar),
  }));
  const team = readTeam(memberRows, calendar.timeZone);
  const absenceRows = deps.absences.read().rows.map(({ row, record }) => ({
    row,
    member: text(record.member),
    from: dayOf(record.from, calendar),
    to: dayOf(record.to, calendar),
    fromText: text(record.from),
    reason: text(record.reason),
  }));
  const sheet = readAbsences(absenceRows, new Set(team.members.map((m) => m.name)));
  const absences = [...sheet.absences];
  const teamHolidays = readHolidays(deps.holidays, calendar).dates;
  const own = new Map<string, ReadonlySet<string>>();
  if (deps.calendars) {
    // One day more on each side: a member's own day may start or end on the team's neighbouring day.
    const from = calendar.midnight(addDays(first, -1));
    const to = calendar.midnight(addDays(last, 2));
    for (const m of team.members) {
      if (!m.active) continue;
      if (m.calendar !== '') {
        for (const day of deps.calendars.outOfOffice(m.calendar, from, to, m.timeZone) ?? [])
          absences.push({ member: m.name, from: day, to: day, reason: 'Google Calendar', source: 'calendar' });
      }
      if (m.holidayCalendar !== '') {
        const days = deps.calendars.holidays(m.holidayCalendar, from, to, m.timeZone);
        if (days) own.set(m.name, new Set(days));
      }
    }
  }
  return {
    members: team.members,
    absences,
    teamHolidays,
    holidaysOf: (m) => own.get(m.name) ?? teamHolidays,
    problems: [...team.problems, ...sheet.problems],
  };
}

/** The names of the members away on a day (sheet and calendars). */
export function awayOn(team: Team, date: string): Set<string> {
  return new Set(team.absences.filter((a) => a.from <= date && date <= a.to).map((a) => a.member));
}

/** The team's questions (one read of `Questions`); its problems and the rows whose column is still to be named. */
export function loadQuestions(table: Table<KeysOf<typeof QUESTIONS>>): ReturnType<typeof readQuestions> {
  const rows: QuestionCells[] = table.read().rows.map(({ row, record }) => ({
    row,
    order: typeof record.order === 'number' ? record.order : Number.isFinite(Number(text(record.order))) ? Number(text(record.order)) : null,
    textJa: text(record.textJa),
    textEn: text(record.textEn),
    kind: text(record.kind),
    required: record.required === true || /^(true|yes|1|はい)$/i.test(text(record.required)),
    column: text(record.column),
  }));
  return readQuestions(rows);
}

/** `Daily Reports` with the questions' own columns, so the table layer maps (and, when missing, adds) them by header. */
export function dailyReportsWith(questions: ReadonlyArray<Pick<Question, 'column' | 'kind'>>): TableSchema<string> {
  const known = new Set<string>(DAILY_REPORTS.columns.map((c) => c.header));
  const typeOf = (kind: Question['kind']) => (kind === 'text' ? 'text' : kind === 'yes-no' ? 'boolean' : 'number');
  const extra = new Map(questions.filter((q) => !known.has(q.column)).map((q) => [q.column, typeOf(q.kind)] as const));
  return defineTable<string>({
    name: DAILY_REPORTS.name,
    columns: [...DAILY_REPORTS.columns, ...[...extra].map(([c, type]) => ({ key: c, header: c, type, width: type === 'text' ? 240 : 90 }))],
    key: DAILY_REPORTS.key,
  });
}

export type { Question, ZoneOffset };
