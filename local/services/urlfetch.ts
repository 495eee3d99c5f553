import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import { COST_MS } from '../runtime/execution';
import { isPlainObject } from '../runtime/realm';
import { answerFake, ownsUrl } from '../fake';
import { countedAs } from './counted';
import { consume } from './quota';
import { requestSync } from './syncHttp';
import { MAX_BYTES, prepareRequest, type PreparedRequest } from './urlfetchRequest';
import { httpResponse, statusError, type ReceivedResponse } from './urlfetchResponse';
import type { WireResult } from './wire';

/** Apps Script gives up on a request after about 60 s; LOCAL_FETCH_TIMEOUT_MS shortens it for tests. */
function timeoutMs(): number {
  const n = Number(process.env['LOCAL_FETCH_TIMEOUT_MS']);
  return Number.isFinite(n) && n > 0 ? n : 60000;
}

/**
 * UrlFetchApp. Requests are synchronous, as in Apps Script: they run on a worker thread while the script's thread
 * waits. With LOCAL_FETCH_PROXY every request goes to that address in absolute form; in a state made for the demo
 * (`network: 'fake'`) Slack, Discord and GitHub are answered in-process by local/fake.
 */
export const urlFetchService: ServiceFactory = (exec) => {
  const UrlFetchApp = countedAs<GoogleAppsScript.URL_Fetch.UrlFetchApp>(
    exec,
    'UrlFetchApp',
    {
      fetch(url: unknown, params?: unknown) {
        const prepared = prepareRequest(exec, url, params);
        consume(exec, 'urlfetch', 1);
        return finish(exec, prepared, send(exec, [prepared])[0] as WireResult);
      },
      fetchAll(requests: unknown) {
        if (!Array.isArray(requests)) throw exec.realm.exception('Invalid argument: requests');
        const prepared = requests.map((r: unknown) =>
          typeof r === 'string' ? prepareRequest(exec, r, {}) : prepareRequest(exec, isPlainObject(r) ? r['url'] : undefined, r),
        );
        consume(exec, 'urlfetch', prepared.length);
        const results = send(exec, prepared);
        // Every request has been made; the first failure (in request order) is what the script sees.
        return exec.realm.toScript(prepared.map((p, i) => finish(exec, p, results[i] as WireResult)));
      },
      getRequest(url: unknown, params?: unknown) {
        return exec.realm.toScript(prepareRequest(exec, url, params).described);
      },
      toString: () => 'UrlFetchApp',
    },
    {
      fetch: COST_MS.urlFetch,
      fetchAll: (args) => COST_MS.urlFetchAllBase + COST_MS.urlFetchAllPerRequest * (Array.isArray(args[0]) ? args[0].length : 0),
    },
  );
  return { UrlFetchApp };
};

function send(exec: Execution, prepared: PreparedRequest[]): WireResult[] {
  const proxy = process.env['LOCAL_FETCH_PROXY'] || null;
  const fake = !proxy && exec.state.meta().network === 'fake';
  const results: Array<WireResult | undefined> = prepared.map((p) => {
    if (!fake || !ownsUrl(p.wire.url)) return undefined;
    const answer = answerFake(exec.state, { method: p.wire.method, url: p.wire.url, headers: p.wire.headers, body: p.wire.body, now: exec.now() });
    if (!answer) return undefined;
    const rawHeaders = Object.entries(answer.headers).flat();
    return { ok: true, status: answer.status, rawHeaders, body: new Uint8Array(Buffer.from(answer.body, 'utf8')), url: p.wire.url };
  });
  const pending = prepared.map((p, i) => ({ p, i })).filter(({ i }) => results[i] === undefined);
  const fetched = requestSync(
    pending.map(({ p }) => p.wire),
    { proxy, timeoutMs: timeoutMs(), maxBytes: MAX_BYTES },
  );
  pending.forEach(({ i }, k) => (results[i] = fetched[k]));
  return results as WireResult[];
}

function finish(exec: Execution, prepared: PreparedRequest, result: WireResult): GoogleAppsScript.URL_Fetch.HTTPResponse {
  const url = prepared.wire.url;
  if (!result.ok) {
    switch (result.kind) {
      case 'timeout':
        throw exec.realm.exception(`Timeout: ${url}`);
      case 'dns':
        throw exec.realm.exception(`DNS error: ${url}`);
      case 'tooLarge':
        throw exec.realm.exception('Limit Exceeded: URLFetch response size.');
      default:
        throw exec.realm.exception(`Address unavailable: ${url}`);
    }
  }
  const received: ReceivedResponse = { status: result.status, rawHeaders: result.rawHeaders, body: Buffer.from(result.body), url: result.url };
  if (result.status >= 400 && !prepared.mute) throw statusError(exec, received);
  return httpResponse(exec, received);
}
