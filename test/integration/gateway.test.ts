import * as fs from 'node:fs';
import * as path from 'node:path';
import { readOutbound } from '../../local/fake';
import { listScriptProperties, setScriptProperty } from '../../local/services/properties';
import { newApp, type TestApp } from '../helpers/app';
import { discordKeys, hmacHex, startGateway, type GatewaySecrets, type RunningGateway } from '../helpers/gateway';
import { appendRows } from '../helpers/sheetRows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const published = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, any>> }>;
const pingExample = published.find((g) => g.name === 'ping')?.examples[0] as Record<string, any>;

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
const SLACK_DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA' +
    '&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
    '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
// GitHub's documented test values (docs.github.com ▸ Validating webhook deliveries).
const GITHUB_DOC = {
  secret: "It's a Secret to Everybody",
  body: 'Hello, World!',
  signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};

const APP_ID = '1100000000000000001';
const keys = discordKeys();
const secrets: GatewaySecrets = {
  SLACK_SIGNING_SECRET: SLACK_DOC.secret,
  GITHUB_WEBHOOK_SECRET: GITHUB_DOC.secret,
  GITLAB_WEBHOOK_TOKEN: 'gitlab-token-for-tests',
  DISCORD_PUBLIC_KEY: keys.publicKeyHex,
  DISCORD_APPLICATION_ID: APP_ID,
  GATEWAY_SECRET: 'gateway-secret-for-tests-0123456789abcdef',
};

let t: TestApp;
let gw: RunningGateway;
let progressToken: string;

const now = () => String(Math.floor(Date.now() / 1000));

function slackRequest(fields: Record<string, string>, at = now(), secret = secrets.SLACK_SIGNING_SECRET) {
  const body = new URLSearchParams(fields).toString();
  return {
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': at,
      'X-Slack-Signature': `v0=${hmacHex(secret, `v0:${at}:${body}`)}`,
    },
    body,
  };
}

function githubRequest(event: string, payload: unknown, delivery: string, secret = secrets.GITHUB_WEBHOOK_SECRET) {
  const body = JSON.stringify(payload);
  return {
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': delivery,
      'X-GitHub-Hook-ID': '42',
      'X-Hub-Signature-256': `sha256=${hmacHex(secret, body)}`,
    },
    body,
  };
}

let interactionSeq = 0;
function interaction(type: number, data: unknown, userId = '200000000000000001') {
  interactionSeq += 1;
  return {
    id: `13000000000000000${String(interactionSeq).padStart(2, '0')}`,
    application_id: APP_ID,
    type,
    token: `interaction-token-${interactionSeq}-${'x'.repeat(40)}`,
    version: 1,
    data,
    member: { user: { id: userId, username: 'hanako', global_name: 'Hanako' } },
    channel_id: '300000000000000001',
    guild_id: '400000000000000001',
  };
}

function discordRequest(value: unknown, at = now(), sign = keys.sign) {
  const body = JSON.stringify(value);
  return { headers: { 'Content-Type': 'application/json', 'X-Signature-Timestamp': at, 'X-Signature-Ed25519': sign(at, body) }, body };
}

const rows = (name: string) => t.sheet(name).filter((r, i) => i > 0 && r[0] !== '');
const githubEvents = () => rows('GitHub Events').length;

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 90_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await newApp('fake');
  expect(t.app.run('setup').error).toBeUndefined();
  setScriptProperty(t.state(), 'GATEWAY_SECRET', secrets.GATEWAY_SECRET);
  setScriptProperty(t.state(), 'SLACK_TEAM_ID', 'T1DC2JH3J');
  progressToken = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
  appendRows(t.state(), 'Members', [
    // Typed as text (a leading '), as the README says: 18 digits as a number would lose their last ones.
    { Name: '山田花子', 'Slack User ID': 'U2CERLKJA', 'Discord User ID': "'200000000000000001", Active: true },
    { Name: 'Taro', 'Discord User ID': Number('200000000000000099'), Active: true },
  ]);
  gw = await startGateway(t.dir, secrets, 5, { vars: { FORM_TIMEOUT_MS: '2800' } });
}, 120_000);

afterAll(async () => {
  await gw?.close();
});

describe('the gateway in workerd in front of the local web app', () => {
  test("Slack's documented signature example verifies in workerd, and only within its 300 s", async () => {
    const at = Number(SLACK_DOC.timestamp);
    expect(await gw.probe('slack', [SLACK_DOC.secret, SLACK_DOC.timestamp, SLACK_DOC.signature, SLACK_DOC.body, at + 299])).toEqual({ ok: true });
    expect(await gw.probe('slack', [SLACK_DOC.secret, SLACK_DOC.timestamp, SLACK_DOC.signature, SLACK_DOC.body + 'x', at])).toMatchObject({
      ok: false,
      reason: 'wrong X-Slack-Signature',
    });
    expect((await gw.probe('slack', [SLACK_DOC.secret, SLACK_DOC.timestamp, SLACK_DOC.signature, SLACK_DOC.body, at + 301])).reason).toMatch(
      /^stale timestamp/,
    );
    // Through the Worker the example is years old: refused, and nothing reaches the web app.
    const res = await gw.fetch('/slack', {
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': SLACK_DOC.timestamp,
        'X-Slack-Signature': SLACK_DOC.signature,
      },
      body: SLACK_DOC.body,
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error).toMatch(/stale timestamp/);
  });

  test("GitHub's documented X-Hub-Signature-256 example passes the Worker; the web app then refuses the body, not the signature", async () => {
    expect(await gw.probe('github', [GITHUB_DOC.secret, GITHUB_DOC.signature, GITHUB_DOC.body])).toEqual({ ok: true });
    const before = githubEvents();
    const res = await gw.fetch('/github', {
      headers: {
        'X-GitHub-Event': 'ping',
        'X-GitHub-Delivery': 'doc-example-1',
        'X-Hub-Signature-256': GITHUB_DOC.signature,
        'Content-Type': 'application/json',
      },
      body: GITHUB_DOC.body,
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false });
    expect(JSON.parse(res.body).error).not.toMatch(/signature/i);
    expect(githubEvents()).toBe(before);
  });

  test('a signed GitHub delivery is recorded and answered 200; tampered, wrong key and replayed deliveries are 401 and write nothing', async () => {
    const before = githubEvents();
    const good = githubRequest('ping', pingExample, 'delivery-1');
    const res = await gw.fetch('/github', good);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, event: 'ping', recorded: true });
    expect(githubEvents()).toBe(before + 1);

    const tampered = { ...good, body: good.body.replace('"zen":"', '"zen":"tampered ') };
    expect((await gw.fetch('/github', tampered)).status).toBe(401);
    expect((await gw.fetch('/github', githubRequest('ping', pingExample, 'delivery-2', 'not-the-secret'))).status).toBe(401);
    const replay = await gw.fetch('/github', good);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body).error).toMatch(/replayed delivery delivery-1/);
    expect(githubEvents()).toBe(before + 1);
  });

  test('a Slack slash command is answered in Slack’s shape; stale, tampered, replayed and retried requests write nothing', async () => {
    const work = () => Object.keys(listScriptProperties(t.state())).filter((k) => k.startsWith('CHAT_WORK_')).length;
    const fields = { team_id: 'T1DC2JH3J', user_id: 'U2CERLKJA', user_name: 'hanako', command: '/progress', text: 'help' };
    const help = await gw.fetch('/slack', slackRequest(fields));
    expect(help.status).toBe(200);
    expect(JSON.parse(help.body)).toMatchObject({ response_type: 'ephemeral' });

    const before = work();
    const blocker = slackRequest({ ...fields, text: 'blocker waiting for the staging database' });
    expect((await gw.fetch('/slack', blocker)).status).toBe(200);
    expect(work()).toBe(before + 1);
    expect((await gw.fetch('/slack', blocker)).status).toBe(401); // the same signed request again
    expect((await gw.fetch('/slack', { ...blocker, headers: { ...blocker.headers, 'X-Slack-Retry-Num': '1' } })).status).toBe(200);
    expect((await gw.fetch('/slack', slackRequest({ ...fields, text: 'blocker old' }, String(Number(now()) - 301)))).status).toBe(401);
    const forged = slackRequest({ ...fields, text: 'blocker forged' });
    expect((await gw.fetch('/slack', { ...forged, body: forged.body.replace('forged', 'forgeD') })).status).toBe(401);
    expect(work()).toBe(before + 1);
  });

  test('/progress takes the token as a Bearer header: right → the KPI row, wrong or missing → 401 and no row', async () => {
    const snapshot = JSON.stringify({
      overall_progress: 0.72,
      task_completion_rate: 0.85,
      quality_score: 4.2,
      team_satisfaction: 4,
      blockers_count: 2,
      avg_review_time: 5.5,
      deploy_success_rate: 0.95,
    });
    const wrong = await gw.fetch('/progress', { headers: { Authorization: 'Bearer nope', 'Content-Type': 'application/json' }, body: snapshot });
    expect(wrong.status).toBe(401);
    expect((await gw.fetch('/progress', { headers: { 'Content-Type': 'application/json' }, body: snapshot })).status).toBe(401);
    expect(rows('KPI Tracking')).toHaveLength(0);
    const ok = await gw.fetch('/progress', {
      headers: { Authorization: `Bearer ${progressToken}`, 'Content-Type': 'application/json' },
      body: snapshot,
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
    expect(rows('KPI Tracking')).toHaveLength(1);
  });

  test('Discord: PING → PONG; a wrong key, a tampered body and a stale timestamp → 401', async () => {
    const ping = { id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 };
    const pong = await gw.fetch('/discord', discordRequest(ping));
    expect(pong.status).toBe(200);
    expect(JSON.parse(pong.body)).toEqual({ type: 1 });
    const other = discordKeys();
    expect((await gw.fetch('/discord', discordRequest(ping, now(), other.sign))).status).toBe(401);
    const signed = discordRequest(ping);
    expect((await gw.fetch('/discord', { ...signed, body: signed.body.replace('"type":1', '"type":2') })).status).toBe(401);
    expect((await gw.fetch('/discord', discordRequest(ping, String(Number(now()) - 400)))).status).toBe(401);
  });

  test("Discord's form asks the team's Questions (the first 5); a bad number is said and not written; the answers land in their columns", async () => {
    // Two questions of the team's own; the sixth is beyond what one Discord modal holds.
    appendRows(t.state(), 'Questions', [
      { Order: 5, 'Text (ja)': '今日のレビュー件数', 'Text (en)': 'Reviews today', Kind: 'number', Required: false, Column: 'Q: Reviews today' },
      { Order: 6, 'Text (ja)': 'ペアプロしましたか', 'Text (en)': 'Paired today?', Kind: 'yes-no', Required: false, Column: 'Q: Paired today?' },
    ]);
    // An edit of Questions renews the web app's cached profile (onEdit), as a person typing there would.
    t.app.edit('Questions!B2', '今日終えたこと');
    const openForm = async () =>
      JSON.parse(
        (await gw.fetch('/discord', discordRequest(interaction(2, { id: '9', name: 'progress', type: 1, options: [{ type: 1, name: 'update' }] }))))
          .body,
      );
    const labels = (m: any) => m.data.components.map((row: any) => row.components[0].label);
    const expected = ['今日終えたこと', '今日実行予定のこと', 'ブロッカー・課題（1 行に 1 件）', '今日の気分（1〜5）', '今日のレビュー件数'];
    let modal = await openForm();
    // A web app slower than FORM_TIMEOUT_MS (a loaded machine) gives the default form once; the answer then fills the cache.
    for (let i = 0; i < 20 && labels(modal)[0] !== expected[0]; i++) {
      await new Promise((r) => setTimeout(r, 250));
      modal = await openForm();
    }
    expect(modal.type).toBe(9);
    expect(labels(modal)).toEqual(expected);
    expect(modal.data.components[4].components[0]).toMatchObject({ custom_id: 'q:Q: Reviews today', style: 1, placeholder: '数値' });
    // The health answer says what Discord asks and what it leaves to the Slack form.
    const health = JSON.parse((await gw.fetch('/health', { method: 'GET' })).body);
    expect(health.webApp.discordForm).toMatchObject({ asks: expected, questions: 6, notAsked: ['Q: Paired today?'] });
    expect(health.webApp.discordForm.note).toContain('5 問まで');

    const submit = (reviews: string) => {
      const values: Record<string, string> = {
        done: 'API のレビュー',
        planned: 'リリース準備',
        blockers: '',
        mood: '４',
        'q:Q: Reviews today': reviews,
      };
      return interaction(5, {
        custom_id: modal.data.custom_id,
        components: Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })),
      });
    };
    const bad = submit('たくさん');
    expect(JSON.parse((await gw.fetch('/discord', discordRequest(bad))).body)).toEqual({ type: 5, data: { flags: 64 } });
    const said = await waitFor('the edited answer to the bad form', () =>
      readOutbound(t.state()).find((r) => r.method === 'PATCH' && r.url.includes(`/${bad.token}/messages/@original`)),
    );
    expect((said.body as { content: string }).content).toContain('今日のレビュー件数: 数値を入力してください');
    expect((said.body as { content: string }).content).toContain('報告は記録していません');
    expect(rows('Daily Reports').find((r) => r.includes('山田花子'))).toBeUndefined();

    const good = submit('3');
    expect(JSON.parse((await gw.fetch('/discord', discordRequest(good))).body)).toEqual({ type: 5, data: { flags: 64 } });
    const row = await waitFor('the Daily Reports row', () => rows('Daily Reports').find((r) => r.includes('山田花子')));
    const header = t.sheet('Daily Reports')[0] as string[];
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('Done'), cell('Planned'), cell('Mood'), cell('Q: Reviews today'), cell('Slack User ID')]).toEqual([
      'API のレビュー',
      'リリース準備',
      4,
      3,
      'U2CERLKJA',
    ]);
    expect(header).not.toContain('Q: Paired today?');
  }, 120_000);

  test('a web app that hangs or fails: /progress update still opens the default form in time', async () => {
    const http = await import('node:http');
    let mode: 'hang' | 'fail' = 'hang';
    const server = http.createServer((_req, res) => {
      if (mode === 'fail') res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html>Apps Script error</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const port = (server.address() as { port: number }).port;
    const slow = await startGateway(t.dir, secrets, 60, { webAppUrl: `http://127.0.0.1:${port}/exec`, vars: { FORM_TIMEOUT_MS: '300' } });
    try {
      const open = async () =>
        JSON.parse(
          (
            await slow.fetch(
              '/discord',
              discordRequest(interaction(2, { id: '9', name: 'progress', type: 1, options: [{ type: 1, name: 'update' }] })),
            )
          ).body,
        );
      const defaults = ['完了事項', '今日実行予定のこと', 'ブロッカー・課題（1 行に 1 件）', '今日の気分（1〜5）'];
      for (const m of ['hang', 'fail'] as const) {
        mode = m;
        const modal = await open();
        expect(modal.type).toBe(9);
        expect(modal.data.components.map((row: any) => row.components[0].custom_id)).toEqual(['done', 'planned', 'blockers', 'mood']);
        expect(modal.data.components.map((row: any) => row.components[0].label)).toEqual(defaults);
      }
    } finally {
      await slow.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 120_000);

  test('a deferred /progress kpi ends as an edited message with the KPI embed at the fake Discord', async () => {
    const kpi = interaction(2, { id: '9', name: 'progress', type: 1, options: [{ type: 1, name: 'kpi' }] });
    const res = await gw.fetch('/discord', discordRequest(kpi));
    expect(JSON.parse(res.body)).toEqual({ type: 5 });
    const edit = await waitFor('the PATCH of @original', () =>
      readOutbound(t.state()).find(
        (r) => r.method === 'PATCH' && r.url.includes(`/webhooks/${APP_ID}/${kpi.token}/`) && r.url.endsWith('/messages/@original'),
      ),
    );
    expect(edit.status).toBe(200);
    expect(edit.url).toContain('discord.com/api/v10/');
    const body = edit.body as { embeds: Array<{ fields: Array<{ name: string; value: string }>; footer: { text: string } }> };
    expect(body.embeds[0]?.fields.map((f) => f.name)).toEqual(['全体進捗', '生産性スコア', '品質スコア', 'チーム満足度']);
    expect(body.embeds[0]?.fields[0]?.value).toContain('72');
    expect(body.embeds[0]?.footer.text).toBeTruthy();
    // The token edited the message; the sheet never held it.
    expect(JSON.stringify(t.sheet('Outbox'))).not.toContain(kpi.token);
  }, 120_000);

  test("/progress report [member]: a member's reports and blockers, said to the one who asked; someone unknown is named", async () => {
    const TARO = '200000000000000099';
    const edited = (token: string) =>
      waitFor('the PATCH of @original', () =>
        readOutbound(t.state()).find((r) => r.method === 'PATCH' && r.url.includes(`/${token}/messages/@original`)),
      );
    appendRows(t.state(), 'Daily Reports', [{ Date: '2026-01-05', Member: 'Taro', Done: 'ログイン画面', Planned: 'E2E テスト', Mood: 4 }]);
    const blocker = interaction(
      2,
      { id: '9', name: 'progress', type: 1, options: [{ type: 1, name: 'blocker', options: [{ type: 3, name: 'text', value: 'CI が赤い' }] }] },
      TARO,
    );
    expect(JSON.parse((await gw.fetch('/discord', discordRequest(blocker))).body)).toEqual({ type: 5, data: { flags: 64 } });
    await edited(blocker.token);

    // 山田花子 asks for Taro's progress: Discord sends the picked user's id, and the user resolved beside it.
    const ask = (member: string | null, by?: string) =>
      interaction(
        2,
        {
          id: '9',
          name: 'progress',
          type: 1,
          options: [{ type: 1, name: 'report', ...(member ? { options: [{ type: 6, name: 'member', value: member }] } : {}) }],
          ...(member ? { resolved: { users: { [member]: { id: member, username: 'someone', global_name: 'Someone Else' } } } } : {}),
        },
        by,
      );
    const forTaro = ask(TARO);
    expect(JSON.parse((await gw.fetch('/discord', discordRequest(forTaro))).body)).toEqual({ type: 5, data: { flags: 64 } });
    const body = (await edited(forTaro.token)).body as { embeds: Array<{ title: string; fields: Array<{ name: string; value: string }> }> };
    expect(body.embeds[0]?.title).toBe('📈 Taro さんの進捗');
    expect(body.embeds[0]?.fields.map((f) => f.name)).toEqual(['最近の報告', '未解決のブロッカー（1）', '開発活動（直近 7 日、Developer Metrics）']);
    expect(body.embeds[0]?.fields[2]?.value).toBe('記録なし');
    expect(body.embeds[0]?.fields[0]?.value).toContain('**2026-01-05**  気分 4/5\n完了: ログイン画面\n予定: E2E テスト');
    expect(body.embeds[0]?.fields[1]?.value).toContain('CI が赤い');

    // Without a member, Taro's own; someone not in Members is said by the name Discord gave, with what to fix.
    const own = ask(null, TARO);
    await gw.fetch('/discord', discordRequest(own));
    expect(((await edited(own.token)).body as { embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('📈 Taro さんの進捗');
    const stranger = ask('200000000000000077');
    await gw.fetch('/discord', discordRequest(stranger));
    expect(((await edited(stranger.token)).body as { content: string }).content).toBe(
      '「Someone Else」（Discord ユーザー ID 200000000000000077）は Members シートにいません。管理者に「Discord User ID」列への追加を頼んでください。',
    );
  }, 120_000);

  test('GitLab: a wrong token is 401; a merge request is recorded once per Idempotency-Key; the sender limit answers 429', async () => {
    const mergeRequest = fs.readFileSync(path.join(__dirname, '../fixtures/gitlab/merge_request.open.json'), 'utf8');
    const iid = String((JSON.parse(mergeRequest) as { object_attributes: { iid: number } }).object_attributes.iid);
    const headers = { 'X-Gitlab-Event': 'Merge Request Hook', 'X-Gitlab-Instance': 'https://gitlab.example.com', 'Content-Type': 'application/json' };
    const send = (key: string, token = secrets.GITLAB_WEBHOOK_TOKEN, body = mergeRequest) =>
      gw.fetch('/gitlab', { headers: { ...headers, 'X-Gitlab-Token': token, 'Idempotency-Key': key }, body });
    expect((await send('k0', 'wrong')).status).toBe(401);
    const start = rows('GitLab Events').length;
    const first = await send('k1');
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ ok: true, recorded: true });
    const added = rows('GitLab Events').slice(start);
    expect(added).toHaveLength(1);
    expect(JSON.stringify(added[0])).toContain(`!${iid}`);
    // GitLab's retry of the same delivery is answered 2xx (the hook stays enabled) and adds no row.
    const again = await send('k1');
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ ok: true, duplicate: true });
    expect(rows('GitLab Events')).toHaveLength(start + 1);
    // Not a GitLab event: refused by name (4xx, not retried), nothing written.
    const before = rows('GitLab Events').length;
    const notGitLab = await send('k2', secrets.GITLAB_WEBHOOK_TOKEN, '{}');
    expect(notGitLab.status).toBeGreaterThanOrEqual(400);
    expect(notGitLab.status).toBeLessThan(500);
    expect(JSON.parse(notGitLab.body).error).toMatch(/object_kind/);
    expect(rows('GitLab Events')).toHaveLength(before);
    const statuses: number[] = [];
    for (let i = 3; i <= 5; i++) statuses.push((await send(`k${i}`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  test('/health reports the web app and which secrets are set, nothing secret', async () => {
    const res = await gw.fetch('/health', { method: 'GET' });
    const health = JSON.parse(res.body);
    expect(res.status).toBe(200);
    expect(health).toMatchObject({ ok: true, configured: { slack: true, github: true, gitlab: true, discord: true, gatewaySecret: true } });
    expect(res.body).not.toContain(secrets.GATEWAY_SECRET);
  });
});

describe('the web app side of the gateway (doPost ?source=gateway)', () => {
  const envelope = JSON.stringify({ source: 'progress', event: '', delivery: 'd-1', contentType: 'application/json', body: '{}', authorization: '' });
  const post = (query: string, body = envelope) => JSON.parse(JSON.parse(t.app.post(query, body, 'application/json').response.body).body ?? '{}');
  const answer = (query: string, body = envelope) => JSON.parse(t.app.post(query, body, 'application/json').response.body);

  test('a wrong signature or a stale timestamp is refused with 401', () => {
    const ts = now();
    expect(answer(`source=gateway&ts=${ts}&sig=${'0'.repeat(64)}`)).toMatchObject({ ok: false, status: 401 });
    const old = String(Number(ts) - 301);
    expect(answer(`source=gateway&ts=${old}&sig=${hmacHex(secrets.GATEWAY_SECRET, `${old}.${envelope}`)}`)).toMatchObject({ ok: false, status: 401 });
    expect(post(`source=gateway&ts=${old}&sig=x`).error).toMatch(/stale timestamp/);
  });

  test('DIRECT_WEBHOOKS off refuses the direct sources; the gateway still works', () => {
    const settings = t.sheet('Settings');
    const row = settings.findIndex((r) => r[0] === 'DIRECT_WEBHOOKS') + 1;
    t.app.edit(`Settings!B${row}`, 'off');
    try {
      const direct = JSON.parse(t.app.post(`source=progress&token=${progressToken}`, '{"overall_progress":0.5}', 'application/json').response.body);
      expect(direct).toEqual({ ok: false, error: expect.stringMatching(/^direct webhooks are off/) });
    } finally {
      t.app.edit(`Settings!B${row}`, 'on');
    }
  });

  test('the direct path is rate limited per source and token; past the limit nothing is written', () => {
    const settings = t.sheet('Settings');
    const row = settings.findIndex((r) => r[0] === 'DIRECT_RATE_LIMIT') + 1;
    t.app.edit(`Settings!B${row}`, '2');
    try {
      const send = (token: string) =>
        JSON.parse(t.app.post(`source=github&token=${token}&event=ping`, JSON.stringify(pingExample), 'application/json').response.body);
      const token = t.prop('WEBHOOK_TOKEN_GITHUB') as string;
      const before = githubEvents();
      const first = send(token);
      expect(first.ok).toBe(true);
      expect(send(token).ok).toBe(true);
      expect(send(token)).toEqual({ ok: false, error: expect.stringMatching(/^rate limited: more than 2 posts a minute to source=github/) });
      // Counted per token: a post with another (wrong) token has its own count, and is refused for its token.
      expect(JSON.parse(t.app.post(`source=github&token=wrong&event=ping`, '{}', 'application/json').response.body).error).toBe(
        'missing or wrong token',
      );
      // The second post was a duplicate of the first (or both of the gateway's earlier one): at most one row.
      expect(githubEvents()).toBe(before + (first.recorded ? 1 : 0));
    } finally {
      t.app.edit(`Settings!B${row}`, '120');
    }
  });

  test('a Slack response_url is only ever followed to https://hooks.slack.com/', () => {
    setScriptProperty(t.state(), 'SLACK_VERIFICATION_TOKEN', 'verificationtoken0123456789');
    const command = (responseUrl: string) =>
      JSON.parse(
        t.app.post(
          'source=slack',
          new URLSearchParams({
            token: 'verificationtoken0123456789',
            team_id: 'T1DC2JH3J',
            user_id: 'U2CERLKJA',
            command: '/progress',
            text: 'blocker the build is red',
            response_url: responseUrl,
          }).toString(),
          'application/x-www-form-urlencoded',
        ).response.body,
      );
    const work = () => Object.keys(listScriptProperties(t.state())).filter((k) => k.startsWith('CHAT_WORK_')).length;
    const before = work();
    expect(command('https://attacker.example/collect').text).toMatch(/response_url must be a https:\/\/hooks\.slack\.com\/ URL/);
    expect(command('https://hooks.slack.com.attacker.example/x').text).toMatch(/response_url must be/);
    expect(work()).toBe(before);
    expect(command('https://hooks.slack.com/commands/T1DC2JH3J/1/abc').response_type).toBe('ephemeral');
    expect(work()).toBe(before + 1);
  });
});
