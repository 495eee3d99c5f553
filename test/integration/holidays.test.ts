import { japaneseHolidays } from '../../local/services/japaneseHolidays';
import { readUi } from '../../local/services/spreadsheet';
import { newApp, spreadsheetCalls } from '../helpers/app';
import { appendRows } from '../helpers/sheetRows';

const AT = new Date('2026-01-05T10:00:00+09:00');

describe('fillHolidays through build/Code.js', () => {
  test("fills this year's and next year's holidays from Google's calendar, leaves people's rows alone, and is idempotent", async () => {
    const t = await newApp();
    expect(t.app.run('setup', { at: new Date('2026-01-05T09:00:00+09:00') }).error).toBeUndefined();
    // Rows a person typed: a company day off, and their own name for a holiday.
    appendRows(t.state(), 'Holidays', [
      { Date: '2026-12-29', Name: '年末休暇' },
      { Date: '2026-01-12', Name: '成人の日（全社休み）' },
    ]);

    const first = t.app.run('fillHolidays', { at: AT });
    expect(first.error).toBeUndefined();
    const legal = [...japaneseHolidays(2026), ...japaneseHolidays(2027)];
    const result = first.value as {
      years: number[];
      added: Array<{ date: string; name: string }>;
      kept: number;
      ignored: Array<{ date: string; name: string }>;
    };
    expect(result.years).toEqual([2026, 2027]);
    expect(result.added.map((h) => `${h.date} ${h.name}`)).toEqual(legal.filter((h) => h.date !== '2026-01-12').map((h) => `${h.date} ${h.name}`));
    expect(result.kept).toBe(1);
    // The calendar's observances are reported, never written.
    expect(result.ignored.map((i) => i.name)).toEqual(expect.arrayContaining(['銀行休業日', 'クリスマス', '大晦日', '七夕']));

    const sheet = t.sheet('Holidays');
    expect(sheet[0]).toEqual(['Date', 'Name']);
    expect(sheet[1]).toEqual(['2026-12-29', '年末休暇']);
    expect(sheet[2]).toEqual(['2026-01-12', '成人の日（全社休み）']);
    expect(sheet.slice(3)).toEqual(result.added.map((h) => [h.date, h.name]));
    expect(sheet.map((r) => r[1])).not.toContain('クリスマス');
    expect(sheet.find((r) => r[0] === '2026-09-22')).toEqual(['2026-09-22', '国民の休日']);
    expect(sheet.find((r) => r[0] === '2027-03-22')).toEqual(['2027-03-22', '春分の日 振替休日']);

    // Two calendar reads; the sheet is read once and written once (plus the flush before the lock is released).
    expect(first.stats.calls['CalendarApp']).toEqual({ getCalendarById: 1 });
    expect(first.stats.calls['Calendar']).toEqual({ getEvents: 1 });
    expect(spreadsheetCalls(first.stats)).toBeLessThanOrEqual(6);
    const toast = readUi(t.state()).toasts.at(-1);
    expect(toast?.title).toBe('祝日の取り込み');
    expect(toast?.message).toContain('2026–2027 年の祝日を 34 件追加しました。');

    const again = t.app.run('fillHolidays', { at: new Date('2026-03-01T10:00:00+09:00') });
    expect(again.error).toBeUndefined();
    expect(again.value).toMatchObject({ added: [], kept: 35 });
    expect(t.sheet('Holidays')).toEqual(sheet);
  });

  test('in English, the summary is English', async () => {
    const t = await newApp();
    t.app.run('setup', { at: AT });
    const settings = t.sheet('Settings');
    const row = settings.findIndex((r) => r[0] === 'LANGUAGE');
    t.app.edit(`Settings!B${row + 1}`, 'en', AT);
    expect(t.app.run('fillHolidays', { at: AT }).error).toBeUndefined();
    const toast = readUi(t.state()).toasts.at(-1);
    expect(toast?.title).toBe('Fill holidays');
    expect(toast?.message).toMatch(/^Added 35 holidays for 2026–2027\.\n0 were in the sheet already/);
  });
});
