import type { StateDir } from '../runtime/state';
import { answerDiscord, freshDiscordData, isDiscordApi, type DiscordData } from './discord';
import { github, isGitHubApi } from './github';
import { gitlab, isGitLabApi } from './gitlab';
import { bodyAsData, outbound, record, redactHeaders } from './outbound';
import { answerSlack, freshSlackData, isSlackApi, type SlackData } from './slack';
import { answerObservability, freshObservabilityData, observabilityService, type ObservabilityData } from './observability';
import type { FakeRequest, FakeResponse } from './types';
import { answerNotion, freshNotionData, isNotionApi, type NotionData } from './notion';
import { answerConfluence, freshConfluenceData, isConfluenceApi, type ConfluenceData } from './confluence';

export { readOutbound, type OutboundRecord } from './outbound';
export type { FakeResponse } from './types';

/** What the demo's fake Slack and Discord keep between executions, as a workspace and a channel would. */
interface FakeWorkspace {
  slack: SlackData;
  discord: DiscordData;
  // Added after the first demos: a state made before them has neither.
  notion?: NotionData;
  confluence?: ConfluenceData;
}

const WORKSPACE = 'fake';

function workspace(state: StateDir): FakeWorkspace {
  const data = state.slice<FakeWorkspace>(WORKSPACE, () => ({ slack: freshSlackData(), discord: freshDiscordData() }));
  // Every request may change what the fake keeps (a message, a use of a response_url).
  state.touch(WORKSPACE);
  return data;
}

/**
 * The built-in fake of the outside services the product talks to, used when the state says `network: 'fake'`
 * (the demo). Routes by host; anything it does not own returns undefined and goes to the real network. The
 * tests' loopback server (loopback.ts) answers with the same fakes.
 */
const ROUTES: Array<{ service: string; owns: (url: URL) => boolean; answer: (state: StateDir, req: FakeRequest) => FakeResponse }> = [
  // The demo has no real workspace behind it, so its Slack is lenient about channel names and threads.
  { service: 'slack', owns: isSlackApi, answer: (state, req) => answerSlack(workspace(state).slack, req, { lenient: true }) },
  { service: 'discord', owns: isDiscordApi, answer: (state, req) => answerDiscord(workspace(state).discord, req) },
  {
    service: 'notion',
    owns: isNotionApi,
    answer: (state, req) => {
      const w = workspace(state);
      return answerNotion((w.notion ??= demoNotion()), req);
    },
  },
  {
    service: 'confluence',
    owns: (u) => u.protocol === 'https:' && u.hostname.endsWith('.atlassian.net') && isConfluenceApi(u),
    answer: (state, req) => {
      const w = workspace(state);
      return answerConfluence((w.confluence ??= demoConfluence()), req);
    },
  },
  // Before GitHub's: GitHub Enterprise Server's /api/graphql would otherwise take a GitLab instance's.
  { service: 'gitlab', owns: (u) => u.protocol === 'https:' && isGitLabApi(u), answer: (_state, req) => gitlab(req) },
  { service: 'github', owns: (u) => u.protocol === 'https:' && isGitHubApi(u), answer: (_state, req) => github(req) },
  // GA4, New Relic and Datadog: the demo's property, account and organization (local/fake/observability.ts).
  {
    service: 'observability',
    owns: (u) => u.protocol === 'https:' && observabilityService(u) !== null,
    answer: (state, req) => answerObservability(observability(state), req) ?? { status: 404, headers: {}, body: '' },
  },
];

/** The demo's Notion and Confluence: the ids and credentials the demo state puts in Settings and Script Properties. */
export const DEMO_NOTION = { token: 'ntn_demo_token_shinchoku', parentPage: '1f2e3d4c5b6a79881f2e3d4c5b6a7988' };
export const DEMO_CONFLUENCE = { email: 'lead@example.com', token: 'ATATT-demo-token-shinchoku', spaceId: '65537', parentId: '3000001' };

function demoNotion(): NotionData {
  const data = freshNotionData();
  Object.assign(data.mode, { token: DEMO_NOTION.token, parentPages: [DEMO_NOTION.parentPage] });
  return data;
}

function demoConfluence(): ConfluenceData {
  const data = freshConfluenceData();
  Object.assign(data.mode, {
    email: DEMO_CONFLUENCE.email,
    token: DEMO_CONFLUENCE.token,
    spaces: [{ id: DEMO_CONFLUENCE.spaceId, key: 'TEAM', name: 'Team' }],
  });
  data.pages.push({
    id: DEMO_CONFLUENCE.parentId,
    status: 'current',
    title: 'Weekly reports',
    spaceId: DEMO_CONFLUENCE.spaceId,
    parentId: null,
    body: '<p>shinchoku publishes each week here.</p>',
    version: { number: 1, createdAt: '2026-01-01T00:00:00.000Z', message: '' },
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  return data;
}

const OBSERVABILITY = 'fake-observability';

/** What the demo's GA4 property, New Relic account and Datadog organization received, kept between executions. */
function observability(state: StateDir): ObservabilityData {
  const data = state.slice<ObservabilityData>(OBSERVABILITY, freshObservabilityData);
  state.touch(OBSERVABILITY);
  return data;
}

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
  const response = route.answer(state, req);
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
