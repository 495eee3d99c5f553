import { japaneseHolidays } from '../../local/services/japaneseHolidays';
import { fillHolidays } from '../../src/app/holidays';
import { readHolidays, skippedMessage, workdayVerdict } from '../../src/app/workdays';
import { ConfigError } from '../../src/domain/errors';
import { isLegalHolidayTitle, legalHolidays } from '../../src/domain/holidays';
import type { Calendar } from '../../src/platform/timeZone';
import { Table } from '../../src/sheets/table';
import { HOLIDAYS } from '../../src/sheets/tables';
import { MemoryWorkbook } from '../helpers/memoryWorkbook';

const H = 3_600_000;
/** Asia/Tokyo without daylight saving: enough for unit tests. */
const tokyo: Calendar = {
  timeZone: 'Asia/Tokyo',
  dateKey: (d) => new Date(d.getTime() + 9 * H).toISOString().slice(0, 10),
  midnight: (key) => new Date(Date.parse(`${key}T00:00:00Z`) - 9 * H),
  local(d) {
    const wall = new Date(d.getTime() + 9 * H);
    return { date: wall.toISOString().slice(0, 10), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), weekday: wall.getUTCDay() || 7 };
  },
};

describe('which calendar events are days off', () => {
  test.each([
    ['元日', true],
    ['成人の日', true],
    ['憲法記念日 振替休日', true],
    ['振替休日 (春分の日)', true],
    ['国民の休日', true],
    ['休日', true],
    ['体育の日', true],
    ['即位礼正殿の儀の行われる日', true],
    ['銀行休業日', false],
    ['クリスマス', false],
    ['節分', false],
    ['大晦日', false],
    ['七五三', false],
    ['母の日', false],
    ['振替休日なし', false],
  ])('%s → %s', (title, expected) => {
    expect(isLegalHolidayTitle(title)).toBe(expected);
  });

  test("filtering the whole calendar Google shows (observances included) leaves the law's days off", () => {
    for (const year of [2025, 2026, 2027]) {
      const events = japaneseHolidays(year, { observances: true }).map((d) => ({ date: d.date, title: d.name }));
      const { holidays, ignored } = legalHolidays(events);
      expect(holidays.map((h) => `${h.date} ${h.title}`)).toEqual(japaneseHolidays(year).map((d) => `${d.date} ${d.name}`));
      expect(ignored.length).toBeGreaterThan(0);
    }
  });

  test('one row per date, sorted; the first title of a date wins', () => {
    const { holidays } = legalHolidays([
      { date: '2026-05-05', title: 'こどもの日' },
      { date: '2026-05-03', title: '憲法記念日' },
      { date: '2026-05-05', title: '休日' },
    ]);
    expect(holidays).toEqual([
      { date: '2026-05-03', title: '憲法記念日' },
      { date: '2026-05-05', title: 'こどもの日' },
    ]);
  });
});

describe('fillHolidays (use case, in-memory sheet)', () => {
  const locked = <T>(work: () => T) => work();
  const events = [
    { date: '2026-01-01', title: '元日' },
    { date: '2026-01-02', title: '銀行休業日' },
    { date: '2026-01-12', title: '成人の日' },
    { date: '2027-01-01', title: '元日' },
  ];

  test("adds the missing days off, keeps a person's row, ignores observances; a second run writes nothing", () => {
    const workbook = new MemoryWorkbook();
    workbook.put('Holidays', [
      ['Date', 'Name', 'Note'],
      [tokyo.midnight('2026-01-12'), '成人の日（全社）', 'typed by a person'],
    ]);
    let window: [Date, Date] | null = null;
    const deps = () => ({
      source: () => ({ events: (start: Date, end: Date) => ((window = [start, end]), events) }),
      table: new Table(HOLIDAYS, workbook, { dateKey: tokyo.dateKey }),
      calendar: tokyo,
      locked,
      now: new Date('2026-06-01T03:00:00Z'),
      language: 'ja' as const,
    });
    const first = fillHolidays(deps());
    expect(window).toEqual([tokyo.midnight('2026-01-01'), tokyo.midnight('2028-01-01')]);
    expect(first).toEqual({
      years: [2026, 2027],
      added: [
        { date: '2026-01-01', name: '元日' },
        { date: '2027-01-01', name: '元日' },
      ],
      kept: 1,
      ignored: [{ date: '2026-01-02', name: '銀行休業日' }],
    });
    expect(workbook.rows('Holidays')).toEqual([
      ['Date', 'Name', 'Note'],
      [tokyo.midnight('2026-01-12'), '成人の日（全社）', 'typed by a person'],
      [tokyo.midnight('2026-01-01'), '元日'],
      [tokyo.midnight('2027-01-01'), '元日'],
    ]);
    const writes = workbook.calls.filter((c) => c.startsWith('write')).length;
    expect(fillHolidays(deps())).toMatchObject({ added: [], kept: 3 });
    expect(workbook.calls.filter((c) => c.startsWith('write')).length).toBe(writes);
  });

  test("without access to Google's calendar it says what to do, and writes nothing", () => {
    const workbook = new MemoryWorkbook();
    const run = () =>
      fillHolidays({
        source: () => null,
        table: new Table(HOLIDAYS, workbook, { dateKey: tokyo.dateKey }),
        calendar: tokyo,
        locked,
        now: new Date(),
        language: 'en',
      });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/Browse calendars of interest ▸ Holidays in Japan/);
    expect(workbook.calls).toEqual([]);
  });
});

describe('workdays', () => {
  const workbook = new MemoryWorkbook();
  workbook.put('Holidays', [
    ['Date', 'Name'],
    [tokyo.midnight('2026-01-07'), '創立記念日'],
    ['2026-01-08', ''],
    ['メモ: 年末は別途', ''],
  ]);
  const holidays = readHolidays(new Table(HOLIDAYS, workbook, { dateKey: tokyo.dateKey }), tokyo);

  test("reads dates as the sheet's days, a day typed as text too; a note below the table is skipped", () => {
    expect([...holidays.dates]).toEqual(['2026-01-07', '2026-01-08']);
    expect(holidays.name('2026-01-07')).toBe('創立記念日');
  });

  test("says why a job did not run, in the team's language", () => {
    const wednesday = tokyo.local(new Date('2026-01-07T09:00:00+09:00'));
    const verdict = workdayVerdict(wednesday, holidays);
    expect(verdict).toEqual({ workday: false, date: '2026-01-07', reason: 'holiday', holiday: '創立記念日' });
    if (verdict.workday) throw new Error('unreachable');
    expect(skippedMessage(verdict, '朝のリマインダー', 'ja', 3)).toBe(
      '2026-01-07 (水) は休日（創立記念日）のため、朝のリマインダーは送りませんでした。',
    );
    const unnamed = workdayVerdict(tokyo.local(new Date('2026-01-08T09:00:00+09:00')), holidays);
    if (unnamed.workday) throw new Error('unreachable');
    expect(skippedMessage(unnamed, 'the standup reminder', 'en', 4)).toBe('2026-01-08 (Thu) is a holiday: the standup reminder was not sent.');
    const saturday = workdayVerdict(tokyo.local(new Date('2026-01-10T09:00:00+09:00')), holidays);
    expect(saturday).toEqual({ workday: false, date: '2026-01-10', reason: 'weekend' });
    expect(workdayVerdict(tokyo.local(new Date('2026-01-09T09:00:00+09:00')), holidays)).toEqual({ workday: true, date: '2026-01-09' });
  });
});
