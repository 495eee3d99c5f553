import { checkBlocks, checkView } from './slackBlocks';
import { fields, header, json, shortId, text, type FakeRequest, type FakeResponse } from './types';

/**
 * Slack: the Web API (slack.com/api/<method>, always HTTP 200 with {ok}), incoming webhooks and response_url
 * (hooks.slack.com, answering "ok"), checking requests as Slack does: the token, JSON for write methods and form
 * fields for read methods, Block Kit and modal limits (slackBlocks.ts), channels and threads that exist, the five
 * uses of a response_url. It keeps what it was sent in a plain `SlackData`, so the same fake serves the demo (its
 * data in the state directory) and the tests' loopback server (its data in memory, steered through `mode`).
 */

const BOT = { user_id: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', team_id: 'T0FAKETEAM', team: 'Fake Team', url: 'https://fake-team.slack.com/' };

/** The channels a new workspace has; a test may add more (`mode.channels`). */
const KNOWN_CHANNELS = ['general', 'standup', 'progress', 'code-review', 'code-reviews', 'dev', 'random'];

export interface SlackMode {
  /** Every request answers `downStatus` with an HTML page. */
  down: boolean;
  downStatus: number;
  /** The next N requests are answered 429 with Retry-After: retryAfter (seconds). */
  rateLimit: number;
  retryAfter: number;
  /** The next N successful posts are carried out but answered `delayMs` late (the client times out first). */
  loseAnswers: number;
  /** The next N requests are answered `delayMs` late and not carried out. */
  timeouts: number;
  delayMs: number;
  /** false: conversations.history and .replies answer missing_scope. */
  historyScope: boolean;
  /** Channel names that exist besides the known ones. */
  channels?: string[];
}

export interface SlackMessage {
  channel: string;
  /** The channel as the request named it (`#progress`, a user id…). */
  requested: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  thread_ts: string | null;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  via: 'api';
}

export interface SlackHookPost {
  kind: 'webhook' | 'response_url';
  url: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  response_type?: string;
  replace_original?: unknown;
}

/** Everything the fake Slack keeps: plain data, so it can be stored as JSON. */
export interface SlackData {
  mode: SlackMode;
  /** Channel name → id. */
  channels: Record<string, string>;
  messages: SlackMessage[];
  views: Array<{ id: string; trigger_id: string; view: Record<string, unknown> }>;
  hooks: SlackHookPost[];
  /** response_url → times used. */
  responseUses: Record<string, number>;
  seq: number;
}

export interface SlackOptions {
  /**
   * The demo has no real workspace behind it: any channel name exists, any thread can be replied to, any trigger
   * id opens a modal and any incoming-webhook URL posts, since no real Slack issued them. What is sent (text,
   * blocks, views) is checked all the same. The tests' fake is strict, so a wrong id or URL shows.
   */
  lenient?: boolean;
}

export function freshSlackMode(): SlackMode {
  return { down: false, downStatus: 503, rateLimit: 0, retryAfter: 2, loseAnswers: 0, timeouts: 0, delayMs: 3000, historyScope: true };
}

export function freshSlackData(): SlackData {
  const data: SlackData = { mode: freshSlackMode(), channels: {}, messages: [], views: [], hooks: [], responseUses: {}, seq: 0 };
  for (const name of KNOWN_CHANNELS) channelId(data, name);
  return data;
}

function channelId(data: SlackData, name: string): string {
  const key = name.replace(/^#/, '');
  return (data.channels[key] ??= `C${shortId(key, 10)}`);
}

type Args = Record<string, unknown>;
type Method = (fake: Call, args: Args) => Record<string, unknown>;

/** One request's view of the fake: its data, its options and the request's clock. */
interface Call {
  data: SlackData;
  options: SlackOptions;
  req: FakeRequest;
}

/** The conversation a channel argument names, or null when Slack would answer channel_not_found. */
function resolveChannel(call: Call, arg: unknown): string | null {
  const value = String(arg ?? '');
  if (/^[CGD][A-Z0-9]+$/.test(value)) return value;
  if (/^[UW][A-Z0-9]{6,}$/.test(value)) return `D${shortId(value, 10)}`;
  const name = value.replace(/^#/, '');
  if (name === '') return null;
  if (call.options.lenient) return channelId(call.data, name);
  return call.data.channels[name] ?? null;
}

function nextTs(call: Call): string {
  call.data.seq += 1;
  return `${Math.floor(call.req.now / 1000)}.${String(call.data.seq).padStart(6, '0')}`;
}

const needsChannel = (call: Call, args: Args) => (resolveChannel(call, args['channel']) ? undefined : { ok: false, error: 'channel_not_found' });

/** Slack reads the arguments of these from form fields or the query only, never from a JSON body. */
const READ_METHODS = new Set(['conversations.history', 'conversations.replies', 'conversations.list']);

const METHODS: Record<string, Method> = {
  'auth.test': () => ({
    ok: true,
    url: BOT.url,
    team: BOT.team,
    user: 'shinchoku',
    team_id: BOT.team_id,
    user_id: BOT.user_id,
    bot_id: BOT.bot_id,
    is_enterprise_install: false,
  }),
  'chat.postMessage': (call, args) => {
    const channel = resolveChannel(call, args['channel']);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!args['text'] && !args['blocks'] && !args['attachments']) return { ok: false, error: 'no_text' };
    if (typeof args['text'] === 'string' && args['text'].length > 40000) return { ok: false, error: 'msg_too_long' };
    if (args['blocks'] !== undefined) {
      const errors = checkBlocks(args['blocks'], 50);
      if (errors.length) return { ok: false, error: 'invalid_blocks', errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
    }
    const metadata = args['metadata'] as SlackMessage['metadata'] | undefined;
    if (metadata !== undefined) {
      if (
        !metadata ||
        typeof metadata.event_type !== 'string' ||
        !metadata.event_type ||
        typeof metadata.event_payload !== 'object' ||
        metadata.event_payload === null
      )
        return { ok: false, error: 'invalid_metadata_format' };
    }
    const threadTs = typeof args['thread_ts'] === 'string' && args['thread_ts'] !== '' ? args['thread_ts'] : null;
    if (threadTs && !call.options.lenient && !call.data.messages.some((m) => m.channel === channel && m.ts === threadTs))
      return { ok: false, error: 'thread_not_found' };
    const message: SlackMessage = {
      channel,
      requested: String(args['channel']),
      ts: nextTs(call),
      text: typeof args['text'] === 'string' ? args['text'] : '',
      blocks: Array.isArray(args['blocks']) ? (args['blocks'] as SlackMessage['blocks']) : [],
      thread_ts: threadTs,
      metadata: metadata ?? null,
      via: 'api',
    };
    call.data.messages.push(message);
    return {
      ok: true,
      channel,
      ts: message.ts,
      message: {
        type: 'message',
        subtype: 'bot_message',
        text: message.text,
        user: BOT.user_id,
        bot_id: BOT.bot_id,
        ts: message.ts,
        blocks: message.blocks,
      },
    };
  },
  'chat.update': (call, args) =>
    needsChannel(call, args) ?? { ok: true, channel: args['channel'], ts: args['ts'] ?? nextTs(call), text: args['text'] ?? '' },
  'chat.postEphemeral': (call, args) => needsChannel(call, args) ?? { ok: true, message_ts: nextTs(call) },
  'chat.delete': (call, args) => needsChannel(call, args) ?? { ok: true, channel: args['channel'], ts: args['ts'] ?? nextTs(call) },
  'views.open': (call, args) => {
    const trigger = args['trigger_id'];
    if (typeof trigger !== 'string' || (!call.options.lenient && !/^\d+\.\d+\.[0-9a-f]+$/.test(trigger)))
      return { ok: false, error: 'invalid_trigger_id' };
    const view = (typeof args['view'] === 'string' ? JSON.parse(args['view']) : args['view']) as Record<string, unknown>;
    const errors = checkView(view);
    if (errors.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
    const id = `V${shortId(String(call.data.views.length + 1), 10)}`;
    call.data.views.push({ id, trigger_id: trigger, view });
    return { ok: true, view: { id, ...view } };
  },
  'views.push': (call) => ({ ok: true, view: { id: `V${shortId(String(call.req.seq), 10)}`, type: 'modal' } }),
  'views.update': (call, args) => ({ ok: true, view: { id: args['view_id'] ?? `V${shortId(String(call.req.seq), 10)}`, type: 'modal' } }),
  'views.publish': (call, args) => ({ ok: true, view: { id: `V${shortId(String(args['user_id'] ?? call.req.seq), 10)}`, type: 'home' } }),
  'users.info': (_call, args) => {
    const id = String(args['user'] ?? '');
    if (!id) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id,
        team_id: BOT.team_id,
        name: id.toLowerCase(),
        real_name: `User ${id}`,
        tz: 'Asia/Tokyo',
        profile: { real_name: `User ${id}`, display_name: id.toLowerCase(), email: `${id.toLowerCase()}@example.com` },
      },
    };
  },
  'users.lookupByEmail': (_call, args) => {
    const email = String(args['email'] ?? '');
    if (!email.includes('@')) return { ok: false, error: 'users_not_found' };
    const id = `U${shortId(email, 10)}`;
    return {
      ok: true,
      user: { id, team_id: BOT.team_id, name: email.split('@')[0], tz: 'Asia/Tokyo', profile: { email, display_name: email.split('@')[0] } },
    };
  },
  'users.list': () => ({ ok: true, members: [], response_metadata: { next_cursor: '' } }),
  'conversations.open': (_call, args) => {
    const user = String(args['users'] ?? '').split(',')[0] ?? '';
    if (!/^[UW][A-Z0-9]{6,}$/.test(user)) return { ok: false, error: 'user_not_found' };
    return { ok: true, channel: { id: `D${shortId(user, 10)}` } };
  },
  'conversations.list': (call, args) => {
    const all = Object.entries(call.data.channels).map(([name, id]) => ({ id, name, is_channel: true, is_private: false, is_archived: false }));
    return { ok: true, channels: page(all, args), response_metadata: { next_cursor: nextCursor(all, args) } };
  },
  'conversations.history': (call, args) => history(call, args, (m, channel) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts)),
  'conversations.replies': (call, args) => {
    if (!args['ts']) return { ok: false, error: 'thread_not_found' };
    return history(call, args, (m, channel) => m.channel === channel && (m.ts === args['ts'] || m.thread_ts === args['ts']));
  },
  'conversations.info': (call, args) => needsChannel(call, args) ?? { ok: true, channel: { id: args['channel'], name: 'general', is_channel: true } },
  'reactions.add': () => ({ ok: true }),
};

const limitOf = (args: Args) => Math.min(1000, Number(args['limit']) || 100);
const startOf = (args: Args) => Number(args['cursor'] || 0);
const page = <T>(all: T[], args: Args): T[] => all.slice(startOf(args), startOf(args) + limitOf(args));
const nextCursor = (all: unknown[], args: Args): string => (startOf(args) + limitOf(args) < all.length ? String(startOf(args) + limitOf(args)) : '');

function history(call: Call, args: Args, pick: (m: SlackMessage, channel: string) => boolean): Record<string, unknown> {
  if (!call.data.mode.historyScope) return { ok: false, error: 'missing_scope', needed: 'channels:history' };
  const channel = resolveChannel(call, args['channel']);
  if (!channel || !/^[CGD]/.test(String(args['channel']))) return { ok: false, error: 'channel_not_found' };
  const oldest = Number(args['oldest'] || 0);
  const withMeta = args['include_all_metadata'] === 'true' || args['include_all_metadata'] === true;
  const list = call.data.messages
    .filter((m) => pick(m, channel) && Number(m.ts) > oldest)
    .sort((a, b) => Number(b.ts) - Number(a.ts))
    .map((m) => ({
      type: 'message',
      ts: m.ts,
      text: m.text,
      bot_id: BOT.bot_id,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
    }));
  const next = nextCursor(list, args);
  return { ok: true, messages: page(list, args), has_more: next !== '', response_metadata: { next_cursor: next } };
}

function webApi(call: Call): FakeResponse {
  const { req } = call;
  const method = req.url.pathname.replace(/^\/api\//, '');
  const handler = METHODS[method];
  // Slack checks the method first, then the token; every answer is HTTP 200.
  if (!handler) return json(200, { ok: false, error: 'unknown_method' });
  const query: Args = Object.fromEntries(req.url.searchParams);
  const isJson = /^application\/json/i.test(req.contentType);
  let args: Args;
  let warning: string | undefined;
  if (isJson) {
    try {
      args = JSON.parse(req.text || '{}') as Args;
    } catch {
      return json(200, { ok: false, error: 'invalid_json' });
    }
    if (!/charset=utf-8/i.test(req.contentType)) warning = 'missing_charset';
    if (READ_METHODS.has(method)) args = { ...query };
  } else {
    args = { ...query, ...fields(req) };
  }
  const authorization = header(req, 'authorization');
  const bearer = authorization === undefined ? undefined : (/^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '');
  const token = bearer ?? (typeof args['token'] === 'string' ? args['token'] : undefined);
  if (token === undefined) return json(200, { ok: false, error: 'not_authed' });
  if (!/^xox[abpe]-[A-Za-z0-9-]+$/.test(token)) return json(200, { ok: false, error: 'invalid_auth' });
  const answer = handler(call, args);
  return json(200, warning ? { ...answer, warning } : answer);
}

/** Incoming webhooks (/services/T…/B…/…) and response_url (/commands/…, /actions/…: five uses each). */
function hooks(call: Call): FakeResponse {
  const { req, data } = call;
  if (req.method !== 'POST') return text(405, 'invalid_method');
  const body = fields(req);
  const payload: Args | undefined =
    typeof body['payload'] === 'string' ? parseObject(body['payload']) : req.text.trim().startsWith('{') ? parseObject(req.text) : undefined;
  if (!payload) return text(400, 'invalid_payload');
  if (!payload['text'] && !payload['blocks'] && !payload['attachments'] && !payload['delete_original']) return text(400, 'no_text');
  if (payload['blocks'] !== undefined && checkBlocks(payload['blocks'], 50).length > 0) return text(400, 'invalid_blocks');
  const url = req.url;
  const post = {
    url: url.href,
    text: typeof payload['text'] === 'string' ? payload['text'] : '',
    blocks: Array.isArray(payload['blocks']) ? (payload['blocks'] as SlackHookPost['blocks']) : [],
  };
  if (call.options.lenient ? /^\/services\//.test(url.pathname) : /^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/.test(url.pathname)) {
    data.hooks.push({ kind: 'webhook', ...post });
    return text(200, 'ok', 'text/html');
  }
  if (/^\/(commands|actions)\//.test(url.pathname)) {
    const uses = (data.responseUses[url.href] ?? 0) + 1;
    data.responseUses[url.href] = uses;
    if (uses > 5 || /expired/.test(url.pathname)) return text(404, 'expired_url');
    data.hooks.push({
      kind: 'response_url',
      ...post,
      response_type: typeof payload['response_type'] === 'string' ? payload['response_type'] : 'ephemeral',
      replace_original: payload['replace_original'],
    });
    return text(200, 'ok', 'text/html');
  }
  return text(404, 'no_service');
}

function parseObject(text: string): Args | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Args) : undefined;
  } catch {
    return undefined;
  }
}

/** Outage, rate limit and lost answers, in that order, for one request. */
function trouble(mode: SlackMode): FakeResponse | undefined {
  if (mode.down) return { status: mode.downStatus, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Slack is down</body></html>' };
  if (mode.rateLimit > 0) {
    mode.rateLimit -= 1;
    return json(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(mode.retryAfter) });
  }
  if (mode.timeouts > 0) {
    mode.timeouts -= 1;
    return { status: 503, headers: {}, body: 'late', delayMs: mode.delayMs };
  }
  return undefined;
}

export function isSlackApi(url: URL): boolean {
  return (url.hostname === 'slack.com' && url.pathname.startsWith('/api/')) || url.hostname === 'hooks.slack.com';
}

/** Answers one request to slack.com or hooks.slack.com, changing `data` as Slack would change its workspace. */
export function answerSlack(data: SlackData, req: FakeRequest, options: SlackOptions = {}): FakeResponse {
  const problem = trouble(data.mode);
  if (problem) return problem;
  const call: Call = { data, options, req };
  const answer = req.url.hostname === 'slack.com' ? webApi(call) : hooks(call);
  const posting = req.url.hostname === 'hooks.slack.com' || req.url.pathname === '/api/chat.postMessage';
  if (data.mode.loseAnswers > 0 && posting && answer.status === 200 && /"ok":true|^ok$/.test(answer.body)) {
    // The request was carried out, but its answer never arrives: the client times out.
    data.mode.loseAnswers -= 1;
    return { ...answer, delayMs: data.mode.delayMs };
  }
  return answer;
}

/** Changes how the fake behaves from now on (outages, rate limits, lost answers, extra channels). */
export function configureSlack(data: SlackData, mode: Partial<SlackMode>): SlackMode {
  Object.assign(data.mode, mode);
  for (const name of mode.channels ?? []) channelId(data, name);
  return data.mode;
}
