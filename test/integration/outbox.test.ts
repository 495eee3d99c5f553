import { at, chatApp, startFakeChat, type ChatApp, type FakeChat } from '../helpers/fakeSlack';

let fake: FakeChat;
beforeAll(async () => {
  // A request without an answer in 1 s is a timeout here (Apps Script waits about 60 s).
  fake = await startFakeChat({ timeoutMs: 1000 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  await fake.reset();
});

/** The day's messages: the standup reminder, the nudges (2), the project update, replies to two commands, and Discord. */
async function busyMorning(t: ChatApp): Promise<void> {
  t.type('Projects', [{ Name: 'Alpha', Active: 'TRUE' }]);
  t.slash('update ✅ a', { time: at('08:50'), user: 'U0TEST0002' });
  t.slash('report team', { time: at('08:51') });
  // The report is recorded (the sheet is up); the replies to both commands wait in the Outbox with the rest.
  t.run('processQueue', at('08:52'));
  t.run('sendStandupReminder', at('09:00'));
  t.run('sendNudges', at('09:00'));
  t.run('sendProjectUpdates', at('09:00'));
  t.run('sendDiscordDashboard', at('09:00'));
}

const statuses = (t: ChatApp) =>
  t.rows('Outbox').map((r) => `${String(r['Key']).replace(/CHAT_WORK_\w+/, 'work')}|${String(r['Destination'])}|${String(r['Status'])}`);
const minute = (n: number) => new Date(at('09:00').getTime() + n * 60_000);

describe('a two-hour outage of Slack and Discord', () => {
  test('loses nothing and posts nothing twice; while down, each service gets one probe per backoff step', async () => {
    const t = await chatApp();
    await fake.slack({ down: true });
    await fake.discord({ down: true });
    await busyMorning(t);
    let requestsWhileDown = 0;
    for (let m = 1; m <= 120; m++) {
      await fake.server.clear();
      const run = t.run('processQueue', minute(m));
      expect(run.error).toBeUndefined();
      requestsWhileDown += (await fake.server.requests()).length;
    }
    // Backoff 1, 2, 4, 8, then every 10 minutes: 15 probes in two hours for each service, not one per message per minute.
    expect(requestsWhileDown).toBeLessThanOrEqual(2 * 15);
    const waiting = t.rows('Outbox');
    expect(waiting.every((r) => r['Status'] === 'pending')).toBe(true);
    expect(Math.max(...waiting.map((r) => Number(r['Attempts'])))).toBeLessThan(45);
    expect(waiting.filter((r) => Number(r['Attempts']) > 0).map((r) => r['Last Error'])).toEqual([
      'Slack answered HTTP 503',
      'Discord answered HTTP 502',
    ]);

    await fake.slack({ down: false });
    await fake.discord({ down: false });
    // The next probe is at most ten minutes away, and every message goes out with it (before the standup's noon).
    for (let m = 121; m <= 130; m++) t.run('processQueue', minute(m));
    expect(statuses(t).every((s) => s.endsWith('|sent'))).toBe(true);
    const state = await fake.state();
    const keys = state.slack.messages.map((m) => String(m.metadata?.event_payload['key']));
    expect(keys.sort()).toEqual([
      'nudge:2026-01-05:U0TEST0001',
      'nudge:2026-01-05:U0TEST0003',
      'project-update:Alpha:2026-01-05',
      'standup:2026-01-05',
    ]);
    expect(state.slack.hooks.filter((h) => h.kind === 'response_url')).toHaveLength(2);
    expect(state.discord.messages).toHaveLength(1);
  });
});

describe('after a short outage', () => {
  const fromSix = (n: number) => new Date(at('18:00').getTime() + n * 60_000);

  test('six failed requests from 18:00, then Slack answers: the progress reminder leaves within ten minutes', async () => {
    const t = await chatApp();
    await fake.slack({ down: true });
    t.run('sendProgressReminder', at('18:00'));
    let failed = 0;
    let m = 0;
    for (; failed < 6; m++) {
      await fake.server.clear();
      expect(t.run('processQueue', fromSix(m)).error).toBeUndefined();
      failed += (await fake.server.requests()).length;
    }
    await fake.slack({ down: false });
    // Slack is back right after the sixth failure, the worst moment: the next attempt is furthest away.
    const recovered = fromSix(m - 1);
    for (; m <= 180 && t.rows('Outbox')[0]?.['Status'] !== 'sent'; m++) t.run('processQueue', fromSix(m));
    expect(t.rows('Outbox')[0]).toMatchObject({ Key: 'progress-reminder:2026-01-05', Status: 'sent', Attempts: 7 });
    // The run that sent it (the last one) began at most ten minutes after Slack came back.
    expect((fromSix(m - 1).getTime() - recovered.getTime()) / 60_000).toBeLessThanOrEqual(10);
    expect((await fake.state()).slack.messages).toHaveLength(1);
  });

  test('a standup still unsent at noon expires: recorded, not posted late, counted in health', async () => {
    const t = await chatApp();
    await fake.slack({ down: true });
    t.run('sendStandupReminder', at('09:00'));
    t.run('sendProgressReminder', at('09:00'));
    for (let m = 0; m <= 185; m++) t.run('processQueue', new Date(at('09:00').getTime() + m * 60_000));
    await fake.slack({ down: false });
    for (let m = 186; m <= 200; m++) t.run('processQueue', new Date(at('09:00').getTime() + m * 60_000));
    expect(statuses(t)).toEqual(['standup:2026-01-05|slack|expired', 'progress-reminder:2026-01-05|slack|sent']);
    expect(t.rows('Outbox')[0]?.['Last Error']).toMatch(/^expired at .*window ended at 2026-01-05T03:00:00\.000Z/);
    expect(new Date(String(t.rows('Outbox')[0]?.['Expires At'])).toISOString()).toBe('2026-01-05T03:00:00.000Z');
    const keys = (await fake.state()).slack.messages.map((msg) => String(msg.metadata?.event_payload['key']));
    expect(keys).toEqual(['progress-reminder:2026-01-05']);
    const health = JSON.parse(t.app.get('action=health', at('12:30')).response.body) as { outbox: Record<string, unknown> };
    expect(health.outbox).toMatchObject({ expired: 1, failed: 0 });
  });
});

describe('expiry', () => {
  test('each job says when its message stops being worth posting; an alert 24 hours after it was raised', async () => {
    const t = await chatApp();
    t.run('sendStandupReminder', at('09:00'));
    t.run('sendNudges', at('10:30'));
    t.run('sendProgressReminder', at('18:00'));
    t.run('sendDailySummary', at('18:30'));
    const token = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
    const snapshot = {
      overall_progress: 0.72,
      task_completion_rate: 0.5,
      quality_score: 4.2,
      team_satisfaction: 4,
      blockers_count: 2,
      avg_review_time: 5.5,
      deploy_success_rate: 0.95,
    };
    const { response } = t.app.post(`source=progress&token=${token}`, JSON.stringify(snapshot), 'application/json', at('19:00'));
    expect(JSON.parse(response.body)).toMatchObject({ ok: true });
    expect(t.run('raiseKpiAlerts', at('19:00')).error).toBeUndefined();
    const expiry = Object.fromEntries(
      t
        .rows('Outbox')
        .map((r) => [`${String(r['Key']).replace(/:[^:]*%$/, '')}|${String(r['Destination'])}`, new Date(String(r['Expires At'])).toISOString()]),
    );
    const endOfDay = '2026-01-05T15:00:00.000Z';
    expect(expiry).toMatchObject({
      'standup:2026-01-05|slack': '2026-01-05T03:00:00.000Z',
      'nudge:2026-01-05:U0TEST0001|slack': endOfDay,
      'progress-reminder:2026-01-05|slack': endOfDay,
      'daily-summary:2026-01-05|slack': endOfDay,
      'daily-summary:2026-01-05|discord': endOfDay,
      'daily-summary:2026-01-05:details|slack': endOfDay,
      // 24 hours after the 19:00 run that raised it.
      'kpi-alert:taskCompletion:team:2026-01-05|slack': expect.stringMatching(/^2026-01-06T10:00:0\d/),
    });
  });
});

describe('retries', () => {
  test('429 waits as long as Retry-After says, then sends', async () => {
    const t = await chatApp();
    await fake.slack({ rateLimit: 1, retryAfter: 30 });
    t.run('sendStandupReminder', at('09:00'));
    t.run('processQueue', at('09:01'));
    const row = () => t.rows('Outbox')[0];
    expect(row()).toMatchObject({ Status: 'pending', Attempts: 1, 'Last Error': 'rate limited (HTTP 429, retry after 30 s)', Unconfirmed: false });
    expect(String(row()?.['Next Attempt At'])).toMatch(/^2026-01-05T09:01:3[01]/);
    await fake.server.clear();
    t.run('processQueue', new Date(at('09:01').getTime() + 20_000));
    expect(await fake.server.requests()).toEqual([]);
    t.run('processQueue', new Date(at('09:01').getTime() + 40_000));
    expect(row()).toMatchObject({ Status: 'sent', Attempts: 2 });
    expect((await fake.state()).slack.messages).toHaveLength(1);
  });

  test("Discord's 429 retry_after (seconds with fractions) is honoured", async () => {
    const t = await chatApp();
    await fake.discord({ rateLimit: 1, retryAfter: 12.5 });
    t.run('sendDiscordDashboard', at('18:00'));
    t.run('processQueue', at('18:01'));
    const row = t.rows('Outbox')[0];
    expect(row).toMatchObject({ Status: 'pending', 'Last Error': 'rate limited (HTTP 429, retry after 13 s)' });
    t.run('processQueue', at('18:02'));
    expect(t.rows('Outbox')[0]).toMatchObject({ Status: 'sent' });
    expect((await fake.state()).discord.messages).toHaveLength(1);
  });

  test('a post whose answer was lost is found by its metadata and not posted again', async () => {
    const t = await chatApp();
    await fake.slack({ loseAnswers: 1, delayMs: 2500 });
    t.run('sendStandupReminder', at('09:00'));
    t.run('processQueue', at('09:01'));
    expect(t.rows('Outbox')[0]).toMatchObject({ Status: 'pending', Unconfirmed: true, 'Last Error': 'timeout: no answer in time' });
    expect((await fake.state()).slack.messages).toHaveLength(1);
    await fake.server.clear();
    t.run('processQueue', at('09:03'));
    const asked = (await fake.server.requests()).map((r) => r.target.replace(/^https:\/\/slack\.com\/api\//, ''));
    expect(asked).toEqual(['conversations.list', 'conversations.history']);
    expect(t.rows('Outbox')[0]).toMatchObject({ Status: 'sent', Unconfirmed: false, 'Last Error': expect.stringContaining('not posted again') });
    const messages = (await fake.state()).slack.messages;
    expect(messages).toHaveLength(1);
    expect(t.rows('Outbox')[0]?.['Remote ID']).toBe(messages[0]?.ts);
  });

  test('a timeout that did not post is looked up, found missing, and posted once', async () => {
    const t = await chatApp();
    await fake.slack({ timeouts: 1, delayMs: 2500 });
    t.run('sendStandupReminder', at('09:00'));
    t.run('processQueue', at('09:01'));
    expect((await fake.state()).slack.messages).toHaveLength(0);
    t.run('processQueue', at('09:03'));
    expect(t.rows('Outbox')[0]).toMatchObject({ Status: 'sent', Unconfirmed: false, 'Last Error': '' });
    expect((await fake.state()).slack.messages).toHaveLength(1);
  });

  test('a refusal is final at once; after OUTBOX_MAX_ATTEMPTS the message is failed; both show in the health answer', async () => {
    const t = await chatApp();
    t.type('Projects', [{ Name: 'Gamma', Active: 'TRUE', 'Slack Channel': '#no-such-channel' }]);
    t.setting('OUTBOX_MAX_ATTEMPTS', '3', at('08:30'));
    await fake.discord({ down: true });
    t.run('sendProjectUpdates', at('17:30'));
    t.run('sendDiscordDashboard', at('18:00'));
    for (let m = 0; m <= 30; m++) t.run('processQueue', new Date(at('18:00').getTime() + m * 60_000));
    const rows = t.rows('Outbox');
    expect(rows.find((r) => r['Destination'] === 'slack')).toMatchObject({ Status: 'failed', Attempts: 1, 'Last Error': 'Slack: channel_not_found' });
    expect(rows.find((r) => r['Destination'] === 'discord')).toMatchObject({
      Status: 'failed',
      Attempts: 3,
      'Last Error': 'Discord answered HTTP 502; gave up after 3 attempts',
    });
    const health = JSON.parse(t.app.get('action=health', at('18:31')).response.body) as { healthy: boolean; outbox: { error: string } };
    expect(health.healthy).toBe(false);
    expect(health.outbox.error).toContain('2 chat message(s) failed in the last 7 days');
  });

  test('a team too long for one embed field is shortened to fit, and Discord accepts it', async () => {
    const t = await chatApp();
    // 400 names that fit no field: the team status embed shortens them to fit, so Discord accepts it.
    t.type(
      'Members',
      Array.from({ length: 40 }, (_, i) => ({ Name: `${'長い名前'.repeat(8)} ${i}`, Active: 'TRUE' })),
    );
    t.run('sendDiscordDashboard', at('18:00'));
    t.run('processQueue', at('18:01'));
    expect(t.rows('Outbox')[0]).toMatchObject({ Status: 'sent' });
    const status = (await fake.state()).discord.messages[0]?.embeds[1] as { fields: Array<{ value: string }> };
    expect(status.fields[1]?.value).toMatch(/…他 \d+ 件$/);
  });
});
