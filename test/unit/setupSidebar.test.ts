import { saveSetup, sidebarState, sidebarView, writeSettings, type SetupSidebarDeps } from '../../src/app/setupSidebar';
import { PROP, SECRET_PROPS } from '../../src/app/properties';
import { webAppUrlProblem, webhookDialogHtml, webhookUrls } from '../../src/app/webhooks';
import { ALL_FIELDS, PROPERTY_FIELDS, SECRET_FIELDS, SETTING_FIELDS } from '../../src/domain/setup/fields';
import { readForm, type FormContext } from '../../src/domain/setup/form';
import { liveChecks } from '../../src/domain/setup/liveChecks';
import { graphqlUrl, maskSecret, readApiUrl, secretFormatError } from '../../src/domain/setup/secrets';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/platform/urlfetch';
import { ALL_SETTINGS } from '../../src/settings';
import { channel } from '../../src/settings/chat';
import { repositories } from '../../src/settings/github';
import { Table } from '../../src/sheets/table';
import { SETTINGS } from '../../src/sheets/tables';
import { MemoryWorkbook } from '../helpers/memoryWorkbook';

const BOT = 'xoxb-' + '1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx';
const VERIFY = 'Vf3kQ9xLm2Rt8Yp4Zs6Wn1Cb';
const DISCORD = 'https://discord.com/api/webhooks/' + '123456789012345678/Tk_9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-abcdefghijklmnopqrstuv';
const GITHUB = 'github_pat_' + '11AAAAAAA0aBcDeFgHiJkLmN_oPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwxyzABCDEF';

describe('masking', () => {
  test('shows the known prefix and the last four characters, never more', () => {
    expect(maskSecret(BOT)).toBe('xoxb-…UvWx');
    expect(maskSecret(VERIFY)).toBe(`…${VERIFY.slice(-4)}`);
    expect(maskSecret(DISCORD)).toBe(`discord.com/api/webhooks/…${DISCORD.slice(-4)}`);
    expect(maskSecret(GITHUB)).toBe(`github_pat_…${GITHUB.slice(-4)}`);
    expect(maskSecret('ghp_short')).toBe('ghp_…');
    expect(maskSecret('tiny-secret')).toBe('••••••••');
    expect(maskSecret('')).toBe('');
    for (const secret of [BOT, VERIFY, DISCORD, GITHUB]) {
      const masked = maskSecret(secret);
      expect(masked).not.toContain(secret.slice(-12, -4));
      expect(masked.replace(/…|•/g, '').length).toBeLessThanOrEqual(secret.length - 12);
    }
  });
});

describe('formats', () => {
  test('each secret names what is expected, without quoting the value', () => {
    expect(secretFormatError('SLACK_BOT_TOKEN', BOT, 'en')).toBeNull();
    expect(secretFormatError('SLACK_BOT_TOKEN', 'xoxp-1234-5678-abcdef', 'en')).toBe(
      'this is a user token (xoxp-): enter the Bot User OAuth Token (xoxb-)',
    );
    expect(secretFormatError('SLACK_BOT_TOKEN', 'xapp-1-A1-123-abc', 'ja')).toContain('アプリレベルトークン');
    expect(secretFormatError('SLACK_BOT_TOKEN', 'hello', 'en')).toBe('enter the bot token, which starts with xoxb-');
    expect(secretFormatError('SLACK_VERIFICATION_TOKEN', VERIFY, 'en')).toBeNull();
    expect(secretFormatError('SLACK_VERIFICATION_TOKEN', BOT, 'en')).toBe('this is an OAuth token: enter the Verification Token');
    expect(secretFormatError('DISCORD_WEBHOOK_URL', DISCORD, 'en')).toBeNull();
    expect(secretFormatError('DISCORD_WEBHOOK_URL', `${DISCORD}?thread_id=1`, 'en')).toBeNull();
    expect(secretFormatError('DISCORD_WEBHOOK_URL', 'https://example.com/api/webhooks/1/2', 'en')).toContain(
      'https://discord.com/api/webhooks/<id>/<token>',
    );
    expect(secretFormatError('GITHUB_TOKEN', GITHUB, 'en')).toBeNull();
    expect(secretFormatError('GITHUB_TOKEN', 'ghp_' + '0123456789abcdefghijABCDEFGHIJ012345', 'en')).toBeNull();
    expect(secretFormatError('GITHUB_TOKEN', 'password123', 'en')).toBe('enter a GitHub token (github_pat_…, ghp_…)');
    for (const [field, value] of [
      ['SLACK_BOT_TOKEN', 'xoxp-1234-5678-abcdef'],
      ['GITHUB_TOKEN', 'password123'],
    ] as const) {
      expect(secretFormatError(field, value, 'ja')).not.toContain(value);
    }
  });

  test('the GitHub API URL: GitHub.com, GitHub Enterprise Server, and the usual mistakes', () => {
    expect(readApiUrl('https://api.github.com/', 'en')).toEqual({ url: 'https://api.github.com' });
    expect(readApiUrl('https://ghe.example.com/api/v3/', 'en')).toEqual({ url: 'https://ghe.example.com/api/v3' });
    expect(readApiUrl('https://ghe.example.com/api', 'en')).toEqual({ url: 'https://ghe.example.com/api/v3' });
    expect(readApiUrl('https://github.com', 'en')).toEqual({ error: expect.stringContaining('is not the API') });
    expect(readApiUrl('http://ghe.example.com/api/v3', 'en')).toEqual({
      error: 'enter a URL that starts with https://; got http://ghe.example.com/api/v3',
    });
    expect(readApiUrl('https://ghe.example.com', 'en')).toEqual({ error: expect.stringContaining('https://HOST/api/v3') });
    expect(graphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlUrl('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql');
  });

  test("setting parsers of the sidebar's settings", () => {
    expect(channel('#standup')).toBe('#standup');
    expect(channel('#開発-チーム')).toBe('#開発-チーム');
    expect(channel('C0123456789')).toBe('C0123456789');
    expect(() => channel('standup')).toThrow('#name');
    expect(() => channel('#two words')).toThrow();
    expect(repositories('acme/api, acme/web.site\nacme/ops_tools')).toEqual(['acme/api', 'acme/web.site', 'acme/ops_tools']);
    expect(() => repositories('acme/api, https://github.com/acme/web')).toThrow(
      'these are not repositories written owner/name: https://github.com/acme/web',
    );
  });
});

describe('the field table', () => {
  test('names the Script Properties and settings it saves to; every secret field is redacted as a secret', () => {
    for (const key of SECRET_FIELDS) expect(SECRET_PROPS).toContain(key);
    for (const key of PROPERTY_FIELDS) {
      expect(Object.values(PROP)).toContain(key);
      expect(SECRET_PROPS).not.toContain(key);
    }
    const declared = ALL_SETTINGS.map((s) => s.key);
    for (const key of SETTING_FIELDS) expect(declared).toContain(key);
    expect(new Set(declared).size).toBe(declared.length);
    expect(ALL_FIELDS.map((f) => f.key).sort()).toEqual([...SECRET_FIELDS, ...PROPERTY_FIELDS, ...SETTING_FIELDS].sort());
  });

  test("the template gets every label and hint in the chosen language, and the script's words as JSON", () => {
    const ja = sidebarView('ja');
    const en = sidebarView('en');
    expect(ja.sections.flatMap((s) => s.fields).map((f) => f.key)).toEqual(ALL_FIELDS.map((f) => f.key));
    expect(ja.sections[0]?.fields[0]?.label).toBe('Bot トークン');
    expect(en.sections[0]?.fields[0]?.label).toBe('Bot token');
    expect(en.t.save).toBe('Check and save');
    expect(JSON.parse(en.i18n)).toMatchObject({ checking: 'Checking with each service…', saved: 'Saved: {masked}' });
    for (const view of [ja, en]) for (const f of view.sections.flatMap((s) => s.fields)) expect(f.label && f.hint).toBeTruthy();
  });
});

const context = (stored: Record<string, string> = {}): FormContext => ({
  language: 'en',
  settingProblem: (key, text) => {
    try {
      ALL_SETTINGS.find((s) => s.key === key)?.parse(text);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  },
  secrets: (input) => ({ ...stored, ...input.secrets }),
});

describe('reading the form', () => {
  test('keeps blank secrets, normalizes lists and ids, and reports every problem at once', () => {
    const { input, errors } = readForm(
      {
        SLACK_BOT_TOKEN: '  ',
        SLACK_TEAM_ID: 't0abcdefg',
        GITHUB_REPOSITORIES: 'acme/api\n\nacme/web ',
        REPORT_RECIPIENTS: 'a@example.com\nb@example.com',
        GITHUB_API_URL: '',
      },
      context(),
    );
    expect(errors).toEqual([]);
    expect(input).toEqual({
      secrets: {},
      clear: [],
      properties: { SLACK_TEAM_ID: 'T0ABCDEFG', GITHUB_API_URL: '' },
      settings: { GITHUB_REPOSITORIES: 'acme/api, acme/web', REPORT_RECIPIENTS: 'a@example.com, b@example.com' },
    });

    const bad = readForm(
      {
        SLACK_BOT_TOKEN: 'xoxp-123',
        STANDUP_CHANNEL: 'standup',
        REPORT_RECIPIENTS: 'nope',
        EXTRA: 'x',
        GITHUB_TOKEN: 42,
        clear: ['STANDUP_CHANNEL'],
      },
      context(),
    );
    expect(bad.errors.map((e) => e.field).sort()).toEqual(
      ['EXTRA', 'GITHUB_TOKEN', 'REPORT_RECIPIENTS', 'SLACK_BOT_TOKEN', 'STANDUP_CHANNEL', 'clear'].sort(),
    );
    expect(bad.errors.find((e) => e.field === 'STANDUP_CHANNEL')?.message).toBe(
      'Standup reminder channel: not valid: it must be a Slack channel written #name, or a channel id such as C0123456789',
    );
    expect(bad.errors.find((e) => e.field === 'EXTRA')?.message).toBe('EXTRA: unknown field');
    expect(readForm('nope', context()).errors).toEqual([{ field: 'form', message: 'the form could not be read' }]);
  });

  test('a secret typed into a field bound for the sheet is refused, whether new or already saved', () => {
    const fresh = readForm({ GITHUB_TOKEN: GITHUB, GITHUB_REPOSITORIES: `acme/${GITHUB}` }, context());
    expect(fresh.errors).toEqual([
      {
        field: 'GITHUB_REPOSITORIES',
        message: 'Repositories: this is the secret value of Access token: it cannot go into a field that is written to the sheet',
      },
    ]);
    const saved = readForm(
      { SLACK_TEAM_ID: '', STANDUP_CHANNEL: `#${VERIFY.toLowerCase()}` },
      context({ SLACK_VERIFICATION_TOKEN: VERIFY.toLowerCase() }),
    );
    expect(saved.errors.map((e) => e.field)).toEqual(['STANDUP_CHANNEL']);
  });

  test('a token both typed and ticked for removal is saved, not removed', () => {
    expect(readForm({ GITHUB_TOKEN: GITHUB, clear: ['GITHUB_TOKEN', 'DISCORD_WEBHOOK_URL'] }, context()).input.clear).toEqual([
      'DISCORD_WEBHOOK_URL',
    ]);
  });
});

describe("live checks read each service's answer", () => {
  const [slack, discord, github] = liveChecks(
    {
      slack: { token: BOT, teamId: 'T0AAAAAAA' },
      discord: { url: `${DISCORD}?thread_id=5` },
      github: { token: GITHUB, apiUrl: 'https://ghe.example.com/api/v3', repositories: ['acme/api', 'acme/gone'] },
    },
    'en',
  );
  const json = (status: number, body: unknown) => ({ status, text: JSON.stringify(body) });

  test('the requests carry tokens in headers, not in URLs', () => {
    expect(slack?.request).toMatchObject({ url: 'https://slack.com/api/auth.test', method: 'post', headers: { Authorization: `Bearer ${BOT}` } });
    expect(discord?.request).toEqual({ url: DISCORD, method: 'get' });
    expect(github?.request).toMatchObject({
      url: 'https://ghe.example.com/api/graphql',
      method: 'post',
      headers: { Authorization: `bearer ${GITHUB}` },
    });
    expect(github?.request.json).toEqual({
      query:
        'query($o0: String!, $n0: String!, $o1: String!, $n1: String!) { viewer { login } r0: repository(owner: $o0, name: $n0) { nameWithOwner } r1: repository(owner: $o1, name: $n1) { nameWithOwner } }',
      variables: { o0: 'acme', n0: 'api', o1: 'acme', n1: 'gone' },
    });
    expect(liveChecks({ github: { token: GITHUB, apiUrl: 'https://api.github.com', repositories: [] } }, 'en')[0]?.request.json).toEqual({
      query: '{ viewer { login } }',
    });
  });

  test('Slack', () => {
    expect(slack?.read(json(200, { ok: true, team: 'Acme', team_id: 'T0AAAAAAA', user: 'shinchoku', bot_id: 'B1' }))).toEqual({
      service: 'Slack',
      ok: true,
      field: 'SLACK_BOT_TOKEN',
      message: 'Slack: connected to Acme as shinchoku',
    });
    expect(slack?.read(json(200, { ok: false, error: 'invalid_auth' }))).toMatchObject({
      ok: false,
      field: 'SLACK_BOT_TOKEN',
      message: 'Slack did not accept the token (auth.test: invalid_auth)',
    });
    expect(slack?.read(json(200, { ok: false, error: 'token_revoked' })).message).toContain('reinstall the app');
    expect(slack?.read(json(200, { ok: true, team: 'Other', team_id: 'T0BBBBBBB', user: 'x', bot_id: 'B1' }))).toMatchObject({
      ok: false,
      field: 'SLACK_TEAM_ID',
      message: 'the bot token belongs to team T0BBBBBBB (Other), not to T0AAAAAAA',
    });
    expect(slack?.read(json(200, { ok: true, team_id: 'T0AAAAAAA', user: 'someone' })).message).toContain('not a bot token');
    expect(slack?.read({ status: 503, text: '<html>Service Unavailable</html>' }).message).toBe('Slack answered HTTP 503: Service Unavailable');
    const [blankTeam] = liveChecks({ slack: { token: BOT, teamId: null } }, 'en');
    expect(blankTeam?.read(json(200, { ok: true, team: 'Acme', team_id: 'T0AAAAAAA', user: 'u', bot_id: 'B1' })).learned).toEqual({
      SLACK_TEAM_ID: 'T0AAAAAAA',
    });
  });

  test('Discord', () => {
    expect(discord?.read(json(200, { id: '1', name: 'progress-bot', token: 'never shown' })).message).toBe(
      'Discord: connected to webhook "progress-bot"',
    );
    expect(discord?.read(json(401, { message: 'Invalid Webhook Token', code: 50027 })).message).toBe(
      'Discord did not accept the webhook token (Invalid Webhook Token)',
    );
    expect(discord?.read(json(404, { message: 'Unknown Webhook', code: 10015 })).message).toContain('Unknown Webhook');
  });

  test('GitHub', () => {
    expect(
      github?.read(json(200, { data: { viewer: { login: 'octo' }, r0: { nameWithOwner: 'acme/api' }, r1: { nameWithOwner: 'acme/gone' } } })),
    ).toMatchObject({ ok: true, message: 'GitHub: connected as octo' });
    expect(github?.read(json(401, { message: 'Bad credentials' }))).toMatchObject({
      ok: false,
      field: 'GITHUB_TOKEN',
      message: 'GitHub did not accept the token (Bad credentials)',
    });
    expect(
      github?.read(
        json(200, {
          data: { viewer: { login: 'octo' }, r0: { nameWithOwner: 'acme/api' }, r1: null },
          errors: [{ type: 'NOT_FOUND', path: ['r1'], message: "Could not resolve to a Repository with the name 'acme/gone'." }],
        }),
      ),
    ).toMatchObject({ ok: false, field: 'GITHUB_REPOSITORIES', message: 'the token cannot see these repositories: acme/gone' });
    expect(github?.read({ status: 404, text: '<html>Not Found</html>' })).toMatchObject({ field: 'GITHUB_API_URL' });
    expect(github?.read({ status: 200, text: '<html>Sign in</html>' })).toMatchObject({ field: 'GITHUB_API_URL' });
  });
});

/** The use case with in-memory ports: a store, a settings map, and an HTTP client that answers from a table. */
function memoryDeps(answers: (request: HttpRequest) => HttpResponse | Error, stored: Record<string, string> = {}) {
  const props = { ...stored };
  const saved: Array<Record<string, string>> = [];
  const sent: HttpRequest[] = [];
  const calls = { requestAll: 0, request: 0, setup: 0 };
  const answer = (request: HttpRequest) => {
    sent.push(request);
    const a = answers(request);
    if (a instanceof Error) throw a;
    return a;
  };
  const http: HttpClient = {
    request: (request) => {
      calls.request++;
      return answer(request);
    },
    requestAll: (requests) => {
      calls.requestAll++;
      return requests.map(answer);
    },
  };
  const deps: SetupSidebarDeps = {
    language: 'en',
    properties: {
      all: () => ({ ...props }),
      set: (values) => Object.assign(props, values),
      remove: (keys) => keys.forEach((k) => delete props[k]),
    },
    settings: { raw: new Map(), save: (values) => void saved.push(values as Record<string, string>) },
    settingDefault: (key) => ALL_SETTINGS.find((s) => s.key === key)?.defaultValue ?? '',
    settingProblem: context().settingProblem,
    http,
    webAppUrl: () => 'https://script.google.com/macros/s/ID/exec',
    runSetup: () => {
      calls.setup++;
      props[PROP.webhookTokenProgress] ??= 'p'.repeat(64);
      props[PROP.webhookTokenGitHub] ??= 'g'.repeat(64);
      return ['setup ran'];
    },
    log: () => undefined,
  };
  return { deps, props, saved, sent, calls };
}

const okAnswers = (request: HttpRequest): HttpResponse => {
  const json = (body: unknown) => ({ status: 200, headers: {}, text: JSON.stringify(body) });
  if (request.url.includes('slack.com')) return json({ ok: true, team: 'Acme', team_id: 'T0AAAAAAA', user: 'shinchoku', bot_id: 'B1' });
  if (request.url.includes('discord.com')) return json({ id: '1', name: 'hook' });
  return json({ data: { viewer: { login: 'octo' } } });
};

describe('saving', () => {
  test('checks all services in one fetchAll, then saves, learns the team id and answers masked state', () => {
    const m = memoryDeps(okAnswers);
    const answer = saveSetup(m.deps, {
      SLACK_BOT_TOKEN: BOT,
      SLACK_VERIFICATION_TOKEN: VERIFY,
      DISCORD_WEBHOOK_URL: DISCORD,
      GITHUB_TOKEN: GITHUB,
      STANDUP_CHANNEL: '#daily',
    });
    expect(answer.ok).toBe(true);
    expect(m.calls).toEqual({ requestAll: 1, request: 0, setup: 1 });
    expect(m.props).toMatchObject({
      SLACK_BOT_TOKEN: BOT,
      SLACK_VERIFICATION_TOKEN: VERIFY,
      DISCORD_WEBHOOK_URL: DISCORD,
      GITHUB_TOKEN: GITHUB,
      SLACK_TEAM_ID: 'T0AAAAAAA',
    });
    expect(m.saved).toEqual([{ STANDUP_CHANNEL: '#daily' }]);
    if (!answer.ok) throw new Error('expected ok');
    expect(answer.summary).toEqual(['setup ran', 'Team ID taken from the bot token: T0AAAAAAA', expect.stringMatching(/^Saved: /)]);
    expect(answer.state.secrets.SLACK_BOT_TOKEN).toEqual({ set: true, masked: 'xoxb-…UvWx' });
    expect(answer.state.values.SLACK_TEAM_ID).toBe('T0AAAAAAA');
    expect(answer.state.urls?.slack).toBe('https://script.google.com/macros/s/ID/exec?source=slack');
    const text = JSON.stringify(answer);
    for (const secret of [BOT, VERIFY, DISCORD, GITHUB]) expect(text).not.toContain(secret);
  });

  test('a failed check saves nothing and runs no setup; a network failure is retried alone and named without the secret', () => {
    const m = memoryDeps((request) => (request.url.includes('discord') ? new Error(`Address unavailable: ${request.url}`) : okAnswers(request)));
    const answer = saveSetup(m.deps, { SLACK_BOT_TOKEN: BOT, DISCORD_WEBHOOK_URL: DISCORD });
    expect(answer.ok).toBe(false);
    if (answer.ok) throw new Error('expected failure');
    expect(m.calls).toEqual({ requestAll: 1, request: 2, setup: 0 });
    expect(m.props).toEqual({});
    expect(m.saved).toEqual([]);
    expect(answer.errors).toEqual([
      { field: 'DISCORD_WEBHOOK_URL', message: 'Webhook URL: could not reach discord.com: Address unavailable: [redacted]' },
    ]);
    expect(answer.checks.map((c) => [c.service, c.ok])).toEqual([
      ['Slack', true],
      ['Discord', false],
    ]);
  });

  test('only changed services are checked; a blank secret keeps the saved one; removal and blank properties delete', () => {
    const m = memoryDeps(okAnswers, {
      SLACK_BOT_TOKEN: BOT,
      GITHUB_TOKEN: GITHUB,
      GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      DISCORD_WEBHOOK_URL: DISCORD,
    });
    const answer = saveSetup(m.deps, { SLACK_BOT_TOKEN: '', GITHUB_API_URL: '', clear: ['DISCORD_WEBHOOK_URL'] });
    expect(answer.ok).toBe(true);
    expect(m.sent.map((r) => r.url)).toEqual(['https://api.github.com/graphql']);
    expect(m.props['SLACK_BOT_TOKEN']).toBe(BOT);
    expect(m.props['DISCORD_WEBHOOK_URL']).toBeUndefined();
    expect(m.props['GITHUB_API_URL']).toBeUndefined();
  });

  test('state before setup: nothing set, no URLs until the tokens exist', () => {
    const m = memoryDeps(okAnswers);
    const state = sidebarState(m.deps);
    expect(state.secrets.GITHUB_TOKEN).toEqual({ set: false, masked: '' });
    expect(state.values.STANDUP_CHANNEL).toBe('#standup');
    expect(state).toMatchObject({ deployed: true, urls: null });
  });
});

describe('writing settings', () => {
  test('a key typed in another case keeps its row; a new key gets its description; one read, one write', () => {
    const wb = new MemoryWorkbook();
    wb.put('Settings', [
      ['Key', 'Value', 'Description'],
      ['LANGUAGE', 'ja', 'Language'],
      ['standup_channel', '#old', 'typed by hand'],
    ]);
    const table = new Table(SETTINGS, wb, { dateKey: (d) => d.toISOString() });
    writeSettings(table, { STANDUP_CHANNEL: '#asakai', REPORT_RECIPIENTS: 'a@example.com' }, (key) => `about ${key}`);
    expect(wb.rows('Settings')).toEqual([
      ['Key', 'Value', 'Description'],
      ['LANGUAGE', 'ja', 'Language'],
      ['standup_channel', '#asakai', 'typed by hand'],
      ['REPORT_RECIPIENTS', 'a@example.com', 'about REPORT_RECIPIENTS'],
    ]);
    expect(wb.calls.filter((c) => c.startsWith('readAll')).length).toBe(1);
  });
});

describe('the web app URL shown to people', () => {
  test('a /dev or domain-scoped URL is named as the problem it is; the /exec URL is fine', () => {
    expect(webAppUrlProblem('https://script.google.com/macros/s/AKfycbABC/exec')).toBeNull();
    expect(webAppUrlProblem('https://script.google.com/macros/s/AKfycbABC/dev')).toBe('devUrl');
    expect(webAppUrlProblem('https://script.google.com/macros/s/AKfycbABC/dev?source=slack')).toBe('devUrl');
    expect(webAppUrlProblem('https://script.google.com/a/example.co.jp/macros/s/AKfycbABC/exec')).toBe('domainUrl');
    expect(webAppUrlProblem('http://localhost:8080/exec')).toBeNull();
  });

  test('the sidebar and the menu dialog warn about it, in the team language', () => {
    const { deps } = memoryDeps(okAnswers, { [PROP.webhookTokenProgress]: 'p'.repeat(64), [PROP.webhookTokenGitHub]: 'g'.repeat(64) });
    expect(sidebarState(deps).urlWarning).toBeNull();
    const dev = sidebarState({ ...deps, webAppUrl: () => 'https://script.google.com/macros/s/ID/dev' });
    expect(dev.urlWarning).toContain("This is the editor's test URL (/dev)");
    expect(dev.urls?.progress).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/ID\/dev\?source=progress&token=p{64}$/);
    const dialog = webhookDialogHtml(webhookUrls('https://script.google.com/a/example.co.jp/macros/s/ID/exec', {}), 'ja');
    expect(dialog).toContain('⚠️ この URL は Workspace のドメインに限られた形');
    expect(webhookDialogHtml(webhookUrls('https://script.google.com/macros/s/ID/exec', {}), 'ja')).not.toContain('⚠️');
  });
});
