import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { readUi } from '../../local/services/spreadsheet';
import { newApp } from '../helpers/app';

/**
 * The setup sidebar as a browser shows it: the HTML that openSetup hands to the sheet (build/Code.js in the local
 * runtime), rendered by real headless Chromium in a 300-pixel viewport — the width of the sheet's sidebar — with
 * google.script.run stubbed by a script injected before the page's own. The stub answers with what
 * setupSidebarState and saveSetup really answered. Chromium is driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe), with plain Node: no browser download, no library.
 *
 * SHINCHOKU_SCREENSHOT=1 also writes docs/setup-sidebar.png (the README's picture); otherwise the screenshot goes
 * to a temporary directory, so a run on a machine without Japanese fonts never replaces the committed one.
 */
// Debian's chromium; CHROMIUM_PATH names another Chromium or Chrome (GitHub's Ubuntu runner has google-chrome).
const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const SKIP_REASON = `SKIPPED: ${CHROMIUM} is missing — install it with "apt-get install -y chromium" (Debian), or set CHROMIUM_PATH, to render the sidebar`;
if (!haveChromium) process.stderr.write(`setupSidebar.chromium.test.ts: ${SKIP_REASON}\n`);
const suite = haveChromium ? describe : describe.skip;

const SIDEBAR_WIDTH = 300;
const FIELDS = [
  'SLACK_BOT_TOKEN',
  'SLACK_VERIFICATION_TOKEN',
  'SLACK_TEAM_ID',
  'STANDUP_CHANNEL',
  'PROGRESS_CHANNEL',
  'CODE_REVIEW_CHANNEL',
  'DISCORD_WEBHOOK_URL',
  'GITHUB_TOKEN',
  'GITHUB_API_URL',
  'GITHUB_REPOSITORIES',
  'REPORT_RECIPIENTS',
];
const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-' + '1111111111-2222222222222-DemoDemoDemoDemoDemoAbcd',
  SLACK_VERIFICATION_TOKEN: 'Vf3kQ9xLm2Rt8Yp4Zs6Wn1Cb',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/' + '123456789012345678/DemoHook_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-abcdefghijkl',
  GITHUB_TOKEN: 'github_pat_' + '11DEMODEMO0aBcDeFgHiJkLmN_oPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwxyz9f3c',
};
const INJECTION = '<img src=x onerror="document.title=\'pwned\'">';

/** google.script.run, as far as the sidebar uses it: chained handlers, then the call, answered asynchronously. */
function stubScript(answers: Record<string, unknown>): string {
  return `<script>
window.__calls = [];
window.__answers = ${JSON.stringify(answers).replace(/</g, '\\u003c')};
(function () {
  function runner(success, failure) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, failure); },
      withFailureHandler: function (f) { return runner(success, f); }
    };
    ['setupSidebarState', 'saveSetup'].forEach(function (name) {
      r[name] = function () {
        window.__calls.push({ name: name, args: JSON.parse(JSON.stringify(Array.prototype.slice.call(arguments))) });
        setTimeout(function () {
          var queue = window.__answers[name];
          var answer = Array.isArray(queue) ? queue.shift() : queue;
          if (answer && answer.__throw) failure(new Error(answer.__throw));
          else success(JSON.parse(JSON.stringify(answer)));
        }, 30);
      };
    });
    return r;
  }
  window.google = { script: { run: runner(function () {}, function () {}), host: { close: function () {} } } };
})();
</script>
`;
}

/** What the page shows, read with the DOM's own APIs (labels, geometry), for the test to compare. */
const SNAPSHOT = `(function () {
  function field(key) {
    var c = document.getElementById('f-' + key);
    if (!c) return { present: false };
    var described = (c.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    var box = c.getBoundingClientRect();
    return {
      present: true, tag: c.tagName.toLowerCase(), type: c.type, value: c.value, placeholder: c.placeholder, disabled: c.disabled,
      labels: Array.prototype.map.call(c.labels || [], function (l) { return l.textContent.trim(); }),
      describedByMissing: described.filter(function (id) { return !document.getElementById(id); }),
      hint: (document.getElementById('h-' + key) || {}).textContent || '',
      badge: (document.getElementById('c-' + key) || {}).textContent || null,
      invalid: c.getAttribute('aria-invalid') === 'true',
      error: (document.getElementById('e-' + key) || {}).textContent || '',
      insideSidebar: box.width > 100 && box.left >= 0 && box.right <= ${SIDEBAR_WIDTH}
    };
  }
  var fields = {};
  ${JSON.stringify(FIELDS)}.forEach(function (k) { fields[k] = field(k); });
  return {
    fields: fields,
    status: document.getElementById('status').textContent,
    saveDisabled: document.getElementById('save').disabled,
    urls: ['slack', 'github', 'progress'].map(function (k) { return document.getElementById('u-' + k).value; }),
    urlsHidden: document.getElementById('url-list').hidden,
    unlabelledControls: Array.prototype.filter.call(document.querySelectorAll('input, textarea, button'), function (c) {
      return !(c.labels && c.labels.length) && !c.textContent.trim() && !c.getAttribute('aria-label');
    }).map(function (c) { return c.id || c.name; }),
    summary: Array.prototype.map.call(document.querySelectorAll('#summary li'), function (e) { return e.textContent; }),
    checks: Array.prototype.map.call(document.querySelectorAll('#checks li'), function (e) { return e.className + ' ' + e.textContent; }),
    lines: Array.prototype.map.call(document.querySelectorAll('#lines li'), function (e) { return e.textContent; }),
    focused: document.activeElement ? document.activeElement.id : null,
    lang: document.documentElement.lang,
    images: document.querySelectorAll('img').length,
    title: document.title,
    overflowing: document.documentElement.scrollWidth > ${SIDEBAR_WIDTH}
  };
})()`;

/** Resolves once the condition (a JS expression) holds in the page; Chromium's clock, not a fixed sleep. */
const until = (condition: string) => `new Promise(function (resolve, reject) {
  var started = Date.now();
  (function poll() {
    if (${condition}) resolve(true);
    else if (Date.now() - started > 10000) reject(new Error('timed out waiting for: ' + ${JSON.stringify(condition)}));
    else setTimeout(poll, 20);
  })();
})`;

type Json = Record<string, unknown>;

/** One headless Chromium, spoken to over the DevTools protocol on fds 3 and 4 (NUL-separated JSON). */
class Browser {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private readonly listeners: Array<(event: Json) => void> = [];
  private readonly child: ChildProcess;
  private readonly profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-chromium-'));

  constructor() {
    this.child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--mute-audio',
        '--hide-scrollbars',
        '--remote-debugging-pipe',
        `--user-data-dir=${this.profile}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    let buffer = '';
    (this.child.stdio[4] as Readable).on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
        const message = JSON.parse(buffer.slice(0, end)) as Json;
        buffer = buffer.slice(end + 1);
        const waiter = typeof message['id'] === 'number' ? this.waiting.get(message['id']) : undefined;
        if (waiter) {
          this.waiting.delete(message['id'] as number);
          if (message['error']) waiter.reject(new Error(JSON.stringify(message['error'])));
          else waiter.resolve((message['result'] ?? {}) as Json);
        } else for (const listener of this.listeners) listener(message);
      }
    });
  }

  send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject: (e) => reject(new Error(`${method}: ${e.message}`)) });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** A new tab as wide as the sheet's sidebar, at 2x, showing the file once it has loaded. */
  async open(file: string): Promise<Page> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await this.send('Page.enable', {}, sessionId);
    await this.send('Emulation.setDeviceMetricsOverride', { width: SIDEBAR_WIDTH, height: 900, deviceScaleFactor: 2, mobile: false }, sessionId);
    const loaded = new Promise<void>((resolve) =>
      this.listeners.push((e) => e['sessionId'] === sessionId && e['method'] === 'Page.loadEventFired' && resolve()),
    );
    await this.send('Page.navigate', { url: `file://${file}` }, sessionId);
    await loaded;
    return new Page(this, sessionId);
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => undefined);
    await new Promise((resolve) => (this.child.exitCode !== null ? resolve(null) : this.child.once('exit', resolve)));
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

class Page {
  constructor(
    private readonly browser: Browser,
    private readonly sessionId: string,
  ) {}

  async evaluate<T>(expression: string): Promise<T> {
    const result = (await this.browser.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, this.sessionId)) as {
      result: { value?: T };
      exceptionDetails?: { exception?: { description?: string }; text?: string };
    };
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text ?? 'page error');
    return result.result.value as T;
  }

  snapshot(): Promise<Json> {
    return this.evaluate<Json>(SNAPSHOT);
  }

  /**
   * The whole page, however long, at the emulated 2x. The viewport is first made as tall as the page, so the
   * sticky save button sits where it belongs instead of floating over the form at the old viewport's bottom.
   */
  async screenshot(): Promise<{ png: Buffer; height: number }> {
    const metrics = (await this.browser.send('Page.getLayoutMetrics', {}, this.sessionId)) as { cssContentSize: { height: number } };
    const height = Math.ceil(metrics.cssContentSize.height);
    await this.browser.send(
      'Emulation.setDeviceMetricsOverride',
      { width: SIDEBAR_WIDTH, height, deviceScaleFactor: 2, mobile: false },
      this.sessionId,
    );
    const shot = (await this.browser.send(
      'Page.captureScreenshot',
      { format: 'png', clip: { x: 0, y: 0, width: SIDEBAR_WIDTH, height, scale: 1 } },
      this.sessionId,
    )) as { data: string };
    return { png: Buffer.from(shot.data, 'base64'), height };
  }
}

suite('the setup sidebar in headless Chromium', () => {
  let dir: string;
  let html: string;
  let state: Json;
  let saved: Json;
  let browser: Browser;

  /** The sidebar's HTML as openSetup showed it, with the stub put before its own script. */
  const page = (name: string, answers: Json): string => {
    const at = html.indexOf('<script>');
    expect(at).toBeGreaterThan(0);
    const file = path.join(dir, `${name}.html`);
    fs.writeFileSync(file, `${html.slice(0, at)}${stubScript(answers)}${html.slice(at)}`);
    return file;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-sidebar-'));
    // The demo's built-in fake Slack, Discord and GitHub answer the live checks.
    const t = await newApp('fake');
    const at = new Date('2026-01-05T10:00:00+09:00');
    const save = t.app.run('saveSetup', {
      at,
      args: [
        {
          ...SECRETS,
          STANDUP_CHANNEL: '#asakai',
          PROGRESS_CHANNEL: '#shinchoku',
          CODE_REVIEW_CHANNEL: '#code-review',
          GITHUB_REPOSITORIES: 'acme/api\nacme/web',
          REPORT_RECIPIENTS: 'lead@example.com',
        },
      ],
    });
    expect(save.error).toBeUndefined();
    saved = save.value as Json;
    expect(saved['ok']).toBe(true);
    state = t.app.run('setupSidebarState', { at }).value as Json;
    expect(t.app.run('openSetup', { at }).error).toBeUndefined();
    html = readUi(t.state()).dialog?.html ?? '';
    browser = new Browser();
  });

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every field is present, labelled, described and inside the 300-pixel sidebar; secrets show masked; the URLs are filled', async () => {
    const tab = await browser.open(page('loaded', { setupSidebarState: state }));
    await tab.evaluate(until(`document.getElementById('c-SLACK_BOT_TOKEN').textContent !== ''`));
    const loaded = await tab.snapshot();
    const fields = loaded['fields'] as Record<string, Json>;
    for (const key of FIELDS) {
      const f = fields[key] ?? {};
      expect({ key, present: f['present'], inside: f['insideSidebar'], describedByMissing: f['describedByMissing'] }).toEqual({
        key,
        present: true,
        inside: true,
        describedByMissing: [],
      });
      expect((f['labels'] as string[]).length).toBe(1);
      expect((f['labels'] as string[])[0]).not.toBe('');
      expect(f['hint']).not.toBe('');
    }
    expect(loaded).toMatchObject({ unlabelledControls: [], lang: 'ja', overflowing: false, status: '', urlsHidden: false });
    expect(fields['SLACK_BOT_TOKEN']).toMatchObject({
      type: 'password',
      value: '',
      labels: ['Bot トークン'],
      badge: '保存済み: xoxb-…Abcd',
      placeholder: '変更するときだけ入力',
    });
    expect(fields['GITHUB_TOKEN']?.['badge']).toBe('保存済み: github_pat_…9f3c');
    expect(fields['GITHUB_REPOSITORIES']).toMatchObject({ tag: 'textarea', value: 'acme/api\nacme/web' });
    expect(fields['STANDUP_CHANNEL']?.['value']).toBe('#asakai');
    expect(fields['SLACK_TEAM_ID']?.['value']).toBe('T0FAKETEAM');
    const urls = state['urls'] as Record<string, string>;
    expect(loaded['urls']).toEqual([urls['slack'], urls['github'], urls['progress']]);
  });

  test('saving: the payload, a refusal shown per field (escaped, focused), then success with each check', async () => {
    const refusal = { ok: false, checks: [], errors: [{ field: 'STANDUP_CHANNEL', message: `朝会リマインドのチャンネル: ${INJECTION}` }] };
    const tab = await browser.open(page('save', { setupSidebarState: state, saveSetup: [refusal, saved] }));
    await tab.evaluate(until(`document.getElementById('c-SLACK_BOT_TOKEN').textContent !== ''`));
    // What a person sees the moment they click, before the answer arrives.
    const busy = await tab.evaluate<Json>(`(function () {
      document.getElementById('f-SLACK_BOT_TOKEN').value = 'xoxb-typed-by-a-person';
      document.getElementById('f-STANDUP_CHANNEL').value = 'asakai';
      document.querySelector('input[name=clear][value=DISCORD_WEBHOOK_URL]').click();
      document.getElementById('save').click();
      return ${SNAPSHOT};
    })()`);
    expect(busy).toMatchObject({ status: '各サービスに問い合わせて確認しています…', saveDisabled: true });

    await tab.evaluate(until(`document.getElementById('status').classList.contains('error')`));
    const rejected = await tab.snapshot();
    const fields = rejected['fields'] as Record<string, Json>;
    expect(
      Object.entries(fields)
        .filter(([, f]) => f['invalid'])
        .map(([k]) => k),
    ).toEqual(['STANDUP_CHANNEL']);
    expect(fields['STANDUP_CHANNEL']?.['error']).toBe(`朝会リマインドのチャンネル: ${INJECTION}`);
    expect(rejected['summary']).toEqual([`朝会リマインドのチャンネル: ${INJECTION}`]);
    expect(rejected).toMatchObject({ images: 0, focused: 'summary', status: '保存していません。次を直してください:', saveDisabled: false });
    expect(rejected['title']).not.toBe('pwned');
    expect(fields['DISCORD_WEBHOOK_URL']?.['disabled']).toBe(true);

    const calls = await tab.evaluate<Array<{ name: string; args: unknown[] }>>('window.__calls');
    const payload = calls.find((c) => c.name === 'saveSetup')?.args[0] as Json;
    expect(payload).toMatchObject({
      SLACK_BOT_TOKEN: 'xoxb-typed-by-a-person',
      STANDUP_CHANNEL: 'asakai',
      clear: ['DISCORD_WEBHOOK_URL'],
      GITHUB_REPOSITORIES: 'acme/api\nacme/web',
    });
    // Blank secret fields are not sent: the server keeps what it has.
    expect(Object.keys(payload)).not.toContain('GITHUB_TOKEN');
    expect(Object.keys(payload)).not.toContain('DISCORD_WEBHOOK_URL');

    await tab.evaluate(`document.getElementById('f-STANDUP_CHANNEL').value = '#asakai'; document.getElementById('save').click();`);
    await tab.evaluate(until(`document.getElementById('status').classList.contains('ok')`));
    const after = await tab.snapshot();
    expect(Object.values(after['fields'] as Record<string, Json>).filter((f) => f['invalid'])).toEqual([]);
    expect(after['status']).toBe('保存してセットアップしました');
    expect(after['checks']).toEqual([
      expect.stringMatching(/^ok Slack: /),
      expect.stringMatching(/^ok Discord: /),
      expect.stringMatching(/^ok GitHub: /),
    ]);
    expect(after['lines']).toEqual(saved['summary']);
    expect((after['fields'] as Record<string, Json>)['SLACK_BOT_TOKEN']?.['value']).toBe('');
  });

  test('a screenshot of the whole sidebar after a full setup', async () => {
    const tab = await browser.open(page('shot', { setupSidebarState: state, saveSetup: [saved] }));
    await tab.evaluate(until(`document.getElementById('c-SLACK_BOT_TOKEN').textContent !== ''`));
    await tab.evaluate(`document.getElementById('save').click()`);
    await tab.evaluate(until(`document.getElementById('status').classList.contains('ok')`));
    // The focus ring of the clicked button is not part of the picture.
    await tab.evaluate('document.activeElement && document.activeElement.blur()');
    const { png, height } = await tab.screenshot();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(SIDEBAR_WIDTH * 2);
    expect(png.readUInt32BE(20)).toBe(height * 2);
    expect(height).toBeGreaterThan(1500);
    fs.writeFileSync(path.join(dir, 'setup-sidebar.png'), png);
    if (process.env['SHINCHOKU_SCREENSHOT'] === '1') {
      const docs = path.join(__dirname, '..', '..', 'docs');
      fs.mkdirSync(docs, { recursive: true });
      fs.writeFileSync(path.join(docs, 'setup-sidebar.png'), png);
    }
  });
});
