import { readQuestions } from '../../src/domain/members/questions';
import { memberReminderInstants, readAbsences, readTeam, wallTime, type TeamMember } from '../../src/domain/members/team';
import { isTimeZone } from '../../src/domain/members/timeZones';

/** Fixed offsets, enough for the cases here: Tokyo +9, New York −5 in winter and −4 from 8 March 2026. */
const offset = (instant: Date, zone: string): number =>
  zone === 'Asia/Tokyo' ? 540 : zone === 'America/New_York' ? (instant.getTime() >= Date.parse('2026-03-08T07:00:00Z') ? -240 : -300) : 0;

const member = (over: Partial<TeamMember>): TeamMember => ({
  name: 'Alex',
  slackUserId: 'U1',
  email: '',
  active: true,
  timeZone: 'America/New_York',
  calendar: '',
  holidayCalendar: '',
  row: 2,
  ...over,
});

const times = { standup: { hour: 9, minute: 0 }, nudge: { hour: 10, minute: 30 }, progress: { hour: 18, minute: 0 } };

describe('memberReminderInstants', () => {
  const base = { teamZone: 'Asia/Tokyo', times, absences: [], holidaysOf: () => new Set<string>(), offset };

  test('a member in another zone gets the three reminders at their own hour, on their own weekdays', () => {
    const due = memberReminderInstants({
      ...base,
      members: [member({})],
      from: new Date('2026-01-05T00:00:00+09:00'),
      to: new Date('2026-01-07T00:00:00+09:00'),
    });
    expect(due.map((d) => `${d.kind} ${d.date} ${d.at.toISOString()}`)).toEqual([
      'standup 2026-01-05 2026-01-05T14:00:00.000Z',
      'nudge 2026-01-05 2026-01-05T15:30:00.000Z',
      'progress 2026-01-05 2026-01-05T23:00:00.000Z',
      // Tuesday 09:00 in New York is 23:00 in Tokyo, still inside the window.
      'standup 2026-01-06 2026-01-06T14:00:00.000Z',
    ]);
  });

  test('the wall clock follows daylight saving time', () => {
    expect(wallTime('2026-03-09', { hour: 9, minute: 0 }, 'America/New_York', offset).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  test('none on a day away, none for a team-zone member without a holiday calendar, only the nudge with one', () => {
    const absences = readAbsences(
      [{ row: 2, member: 'Alex', from: '2026-01-05', to: '2026-01-05', fromText: '', reason: '' }],
      new Set(['Alex']),
    ).absences;
    const due = memberReminderInstants({
      ...base,
      absences,
      members: [
        member({}),
        member({ name: 'Ken', slackUserId: 'U2', timeZone: 'Asia/Tokyo' }),
        member({ name: 'Ana', slackUserId: 'U3', timeZone: 'Asia/Tokyo', holidayCalendar: 'x' }),
      ],
      from: new Date('2026-01-05T00:00:00+09:00'),
      to: new Date('2026-01-06T00:00:00+09:00'),
    });
    expect(due.map((d) => `${d.kind} ${d.member}`)).toEqual(['nudge Ana']);
  });
});

describe('what people typed', () => {
  test('an unknown zone falls back to the team one and is said', () => {
    const { members, problems } = readTeam(
      [{ row: 3, name: 'Alex', slackUserId: '', email: '', active: true, timeZone: 'Mars/Olympus', calendar: '', holidayCalendar: '' }],
      'Asia/Tokyo',
    );
    expect(members[0]?.timeZone).toBe('Asia/Tokyo');
    expect(problems).toEqual([{ sheet: 'Members', row: 3, id: 'badTimeZone', params: { name: 'Alex', zone: 'Mars/Olympus', team: 'Asia/Tokyo' } }]);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('america/new_york')).toBe(false);
  });

  test('overlapping and backwards absences are said; both overlapping rows still count', () => {
    const cells = (row: number, from: string | null, to: string | null, name = 'Ana') => ({
      row,
      member: name,
      from,
      to,
      fromText: from ?? 'soon',
      reason: '',
    });
    const { absences, problems } = readAbsences(
      [
        cells(2, '2026-01-05', '2026-01-07'),
        cells(3, '2026-01-07', null),
        cells(4, '2026-01-09', '2026-01-08'),
        cells(5, null, null),
        cells(6, '2026-01-05', null, 'Bo'),
      ],
      new Set(['Ana']),
    );
    expect(absences.map((a) => `${a.member} ${a.from}–${a.to}`)).toEqual([
      'Ana 2026-01-05–2026-01-07',
      'Ana 2026-01-07–2026-01-07',
      'Bo 2026-01-05–2026-01-05',
    ]);
    expect(problems.map((p) => `${p.row} ${p.id}`)).toEqual(['4 absenceBackwards', '5 absenceNoFrom', '6 absenceUnknownMember', '3 absenceOverlap']);
  });

  test('questions: the default set for an empty sheet; rows without text or with an unknown kind are left out', () => {
    expect(readQuestions([]).questions.map((q) => q.column)).toEqual(['Done', 'Planned', 'Blockers', 'Mood']);
    const q = (row: number, order: number, textEn: string, kind: string, column = '') => ({
      row,
      order,
      textJa: '',
      textEn,
      kind,
      required: false,
      column,
    });
    const read = readQuestions([
      q(2, 2, 'Reviews', 'number'),
      q(3, 1, '', 'text'),
      q(4, 3, 'Happy?', 'Yes/No'),
      q(5, 4, 'x', 'essay'),
      q(6, 5, 'Mood', 'text', 'Mood'),
    ]);
    expect(read.questions.map((x) => `${x.order} ${x.kind} ${x.column}`)).toEqual(['2 number Q: Reviews', '3 yes-no Q: Happy?']);
    expect(read.problems.map((p) => `${p.row} ${p.id}`)).toEqual(['3 questionNoText', '5 questionBadKind', '6 questionMoodKind']);
    expect(read.unnamed.map((u) => u.column)).toEqual(['Q: Reviews', 'Q: Happy?']);
  });

  test('questions: a sheet where every row is wrong asks the default set, and still says what is wrong', () => {
    const row = (n: number, kind: string, textEn: string) => ({ row: n, order: n, textJa: '', textEn, kind, required: false, column: '' });
    const read = readQuestions([row(2, 'essay', 'What?'), row(3, 'text', '')]);
    expect(read.questions.map((q) => q.column)).toEqual(['Done', 'Planned', 'Blockers', 'Mood']);
    expect(read.problems.map((p) => `${p.row} ${p.id}`)).toEqual(['2 questionBadKind', '3 questionNoText']);
  });
});
