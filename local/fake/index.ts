import type { StateDir } from '../runtime/state';
import { discordWebhook } from './discord';
import { github, isGitHubApi } from './github';
import { bodyAsData, outbound, record, redactHeaders } from './outbound';
import { slackHooks, slackWebApi } from './slack';
import type { FakeRequest, FakeResponse } from './types';

export { readOutbound, type OutboundRecord } from './outbound';
export type { FakeResponse } from './types';

/**
 * The built-in fake of the outside services the product talks to, used when the state says `network: 'fake'`
 * (the demo). Routes by host; anything it does not own returns undefined and goes to the real network.
 */
const ROUTES: Array<{ service: string; owns: (url: URL) => boolean; answer: (req: FakeRequest) => FakeResponse }> = [
  { service: 'slack', owns: (u) => u.hostname === 'slack.com' && u.pathname.startsWith('/api/'), answer: slackWebApi },
  { service: 'slack', owns: (u) => u.hostname === 'hooks.slack.com', answer: slackHooks },
  { service: 'discord', owns: (u) => u.hostname === 'discord.com' || u.hostname === 'discordapp.com', answer: discordWebhook },
  { service: 'github', owns: (u) => u.protocol === 'https:' && isGitHubApi(u), answer: github },
];

export function ownsUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return ROUTES.some((r) => r.owns(u));
  } catch {
    return false;
  }
}

export interface FakeCall {
  method: string;
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array | null;
  /** The execution clock (ms since the epoch). */
  now: number;
}

/** Answers a request the fake owns and records it in the "outbound" slice (secrets redacted). */
export function answerFake(state: StateDir, call: FakeCall): FakeResponse | undefined {
  const url = new URL(call.url);
  const route = ROUTES.find((r) => r.owns(url));
  if (!route) return undefined;
  const text = call.body ? Buffer.from(call.body).toString('utf8') : '';
  const contentType = call.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const req: FakeRequest = {
    method: call.method.toUpperCase(),
    url,
    headers: call.headers,
    text,
    contentType,
    now: call.now,
    seq: outbound(state).length,
  };
  const response = route.answer(req);
  record(state, {
    at: new Date(call.now).toISOString(),
    method: req.method,
    url: url.href,
    headers: redactHeaders(call.headers),
    body: bodyAsData(text, contentType),
    service: route.service,
    status: response.status,
  });
  return response;
}
