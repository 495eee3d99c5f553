import { readOutbound, type OutboundRecord } from '../../local/fake';
import { setScriptProperty } from '../../local/services/properties';
import { newApp, spreadsheetCalls, type TestApp } from '../helpers/app';
import { appendRows, replaceRows } from '../helpers/sheetRows';

/** Wednesday 2026-01-07, the summary's minute. */
const AT = new Date('2026-01-07T18:30:00+09:00');

async function team(language: 'ja' | 'en' = 'ja'): Promise<TestApp> {
  const t = await newApp('fake');
  expect(t.app.run('setup', { at: new Date('2026-01-05T09:00:00+09:00') }).error).toBeUndefined();
  setScriptProperty(t.state(), 'SLACK_BOT_TOKEN', 'xoxb-test-token');
  setScriptProperty(t.state(), 'DISCORD_WEBHOOK_URL', 'https://discord.com/api/webhooks/1/test-hook');
  const s = t.state();
  if (language === 'en') appendRows(s, 'Settings', [{ Key: 'LANGUAGE', Value: 'en' }]);
  appendRows(s, 'Members', [
    { Name: '田中 太郎', 'Slack User ID': 'U0000001', Active: true },
    { Name: '佐藤 花子', 'Slack User ID': 'U0000002', Active: true },
    { Name: '鈴木 <@U0000009> 一郎', Active: true },
    { Name: '退職 済子', Active: false },
  ]);
  appendRows(s, 'Daily Reports', [
    { Date: '2026-01-07', Member: '田中 太郎', Done: 'API', Mood: 4 },
    { Date: '2026-01-06', Member: '佐藤 花子', Done: 'UI', Mood: 3 },
  ]);
  appendRows(s, 'KPI Tracking', [
    {
      Date: '2026-01-06',
      'Overall Progress': 0.7,
      'Task Completion Rate': 0.8,
      'Quality Score': 4,
      'Team Satisfaction': 4,
      'Blockers Count': 1,
      'Code Review Time': 6,
      'Deploy Success Rate': 1,
    },
    {
      Date: '2026-01-07',
      'Overall Progress': 0.72,
      'Task Completion Rate': 0.9,
      'Quality Score': 3.2,
      'Team Satisfaction': 4.5,
      'Blockers Count': 2,
      'Code Review Time': 14,
      'Deploy Success Rate': 0.5,
    },
  ]);
  replaceRows(s, 'Targets', [
    { KPI: 'Overall Progress', Target: 0.7, Direction: 'higher' },
    { KPI: 'Quality Score', Target: 3.5, Direction: 'higher' },
    { KPI: 'Code Review Time', Target: 12, Direction: 'lower' },
  ]);
  appendRows(s, 'Blockers', [
    { ID: 'B1', 'Opened At': '2026-01-07 10:00', Member: '田中 太郎', Description: 'ステージング DB に接続できない', Status: 'open' },
    { ID: 'B2', 'Opened At': '2026-01-02 09:00', Member: '佐藤 花子', Description: 'デザイン待ち <!channel>', Status: 'open' },
    {
      ID: 'B3',
      'Opened At': '2025-12-20 09:00',
      Member: '佐藤 花子',
      Description: '古いが解決済み',
      Status: 'resolved',
      'Resolved At': '2026-01-06 12:00',
    },
  ]);
  appendRows(s, 'Pull Requests', [
    {
      Repository: 'acme/app',
      Number: 42,
      Title: 'Fix <!channel> @everyone *bold* & stuff',
      Author: 'tanaka',
      State: 'merged',
      Merged: '2026-01-07 15:00',
      URL: 'https://github.com/acme/app/pull/42',
    },
    {
      Repository: 'acme/app',
      Number: 41,
      Title: '昨日のマージ',
      Author: 'sato',
      State: 'merged',
      Merged: '2026-01-06 15:00',
      URL: 'https://github.com/acme/app/pull/41',
    },
  ]);
  appendRows(s, 'Deployments', [
    {
      Repository: 'acme/app',
      'Deployment ID': 'd1',
      Environment: 'production',
      SHA: 'abcdef1234567',
      State: 'success',
      Created: '2026-01-07 16:00',
      Finished: '2026-01-07 16:05',
    },
    {
      Repository: 'acme/app',
      'Deployment ID': 'd2',
      Environment: 'staging',
      SHA: '99999990000',
      State: 'failure',
      Created: '2026-01-07 17:00',
      Finished: '2026-01-07 17:03',
    },
  ]);
  return t;
}

const posts = (t: TestApp) => readOutbound(t.state()).filter((r) => r.service !== 'github');
const body = (r: OutboundRecord | undefined) => r?.body as Record<string, unknown>;
const allText = (blocks: unknown) => JSON.stringify(blocks);

describe('the daily summary through build/Code.js', () => {
  test('one short Slack message, the details in its thread, one Discord embed — delivered through the Outbox', async () => {
    const t = await team();
    const run = t.app.run('sendDailySummary', { at: AT });
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({
      date: '2026-01-07',
      enqueued: ['daily-summary:2026-01-07', 'daily-summary:2026-01-07:details'],
      counts: { kpiMet: 1, kpiWithTarget: 3, reported: 1, members: 3, alerts: 3 },
    });
    // Ten tables and the settings, each read once; the Outbox written once.
    expect(spreadsheetCalls(run.stats)).toBeLessThanOrEqual(16);

    const outbox = t.sheet('Outbox');
    expect(outbox.slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['daily-summary:2026-01-07', 'slack', 'pending', '#progress'],
      ['daily-summary:2026-01-07', 'discord', 'pending', 'webhook'],
      ['daily-summary:2026-01-07:details', 'slack', 'pending', '#progress'],
    ]);

    expect(t.app.run('processQueue', { at: new Date('2026-01-07T18:31:00+09:00') }).error).toBeUndefined();
    const [parent, discord, thread] = posts(t);
    expect(parent?.url).toBe('https://slack.com/api/chat.postMessage');
    const p = body(parent);
    expect(p['channel']).toBe('#progress');
    expect(p['text']).toBe('📊 進捗サマリー 2026-01-07（水） — KPI 1/3・日報 1/3 人・アラート 3 件');
    expect(p['blocks']).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '📊 進捗サマリー 2026-01-07（水）', emoji: true } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*KPI* 目標達成 1/3　*日報* 1/3 人　*ブロッカー* 2 件（新規 1・長期化 1）\n*マージ* 1 件　*デプロイ* 2 件（失敗 1）　*アラート* 3 件',
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '🧵 詳細はスレッドに' }] },
    ]);

    // The details go in the parent's thread (thread_ts = the parent's ts, as the fake Slack answered it).
    const th = body(thread);
    expect(thread?.url).toBe('https://slack.com/api/chat.postMessage');
    expect(typeof th['thread_ts']).toBe('string');
    const details = (th['blocks'] as Array<{ text: { text: string } }>).map((b) => b.text.text);
    expect(details[0]).toBe(
      [
        '*KPI（2026-01-07）* 前日比',
        '✅ *全体進捗* 72.0%（目標 70.0%）　↗︎ +2.0pt（改善）',
        '▫️ *タスク完了率* 90.0%　↗︎ +10.0pt（改善）',
        '⚠️ *品質スコア* 3.2 / 5（目標 3.5 / 5）　↘︎ −0.8（悪化）',
        '▫️ *チーム満足度* 4.5 / 5　↗︎ +0.5（改善）',
        // A rise in blockers rises (↗︎) and is worse: the arrow follows the number, the word says what it means.
        '▫️ *ブロッカー数* 2　↗︎ +1（悪化）',
        '⚠️ *レビュー時間* 14.0 時間（目標 12.0 時間）　↗︎ +8.0 時間（悪化）',
        '▫️ *デプロイ成功率* 50.0%　↘︎ −50.0pt（悪化）',
      ].join('\n'),
    );
    // Who did not report (inactive members are not counted), with user text escaped: no mention can form.
    expect(details[1]).toBe('*日報* 1/3 人が提出\n未提出: 佐藤 花子、鈴木 &lt;@U0000009&gt; 一郎');
    expect(details[2]).toBe(
      '*ブロッカー* 未解決 2 件\n*新規*\n• ステージング DB に接続できない — 田中 太郎\n*3 日以上未解決*\n• デザイン待ち &lt;!channel&gt; — 佐藤 花子（5 日）',
    );
    expect(details[3]).toBe(
      '*マージされた PR* 1 件\n• <https://github.com/acme/app/pull/42|acme/app#42> Fix &lt;!channel&gt; @\u2060everyone *bold* &amp; stuff — tanaka',
    );
    expect(details[4]).toBe('*デプロイ* 2 件\n• ✅ production `abcdef1`（success）\n• ❌ staging `9999999`（failure）');
    expect(details[5]).toBe(
      '*アラート* 3 件\n• ⚠️ 品質スコア 3.2 / 5（目標 3.5 / 5）\n• ⚠️ レビュー時間 14.0 時間（目標 12.0 時間）\n• ⚠️ デプロイ失敗: staging 9999999',
    );

    // Discord: one embed with the same content; mentions defused and no pings allowed at all.
    expect(discord?.url).toBe('https://discord.com/api/webhooks/1/test-hook?wait=true');
    const embed = (body(discord)['embeds'] as Array<Record<string, unknown>>)[0] as {
      title: string;
      fields: Array<{ name: string; value: string }>;
      color: number;
    };
    expect(embed.title).toBe('📊 進捗サマリー 2026-01-07（水）');
    expect(embed.fields.map((f) => f.name)).toEqual([
      'KPI（2026-01-07） 前日比',
      '日報 1/3 人が提出',
      'ブロッカー 未解決 2 件',
      'マージされた PR 1 件',
      'デプロイ 2 件',
      'アラート 3 件',
    ]);
    expect(embed.fields[3]?.value).toBe(
      '• [acme/app#42](https://github.com/acme/app/pull/42) Fix <!channel> @\u2060everyone \\*bold\\* & stuff — tanaka',
    );
    expect(allText(body(discord))).not.toMatch(/@everyone|@here/);
  });

  test('alerts the KPI job recorded for the day replace the derived ones', async () => {
    const t = await team();
    const fired = [
      { day: '2026-01-07', rule: 'blockers', subject: 'team', via: 'chat', text: 'ブロッカー 6 件が基準 5 件を超えています' },
      { day: '2026-01-06', rule: 'satisfaction', subject: 'team', via: 'chat', text: '前日の分' },
    ];
    setScriptProperty(t.state(), 'KPI_ALERTS_FIRED', JSON.stringify(fired));
    expect(t.app.run('sendDailySummary', { at: AT }).error).toBeUndefined();
    t.app.run('processQueue', { at: new Date('2026-01-07T18:31:00+09:00') });
    const [, , thread] = posts(t);
    const details = (body(thread)['blocks'] as Array<{ text: { text: string } }>).map((b) => b.text.text);
    expect(details[5]).toBe('*アラート* 1 件\n• ⚠️ ブロッカー 6 件が基準 5 件を超えています');
  });

  test('run again the same day (by hand, or a retried tick), nothing is posted twice', async () => {
    const t = await team();
    t.app.run('sendDailySummary', { at: AT });
    expect(t.app.run('sendDailySummary', { at: new Date('2026-01-07T18:40:00+09:00') }).error).toBeUndefined();
    expect(t.sheet('Outbox')).toHaveLength(4);
  });

  test('English, by the LANGUAGE setting', async () => {
    const t = await team('en');
    expect(t.app.run('sendDailySummary', { at: AT }).error).toBeUndefined();
    t.app.run('processQueue', { at: new Date('2026-01-07T18:31:00+09:00') });
    const [parent, , thread] = posts(t);
    expect(body(parent)['text']).toBe('📊 Daily summary 2026-01-07 (Wed) — KPIs 1/3 on target, reports 1/3, alerts 3');
    const details = (body(thread)['blocks'] as Array<{ text: { text: string } }>).map((b) => b.text.text);
    expect(details[0]?.split('\n')[0]).toBe('*KPIs (2026-01-07)* change on the previous day');
    expect(details[1]).toBe('*Reports* 1 of 3 reported\nNot yet: 佐藤 花子, 鈴木 &lt;@U0000009&gt; 一郎');
    expect(details[2]).toContain('*Open 3+ days*');
  });

  test('on a holiday and on a weekend it sends nothing and says why', async () => {
    const t = await team();
    expect(t.app.run('fillHolidays', { at: new Date('2026-01-05T10:00:00+09:00') }).error).toBeUndefined();
    const holiday = t.app.run('sendDailySummary', { at: new Date('2026-01-12T18:30:00+09:00') });
    expect(holiday.value).toEqual({
      date: '2026-01-12',
      enqueued: [],
      skipped: '2026-01-12 (月) は休日（成人の日）のため、日次サマリーは送りませんでした。',
    });
    expect(t.logs).toContain('2026-01-12 (月) は休日（成人の日）のため、日次サマリーは送りませんでした。');
    const saturday = t.app.run('sendDailySummary', { at: new Date('2026-01-10T18:30:00+09:00') });
    expect(saturday.value).toMatchObject({
      date: '2026-01-10',
      enqueued: [],
      skipped: '2026-01-10 (土) は週末のため、日次サマリーは送りませんでした。',
    });
    expect(t.sheet('Outbox')).toHaveLength(1);
  });

  test('long lists are cut ("…他 N 件") and every part stays inside Slack\'s and Discord\'s limits', async () => {
    const t = await team();
    appendRows(
      t.state(),
      'Pull Requests',
      Array.from({ length: 60 }, (_, i) => ({
        Repository: 'acme/app',
        Number: 100 + i,
        Title: `${'長いタイトル'.repeat(30)} ${i}`,
        Author: 'bot',
        Merged: '2026-01-07 12:00',
        URL: `https://github.com/acme/app/pull/${100 + i}`,
      })),
    );
    appendRows(
      t.state(),
      'Members',
      Array.from({ length: 40 }, (_, i) => ({ Name: `メンバー${i}`, Active: true })),
    );
    expect(t.app.run('sendDailySummary', { at: AT }).error).toBeUndefined();
    expect(t.app.run('processQueue', { at: new Date('2026-01-07T18:31:00+09:00') }).error).toBeUndefined();
    const [parent, discord, thread] = posts(t);
    for (const message of [body(parent), body(thread)]) {
      const blocks = message['blocks'] as Array<{ type: string; text?: { text: string } }>;
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(b.type === 'header' ? 150 : 3000);
    }
    const details = (body(thread)['blocks'] as Array<{ text: { text: string } }>).map((b) => b.text.text);
    expect(details[3]).toMatch(/^\*マージされた PR\* 61 件\n/);
    expect(details[3]).toMatch(/…他 5\d 件$/);
    expect(details[1]).toMatch(/…他 3\d 件$/);
    const embed = (body(discord)['embeds'] as Array<{ title: string; description: string; fields: Array<{ name: string; value: string }> }>)[0];
    let total = (embed?.title.length ?? 0) + (embed?.description.length ?? 0) + 'shinchoku'.length;
    for (const f of embed?.fields ?? []) {
      expect(f.value.length).toBeLessThanOrEqual(1024);
      total += f.name.length + f.value.length;
    }
    expect(total).toBeLessThanOrEqual(6000);
    expect(discord?.status).toBe(200);
  });
});
