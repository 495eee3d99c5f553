import type { TimeOfDay } from '../schedule';
import { GRACE_MINUTES } from '../schedule';
import { isTimeZone } from './timeZones';

/**
 * Members as the reminders see them: their own clock, their days away, their days off. Plain data in and out;
 * the wall-clock arithmetic of a zone comes in as a function, since only Apps Script's Utilities knows the zones.
 */

export interface TeamMember {
  name: string;
  slackUserId: string;
  email: string;
  active: boolean;
  /** The zone the member's reminders and day follow: their own when valid, else the team's. */
  timeZone: string;
  /** A Google Calendar id whose out-of-office events count as absences ('' for none). */
  calendar: string;
  /** A Google holiday calendar whose days replace the team's `Holidays` for this member ('' for the team's). */
  holidayCalendar: string;
  /** The sheet row, for messages that say where a problem is. */
  row: number;
}

/** A problem in what people typed, said where it is; the rest of the team works on. */
export interface TeamProblem {
  sheet: string;
  row: number;
  id:
    | 'badTimeZone'
    | 'absenceNoMember'
    | 'absenceUnknownMember'
    | 'absenceNoFrom'
    | 'absenceBackwards'
    | 'absenceOverlap'
    | 'questionNoText'
    | 'questionBadKind'
    | 'questionMoodKind'
    | 'questionTooMany';
  params: Record<string, string | number>;
}

export interface MemberCells {
  row: number;
  name: string;
  slackUserId: string;
  email: string;
  active: boolean;
  timeZone: string;
  calendar: string;
  holidayCalendar: string;
}

/** Members with their effective zone: an unknown zone is a problem to fix and falls back to the team's. */
export function readTeam(rows: readonly MemberCells[], teamZone: string): { members: TeamMember[]; problems: TeamProblem[] } {
  const members: TeamMember[] = [];
  const problems: TeamProblem[] = [];
  for (const r of rows) {
    if (r.name === '') continue;
    let timeZone = r.timeZone === '' ? teamZone : r.timeZone;
    if (!isTimeZone(timeZone)) {
      problems.push({ sheet: 'Members', row: r.row, id: 'badTimeZone', params: { name: r.name, zone: r.timeZone, team: teamZone } });
      timeZone = teamZone;
    }
    members.push({ ...r, timeZone });
  }
  return { members, problems };
}

export interface AbsenceCells {
  row: number;
  member: string;
  /** yyyy-MM-dd, or null when the cell holds no date. */
  from: string | null;
  to: string | null;
  /** What the cell holds, for the message when it is no date. */
  fromText: string;
  reason: string;
}

export interface Absence {
  member: string;
  from: string;
  to: string;
  reason: string;
  source: 'sheet' | 'calendar';
}

/**
 * The absences that can be used, and what is wrong with the others. Overlapping rows of one member are a problem
 * to say (one was probably typed twice, or a date is wrong) but both still count: the member is away either way.
 */
export function readAbsences(rows: readonly AbsenceCells[], memberNames: ReadonlySet<string>): { absences: Absence[]; problems: TeamProblem[] } {
  const absences: Array<Absence & { row: number }> = [];
  const problems: TeamProblem[] = [];
  const problem = (row: number, id: TeamProblem['id'], params: TeamProblem['params']) => problems.push({ sheet: 'Absences', row, id, params });
  for (const r of rows) {
    if (r.member === '' && r.from === null && r.fromText === '') continue;
    if (r.member === '') {
      problem(r.row, 'absenceNoMember', {});
      continue;
    }
    if (!memberNames.has(r.member)) problem(r.row, 'absenceUnknownMember', { name: r.member });
    if (r.from === null) {
      problem(r.row, 'absenceNoFrom', { name: r.member, value: r.fromText });
      continue;
    }
    const to = r.to ?? r.from;
    if (to < r.from) {
      problem(r.row, 'absenceBackwards', { name: r.member, from: r.from, to });
      continue;
    }
    absences.push({ member: r.member, from: r.from, to, reason: r.reason, source: 'sheet', row: r.row });
  }
  const sorted = [...absences].sort((a, b) => a.member.localeCompare(b.member) || a.from.localeCompare(b.from));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as (typeof sorted)[number];
    const b = sorted[i] as (typeof sorted)[number];
    if (a.member === b.member && b.from <= a.to) problem(b.row, 'absenceOverlap', { name: b.member, other: a.row, from: b.from, to: a.to });
  }
  return { absences: absences.map(({ row: _row, ...a }) => a), problems };
}

export function isAway(absences: readonly Absence[], member: string, date: string): boolean {
  return absences.some((a) => a.member === member && a.from <= date && date <= a.to);
}

/** The absence that covers the day, for "away until …". */
export function absenceOn(absences: readonly Absence[], member: string, date: string): Absence | null {
  return absences.find((a) => a.member === member && a.from <= date && date <= a.to) ?? null;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a yyyy-MM-dd day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Whether a member works on their own day `date`: a weekday, no holiday of theirs, not away. */
export function worksOn(member: TeamMember, date: string, holidays: ReadonlySet<string>, absences: readonly Absence[]): boolean {
  return weekdayOf(date) <= 5 && !holidays.has(date) && !isAway(absences, member.name, date);
}

/** Minutes east of UTC of a zone at an instant (Utilities.formatDate's `XXX`, in the app). */
export type ZoneOffset = (instant: Date, zone: string) => number;

/** The instant a wall-clock time of a day has in a zone; a DST switch in between is corrected by a second look. */
export function wallTime(date: string, time: TimeOfDay, zone: string, offset: ZoneOffset): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + (time.hour * 60 + time.minute) * 60_000;
  let guess = new Date(wall - offset(new Date(wall), zone) * 60_000);
  guess = new Date(wall - offset(guess, zone) * 60_000);
  return guess;
}

/** The member's own day at an instant. */
export function memberDate(instant: Date, zone: string, offset: ZoneOffset): string {
  return new Date(instant.getTime() + offset(instant, zone) * 60_000).toISOString().slice(0, 10);
}

export type MemberReminderKind = 'standup' | 'nudge' | 'progress';

export interface MemberDue {
  kind: MemberReminderKind;
  member: string;
  slackUserId: string;
  /** The member's own day the reminder is about. */
  date: string;
  at: Date;
  /** The outbox key: one message per member, kind and day, however often it is computed. */
  key: string;
}

export interface MemberScheduleInput {
  members: readonly TeamMember[];
  teamZone: string;
  /** The team's times of day (Settings STANDUP_TIME, NUDGE_TIME, PROGRESS_REMINDER_TIME), on each member's clock. */
  times: Readonly<Record<MemberReminderKind, TimeOfDay>>;
  absences: readonly Absence[];
  /** The days off of a member: the team's `Holidays`, or their own holiday calendar's. */
  holidaysOf(member: TeamMember): ReadonlySet<string>;
  offset: ZoneOffset;
  /** The window asked for: reminders due at or after `from` and before `to`. */
  from: Date;
  to: Date;
}

/** Whether a member's reminders are sent one by one at their own hour, rather than by the team-hour jobs. */
export function ownClock(member: TeamMember, teamZone: string): boolean {
  return member.timeZone !== teamZone || member.holidayCalendar !== '';
}

/**
 * The instants each member's own reminders are due in a window: the standup and the progress reminder as a
 * direct message to members outside the team's zone (the channel posts stay at the team's hour), and the nudge to
 * every member on their own clock (another zone or their own holidays). None on a member's weekend, holiday or
 * day away; none for an inactive member or one without a Slack user id.
 */
export function memberReminderInstants(input: MemberScheduleInput): MemberDue[] {
  const out: MemberDue[] = [];
  for (const member of input.members) {
    if (!member.active || member.slackUserId === '' || !ownClock(member, input.teamZone)) continue;
    const kinds: MemberReminderKind[] = member.timeZone !== input.teamZone ? ['standup', 'nudge', 'progress'] : ['nudge'];
    const holidays = input.holidaysOf(member);
    const first = memberDate(new Date(input.from.getTime() - DAY_MS), member.timeZone, input.offset);
    const last = memberDate(new Date(input.to.getTime() + DAY_MS), member.timeZone, input.offset);
    for (let date = first; date <= last; date = addDays(date, 1)) {
      if (!worksOn(member, date, holidays, input.absences)) continue;
      for (const kind of kinds) {
        const at = wallTime(date, input.times[kind], member.timeZone, input.offset);
        if (at.getTime() < input.from.getTime() || at.getTime() >= input.to.getTime()) continue;
        out.push({ kind, member: member.name, slackUserId: member.slackUserId, date, at, key: `member-${kind}:${date}:${member.slackUserId}` });
      }
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Due now: at or after its instant, within the dispatcher's grace (a 09:00 reminder is not sent at noon). */
export function dueNow(due: Pick<MemberDue, 'at'>, now: Date): boolean {
  const late = now.getTime() - due.at.getTime();
  return late >= 0 && late < GRACE_MINUTES * 60_000;
}
