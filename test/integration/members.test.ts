import { addCalendarEvent } from '../../local/services/calendar';
import { readMail } from '../../local/services/mail';
import { at, chatApp, startFakeChat, type FakeChat } from '../helpers/fakeSlack';

/** Issue 18 through build/Code.js: time zones, absences, questions, participation, the managers' note. */

let fake: FakeChat;
beforeAll(async () => {
  fake = await startFakeChat();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  await fake.reset();
});

/** A Members cell by its header: the columns before Time Zone depend on which forges and chats are set up. */
const memberCell = (t: { sheet: (name: string) => unknown[][] }, header: string, row: number) =>
  `Members!${String.fromCharCode(65 + t.sheet('Members')[0]!.indexOf(header))}${row}`;

const messagesTo = async (channel: string) => (await fake.state()).slack.messages.filter((m) => m.requested === channel);

describe('setup', () => {
  test('makes Absences, Questions (the default set) and Participation, and says what is wrong in what people typed', async () => {
    const t = await chatApp();
    expect(t.sheet('Absences')[0]).toEqual(['Member', 'From', 'To', 'Reason']);
    expect(t.rows('Questions').map((q) => [q['Order'], q['Text (ja)'], q['Kind'], q['Required'], q['Column']])).toEqual([
      [1, '完了事項', 'text', false, 'Done'],
      [2, '今日実行予定のこと', 'text', false, 'Planned'],
      [3, 'ブロッカー・課題（1 行に 1 件）', 'text', false, 'Blockers'],
      [4, '今日の気分（1〜5）', 'scale', true, 'Mood'],
    ]);
    expect(t.sheet('Members')[0]).toEqual(expect.arrayContaining(['Time Zone', 'Calendar', 'Holiday Calendar']));
    t.app.edit(memberCell(t, 'Time Zone', 2), 'Mars/Olympus', at('08:10'));
    t.type('Absences', [
      { Member: '佐藤 花子', From: '2026-01-05', To: '2026-01-07' },
      { Member: '佐藤 花子', From: '2026-01-06', To: '2026-01-08' },
    ]);
    t.type('Questions', [{ Order: '5', 'Text (ja)': '', 'Text (en)': '', Kind: 'text' }]);
    const run = t.run('setup', at('08:20'));
    expect(run.error).toBeUndefined();
    const problems = (run.value as { members: { problems: string[] } }).members.problems;
    expect(problems).toEqual([
      expect.stringContaining('Members 2 行目: 田中 太郎 の Time Zone「Mars/Olympus」は知られていないタイムゾーンです'),
      'Absences 3 行目: 佐藤 花子 の不在が 2 行目と重なっています（2026-01-06〜2026-01-07）',
      'Questions 6 行目: 質問の文（Text (ja) か Text (en)）がありません',
    ]);
  });
});

describe("reminders at each member's own hour", () => {
  test('a member in New York gets the standup and the nudge at 09:00 and 10:30 New York time; the team is untouched', async () => {
    const t = await chatApp();
    t.app.edit(memberCell(t, 'Time Zone', 4), 'America/New_York', at('08:10'));
    // Monday 09:00 in Tokyo: the channel post, and no direct message to the New York member (it is Sunday 19:00 there).
    t.app.tick(at('08:58'), at('09:02'));
    expect((await messagesTo('#standup')).length).toBe(1);
    expect(await messagesTo('U0TEST0003')).toEqual([]);
    // Tokyo's nudges at 10:30 go to the two members in Tokyo only.
    t.app.tick(at('10:29'), at('10:32'));
    expect((await messagesTo('U0TEST0001')).length).toBe(1);
    expect(await messagesTo('U0TEST0003')).toEqual([]);
    // Monday 09:00 in New York is Monday 23:00 in Tokyo.
    t.app.tick(at('22:58'), at('23:02'));
    const standup = await messagesTo('U0TEST0003');
    expect(standup).toHaveLength(1);
    expect(JSON.stringify(standup[0]?.blocks)).toContain('2026-01-05');
    // 10:30 in New York: not reported yet, so a nudge about the member's own Monday.
    t.app.tick(new Date('2026-01-06T00:29:00+09:00'), new Date('2026-01-06T00:32:00+09:00'));
    const after = await messagesTo('U0TEST0003');
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toContain('2026-01-05');
    // An idle tick reads no sheet: the plan is in the cache.
    const idle = t.app.run('sendMemberReminders', { at: new Date('2026-01-06T00:40:00+09:00') });
    expect(idle.value).toMatchObject({ state: 'idle' });
    expect(idle.stats.calls['SpreadsheetApp'] ?? {}).toEqual({});
  });

  test('a report sent at 23:30 Tokyo time by the New York member is dated their own day', async () => {
    const t = await chatApp();
    t.app.edit(memberCell(t, 'Time Zone', 4), 'America/New_York', at('08:10'));
    t.slash('update ✅ shipped', { user: 'U0TEST0003', time: at('23:30') });
    t.run('processQueue', at('23:31'));
    const row = t.rows('Daily Reports').find((r) => r['Member'] === 'Alex Kim');
    expect(String(row?.['Date'])).toMatch(/^2026-01-05/);
  });
});

describe('out of office', () => {
  test('an absence or an out-of-office event stops the nudge, and the team report shows who is away', async () => {
    const t = await chatApp();
    t.type('Absences', [{ Member: '佐藤 花子', From: '2026-01-05', To: '2026-01-09', Reason: '休暇' }]);
    t.app.edit(memberCell(t, 'Calendar', 2), 'tanaka@example.com', at('08:10'));
    addCalendarEvent(t.state(), 'tanaka@example.com', {
      title: 'Out of office',
      start: new Date('2026-01-05T00:00:00+09:00'),
      end: new Date('2026-01-06T00:00:00+09:00'),
      allDay: true,
      eventType: 'OUT_OF_OFFICE',
    });
    addCalendarEvent(t.state(), 'tanaka@example.com', {
      title: 'Focus',
      start: new Date('2026-01-06T09:00:00+09:00'),
      end: new Date('2026-01-06T18:00:00+09:00'),
      eventType: 'FOCUS_TIME',
    });
    t.state().save();
    const nudges = t.run('sendNudges', at('10:30'));
    expect(nudges.error).toBeUndefined();
    expect(nudges.value).toMatchObject({ enqueued: 1 });
    t.run('processQueue', at('10:31'));
    expect((await fake.state()).slack.messages.map((m) => m.requested)).toEqual(['U0TEST0003']);
    t.slash('report team', { time: at('11:00') });
    t.run('processQueue', at('11:01'));
    const report = JSON.stringify((await fake.state()).slack.hooks);
    expect(report).toContain('🌴 不在（2名）');
    expect(report).toContain('佐藤 花子（〜2026-01-09）');
  });
});

describe('custom questions', () => {
  test('the form asks the Questions; answers land in their own Daily Reports column, named once', async () => {
    const t = await chatApp();
    t.type('Questions', [{ Order: '5', 'Text (ja)': '今日のレビュー件数', 'Text (en)': 'Reviews today', Kind: 'number', Required: 'TRUE' }]);
    expect(t.run('setup', at('08:20')).error).toBeUndefined();
    expect(t.rows('Questions')[4]?.['Column']).toBe('Q: Reviews today');
    expect(t.sheet('Daily Reports')[0]).toContain('Q: Reviews today');
    // Rewording the question keeps its column.
    t.app.edit('Questions!C6', 'Code reviews done today', at('08:25'));
    t.slash('update', { time: at('09:30') });
    const opened = (await fake.state()).slack.views.at(-1) as unknown as { view: { blocks: Array<{ block_id: string; label: { text: string } }> } };
    expect(opened.view.blocks.map((b) => b.block_id)).toEqual(['done', 'planned', 'blockers', 'mood', 'q:Q: Reviews today']);
    const submit = (reviews: string) =>
      t.interact(
        {
          type: 'view_submission',
          user: { id: 'U0TEST0001', username: 'tanaka' },
          view: {
            callback_id: 'shinchoku_progress',
            private_metadata: '{}',
            state: {
              values: {
                done: { value: { value: 'API' } },
                planned: { value: { value: '' } },
                blockers: { value: { value: '' } },
                mood: { value: { selected_option: { value: '4' } } },
                'q:Q: Reviews today': { value: { value: reviews } },
              },
            },
          },
        },
        at('09:40'),
      );
    expect(submit('many').answer).toEqual({ response_action: 'errors', errors: { 'q:Q: Reviews today': '数値を入力してください' } });
    expect(submit('3').answer).toBe('');
    t.run('processQueue', at('09:41'));
    const row = t.rows('Daily Reports').find((r) => r['Member'] === '田中 太郎');
    expect(row).toMatchObject({ Done: 'API', Mood: 4, 'Q: Reviews today': 3 });
  });
});

describe('participation', () => {
  test('per member per week in Participation and the weekly report; a note to the manager after N working days', async () => {
    const t = await chatApp();
    t.setting('MANAGER_EMAILS', 'boss@example.com');
    t.setting('REPORT_RECIPIENTS', 'team@example.com');
    t.type('Members', [{ Name: '部長', 'Slack User ID': 'U0TESTBOSS', Active: 'FALSE', Email: 'boss@example.com' }]);
    t.type('Absences', [{ Member: '佐藤 花子', From: '2026-01-07', To: '2026-01-07' }]);
    for (const day of ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08']) {
      t.slash('update ✅ work', { user: 'U0TEST0001', time: at('17:00', day) });
      t.run('processQueue', at('17:01', day));
    }
    t.slash('update ✅ work', { user: 'U0TEST0002', time: at('17:00', '2026-01-05') });
    t.run('processQueue', at('17:01', '2026-01-05'));
    const recorded = t.run('recordParticipation', at('23:30', '2026-01-09'));
    expect(recorded.error).toBeUndefined();
    const rows = t.rows('Participation').filter((r) => String(r['Week Start']).startsWith('2026-01-05'));
    expect(rows.map((r) => [r['Member'], r['Reported Days'], r['Working Days'], r['Days Away']])).toEqual([
      ['田中 太郎', 4, 5, 0],
      ['佐藤 花子', 1, 4, 1],
      ['Alex Kim', 0, 5, 0],
    ]);
    // The Dashboard shows the latest week's rows, beside the charts.
    const dashboard = t.sheet('Dashboard');
    expect(dashboard[33]?.slice(8, 12)).toEqual(['今週の参加率', '', '', '']);
    expect(dashboard.slice(35, 38).map((r) => r.slice(8, 12))).toEqual([
      ['田中 太郎', 4, 5, 0.8],
      ['佐藤 花子', 1, 4, 0.25],
      ['Alex Kim', 0, 5, 0],
    ]);
    // Monday 10:30: Alex has not reported on any of last week's five working days; 佐藤 only three (one away).
    const notes = t.run('sendManagerNotes', at('10:30', '2026-01-12'));
    expect(notes.error).toBeUndefined();
    expect((notes.value as { notes: Array<{ member: string }> }).notes.map((n) => n.member)).toEqual(['佐藤 花子', 'Alex Kim']);
    t.run('processQueue', at('10:31', '2026-01-12'));
    const toBoss = await messagesTo('U0TESTBOSS');
    expect(toBoss.map((m) => m.text)).toEqual([
      expect.stringContaining('佐藤 花子 さんの日報が 3 営業日ありません'),
      expect.stringContaining('Alex Kim さんの日報が 5 営業日ありません'),
    ]);
    // The weekly report of that week has a participation section.
    const weekly = t.run('sendWeeklyReport', at('09:00', '2026-01-12'));
    expect(weekly.error).toBeUndefined();
    const mail = readMail(t.state()).at(-1);
    expect(mail?.body).toContain('■ 参加状況');
    expect(mail?.body).toContain('佐藤 花子: 1 / 4 日（25%） · 不在 1 日');
  });
});
