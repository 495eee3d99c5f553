import * as fs from 'node:fs';
import { readMail } from '../../local/services/mail';
import { setScriptProperty } from '../../local/services/properties';
import { queueUiAnswer, readUi } from '../../local/services/spreadsheet';
import { newApp, spreadsheetCalls, type TestApp } from '../helpers/app';
import { checkGmail } from '../helpers/emailSafety';
import { appendRows, replaceRows } from '../helpers/sheetRows';

/** Monday 2026-01-12, 09:00: the report of week 2 (2026-01-05 … 2026-01-11). */
const MONDAY = new Date('2026-01-12T09:00:00+09:00');
const RECIPIENTS = 'boss@example.com, lead@example.com';

/** A person clicking a button of the next alert. */
function answer(t: TestApp, button: 'YES' | 'NO'): void {
  const state = t.state();
  queueUiAnswer(state, { button });
  state.save();
}

/** The `Errors` sheet as [function, message] pairs. */
function readErrors(t: TestApp): Array<[unknown, unknown]> {
  const [header, ...rows] = t.sheet('Errors');
  const fn = (header ?? []).indexOf('Function');
  const message = (header ?? []).indexOf('Message');
  return rows.map((r) => [r[fn], r[message]]);
}

async function team(options: { recipients?: string; language?: 'en' } = {}): Promise<TestApp> {
  const t = await newApp('fake');
  expect(t.app.run('setup', { at: new Date('2026-01-01T09:00:00+09:00') }).error).toBeUndefined();
  const s = t.state();
  const settings = [{ Key: 'REPORT_RECIPIENTS', Value: options.recipients ?? RECIPIENTS }];
  if (options.language) settings.push({ Key: 'LANGUAGE', Value: options.language });
  appendRows(s, 'Settings', settings);
  appendRows(s, 'KPI Tracking', [
    // The last row before the week: the change on the week is measured from it.
    {
      Date: '2026-01-02',
      'Overall Progress': 0.53,
      'Task Completion Rate': 0.8,
      'Quality Score': 3.4,
      'Team Satisfaction': 4,
      'Blockers Count': 1,
      'Code Review Time': 10,
      'Deploy Success Rate': 1,
    },
    {
      Date: '2026-01-05',
      'Overall Progress': 0.56,
      'Task Completion Rate': 0.9,
      'Quality Score': 3.8,
      'Team Satisfaction': 4,
      'Blockers Count': 2,
      'Code Review Time': 12,
      'Deploy Success Rate': 0.9,
    },
    {
      Date: '2026-01-06',
      'Overall Progress': 0.59,
      'Task Completion Rate': 0.7,
      'Quality Score': 4.2,
      'Team Satisfaction': 4,
      'Blockers Count': 0,
      'Code Review Time': 14,
      'Deploy Success Rate': 0.9,
    },
    {
      Date: '2026-01-07',
      'Overall Progress': 0.62,
      'Task Completion Rate': 0.8,
      'Quality Score': 3,
      'Team Satisfaction': 4,
      'Blockers Count': 1,
      'Code Review Time': 16,
      'Deploy Success Rate': 0.9,
    },
    {
      Date: '2026-01-08',
      'Overall Progress': 0.65,
      'Task Completion Rate': 0.9,
      'Quality Score': 3.4,
      'Team Satisfaction': 4,
      'Blockers Count': 2,
      'Code Review Time': 18,
      'Deploy Success Rate': 0.9,
    },
    {
      Date: '2026-01-09',
      'Overall Progress': 0.68,
      'Task Completion Rate': 0.7,
      'Quality Score': 3.8,
      'Team Satisfaction': 4,
      'Blockers Count': 0,
      'Code Review Time': 20,
      'Deploy Success Rate': 0.9,
    },
    // The week being written: not part of the report.
    {
      Date: '2026-01-12',
      'Overall Progress': 0.99,
      'Task Completion Rate': 0.1,
      'Quality Score': 1,
      'Team Satisfaction': 1,
      'Blockers Count': 9,
      'Code Review Time': 99,
      'Deploy Success Rate': 0,
    },
  ]);
  replaceRows(s, 'Targets', [
    { KPI: 'Overall Progress', Target: 0.6, Direction: 'higher' },
    { KPI: 'Quality Score', Target: 3.5, Direction: 'higher' },
    { KPI: 'Code Review Time', Target: 12, Direction: 'lower' },
  ]);
  appendRows(s, 'Weekly', [
    {
      Week: '2026-W02',
      Start: '2026-01-05',
      End: '2026-01-11',
      'Average Progress': 0.62,
      'Average Quality': 3.64,
      'Total Blockers': 5,
      Trend: '進捗は上向き',
    },
  ]);
  appendRows(s, 'Tasks', [
    { ID: 'T1', Project: 'Alpha', Title: 'ログイン画面 <script>alert(1)</script>', Owner: '田中', Status: 'done', 'Done At': '2026-01-06 17:00' },
    { ID: 'T2', Project: 'Alpha', Title: '先週の仕事', Owner: '田中', Status: 'done', 'Done At': '2026-01-02 17:00' },
    { ID: 'T3', Project: 'Beta', Title: '"><img src=x onerror=alert(1)>', Owner: 'Alex & Co', Status: 'done', 'Done At': '2026-01-11 20:00' },
  ]);
  appendRows(s, 'Blockers', [
    { ID: 'B1', 'Opened At': '2026-01-02 10:00', Member: '佐藤', Description: 'API キー待ち', Status: 'open' },
    { ID: 'B2', 'Opened At': '2026-01-05 10:00', Member: '田中', Description: 'CI が落ちる', Status: 'resolved', 'Resolved At': '2026-01-07 10:00' },
    { ID: 'B3', 'Opened At': '2026-01-11 10:00', Member: '鈴木', Description: '新しいが未解決', Status: 'open' },
  ]);
  appendRows(s, 'Pull Requests', [
    {
      Repository: 'acme/app',
      Number: 7,
      Title: 'Add login',
      Author: 'tanaka',
      Merged: '2026-01-08 12:00',
      URL: 'https://github.com/acme/app/pull/7',
    },
    { Repository: 'acme/app', Number: 8, Title: 'javascript link', Author: 'mallory', Merged: '2026-01-09 12:00', URL: 'javascript:alert(1)' },
    { Repository: 'acme/app', Number: 6, Title: 'Older', Author: 'sato', Merged: '2026-01-02 12:00', URL: 'https://github.com/acme/app/pull/6' },
  ]);
  return t;
}

describe('the weekly report through build/Code.js', () => {
  test('Monday 09:00: one email to every recipient, its content matching the sheet, HTML and plain text', async () => {
    const t = await team();
    const run = t.app.run('sendWeeklyReport', { at: MONDAY });
    expect(run.error).toBeUndefined();
    expect(run.value).toEqual({ sent: true, week: '2026-W02', subject: 'shinchoku 週次レポート - Week 2', recipients: 2 });
    // The quota is asked first; one send; each table read once, the stale `Weekly` row written once (and the flush
    // before the lock is released). Members, Absences and Daily Reports are read for the participation section,
    // `GitHub Metrics` for the week's DORA levels.
    expect(run.stats.calls['MailApp']).toEqual({ getRemainingDailyQuota: 1, sendEmail: 1 });
    expect(run.stats.calls['SpreadsheetApp']).toEqual({ 'Range.getValues': 11, 'Range.setValues': 1, 'SpreadsheetApp.flush': 1 });
    expect(spreadsheetCalls(run.stats)).toBe(13);

    const [mail, ...more] = readMail(t.state());
    expect(more).toEqual([]);
    expect(mail?.via).toBe('MailApp');
    expect(mail?.to).toBe('boss@example.com, lead@example.com');
    expect(mail?.subject).toBe('shinchoku 週次レポート - Week 2');
    expect(mail?.name).toBe('shinchoku');
    expect(fs.readFileSync(mail?.eml ?? '', 'utf8')).toMatch(/multipart\/alternative/);

    const text = mail?.body ?? '';
    expect(text).toContain('2026 年 第 2 週（1/5 〜 1/11）');
    // KPI cards: the week's latest value, its target and the change since the last row before the week.
    // The arrow follows the number; the word says whether that is good for the KPI.
    expect(text).toContain('- 全体進捗: 68.0% ✔（目標 60.0%、先週比 ↗︎ +15.0pt、改善）');
    expect(text).toContain('    月 56.0% | 火 59.0% | 水 62.0% | 木 65.0% | 金 68.0% | 土 — | 日 —');
    expect(text).toContain('- レビュー時間: 20.0 時間 ⚠（目標 12.0 時間、先週比 ↗︎ +10.0 時間、悪化）');
    expect(text).toContain('- ブロッカー数: 0（目標なし、先週比 ↘︎ −1、改善）');
    expect(text).toContain('- チーム満足度: 4.0 / 5（目標なし、先週比 → ±0.0）');
    // The `Weekly` row typed in above was stale (5 blockers, a hand-written trend): the rollup is refreshed first.
    expect(text).toContain('週平均: 進捗 62.0%・品質 3.6 / 5・ブロッカー合計 3');
    expect(text).toContain('傾向: 📈 進捗 62.0%（前週比 +9.0pt）・品質 3.6（+0.2）・ブロッカー 3 件');
    // 今週の成果: only the week's merged PRs, completed tasks and resolved blockers.
    expect(text).toContain(
      'マージされた PR（2 件）\n  - acme/app#7 Add login — tanaka <https://github.com/acme/app/pull/7>\n  - acme/app#8 javascript link — mallory',
    );
    expect(text).toContain('完了したタスク（2 件）');
    expect(text).not.toContain('先週の仕事');
    expect(text).toContain('解決したブロッカー（1 件）\n  - CI が落ちる — 田中');
    // 注意事項: KPIs under target, blockers open 3+ days (not the new one), the week's days under target.
    expect(text).toContain('目標未達の KPI（1 件）\n  - レビュー時間 20.0 時間（目標 12.0 時間）');
    expect(text).toContain('3 日以上未解決のブロッカー（1 件）\n  - API キー待ち — 佐藤（10 日）');
    expect(text).toContain('  - 品質スコア: 2 日が目標未達（1/7, 1/8）');
    expect(text).toContain('  - レビュー時間: 4 日が目標未達（1/6, 1/7, 1/8, 1/9）');
    expect(text).toMatch(/スプレッドシートを開く: https:\/\/docs\.google\.com\/spreadsheets\/d\/[\w-]+\/edit/);
    expect(text).not.toMatch(/99\.0%|0\.1/);

    const html = mail?.htmlBody ?? '';
    // Every value escaped; a link only for http(s) URLs.
    expect(html).toContain('ログイン画面 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Alex &amp; Co');
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect(html).toContain('<a href="https://github.com/acme/app/pull/7" style="color:#1a73e8">acme/app#7</a>');
    expect(html).toMatch(/<a href="https:\/\/docs\.google\.com\/spreadsheets\/d\/[\w-]+\/edit"/);
    // Table layout with inline styles only, nothing Gmail lacks (caniemail's data).
    expect(html).not.toMatch(/display:\s*(flex|grid)|<style|class=/);
    expect(checkGmail(html)).toEqual([]);
  });

  test('a KPI row corrected after the 23:30 rollup: the cards, the averages and the trend tell the same week', async () => {
    const t = await team();
    appendRows(t.state(), 'GitHub Metrics', [{ Period: '2026-W02', 'PRs Merged': 2, Commits: 14 }]);
    expect(t.app.run('rollUpWeekly', { at: new Date('2026-01-11T23:30:00+09:00') }).error).toBeUndefined();
    const weekRow = () => {
      const [header, ...rows] = t.sheet('Weekly');
      const cell = (row: unknown[], name: string) => row[(header ?? []).indexOf(name)];
      const row = rows.find((r) => cell(r, 'Week') === '2026-W02') ?? [];
      return { progress: cell(row, 'Average Progress'), trend: String(cell(row, 'Trend')), prsMerged: cell(row, 'PRs Merged') };
    };
    expect(weekRow()).toEqual({ progress: 0.62, trend: expect.stringMatching(/^📈 進捗 62\.0%/), prsMerged: 2 });

    // Monday morning someone corrects Friday: progress was 20 %, not 68 %.
    const kpi = t.sheet('KPI Tracking');
    const friday = kpi.findIndex((r) => r[1] === 0.68);
    expect(friday).toBeGreaterThan(0);
    t.app.edit(`KPI Tracking!B${friday + 1}`, '20%', new Date('2026-01-12T08:30:00+09:00'));
    // Nothing refreshes the rollup until 23:30.
    expect(weekRow().progress).toBe(0.62);

    const run = t.app.run('sendWeeklyReport', { at: MONDAY });
    expect(run.error).toBeUndefined();
    // The six tables, Settings, the participation's three and `GitHub Metrics` once for the week's DORA levels: the
    // report shows no GitHub column of the rollup, so it leaves them as they are.
    expect(run.stats.calls['SpreadsheetApp']).toEqual({ 'Range.getValues': 11, 'Range.setValues': 1, 'SpreadsheetApp.flush': 1 });
    const text = readMail(t.state())[0]?.body ?? '';
    // The card falls, and so do the week's average and its trend (the rollup of 23:30 said 62.0 % 📈).
    expect(text).toContain('- 全体進捗: 20.0% ⚠（目標 60.0%、先週比 ↘︎ −33.0pt、悪化）');
    expect(text).toContain('週平均: 進捗 52.4%・品質 3.6 / 5・ブロッカー合計 3');
    expect(text).toContain('傾向: 📉 進捗 52.4%（前週比 −0.6pt）');
    // The sheet says the same as the email.
    expect(weekRow()).toEqual({ progress: 0.524, trend: expect.stringMatching(/^📉 進捗 52\.4%/), prsMerged: 2 });
  });

  test("the week's alerts are those the KPI job recorded, when it recorded any", async () => {
    const t = await team();
    const fired = [
      { day: '2026-01-06', rule: 'taskCompletion', subject: 'team', via: 'chat', text: 'タスク完了率 70.0% が基準 80.0% を下回っています' },
      { day: '2026-01-12', rule: 'blockers', subject: 'team', via: 'chat', text: '今週の分' },
    ];
    setScriptProperty(t.state(), 'KPI_ALERTS_FIRED', JSON.stringify(fired));
    expect(t.app.run('sendWeeklyReport', { at: MONDAY }).error).toBeUndefined();
    expect(readMail(t.state())[0]?.body).toContain('今週のアラート（1 件）\n  - 2026-01-06: タスク完了率 70.0% が基準 80.0% を下回っています\n');
  });

  test('English by the LANGUAGE setting', async () => {
    const t = await team({ language: 'en' });
    expect(t.app.run('sendWeeklyReport', { at: MONDAY }).error).toBeUndefined();
    const mail = readMail(t.state())[0];
    expect(mail?.subject).toBe('shinchoku weekly report - Week 2');
    expect(mail?.body).toContain('Week 2, 2026 (1/5 – 1/11)');
    expect(mail?.body).toContain('- Overall progress: 68.0% ✔ (target 60.0%, ↗︎ +15.0pt on the week, better)');
    expect(mail?.body).toContain('- Review time: 20.0 h ⚠ (target 12.0 h, ↗︎ +10.0 h on the week, worse)');
    expect(mail?.htmlBody).toContain('<span style="color:#d93025">↗︎ +10.0 h on the week (worse)</span>');
    expect(checkGmail(mail?.htmlBody ?? '')).toEqual([]);
  });

  test("more recipients than today's quota: nothing is sent, the run fails and Errors says why", async () => {
    // A consumer account may email 100 recipients a day.
    const many = Array.from({ length: 101 }, (_, i) => `person${i}@example.com`).join(', ');
    const t = await team({ recipients: many });
    const run = t.app.run('sendWeeklyReport', { at: MONDAY });
    expect(run.error?.message).toContain('週次レポートは送信していません: 受信者 101 人に対し、今日のメール送信枠の残りは 100 通です。');
    expect(readMail(t.state())).toEqual([]);
    expect(run.stats.calls['MailApp']).toEqual({ getRemainingDailyQuota: 1 });
    expect(readErrors(t)).toEqual([['sendWeeklyReport', expect.stringContaining('EmailQuotaError: 週次レポートは送信していません')]]);
  });

  test('no recipients: nothing is sent and nothing fails (the team did not ask for the email)', async () => {
    const t = await team({ recipients: '' });
    const run = t.app.run('sendWeeklyReport', { at: MONDAY });
    expect(run.error).toBeUndefined();
    expect(run.value).toEqual({
      sent: false,
      week: '2026-W02',
      reason: '週次レポートの受信者が設定されていません（Settings シートの REPORT_RECIPIENTS）。',
    });
    expect(readMail(t.state())).toEqual([]);
  });

  test('a mistyped recipient is a clear configuration error naming the key', async () => {
    const t = await team({ recipients: 'boss@example.com, not-an-address' });
    const run = t.app.run('sendWeeklyReport', { at: MONDAY });
    expect(run.error?.message).toBe(
      'Settings: REPORT_RECIPIENTS is "boss@example.com, not-an-address", but these are not email addresses: not-an-address',
    );
    expect(readMail(t.state())).toEqual([]);
  });

  test('Preview weekly report: a dialog showing exactly the email, with who gets it', async () => {
    const t = await team();
    const run = t.app.run('previewWeeklyReport', { at: new Date('2026-01-12T08:00:00+09:00') });
    expect(run.error).toBeUndefined();
    expect(run.value).toEqual({ subject: 'shinchoku 週次レポート - Week 2', recipients: 2, quotaProblem: null });
    const ui = readUi(t.state());
    expect(ui.dialog?.kind).toBe('modal');
    expect(ui.dialog?.title).toBe('週次レポートのプレビュー: shinchoku 週次レポート - Week 2');
    expect(ui.toasts.at(-1)?.message).toBe(`宛先: ${RECIPIENTS}`);
    expect(readMail(t.state())).toEqual([]);
    // The same HTML as the email sent the same minute; the preview refreshed the stale rollup, so the send finds
    // nothing to write.
    const send = t.app.run('sendWeeklyReport', { at: new Date('2026-01-12T08:00:00+09:00') });
    expect(ui.dialog?.html).toBe(readMail(t.state())[0]?.htmlBody);
    expect(send.stats.calls['SpreadsheetApp']).toEqual({ 'Range.getValues': 11, 'SpreadsheetApp.flush': 1 });
  });

  test("Preview says when today's quota cannot cover the recipients", async () => {
    const many = Array.from({ length: 101 }, (_, i) => `person${i}@example.com`).join(', ');
    const t = await team({ recipients: many });
    const run = t.app.run('previewWeeklyReport', { at: MONDAY });
    expect((run.value as { quotaProblem: string }).quotaProblem).toContain('受信者 101 人に対し、今日のメール送信枠の残りは 100 通です');
    expect(readUi(t.state()).toasts.at(-1)?.message).toContain('受信者 101 人に対し');
  });

  test('Send weekly report now: asks first, naming the recipients; sends on YES, not on NO', async () => {
    const t = await team();
    answer(t, 'NO');
    const no = t.app.run('sendWeeklyReportNow', { at: new Date('2026-01-14T15:00:00+09:00') });
    expect(no.value).toEqual({ sent: false, week: '2026-W02', reason: '送信を取り消しました。' });
    expect(readMail(t.state())).toEqual([]);
    const asked = readUi(t.state()).dialog;
    expect(asked?.kind).toBe('alert');
    expect(asked?.html).toBe(`Week 2 のレポートを次の 2 人に今すぐ送信しますか？\n${RECIPIENTS}`);

    answer(t, 'YES');
    const yes = t.app.run('sendWeeklyReportNow', { at: new Date('2026-01-14T15:01:00+09:00') });
    expect(yes.value).toEqual({ sent: true, week: '2026-W02', subject: 'shinchoku 週次レポート - Week 2', recipients: 2 });
    expect(readMail(t.state())).toHaveLength(1);
    expect(readUi(t.state()).toasts.at(-1)?.message).toBe('週次レポート（Week 2）を 2 人に送信しました。');
  });

  test('Send weekly report now, over the quota: says so in a dialog and sends nothing', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `person${i}@example.com`).join(', ');
    const t = await team({ recipients: many });
    const run = t.app.run('sendWeeklyReportNow', { at: MONDAY });
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({ sent: false });
    const dialog = readUi(t.state()).dialog;
    expect(dialog?.title).toBe('週次レポートの送信');
    expect(dialog?.html).toContain('今日のメール送信枠の残りは 100 通です');
    expect(readMail(t.state())).toEqual([]);
  });
});
