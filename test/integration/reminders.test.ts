import { at, chatApp, startFakeChat, type ChatApp, type FakeChat, type FakeSlackMessage } from '../helpers/fakeSlack';

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

const SATURDAY = '2026-01-10';
const HOLIDAY = '2026-01-12';

async function slackMessages(): Promise<FakeSlackMessage[]> {
  return (await fake.state()).slack.messages;
}

function kpiSnapshot(t: ChatApp, time: Date): void {
  const token = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
  const body = {
    overall_progress: 0.72,
    task_completion_rate: 0.85,
    quality_score: 4.2,
    team_satisfaction: 4,
    blockers_count: 2,
    avg_review_time: 5.5,
    deploy_success_rate: 0.95,
  };
  const { response } = t.app.post(`source=progress&token=${token}`, JSON.stringify(body), 'application/json', time);
  expect(JSON.parse(response.body)).toMatchObject({ ok: true });
}

describe('the standup reminder', () => {
  test("the dispatcher sends it at 09:00 to the standup channel, in the seed's three parts with the two buttons", async () => {
    const t = await chatApp();
    const firings = t.app.tick(at('08:57'), at('09:03'));
    expect(firings.every((f) => !f.result.error)).toBe(true);
    const [standup, ...rest] = await slackMessages();
    expect(rest).toEqual([]);
    expect(standup?.requested).toBe('#standup');
    expect(standup?.channel).toBe((await fake.state()).slack.channels['standup']);
    const blocks = JSON.stringify(standup?.blocks);
    expect(standup?.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '🌅 おはようございます！スタンドアップの時間です', emoji: true },
    });
    for (const part of ['✅ *昨日完了したこと*', '📋 *今日実行予定のこと*', '🚫 *ブロッカー・課題*', '2026-01-05']) expect(blocks).toContain(part);
    const actions = standup?.blocks.find((b) => b['type'] === 'actions') as { elements: Array<{ action_id: string; text: { text: string } }> };
    expect(actions.elements.map((e) => [e.action_id, e.text.text])).toEqual([
      ['report_progress', '📝 進捗を報告'],
      ['report_blocker', '🚫 ブロッカーを報告'],
    ]);
    expect(standup?.metadata).toEqual({ event_type: 'shinchoku_outbox', event_payload: { key: 'standup:2026-01-05' } });
    // Sent by the 09:00 wake itself: the dispatcher runs the queue right after the jobs it starts. A one-off trigger
    // fires up to a minute after its instant, as Apps Script's do, so the send may fall in 09:01.
    const row = t.rows('Outbox').find((r) => r['Key'] === 'standup:2026-01-05');
    expect(row).toMatchObject({ Status: 'sent', Attempts: 1 });
    expect(String(row?.['Sent At'])).toMatch(/^2026-01-05T09:0[01]/);
  });

  test('run again the same day, it is not posted twice; in English with LANGUAGE=en', async () => {
    const t = await chatApp();
    t.setting('LANGUAGE', 'en', at('08:10'));
    t.run('sendStandupReminder', at('09:00'));
    t.run('sendStandupReminder', at('11:00'));
    t.run('processQueue', at('11:01'));
    t.run('processQueue', at('11:02'));
    const messages = await slackMessages();
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]?.blocks)).toContain('What you finished yesterday');
  });

  test('on a weekend or a holiday it sends nothing and says why', async () => {
    const t = await chatApp();
    t.type('Holidays', [{ Date: HOLIDAY, Name: '成人の日' }]);
    expect(t.run('sendStandupReminder', at('09:00', SATURDAY)).value).toEqual({
      date: SATURDAY,
      enqueued: 0,
      skipped: expect.stringContaining('週末'),
    });
    expect(t.run('sendStandupReminder', at('09:00', HOLIDAY)).value).toEqual({
      date: HOLIDAY,
      enqueued: 0,
      skipped: expect.stringContaining('成人の日'),
    });
    t.run('processQueue', at('09:01', HOLIDAY));
    expect(await slackMessages()).toEqual([]);
    expect(t.rows('Outbox')).toEqual([]);
  });
});

describe('the evening and the nudges', () => {
  test('18:00: the progress reminder in the progress channel, with how many reported', async () => {
    const t = await chatApp();
    t.slash('update ✅ a', { time: at('10:00'), user: 'U0TEST0002' });
    t.run('processQueue', at('10:01'));
    t.run('sendProgressReminder', at('18:00'));
    t.run('processQueue', at('18:01'));
    const reminder = (await slackMessages()).find((m) => m.requested === '#progress');
    expect(reminder?.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '📝 進捗更新の時間です', emoji: true } });
    expect(JSON.stringify(reminder?.blocks)).toContain('報告済み: 1 / 3 人');
    expect(JSON.stringify(reminder?.blocks)).toContain('report_progress');
  });

  test('the nudge: a direct message to each active member who has not reported, and to no one else', async () => {
    const t = await chatApp();
    t.slash('update ✅ a', { time: at('09:10'), user: 'U0TEST0002' });
    t.run('processQueue', at('09:11'));
    expect(t.run('sendNudges', at('10:30')).value).toMatchObject({ enqueued: 2 });
    t.run('processQueue', at('10:31'));
    const dms = (await slackMessages()).filter((m) => m.requested.startsWith('U'));
    expect(dms.map((m) => m.requested).sort()).toEqual(['U0TEST0001', 'U0TEST0003']);
    expect(dms.every((m) => m.channel.startsWith('D'))).toBe(true);
    expect(dms.find((m) => m.requested === 'U0TEST0001')?.text).toBe(
      '👋 田中 太郎 さん、今日（2026-01-05）の進捗がまだ報告されていません。ボタンか `/progress update` で報告できます。',
    );
  });

  test('with only an incoming webhook, nudges say they need the bot token', async () => {
    const t = await chatApp({ slack: 'webhook' });
    expect(t.run('sendNudges', at('10:30')).value).toMatchObject({
      enqueued: 0,
      skipped: 'direct messages need SLACK_BOT_TOKEN in Script Properties',
    });
    t.run('sendStandupReminder', at('09:00'));
    t.run('processQueue', at('09:01'));
    const { hooks } = (await fake.state()).slack;
    expect(hooks.map((h) => [h.kind, h.url])).toEqual([['webhook', 'https://hooks.slack.com/services/T0TEST/B0TEST/abcdefTEST']]);
  });
});

describe('project updates', () => {
  test('each active project in its channel: header, 進捗率, 期限まで, 完了タスク, 品質スコア and a progress bar', async () => {
    const t = await chatApp();
    kpiSnapshot(t, at('08:30'));
    t.type('Projects', [
      { Name: 'Alpha', Deadline: '2026-01-20', Active: 'TRUE', 'Slack Channel': '#dev' },
      { Name: 'Beta', Deadline: '2026-01-02', Active: 'TRUE' },
      { Name: 'Old', Active: 'FALSE' },
    ]);
    t.type('Tasks', [
      { ID: 'T1', Project: 'Alpha', Title: 'a', Status: 'done', Weight: '3' },
      { ID: 'T2', Project: 'Alpha', Title: 'b', Status: '完了' },
      { ID: 'T3', Project: 'Alpha', Title: 'c', Status: 'in progress', Weight: '4' },
      { ID: 'T4', Project: 'Beta', Title: 'd', Status: 'todo' },
    ]);
    expect(t.run('sendProjectUpdates', at('17:30')).value).toMatchObject({ enqueued: 2 });
    t.run('processQueue', at('17:31'));
    const messages = await slackMessages();
    const alpha = messages.find((m) => m.requested === '#dev');
    expect(alpha?.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '📊 Alpha 進捗更新', emoji: true } });
    const fields = (alpha?.blocks[1] as { fields: Array<{ text: string }> }).fields.map((f) => f.text);
    expect(fields).toEqual(['*進捗率*\n50.0%', '*期限まで*\nあと 15 日（2026-01-20）', '*完了タスク*\n2 / 3 件', '*品質スコア*\n4.2 / 5']);
    expect(JSON.stringify(alpha?.blocks[2])).toContain('██████████░░░░░░░░░░ 50%');
    const beta = messages.find((m) => m.requested === '#progress');
    expect(JSON.stringify(beta?.blocks)).toContain('3 日超過（2026-01-02）');
    expect(messages).toHaveLength(2);
  });
});

describe('Discord', () => {
  test('the KPI dashboard and team status embeds, through the webhook with wait=true', async () => {
    const t = await chatApp();
    kpiSnapshot(t, at('08:30'));
    t.type('Targets', [
      { KPI: 'Overall Progress', Target: '80%', Direction: 'higher' },
      { KPI: 'Team Satisfaction', Target: '3.5' },
    ]);
    t.slash('update ✅ a 🚫 staging is down', { time: at('09:00'), user: 'U0TEST0003' });
    t.run('processQueue', at('09:01'));
    t.run('sendDiscordDashboard', at('18:00'));
    t.run('processQueue', at('18:01'));
    const [message, ...rest] = (await fake.state()).discord.messages;
    expect(rest).toEqual([]);
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    const [dashboard, status] = message?.embeds as Array<{
      title: string;
      fields: Array<{ name: string; value: string }>;
      timestamp: string;
      footer: { text: string };
    }>;
    expect(dashboard?.title).toBe('📊 KPI ダッシュボード');
    // Setup writes default targets for the other KPIs; the two typed here come last and win.
    expect(dashboard?.fields.map((f) => [f.name, f.value])).toEqual([
      ['全体進捗', '72.0%（目標 80.0%）⚠️'],
      ['生産性スコア', expect.stringMatching(/^85\.0%/)],
      ['品質スコア', expect.stringMatching(/^4\.2 \/ 5/)],
      ['チーム満足度', '4.0 / 5（目標 3.5 / 5）✅'],
    ]);
    expect(dashboard?.timestamp).toMatch(/^2026-01-05T09:00/);
    expect(dashboard?.footer.text).toBe('shinchoku 進捗管理システム');
    expect(status?.title).toBe('👥 チーム状況（2026-01-05）');
    expect(status?.fields.map((f) => f.name)).toEqual(['今日報告した人（1）', 'まだ報告していない人（2）', '未解決のブロッカー（1）']);
    expect(status?.fields[2]?.value).toContain('staging is down（Alex Kim、今日から）');
    const row = t.rows('Outbox').find((r) => r['Destination'] === 'discord');
    expect(row).toMatchObject({ Status: 'sent', 'Remote ID': message?.id });
  });
});
