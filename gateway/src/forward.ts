import { hmacHex } from './verify';

/**
 * The gateway → web app leg. One POST to `WEB_APP_URL?source=gateway&ts=…&sig=…` whose body is a JSON envelope
 * (source, event, delivery id, content type, the original body, and a KPI client's Authorization), signed with
 * GATEWAY_SECRET over `{ts}.{body}`. Apps Script answers every POST with a 302 to a script.googleusercontent.com
 * URL whose GET returns what doPost returned; the gateway follows it once and reads the web app's JSON reply:
 * `{ok, status, contentType, body}`, the status the original sender should get.
 */

export interface Envelope {
  /** The original sender, or `questions`: the gateway's own request for the Discord form (gateway/src/form.ts). */
  source: 'slack' | 'github' | 'gitlab' | 'discord' | 'progress' | 'questions';
  event: string;
  delivery: string;
  contentType: string;
  body: string;
  authorization: string;
}

export interface WebAppReply {
  ok: boolean;
  status: number;
  contentType: string;
  body: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function unavailable(reason: string): WebAppReply {
  // 502: the web app did not say it recorded anything, so senders that retry (GitHub's Redeliver, GitLab) should.
  return { ok: false, status: 502, contentType: 'application/json', body: JSON.stringify({ ok: false, error: `web app: ${reason}` }) };
}

function readReply(text: string): WebAppReply | null {
  try {
    const v = JSON.parse(text) as Partial<WebAppReply>;
    if (typeof v.ok !== 'boolean' || typeof v.status !== 'number' || typeof v.body !== 'string') return null;
    return { ok: v.ok, status: v.status, contentType: typeof v.contentType === 'string' ? v.contentType : 'application/json', body: v.body };
  } catch {
    return null;
  }
}

export async function forward(webAppUrl: string, secret: string, envelope: Envelope, nowSeconds: number): Promise<WebAppReply> {
  const body = JSON.stringify(envelope);
  const ts = String(nowSeconds);
  const url = new URL(webAppUrl);
  url.searchParams.set('source', 'gateway');
  url.searchParams.set('ts', ts);
  url.searchParams.set('sig', await hmacHex(secret, `${ts}.${body}`));
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, redirect: 'manual' });
    if (REDIRECTS.has(response.status)) {
      const location = response.headers.get('Location');
      if (!location) return unavailable(`HTTP ${response.status} without a Location`);
      // The body lives at the redirect target, read with a GET, as every client of Apps Script does.
      response = await fetch(new URL(location, url), { method: 'GET', redirect: 'follow' });
    }
  } catch (error) {
    return unavailable(`unreachable (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  if (!response.ok) return unavailable(`HTTP ${response.status}`);
  // An Apps Script error page (quota, an exception before doPost answered) is HTML, not our JSON: nothing is known.
  return readReply(text) ?? unavailable('the answer is not the gateway reply JSON (an Apps Script error page?)');
}

/** GET …/exec?action=health, for the gateway's own /health. */
export async function webAppHealth(webAppUrl: string): Promise<unknown> {
  const url = new URL(webAppUrl);
  url.searchParams.set('action', 'health');
  try {
    const response = await fetch(url, { redirect: 'follow' });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { ok: false, error: `HTTP ${response.status}: not JSON` };
    }
  } catch (error) {
    return { ok: false, error: `unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
