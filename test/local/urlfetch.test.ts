import * as net from 'node:net';
import { readOutbound } from '../../local/fake';
import { setQuotaUsed } from '../../local/services/quota';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';
import { newState, runSnippet } from '../helpers/runtime';

const AT = '2026-01-05T09:00:00+09:00';

describe('UrlFetchApp against a real loopback server', () => {
  let server: LoopbackServer;
  const state = newState();

  beforeAll(async () => {
    server = await startLoopbackServer({
      routes: [
        { method: 'GET', path: '/hello', headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Custom': 'yes' }, body: 'héllo' },
        { path: '/echo', echo: true },
        { path: '/fail', status: 500, body: 'x'.repeat(200) },
        { path: '/short-fail', status: 404, body: '{"error":"nope"}' },
        { path: '/old', redirect: '/hello' },
        { path: '/slow-a', delayMs: 400, body: 'a' },
        { path: '/slow-b', delayMs: 400, body: 'b' },
        { path: '/very-slow', delayMs: 3000, body: 'late' },
      ],
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.clear());

  test('fetch is synchronous and answers code, text, headers and signed bytes', () => {
    const code = `function f(url) {
      var r = UrlFetchApp.fetch(url + '/hello');
      return [r.getResponseCode(), r.getContentText(), r.getHeaders()['X-Custom'], r.getContent().slice(0, 3), r.getBlob().getContentType(), String(r)];
    }`;
    const result = runSnippet(state, code, 'f', { args: [server.url], at: AT });
    expect(result.error).toBeUndefined();
    // "é" is 0xC3 0xA9 in UTF-8: Java bytes are signed.
    expect(result.value).toEqual([200, 'héllo', 'yes', [104, -61, -87], 'text/plain', 'HTTPResponse']);
    expect(result.stats.calls['UrlFetchApp']).toEqual({ fetch: 1 });
    expect(result.stats.modeledMs).toBe(800 + 300);
  });

  test('an object payload is sent form-encoded by default; JSON with contentType; custom headers kept', async () => {
    const code = `function f(url) {
      UrlFetchApp.fetch(url + '/echo', { method: 'post', payload: { a: 'x y', b: 'é&=' } });
      UrlFetchApp.fetch(url + '/echo', { method: 'PUT', contentType: 'application/json', payload: JSON.stringify({ k: 1 }), headers: { Authorization: 'Bearer t' } });
    }`;
    expect(runSnippet(state, code, 'f', { args: [server.url] }).error).toBeUndefined();
    const [form, put] = await server.requests();
    expect(form?.method).toBe('POST');
    expect(form?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form?.body).toBe('a=x+y&b=%C3%A9%26%3D');
    expect(form?.headers['user-agent']).toMatch(/Google-Apps-Script/);
    expect(put?.method).toBe('PUT');
    expect(put?.headers['content-type']).toBe('application/json');
    expect(put?.headers['authorization']).toBe('Bearer t');
    expect(JSON.parse(put?.body ?? '')).toEqual({ k: 1 });
  });

  test("a failed status throws Apps Script's message unless muteHttpExceptions", () => {
    const code = `function f(url, path, mute) {
      try { var r = UrlFetchApp.fetch(url + path, { muteHttpExceptions: mute }); return [r.getResponseCode(), r.getContentText().length]; }
      catch (e) { return [e.name, e.message]; }
    }`;
    const long = runSnippet(state, code, 'f', { args: [server.url, '/fail', false] }).value;
    expect(long).toEqual([
      'Exception',
      `Request failed for ${server.url} returned code 500. Truncated server response: ${'x'.repeat(147)}... (use muteHttpExceptions option to examine full response)`,
    ]);
    const short = runSnippet(state, code, 'f', { args: [server.url, '/short-fail', false] }).value;
    expect(short).toEqual([
      'Exception',
      `Request failed for ${server.url} returned code 404. Truncated server response: {"error":"nope"} (use muteHttpExceptions option to examine full response)`,
    ]);
    expect(runSnippet(state, code, 'f', { args: [server.url, '/fail', true] }).value).toEqual([500, 200]);
  });

  test('invalid URLs are refused before any request', () => {
    const code = `function f(u) { try { UrlFetchApp.fetch(u); } catch (e) { return e.message; } }`;
    expect(runSnippet(state, code, 'f', { args: ['not a url'] }).value).toBe('Invalid argument: not a url');
    expect(runSnippet(state, code, 'f', { args: ['ftp://example.com/x'] }).value).toBe('Invalid argument: ftp://example.com/x');
    expect(runSnippet(state, code, 'f', { args: [`https://example.com/${'a'.repeat(2100)}`] }).value).toBe('Limit Exceeded: URLFetch URL Length.');
  });

  test('redirects are followed unless followRedirects is false', () => {
    const code = `function f(url) {
      var followed = UrlFetchApp.fetch(url + '/old');
      var raw = UrlFetchApp.fetch(url + '/old', { followRedirects: false });
      return [followed.getResponseCode(), followed.getContentText(), raw.getResponseCode(), raw.getHeaders()['Location']];
    }`;
    expect(runSnippet(state, code, 'f', { args: [server.url] }).value).toEqual([200, 'héllo', 302, '/hello']);
  });

  test('fetchAll sends its requests concurrently and charges 300 + 20 per request', async () => {
    const code = `function f(url) {
      return UrlFetchApp.fetchAll([url + '/slow-a', { url: url + '/slow-b', method: 'post', payload: 'p' }]).map(function (r) { return r.getContentText(); });
    }`;
    const result = runSnippet(state, code, 'f', { args: [server.url] });
    expect(result.value).toEqual(['a', 'b']);
    expect(result.stats.modeledMs).toBe(800 + 300 + 2 * 20);
    const [a, b] = await server.requests();
    // Both had arrived before either was answered: they were in flight at once.
    expect(a && b && a.startedAt < b.endedAt && b.startedAt < a.endedAt).toBe(true);
  });

  test("a request that takes too long fails with Apps Script's timeout message", () => {
    process.env['LOCAL_FETCH_TIMEOUT_MS'] = '300';
    try {
      const code = `function f(url) { try { UrlFetchApp.fetch(url + '/very-slow'); } catch (e) { return e.message; } }`;
      expect(runSnippet(state, code, 'f', { args: [server.url] }).value).toBe(`Timeout: ${server.url}/very-slow`);
    } finally {
      delete process.env['LOCAL_FETCH_TIMEOUT_MS'];
    }
  });

  test('an unreachable address is "Address unavailable"', async () => {
    const port = await freePort();
    const code = `function f(u) { try { UrlFetchApp.fetch(u); } catch (e) { return e.message; } }`;
    expect(runSnippet(state, code, 'f', { args: [`http://127.0.0.1:${port}/x`] }).value).toBe(`Address unavailable: http://127.0.0.1:${port}/x`);
  });

  test('getRequest describes the request without sending it', async () => {
    const code = `function f(url) { return UrlFetchApp.getRequest(url + '/echo', { method: 'post', payload: { a: 1 } }); }`;
    const described = runSnippet(state, code, 'f', { args: [server.url] }).value as Record<string, unknown>;
    expect(described).toMatchObject({
      url: `${server.url}/echo`,
      method: 'post',
      payload: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
      followRedirects: true,
    });
    expect(await server.requests()).toEqual([]);
  });

  test("the daily quota stops fetches with Apps Script's message", () => {
    const quotaState = newState();
    setQuotaUsed(quotaState, 'urlfetch', 19999, new Date(AT));
    const code = `function f(url) {
      var first = UrlFetchApp.fetch(url + '/hello').getResponseCode();
      try { UrlFetchApp.fetch(url + '/hello'); } catch (e) { return [first, e.message]; }
    }`;
    expect(runSnippet(quotaState, code, 'f', { args: [server.url], at: AT }).value).toEqual([
      200,
      'Service invoked too many times for one day: urlfetch.',
    ]);
  });
});

describe('LOCAL_FETCH_PROXY', () => {
  let proxy: LoopbackServer;
  beforeAll(async () => {
    proxy = await startLoopbackServer({
      routes: [
        { path: '/api/chat.postMessage', body: { ok: true } },
        { path: '/moved', redirect: 'https://hooks.slack.com/services/final' },
        { path: '/services/final', body: 'ok' },
      ],
    });
    process.env['LOCAL_FETCH_PROXY'] = proxy.url;
  });
  afterAll(async () => {
    delete process.env['LOCAL_FETCH_PROXY'];
    await proxy.close();
  });

  test('sends https requests as plain HTTP in absolute form, with the original Host, method, headers and body', async () => {
    const state = newState({ network: 'fake' });
    const code = `function f() {
      var r = UrlFetchApp.fetch('https://slack.com/api/chat.postMessage', { method: 'post', contentType: 'application/json; charset=utf-8',
        headers: { Authorization: 'Bearer xoxb-1' }, payload: JSON.stringify({ channel: 'C1', text: '進捗' }) });
      return JSON.parse(r.getContentText()).ok;
    }`;
    const result = runSnippet(state, code, 'f');
    expect(result.error).toBeUndefined();
    expect(result.value).toBe(true);
    const [req] = await proxy.requests();
    expect(req?.method).toBe('POST');
    expect(req?.target).toBe('https://slack.com/api/chat.postMessage');
    expect(req?.headers['host']).toBe('slack.com');
    expect(req?.headers['authorization']).toBe('Bearer xoxb-1');
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(req?.body ?? '')).toEqual({ channel: 'C1', text: '進捗' });
    // The proxy wins over the built-in fake: nothing was answered in-process.
    expect(readOutbound(state)).toEqual([]);
  });

  test('follows redirects through the proxy too', async () => {
    await proxy.clear();
    const code = `function f() { return UrlFetchApp.fetch('https://example.org/moved').getContentText(); }`;
    expect(runSnippet(newState(), code, 'f').value).toBe('ok');
    const targets = (await proxy.requests()).map((r) => [r.target, r.headers['host']]);
    expect(targets).toEqual([
      ['https://example.org/moved', 'example.org'],
      ['https://hooks.slack.com/services/final', 'hooks.slack.com'],
    ]);
  });
});

describe('fake network (the demo)', () => {
  test('answers Slack, Discord and GitHub in-process and records each request with secrets redacted', () => {
    const state = newState({ network: 'fake' });
    const code = `function f() {
      var post = function (url, body, headers) {
        var r = UrlFetchApp.fetch(url, { method: 'post', contentType: 'application/json', payload: JSON.stringify(body), headers: headers || {}, muteHttpExceptions: true });
        return [r.getResponseCode(), r.getContentText()];
      };
      var out = {};
      out.post = JSON.parse(post('https://slack.com/api/chat.postMessage', { channel: 'C0123', text: 'おはよう' }, { Authorization: 'Bearer xoxb-secret-1' })[1]);
      out.noauth = JSON.parse(post('https://slack.com/api/chat.postMessage', { channel: 'C0123', text: 'x' })[1]);
      out.badauth = JSON.parse(post('https://slack.com/api/auth.test', {}, { Authorization: 'Bearer nope' })[1]);
      out.unknown = JSON.parse(post('https://slack.com/api/no.such', {}, { Authorization: 'Bearer xoxb-1' })[1]);
      out.views = JSON.parse(post('https://slack.com/api/views.open', { trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'Report' }, blocks: [] } }, { Authorization: 'Bearer xoxb-1' })[1]);
      out.hook = post('https://hooks.slack.com/services/T/B/secret', { text: 'hi' });
      out.discordWait = post('https://discord.com/api/webhooks/123456789/tok?wait=true', { content: 'hello' });
      out.discordNoWait = post('https://discord.com/api/webhooks/123456789/tok', { content: 'hello' });
      out.discordTooLong = post('https://discord.com/api/webhooks/123456789/tok', { content: new Array(2002).join('x') });
      out.graphql = JSON.parse(post('https://api.github.com/graphql', { query: 'query { viewer { login } rateLimit { remaining resetAt } repository(owner: "o", name: "r") { pullRequests(first: 100) { nodes { number } pageInfo { hasNextPage endCursor } } } }' }, { Authorization: 'bearer ghp_secret' })[1]);
      var rest = UrlFetchApp.fetch('https://ghe.example.com/api/v3/repos/o/r/pulls?state=all', { headers: { Authorization: 'token ghp_secret' } });
      out.rest = [rest.getContentText(), rest.getHeaders()['X-RateLimit-Limit']];
      return out;
    }`;
    const result = runSnippet(state, code, 'f', { at: AT });
    expect(result.error).toBeUndefined();
    const out = result.value as Record<string, unknown>;
    expect(out['post']).toMatchObject({ ok: true, channel: 'C0123', message: { text: 'おはよう' } });
    expect(out['noauth']).toEqual({ ok: false, error: 'not_authed' });
    expect(out['badauth']).toEqual({ ok: false, error: 'invalid_auth' });
    expect(out['unknown']).toEqual({ ok: false, error: 'unknown_method' });
    expect(out['views']).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/) } });
    expect(out['hook']).toEqual([200, 'ok']);
    const [waitCode, waitBody] = out['discordWait'] as [number, string];
    expect(waitCode).toBe(200);
    expect(JSON.parse(waitBody)).toMatchObject({ id: expect.stringMatching(/^\d+$/), content: 'hello', webhook_id: '123456789' });
    expect(out['discordNoWait']).toEqual([204, '']);
    expect((out['discordTooLong'] as [number])[0]).toBe(400);
    expect(out['graphql']).toEqual({
      data: {
        viewer: { login: 'shinchoku-bot' },
        rateLimit: { remaining: expect.any(Number), resetAt: expect.any(String) },
        repository: { pullRequests: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } },
      },
    });
    expect(out['rest']).toEqual(['[]', '5000']);

    const sent = readOutbound(state);
    expect(sent).toHaveLength(11);
    expect(sent[0]).toMatchObject({
      at: '2026-01-05T00:00:00.300Z',
      method: 'POST',
      url: 'https://slack.com/api/chat.postMessage',
      service: 'slack',
      headers: { authorization: '<redacted>', 'content-type': 'application/json' },
      body: { channel: 'C0123', text: 'おはよう' },
    });
    expect(JSON.stringify(sent)).not.toMatch(/xoxb-secret|ghp_secret/);
    // The modeled clock moves 300 ms per fetch (charged as the call starts), and each record carries it.
    expect(sent[1]?.at).toBe('2026-01-05T00:00:00.600Z');
  });

  test('hosts the fake does not own still go to the network', async () => {
    const server = await startLoopbackServer({ routes: [{ path: '/x', body: 'real' }] });
    try {
      const code = `function f(u) { return UrlFetchApp.fetch(u).getContentText(); }`;
      expect(runSnippet(newState({ network: 'fake' }), code, 'f', { args: [`${server.url}/x`] }).value).toBe('real');
    } finally {
      await server.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
