import * as fs from 'node:fs';
import * as path from 'node:path';
import { listScriptProperties } from '../../local/services/properties';
import { listTriggers } from '../../local/services/script';
import { dumpWorkbook, readUi } from '../../local/services/spreadsheet';
import { newApp, type TestApp } from '../helpers/app';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';

/**
 * The setup sidebar through build/Code.js, called as google.script.run calls it, with Slack, Discord and GitHub
 * played by a server on loopback (LOCAL_FETCH_PROXY sends every UrlFetchApp request there).
 */
const BOT = 'xoxb-' + '1111111111-2222222222222-GoodGoodGoodGoodGoodGood';
const BOT_REVOKED = 'xoxb-' + '1111111111-2222222222222-RevokedRevokedRevoked';
const BOT_OTHER_TEAM = 'xoxb-' + '1111111111-2222222222222-OtherTeamOtherTeamOther';
const BOT_WRONG = 'xoxb-' + '1111111111-2222222222222-WrongWrongWrongWrongWrong';
const VERIFY = 'Vf3kQ9xLm2Rt8Yp4Zs6Wn1Cb';
const DISCORD = 'https://discord.com/api/webhooks/' + '123456789012345678/GoodHook_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-abcdefghijklmnop';
const DISCORD_BAD_TOKEN = 'https://discord.com/api/webhooks/' + '123456789012345678/BadHook_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-abcdefghijklmnopq';
const DISCORD_DELETED = 'https://discord.com/api/webhooks/' + '999999999999999999/GoodHook_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-abcdefghijklmnop';
const GITHUB = 'github_pat_' + '11GOODGOOD0aBcDeFgHiJkLmN_oPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwxyzABCD';
const GITHUB_BAD = 'github_pat_' + '11BADBADBA0aBcDeFgHiJkLmN_oPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwxyzABCD';
const SECRETS = [BOT, VERIFY, DISCORD, GITHUB];

/** Runs on the server's own thread: it must not close over anything of this file. */
const fakeServices = `(req) => {
  const json = (status, body) => ({ status, headers: { 'Content-Type': 'application/json' }, body });
  const url = new URL(req.target);
  const auth = req.headers['authorization'] || '';
  if (url.host === 'slack.com' && url.pathname === '/api/auth.test') {
    if (req.method !== 'POST') return json(200, { ok: false, error: 'invalid_request' });
    const token = auth.replace(/^Bearer /, '');
    if (token.endsWith('GoodGoodGoodGoodGood')) return json(200, { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'shinchoku', team_id: 'T0ACME0001', user_id: 'U0BOT', bot_id: 'B0BOT', is_enterprise_install: false });
    if (token.endsWith('OtherTeamOther')) return json(200, { ok: true, team: 'Elsewhere', user: 'shinchoku', team_id: 'T0OTHER002', user_id: 'U1', bot_id: 'B1' });
    if (token.endsWith('RevokedRevoked')) return json(200, { ok: false, error: 'token_revoked' });
    return json(200, { ok: false, error: 'invalid_auth' });
  }
  if (url.host === 'discord.com') {
    const m = /^\\/api\\/webhooks\\/(\\d+)\\/([^/]+)$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return json(405, { message: '405: Method Not Allowed', code: 0 });
    if (m[1] !== '123456789012345678') return json(404, { message: 'Unknown Webhook', code: 10015 });
    if (!m[2].startsWith('GoodHook')) return json(401, { message: 'Invalid Webhook Token', code: 50027 });
    return json(200, { type: 1, id: m[1], name: 'shinchoku-progress', avatar: null, channel_id: '42', guild_id: '7', application_id: null, token: m[2] });
  }
  if ((url.host === 'api.github.com' && url.pathname === '/graphql') || (url.host === 'ghe.example.com' && url.pathname === '/api/graphql')) {
    if (!/^bearer github_pat_11GOOD/i.test(auth)) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
    const { variables = {} } = JSON.parse(req.body);
    const data = { viewer: { login: url.host === 'api.github.com' ? 'octo-lead' : 'ghe-lead' } };
    const errors = [];
    for (let i = 0; 'o' + i in variables; i++) {
      const full = variables['o' + i] + '/' + variables['n' + i];
      if (variables['o' + i] === 'acme') data['r' + i] = { nameWithOwner: full };
      else {
        data['r' + i] = null;
        errors.push({ type: 'NOT_FOUND', path: ['r' + i], message: "Could not resolve to a Repository with the name '" + full + "'." });
      }
    }
    return json(200, errors.length ? { data, errors } : { data });
  }
  return undefined;
}`;

const FULL_FORM = {
  SLACK_BOT_TOKEN: BOT,
  SLACK_VERIFICATION_TOKEN: VERIFY,
  SLACK_TEAM_ID: '',
  STANDUP_CHANNEL: '#asakai',
  PROGRESS_CHANNEL: '#shinchoku',
  CODE_REVIEW_CHANNEL: 'C0REVIEW123',
  DISCORD_WEBHOOK_URL: DISCORD,
  GITHUB_TOKEN: GITHUB,
  GITHUB_API_URL: '',
  GITHUB_REPOSITORIES: 'acme/api\nacme/web',
  REPORT_RECIPIENTS: 'lead@example.com\ncto@example.com',
};

type Answer = {
  ok: boolean;
  errors?: Array<{ field: string; message: string }>;
  checks: Array<{ service: string; ok: boolean; field: string; message: string }>;
  summary?: string[];
  state?: Record<string, unknown>;
};

let services: LoopbackServer;
beforeAll(async () => {
  services = await startLoopbackServer({ handlerSource: fakeServices });
  process.env['LOCAL_FETCH_PROXY'] = services.url;
});
afterAll(async () => {
  delete process.env['LOCAL_FETCH_PROXY'];
  await services.close();
});
beforeEach(() => services.clear());

const AT = new Date('2026-01-05T10:00:00+09:00');

function save(t: TestApp, form: unknown): Answer {
  const result = t.app.run('saveSetup', { args: [form], at: AT });
  expect(result.error).toBeUndefined();
  return result.value as Answer;
}

/** Everything a failed save could have touched: the properties and every sheet. */
function snapshot(t: TestApp): unknown {
  return { properties: listScriptProperties(t.state()), workbook: dumpWorkbook(t.state(), {}) };
}

/** Every file of the local state but the Script Properties, where secrets belong. */
function stateFilesButProperties(t: TestApp): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'properties.json') out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(t.dir);
  return out.join('\n');
}

describe('the setup sidebar through build/Code.js', () => {
  test('the menu handler shows the sidebar, in Japanese by default, with no value in it', async () => {
    const t = await newApp();
    expect(t.app.run('openSetup', { at: AT }).error).toBeUndefined();
    const dialog = readUi(t.state()).dialog;
    expect(dialog).toMatchObject({ kind: 'sidebar', title: 'セットアップ' });
    const html = dialog?.html ?? '';
    expect(html).toContain('<html lang="ja">');
    for (const key of Object.keys(FULL_FORM)) expect(html).toContain(`id="f-${key}"`);
    expect(html).toContain('確認して保存');
    // Opening it changes nothing: the form asks setupSidebarState for its values, and saving runs setup.
    expect(Object.keys(dumpWorkbook(t.state(), {}))).toEqual(['Sheet1']);
  });

  test('a full setup: live checks, secrets saved to Script Properties only, sheets, tokens, triggers, URLs', async () => {
    const t = await newApp();
    const before = t.app.run('setupSidebarState', { at: AT }).value as {
      secrets: Record<string, { set: boolean }>;
      urls: unknown;
      deployed: boolean;
    };
    expect(before.secrets['SLACK_BOT_TOKEN']).toEqual({ set: false, masked: '' });
    expect(before).toMatchObject({ deployed: true, urls: null });

    const answer = save(t, FULL_FORM);
    expect(answer.errors).toBeUndefined();
    expect(answer.ok).toBe(true);
    expect(answer.checks.map((c) => [c.service, c.ok, c.message])).toEqual([
      ['Slack', true, 'Slack: Acme に shinchoku として接続できました'],
      ['Discord', true, 'Discord: ウェブフック「shinchoku-progress」に接続できました'],
      ['GitHub', true, 'GitHub: octo-lead として接続できました'],
    ]);
    expect(answer.summary).toEqual([
      expect.stringMatching(/^シートを \d+ 枚作成しました$/),
      'Webhook のトークンを作成しました',
      expect.stringMatching(/^Settings シートに設定を \d+ 行追加しました$/),
      'トリガー: 1 件を作成',
      'チーム ID を Bot トークンから設定しました: T0ACME0001',
      '保存した項目: Bot トークン、検証トークン、Webhook URL、アクセストークン、チーム ID、朝会リマインドのチャンネル、進捗リマインドと日次サマリーのチャンネル、コードレビューのチャンネル、対象リポジトリ、送信先メールアドレス',
    ]);

    // The three checks went out together, each with its token in a header.
    const requests = await services.requests();
    expect(requests.map((r) => `${r.method} ${r.target.replace(/webhooks\/.*/, 'webhooks/…')}`).sort()).toEqual([
      'GET https://discord.com/api/webhooks/…',
      'POST https://api.github.com/graphql',
      'POST https://slack.com/api/auth.test',
    ]);
    expect(requests.find((r) => r.target.includes('auth.test'))?.headers['authorization']).toBe(`Bearer ${BOT}`);
    expect(JSON.parse(requests.find((r) => r.target.includes('graphql'))?.body ?? '{}')).toMatchObject({
      variables: { o0: 'acme', n0: 'api', o1: 'acme', n1: 'web' },
    });

    expect(t.prop('SLACK_BOT_TOKEN')).toBe(BOT);
    expect(t.prop('SLACK_VERIFICATION_TOKEN')).toBe(VERIFY);
    expect(t.prop('DISCORD_WEBHOOK_URL')).toBe(DISCORD);
    expect(t.prop('GITHUB_TOKEN')).toBe(GITHUB);
    expect(t.prop('SLACK_TEAM_ID')).toBe('T0ACME0001');
    expect(t.prop('GITHUB_API_URL')).toBeNull();
    expect(t.prop('WEBHOOK_TOKEN_PROGRESS')).toMatch(/^[0-9a-f]{64}$/);
    expect(listTriggers(t.state()).map((tr) => tr.handlerFunction)).toEqual(['dispatch', 'dispatchWake']);

    const settings = new Map(
      t
        .sheet('Settings')
        .slice(1)
        .map((row) => [row[0], row[1]]),
    );
    expect(settings.get('STANDUP_CHANNEL')).toBe('#asakai');
    expect(settings.get('CODE_REVIEW_CHANNEL')).toBe('C0REVIEW123');
    expect(settings.get('GITHUB_REPOSITORIES')).toBe('acme/api, acme/web');
    expect(settings.get('REPORT_RECIPIENTS')).toBe('lead@example.com, cto@example.com');

    // What the sidebar gets back: masked secrets, and each source's URL (the one place a webhook token is shown).
    const state = answer.state as {
      secrets: Record<string, { set: boolean; masked: string }>;
      values: Record<string, string>;
      urls: Record<string, string>;
    };
    expect(state.secrets['SLACK_BOT_TOKEN']).toEqual({ set: true, masked: 'xoxb-…Good' });
    expect(state.secrets['DISCORD_WEBHOOK_URL']?.masked).toBe('discord.com/api/webhooks/…mnop');
    expect(state.values['SLACK_TEAM_ID']).toBe('T0ACME0001');
    expect(state.urls).toEqual({
      progress: `https://script.google.com/macros/s/LOCAL_DEPLOYMENT_ID/exec?source=progress&token=${t.prop('WEBHOOK_TOKEN_PROGRESS')}`,
      github: `https://script.google.com/macros/s/LOCAL_DEPLOYMENT_ID/exec?source=github&token=${t.prop('WEBHOOK_TOKEN_GITHUB')}`,
      gitlab: `https://script.google.com/macros/s/LOCAL_DEPLOYMENT_ID/exec?source=gitlab&token=${t.prop('WEBHOOK_TOKEN_GITLAB')}`,
      slack: 'https://script.google.com/macros/s/LOCAL_DEPLOYMENT_ID/exec?source=slack',
    });
    expect(t.app.run('setupSidebarState', { at: AT }).value).toEqual(state);

    // Opening the sidebar again, the menu, the webhook dialog and the health answer: no secret anywhere but in the properties.
    t.app.run('openSetup', { at: AT });
    t.app.run('onOpen', { at: AT, kind: 'simple' });
    t.app.get('action=health', AT);
    const seen = [
      JSON.stringify(answer),
      JSON.stringify(t.app.run('setupSidebarState', { at: AT }).value),
      JSON.stringify(readUi(t.state())),
      JSON.stringify(dumpWorkbook(t.state(), {})),
      t.logs.join('\n'),
      stateFilesButProperties(t),
    ];
    for (const text of seen) for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(readUi(t.state()).dialog?.html).not.toMatch(/xox[bp]-\d|github_pat_\w|discord\.com\/api\/webhooks\/\d/);
    expect(t.logs.join('\n')).toContain(
      'saveSetup: saved [SLACK_BOT_TOKEN, SLACK_VERIFICATION_TOKEN, DISCORD_WEBHOOK_URL, GITHUB_TOKEN, SLACK_TEAM_ID',
    );
  });

  test('each failure names the field and what the service said, and saves nothing', async () => {
    const t = await newApp();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ SLACK_BOT_TOKEN: BOT_WRONG }, 'SLACK_BOT_TOKEN', /^Bot トークン: Slack がトークンを受け付けませんでした（auth\.test: invalid_auth）$/],
      [{ SLACK_BOT_TOKEN: BOT_REVOKED }, 'SLACK_BOT_TOKEN', /token_revoked/],
      [{ SLACK_BOT_TOKEN: BOT_OTHER_TEAM, SLACK_TEAM_ID: 'T0ACME0001' }, 'SLACK_TEAM_ID', /T0OTHER002（Elsewhere）/],
      [{ SLACK_BOT_TOKEN: 'xoxp-1111-2222-3333-abcdef' }, 'SLACK_BOT_TOKEN', /ユーザートークン（xoxp-）/],
      [{ SLACK_VERIFICATION_TOKEN: 'not a token' }, 'SLACK_VERIFICATION_TOKEN', /Verification Token/],
      [{ SLACK_TEAM_ID: 'acme' }, 'SLACK_TEAM_ID', /T で始まるチーム ID/],
      [{ DISCORD_WEBHOOK_URL: DISCORD_BAD_TOKEN }, 'DISCORD_WEBHOOK_URL', /Invalid Webhook Token/],
      [{ DISCORD_WEBHOOK_URL: DISCORD_DELETED }, 'DISCORD_WEBHOOK_URL', /Unknown Webhook/],
      [{ DISCORD_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/abc' }, 'DISCORD_WEBHOOK_URL', /discord\.com\/api\/webhooks/],
      [{ GITHUB_TOKEN: GITHUB_BAD }, 'GITHUB_TOKEN', /Bad credentials/],
      [{ GITHUB_TOKEN: GITHUB, GITHUB_REPOSITORIES: 'acme/api\nrival/secret-plans' }, 'GITHUB_REPOSITORIES', /rival\/secret-plans/],
      [{ GITHUB_TOKEN: GITHUB, GITHUB_API_URL: 'https://ghe.example.org/api/v3' }, 'GITHUB_API_URL', /GraphQL API/],
      [{ GITHUB_API_URL: 'https://github.com/acme' }, 'GITHUB_API_URL', /API の URL ではありません/],
      [{ STANDUP_CHANNEL: 'asakai' }, 'STANDUP_CHANNEL', /#name/],
      [{ REPORT_RECIPIENTS: 'lead@example.com, someone' }, 'REPORT_RECIPIENTS', /someone/],
      [{ GITHUB_REPOSITORIES: 'https://github.com/acme/api' }, 'GITHUB_REPOSITORIES', /owner\/name/],
      [{ GITHUB_TOKEN: GITHUB, GITHUB_REPOSITORIES: `acme/${GITHUB}` }, 'GITHUB_REPOSITORIES', /秘密の値/],
      [{ SLACK_BOT_TOKEN: BOT, DISCORD_WEBHOOK_URL: DISCORD_BAD_TOKEN }, 'DISCORD_WEBHOOK_URL', /Invalid Webhook Token/],
      [{ WEBHOOK_TOKEN_PROGRESS: 'mine' }, 'WEBHOOK_TOKEN_PROGRESS', /知らない項目/],
      [{ clear: ['STANDUP_CHANNEL'] }, 'clear', /トークンだけ/],
    ];
    const untouched = snapshot(t);
    for (const [form, field, message] of cases) {
      const answer = save(t, form);
      expect({ form, ok: answer.ok }).toEqual({ form, ok: false });
      expect({ form, errors: answer.errors?.map((e) => e.field) }).toEqual({ form, errors: [field] });
      expect(answer.errors?.[0]?.message).toMatch(message);
      expect(snapshot(t)).toEqual(untouched);
    }
    // One good token beside a bad one: its check passed, and it was not saved either.
    const mixed = save(t, { SLACK_BOT_TOKEN: BOT, DISCORD_WEBHOOK_URL: DISCORD_BAD_TOKEN });
    expect(mixed.checks.map((c) => [c.service, c.ok])).toEqual([
      ['Slack', true],
      ['Discord', false],
    ]);
    expect(t.prop('SLACK_BOT_TOKEN')).toBeNull();
    // Format problems are found before any request is sent.
    await services.clear();
    save(t, { SLACK_BOT_TOKEN: 'xoxp-1111-2222-3333-abcdef', GITHUB_TOKEN: GITHUB });
    expect(await services.requests()).toEqual([]);
  });

  test('an unreachable service is named, with no secret in the message', async () => {
    const t = await newApp();
    process.env['LOCAL_FETCH_PROXY'] = 'http://127.0.0.1:9';
    try {
      const answer = save(t, { DISCORD_WEBHOOK_URL: DISCORD, GITHUB_TOKEN: GITHUB });
      expect(answer.ok).toBe(false);
      expect(answer.errors?.map((e) => e.field)).toEqual(['DISCORD_WEBHOOK_URL', 'GITHUB_TOKEN']);
      expect(answer.errors?.[0]?.message).toMatch(/^Webhook URL: discord\.com に接続できませんでした: /);
      expect(answer.errors?.[1]?.message).toMatch(/^アクセストークン: api\.github\.com に接続できませんでした: /);
      for (const secret of SECRETS) expect(JSON.stringify(answer)).not.toContain(secret);
      expect(JSON.stringify(answer)).not.toContain('GoodHook');
      expect(t.prop('DISCORD_WEBHOOK_URL')).toBeNull();
    } finally {
      process.env['LOCAL_FETCH_PROXY'] = services.url;
    }
  });

  test('GitHub Enterprise Server: the check goes to https://HOST/api/graphql and the API URL is kept', async () => {
    const t = await newApp();
    const answer = save(t, { GITHUB_TOKEN: GITHUB, GITHUB_API_URL: 'https://ghe.example.com/api/v3/', GITHUB_REPOSITORIES: 'acme/api' });
    expect(answer.checks).toEqual([expect.objectContaining({ service: 'GitHub', ok: true, message: 'GitHub: ghe-lead として接続できました' })]);
    expect((await services.requests()).map((r) => r.target)).toEqual(['https://ghe.example.com/api/graphql']);
    expect(t.prop('GITHUB_API_URL')).toBe('https://ghe.example.com/api/v3');
  });

  test('saving again: blank secrets keep theirs with no call, changed fields only are checked, a token can be removed', async () => {
    const t = await newApp();
    expect(save(t, FULL_FORM).ok).toBe(true);
    const tokens = [t.prop('WEBHOOK_TOKEN_PROGRESS'), t.prop('WEBHOOK_TOKEN_GITHUB')];
    await services.clear();

    const again = save(t, {
      ...FULL_FORM,
      SLACK_BOT_TOKEN: '',
      SLACK_VERIFICATION_TOKEN: '',
      DISCORD_WEBHOOK_URL: '',
      GITHUB_TOKEN: '',
      SLACK_TEAM_ID: 'T0ACME0001',
    });
    expect(again.ok).toBe(true);
    expect(again.summary).toContain('入力に変更はありません');
    expect(await services.requests()).toEqual([]);
    expect([t.prop('WEBHOOK_TOKEN_PROGRESS'), t.prop('WEBHOOK_TOKEN_GITHUB')]).toEqual(tokens);
    expect(t.prop('SLACK_BOT_TOKEN')).toBe(BOT);

    const moreRepos = save(t, { GITHUB_REPOSITORIES: 'acme/api\nacme/mobile' });
    expect(moreRepos.checks.map((c) => c.service)).toEqual(['GitHub']);
    expect(
      new Map(
        t
          .sheet('Settings')
          .slice(1)
          .map((r) => [r[0], r[1]]),
      ).get('GITHUB_REPOSITORIES'),
    ).toBe('acme/api, acme/mobile');

    const removed = save(t, { clear: ['DISCORD_WEBHOOK_URL'] });
    expect(removed.summary).toContain('削除した項目: Webhook URL');
    expect(t.prop('DISCORD_WEBHOOK_URL')).toBeNull();
    expect((removed.state as { secrets: Record<string, unknown> }).secrets['DISCORD_WEBHOOK_URL']).toEqual({ set: false, masked: '' });
  });

  test('in English with LANGUAGE=en', async () => {
    const t = await newApp();
    t.app.run('setup', { at: AT });
    t.app.edit('Settings!B2', 'en');
    t.app.run('openSetup', { at: AT });
    const dialog = readUi(t.state()).dialog;
    expect(dialog?.title).toBe('Setup');
    expect(dialog?.html).toContain('<html lang="en">');
    expect(dialog?.html).toContain('Check and save');
    const answer = save(t, { SLACK_BOT_TOKEN: BOT_WRONG });
    expect(answer.errors?.[0]?.message).toBe('Bot token: Slack did not accept the token (auth.test: invalid_auth)');
  });
});
