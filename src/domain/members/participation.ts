import { escapeHtml } from '../html';
import type { Language } from '../messages';
import { memberText } from './messages';
import { addDays, isAway, weekdayOf, type Absence, type TeamMember } from './team';

/** Participation (issue 18): reported days ÷ working days present, per member and week. */

export interface MemberWeek {
  member: string;
  reportedDays: number;
  /** Weekdays of the span that are no holiday of the member's and on which they were not away. */
  workingDays: number;
  daysAway: number;
  /** reportedDays ÷ workingDays; null without a working day present. */
  rate: number | null;
}

export interface ParticipationInput {
  members: readonly TeamMember[];
  /** The days counted (a week, or its days up to today), yyyy-MM-dd. */
  days: readonly string[];
  reported(member: TeamMember, date: string): boolean;
  absences: readonly Absence[];
  holidaysOf(member: TeamMember): ReadonlySet<string>;
}

export function weekParticipation(input: ParticipationInput): MemberWeek[] {
  return input.members
    .filter((m) => m.active)
    .map((m) => {
      const holidays = input.holidaysOf(m);
      let reportedDays = 0;
      let workingDays = 0;
      let daysAway = 0;
      for (const day of input.days) {
        if (weekdayOf(day) > 5 || holidays.has(day)) continue;
        if (isAway(input.absences, m.name, day)) {
          daysAway++;
          continue;
        }
        workingDays++;
        if (input.reported(m, day)) reportedDays++;
      }
      return { member: m.name, reportedDays, workingDays, daysAway, rate: workingDays > 0 ? reportedDays / workingDays : null };
    });
}

/**
 * The working days in a row, up to and including `lastDay`, on which the member sent no report; days away, weekends
 * and their holidays are skipped, not counted. Looks back at most `limit` days.
 */
export function missedStreak(
  member: TeamMember,
  lastDay: string,
  input: Omit<ParticipationInput, 'members' | 'days'>,
  limit = 90,
): { days: number; since: string | null } {
  const holidays = input.holidaysOf(member);
  let days = 0;
  let since: string | null = null;
  for (let i = 0, day = lastDay; i < limit; i++, day = addDays(day, -1)) {
    if (weekdayOf(day) > 5 || holidays.has(day) || isAway(input.absences, member.name, day)) continue;
    if (input.reported(member, day)) break;
    days++;
    since = day;
  }
  return { days, since };
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export function participationLines(weeks: readonly MemberWeek[], language: Language): string[] {
  if (weeks.length === 0) return [memberText('participationNone', language)];
  return weeks.map((w) => {
    if (w.workingDays === 0) return memberText('participationNoDays', language, { name: w.member });
    const line = memberText('participationLine', language, {
      name: w.member,
      reported: w.reportedDays,
      working: w.workingDays,
      rate: percent(w.rate),
    });
    return w.daysAway > 0 ? `${line} · ${memberText('participationAway', language, { days: w.daysAway })}` : line;
  });
}

/** The weekly email's participation table: one row per member, the rate coloured when under half. */
export function participationHtml(weeks: readonly MemberWeek[], language: Language): string {
  const title = `<div style="font-size:16px;font-weight:bold;color:#202124;padding:0 0 6px 0">${escapeHtml(memberText('participationTitle', language))}</div>`;
  if (weeks.length === 0) return `${title}<div style="font-size:14px;color:#5f6368">${escapeHtml(memberText('participationNone', language))}</div>`;
  const rows = weeks
    .map((w) => {
      const color = w.rate !== null && w.rate < 0.5 ? '#c5221f' : '#202124';
      const away =
        w.daysAway > 0 ? ` <span style="color:#5f6368">${escapeHtml(memberText('participationAway', language, { days: w.daysAway }))}</span>` : '';
      return (
        `<tr><td style="font-size:14px;line-height:22px;color:#202124;padding:2px 8px 2px 0">${escapeHtml(w.member)}${away}</td>` +
        `<td align="right" style="font-size:14px;line-height:22px;color:#5f6368;padding:2px 8px">${w.reportedDays} / ${w.workingDays}</td>` +
        `<td align="right" style="font-size:14px;line-height:22px;font-weight:bold;color:${color};padding:2px 0">${percent(w.rate)}</td></tr>`
      );
    })
    .join('');
  return `${title}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse">${rows}</table>`;
}
