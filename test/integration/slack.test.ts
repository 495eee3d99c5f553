import { spreadsheetCalls } from '../helpers/app';
import { at, chatApp, MONDAY, SLACK, startFakeChat, type ChatApp, type FakeChat } from '../helpers/fakeSlack';

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

/** Work Slack answers leave waiting in Script Properties. */
const queued = (t: ChatApp) =>
  Object.keys(t.state().slice<{ script: Record<string, string> }>('properties', () => ({ script: {} })).script).filter((k) =>
    k.startsWith('CHAT_WORK_'),
  );
const calls = (stats: { calls: Record<string, Record<string, number>> }, service: string) =>
  Object.values(stats.calls[service] ?? {}).reduce((a, b) => a + b, 0);

/** The text of every reply that went back through a response_url, oldest first. */
async function replies(): Promise<Array<{ text: string; type: string; blocks: string }>> {
  const state = await fake.state();
  return state.slack.hooks
    .filter((h) => h.kind === 'response_url')
    .map((h) => ({ text: h.text, type: h.response_type ?? '', blocks: JSON.stringify(h.blocks) }));
}

function submission(callbackId: string, values: Record<string, { value?: string; selected?: string }>, privateMetadata: string, user = 'U0TEST0001') {
  const state: Record<string, Record<string, unknown>> = {};
  for (const [block, v] of Object.entries(values)) {
    state[block] = {
      value:
        v.selected !== undefined
          ? { type: 'static_select', selected_option: { value: v.selected } }
          : { type: 'plain_text_input', value: v.value ?? null },
    };
  }
  return {
    type: 'view_submission',
    user: { id: user, username: user.toLowerCase(), team_id: SLACK.teamId },
    view: { id: 'V1', callback_id: callbackId, private_metadata: privateMetadata, state: { values: state } },
  };
}

describe('who may talk to shinchoku', () => {
  test('a wrong verification token or workspace writes nothing and gets an error answer', async () => {
    const t = await chatApp();
    const before = JSON.stringify([t.sheet('Daily Reports'), t.sheet('Blockers'), t.sheet('Outbox')]);
    expect(t.slash('update ✅ x', { token: 'wrong' }).answer).toEqual({ ok: false, error: 'wrong Slack verification token' });
    expect(t.slash('update ✅ x', { team: 'T0OTHER' }).answer).toEqual({
      ok: false,
      error: 'this Slack workspace is not the one shinchoku is set up for',
    });
    expect(
      t.interact({ type: 'block_actions', token: 'nope', user: { id: 'U0TEST0001' }, actions: [{ action_id: 'report_progress' }] }).answer,
    ).toEqual({ ok: false, error: 'wrong Slack verification token' });
    expect(queued(t)).toEqual([]);
    t.run('processQueue', at('09:31'));
    expect(JSON.stringify([t.sheet('Daily Reports'), t.sheet('Blockers'), t.sheet('Outbox')])).toBe(before);
    expect((await fake.state()).slack.views).toEqual([]);
  });

  test('Events API url_verification is answered with the challenge', async () => {
    const t = await chatApp();
    const body = JSON.stringify({
      token: SLACK.verificationToken,
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const { response } = t.app.post('source=slack', body, 'application/json', at('09:00'));
    expect(JSON.parse(response.body)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    const wrong = t.app.post('source=slack', body.replace(SLACK.verificationToken, 'x'), 'application/json', at('09:00'));
    expect(JSON.parse(wrong.response.body)).toEqual({ ok: false, error: 'wrong Slack verification token' });
  });

  test('before Slack is set up, the answer says what to add', async () => {
    const t = await chatApp();
    t.state().save();
    const { deleteScriptProperty } = await import('../../local/services/properties');
    const state = t.state();
    deleteScriptProperty(state, 'SLACK_TEAM_ID');
    state.save();
    expect(t.slash('help').answer).toEqual({
      ok: false,
      error: 'Slack is not set up: add SLACK_TEAM_ID (the workspace id, T…) to Script Properties',
    });
  });
});

describe('/progress', () => {
  test('help, and anything unknown, answer the help in the team language, only to the caller', async () => {
    const t = await chatApp();
    const help = t.slash('help').answer as { response_type: string; text: string; blocks: unknown[] };
    expect(help.response_type).toBe('ephemeral');
    expect(JSON.stringify(help.blocks)).toContain('/progress blocker resolve <ID>');
    expect(JSON.stringify(t.slash('dance <!channel>').answer)).toContain('「dance」は分かりませんでした。');
    t.setting('LANGUAGE', 'en', at('09:00'));
    // Settings are read through the cache, which keeps them up to 10 minutes.
    const later = t.slash('', { time: at('09:45') }).answer as { text: string };
    expect(later.text).toBe('📘 How to use /progress');
  });

  test('update opens the form with views.open inside the answer, in ≤ 2 Spreadsheet calls', async () => {
    const t = await chatApp();
    const { answer, stats } = t.slash('update', { time: at('09:30') });
    expect(answer).toBe('');
    const { views } = (await fake.state()).slack;
    expect(views).toHaveLength(1);
    expect(views[0]?.trigger_id).toMatch(/^\d+\.\d+\.abcdef\d+$/);
    expect(views[0]?.view).toMatchObject({ type: 'modal', callback_id: 'shinchoku_progress' });
    expect(JSON.stringify(views[0]?.view)).toContain('今日実行予定のこと');
    expect(spreadsheetCalls(stats)).toBeLessThanOrEqual(2);
    expect(stats.calls['UrlFetchApp']).toEqual({ fetch: 1 });
  });

  test('a submitted form writes the day in the team time zone, one blocker row each, and confirms', async () => {
    const t = await chatApp();
    t.slash('update', { time: at('23:50') });
    const meta = String((await fake.state()).slack.views[0]?.view['private_metadata']);
    // Submitted after midnight in Tokyo: the report is for Tuesday.
    const submit = t.interact(
      submission(
        'shinchoku_progress',
        { done: { value: 'ログイン画面' }, planned: { value: 'API 設計' }, blockers: { value: 'レビュー待ち\nCI が遅い' }, mood: { selected: '4' } },
        meta,
      ),
      new Date('2026-01-05T15:30:00Z'),
    );
    expect(submit.answer).toBe('');
    expect(spreadsheetCalls(submit.stats)).toBeLessThanOrEqual(2);
    expect(t.rows('Daily Reports')).toEqual([]);
    t.run('processQueue', new Date('2026-01-05T15:31:00Z'));
    expect(t.rows('Daily Reports')).toEqual([
      expect.objectContaining({
        Date: '2026-01-06',
        Member: '田中 太郎',
        'Slack User ID': 'U0TEST0001',
        Done: 'ログイン画面',
        Planned: 'API 設計',
        Blockers: 'レビュー待ち\nCI が遅い',
        Mood: 4,
      }),
    ]);
    expect(t.rows('Blockers').map((b) => [b['Member'], b['Description'], b['Status'], b['Source']])).toEqual([
      ['田中 太郎', 'レビュー待ち', 'open', 'slack'],
      ['田中 太郎', 'CI が遅い', 'open', 'slack'],
    ]);
    const [reply] = await replies();
    expect(reply?.type).toBe('ephemeral');
    expect(reply?.text).toContain('✅ 2026-01-06 の報告を記録しました。');
    for (const b of t.rows('Blockers')) expect(reply?.text).toContain(String(b['ID']));
    expect(queued(t)).toEqual([]);
  });

  test('a second report the same day updates that row; the form opens with it filled in', async () => {
    const t = await chatApp();
    t.slash('update ✅ A 📋 B', { time: at('09:30') });
    t.run('processQueue', at('09:31'));
    t.slash('update', { time: at('17:00') });
    const view = (await fake.state()).slack.views[0]?.view;
    expect(JSON.stringify(view)).toContain('"initial_value":"A"');
    t.interact(
      submission(
        'shinchoku_progress',
        { done: { value: 'A と C' }, planned: { value: '' }, blockers: { value: '' }, mood: { selected: '5' } },
        String(view?.['private_metadata']),
      ),
      at('17:01'),
    );
    t.run('processQueue', at('17:02'));
    expect(t.rows('Daily Reports')).toEqual([expect.objectContaining({ Date: MONDAY, Done: 'A と C', Planned: '', Mood: 5 })]);
    expect((await replies()).map((r) => r.text.split('\n')[0])).toEqual([
      '✅ 2026-01-05 の報告を記録しました。',
      '✅ 2026-01-05 の報告を更新しました。',
    ]);
  });

  test('inline reports: each part it names is set, the rest of the day stays', async () => {
    const t = await chatApp();
    const answer = t.slash('update :white_check_mark: fix &lt;Button&gt; @channel :clipboard: deploy', { time: at('10:00') }).answer as {
      text: string;
      blocks: unknown[];
    };
    expect(answer.text).toContain('受け付けました');
    expect(JSON.stringify(answer.blocks)).toContain('fix &lt;Button&gt; @\u2060channel');
    t.run('processQueue', at('10:01'));
    t.slash('update 🚫 waiting for design', { time: at('11:00') });
    t.run('processQueue', at('11:01'));
    expect(t.rows('Daily Reports')).toEqual([
      expect.objectContaining({ Done: 'fix <Button> @channel', Planned: 'deploy', Blockers: 'waiting for design' }),
    ]);
    const bad = t.slash('update just text', { time: at('11:05') }).answer as { response_type: string; text: string };
    expect(bad).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('分からなかった行: 「just text」') });
  });

  test("report: the caller's KPIs against targets, recent reports and open blockers, through response_url", async () => {
    const t = await chatApp();
    const token = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
    t.app.post(
      `source=progress&token=${token}`,
      JSON.stringify({
        overall_progress: 0.72,
        task_completion_rate: 0.85,
        quality_score: 4.2,
        team_satisfaction: 4,
        blockers_count: 2,
        avg_review_time: 5.5,
        deploy_success_rate: 0.95,
      }),
      'application/json',
      at('08:30'),
    );
    t.app.edit('Targets!A2', 'Overall Progress', at('08:31'));
    t.app.edit('Targets!B2', '0.8', at('08:31'));
    t.slash('update ✅ A 🚫 <!here> blocked', { time: at('09:00') });
    const queuedAnswer = t.slash('report', { time: at('09:01') });
    expect(queuedAnswer.answer).toEqual({ response_type: 'ephemeral', text: '⏳ 集計しています。1 分ほどでお届けします。' });
    expect(spreadsheetCalls(queuedAnswer.stats)).toBeLessThanOrEqual(2);
    expect(calls(queuedAnswer.stats, 'UrlFetchApp')).toBe(0);
    t.run('processQueue', at('09:02'));
    const report = (await replies()).find((r) => r.text.includes('さんの進捗'));
    expect(report?.type).toBe('ephemeral');
    expect(report?.blocks).toContain('全体進捗: 72.0%（目標 80.0%）⚠️');
    expect(report?.blocks).toContain('_完了_: A');
    expect(report?.blocks).toContain('&lt;!here&gt; blocked');
    expect(report?.blocks).not.toContain('<!here>');
  });

  test('report team: who reported and who has not; share posts it in the channel', async () => {
    const t = await chatApp();
    t.slash('update ✅ A', { time: at('09:00'), user: 'U0TEST0002' });
    t.slash('report team share', { time: at('09:05') });
    t.run('processQueue', at('09:06'));
    const team = (await replies()).find((r) => r.text.includes('チームの進捗'));
    expect(team?.type).toBe('in_channel');
    expect(team?.blocks).toContain('*今日報告した人（1）*\\n佐藤 花子');
    expect(team?.blocks).toContain('*まだ報告していない人（2）*\\n田中 太郎、Alex Kim');
    expect(team?.blocks).not.toContain('山田');
  });

  test('blocker files one; blocker resolve closes it; an unknown id is said', async () => {
    const t = await chatApp();
    t.slash('blocker waiting for the API key', { time: at('10:00') });
    t.run('processQueue', at('10:01'));
    const [blocker] = t.rows('Blockers');
    expect(blocker).toMatchObject({ Description: 'waiting for the API key', Status: 'open', Member: '田中 太郎' });
    const id = String(blocker?.['ID']);
    t.slash(`blocker resolve ${id.toLowerCase()}`, { time: at('11:00') });
    t.slash('blocker resolve B-NOPE00', { time: at('11:00') });
    t.slash('blocker resolve', { time: at('11:00') });
    t.run('processQueue', at('11:01'));
    expect(t.rows('Blockers')).toEqual([
      expect.objectContaining({ ID: id, Status: 'resolved', 'Resolved At': expect.stringMatching(/^2026-01-05T11:00/) }),
    ]);
    const texts = (await replies()).map((r) => r.text);
    expect(texts).toContain(`✅ ブロッカー \`${id}\` を解決済みにしました。`);
    expect(texts.some((x) => x.includes('`B-NOPE00` は見つかりませんでした'))).toBe(true);
  });

  test('blocker without text opens the blocker form; its submission files the blocker', async () => {
    const t = await chatApp();
    t.slash('blocker', { time: at('10:00') });
    const view = (await fake.state()).slack.views[0]?.view;
    expect(view).toMatchObject({ callback_id: 'shinchoku_blocker' });
    const empty = t.interact(submission('shinchoku_blocker', { description: { value: '' } }, String(view?.['private_metadata'])), at('10:01'));
    expect(empty.answer).toEqual({ response_action: 'errors', errors: { description: '内容を書いてください' } });
    t.interact(
      submission('shinchoku_blocker', { description: { value: 'staging is down' }, project: { value: 'Alpha' } }, String(view?.['private_metadata'])),
      at('10:01'),
    );
    t.run('processQueue', at('10:02'));
    expect(t.rows('Blockers')).toEqual([expect.objectContaining({ Description: 'staging is down', Project: 'Alpha' })]);
  });

  test('a form with nothing in it is refused field by field, and nothing is queued', async () => {
    const t = await chatApp();
    const { answer } = t.interact(submission('shinchoku_progress', { done: { value: '' }, mood: {} }, '{}'));
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { done: '少なくとも 1 つの欄に記入してください', mood: '気分は 1〜5 から選んでください' },
    });
    expect(queued(t)).toEqual([]);
  });

  test('a form too large for the queue (Script Properties hold 9 KB a value) is recorded at once', async () => {
    const t = await chatApp();
    const long = '進捗'.repeat(1000);
    const { answer, stats } = t.interact(
      submission('shinchoku_progress', { done: { value: long }, planned: { value: long }, mood: { selected: '3' } }, '{"c":"C1","r":""}'),
      at('12:00'),
    );
    expect(answer).toBe('');
    expect(queued(t)).toEqual([]);
    expect(t.rows('Daily Reports')).toEqual([expect.objectContaining({ Done: long, Planned: long, Mood: 3 })]);
    // Still well inside Slack's 3 seconds.
    expect(stats.modeledMs).toBeLessThan(3000);
    t.run('processQueue', at('12:01'));
    const dm = (await fake.state()).slack.messages;
    expect(dm.map((m) => [m.requested, m.text])).toEqual([['U0TEST0001', '✅ 2026-01-05 の報告を記録しました。']]);
  });

  test('someone not in Members is recorded under their Slack name, and told', async () => {
    const t = await chatApp();
    t.slash('update ✅ x', { user: 'U0NEWBIE1', userName: 'newbie', time: at('10:00') });
    t.run('processQueue', at('10:01'));
    expect(t.rows('Daily Reports')).toEqual([expect.objectContaining({ Member: 'newbie', 'Slack User ID': 'U0NEWBIE1' })]);
    expect((await replies())[0]?.text).toContain('Members シートにあなたの Slack ユーザー ID U0NEWBIE1 がない');
  });
});

describe('the reminder buttons', () => {
  test.each([
    ['report_progress', 'shinchoku_progress'],
    ['report_blocker', 'shinchoku_blocker'],
  ])('%s opens the %s form', async (actionId, callbackId) => {
    const t = await chatApp();
    const { answer, stats } = t.interact({
      type: 'block_actions',
      user: { id: 'U0TEST0002', username: 'sato', team_id: SLACK.teamId },
      trigger_id: '12345.67890.abcdef',
      channel: { id: 'C0STANDUP1' },
      response_url: 'https://hooks.slack.com/actions/T0TEST/1/abc',
      actions: [{ action_id: actionId, block_id: 'shinchoku_report', type: 'button', value: 'x' }],
    });
    expect(answer).toBe('');
    expect(spreadsheetCalls(stats)).toBeLessThanOrEqual(2);
    const views = (await fake.state()).slack.views;
    expect(views.map((v) => v.view['callback_id'])).toEqual([callbackId]);
    expect(JSON.parse(String(views[0]?.view['private_metadata']))).toEqual({ c: 'C0STANDUP1', r: 'https://hooks.slack.com/actions/T0TEST/1/abc' });
  });
});

describe('without a bot token', () => {
  test('forms cannot open, and the answer says how to report instead', async () => {
    const t = await chatApp({ slack: 'webhook' });
    expect(t.slash('update').answer).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('SLACK_BOT_TOKEN') });
    expect((await fake.state()).slack.views).toEqual([]);
  });
});

describe('secrets', () => {
  test('no token or webhook URL reaches a sheet or the log', async () => {
    const t = await chatApp();
    t.slash('update ✅ a', { time: at('09:00') });
    t.slash('report team', { time: at('09:00') });
    t.run('sendStandupReminder', at('09:00'));
    t.run('sendDiscordDashboard', at('18:00'));
    t.run('processQueue', at('09:01'));
    const everything = JSON.stringify([t.app.state().slice('workbook', () => ({})), t.logs]);
    for (const secret of [SLACK.verificationToken, SLACK.botToken, SLACK.discordWebhook, 'test-webhook-token'])
      expect(everything).not.toContain(secret);
  });
});
