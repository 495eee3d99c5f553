import { fields, header, json, shortId, text, type FakeRequest, type FakeResponse } from './types';

/**
 * Slack: the Web API (slack.com/api/<method>, always HTTP 200 with {ok}), incoming webhooks and response_url
 * (hooks.slack.com, answering "ok"). Each Web API method is one row: what it needs and what it answers.
 */
const BOT = { user_id: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', team_id: 'T0FAKETEAM', team: 'Fake Team', url: 'https://fake-team.slack.com/' };

type Method = (req: FakeRequest, args: Record<string, unknown>) => Record<string, unknown>;

function ts(req: FakeRequest): string {
  return `${Math.floor(req.now / 1000)}.${String(((req.now % 1000) * 1000 + req.seq) % 1000000).padStart(6, '0')}`;
}

const needsChannel = (args: Record<string, unknown>) => (args['channel'] ? undefined : { ok: false, error: 'channel_not_found' });

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
  'chat.postMessage': (req, args) => {
    const missing = needsChannel(args);
    if (missing) return missing;
    if (!args['text'] && !args['blocks'] && !args['attachments']) return { ok: false, error: 'no_text' };
    const errors = blockErrors(args['blocks']);
    if (errors.length > 0) return { ok: false, error: 'invalid_blocks', errors };
    const stamp = ts(req);
    const channel = String(args['channel']);
    return {
      ok: true,
      channel: /^[CDG][A-Z0-9]+$/.test(channel) ? channel : `C${shortId(channel, 10)}`,
      ts: stamp,
      message: {
        type: 'message',
        subtype: 'bot_message',
        text: args['text'] ?? '',
        user: BOT.user_id,
        bot_id: BOT.bot_id,
        ts: stamp,
        blocks: args['blocks'] ?? [],
      },
    };
  },
  'chat.update': (req, args) => needsChannel(args) ?? { ok: true, channel: args['channel'], ts: args['ts'] ?? ts(req), text: args['text'] ?? '' },
  'chat.postEphemeral': (req, args) => needsChannel(args) ?? { ok: true, message_ts: ts(req) },
  'chat.delete': (req, args) => needsChannel(args) ?? { ok: true, channel: args['channel'], ts: args['ts'] ?? ts(req) },
  'views.open': (req) => ({ ok: true, view: { id: `V${shortId(String(req.seq), 10)}`, type: 'modal' } }),
  'views.push': (req) => ({ ok: true, view: { id: `V${shortId(String(req.seq), 10)}`, type: 'modal' } }),
  'views.update': (req, args) => ({ ok: true, view: { id: args['view_id'] ?? `V${shortId(String(req.seq), 10)}`, type: 'modal' } }),
  'views.publish': (req, args) => ({ ok: true, view: { id: `V${shortId(String(args['user_id'] ?? req.seq), 10)}`, type: 'home' } }),
  'users.info': (_req, args) => {
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
  'users.lookupByEmail': (_req, args) => {
    const email = String(args['email'] ?? '');
    if (!email.includes('@')) return { ok: false, error: 'users_not_found' };
    const id = `U${shortId(email, 10)}`;
    return {
      ok: true,
      user: { id, team_id: BOT.team_id, name: email.split('@')[0], tz: 'Asia/Tokyo', profile: { email, display_name: email.split('@')[0] } },
    };
  },
  'users.list': () => ({ ok: true, members: [], response_metadata: { next_cursor: '' } }),
  'conversations.open': (_req, args) => {
    const users = String(args['users'] ?? args['channel'] ?? '');
    if (!users) return { ok: false, error: 'users_list_not_supplied' };
    return { ok: true, channel: { id: `D${shortId(users, 10)}` } };
  },
  'conversations.list': () => ({ ok: true, channels: [], response_metadata: { next_cursor: '' } }),
  // The demo's fake keeps no messages: a lookup after a lost answer (which never happens here) finds none.
  'conversations.history': (_req, args) => needsChannel(args) ?? { ok: true, messages: [], has_more: false, response_metadata: { next_cursor: '' } },
  'conversations.replies': (_req, args) => needsChannel(args) ?? { ok: true, messages: [], has_more: false, response_metadata: { next_cursor: '' } },
  'conversations.info': (_req, args) => needsChannel(args) ?? { ok: true, channel: { id: args['channel'], name: 'general', is_channel: true } },
  'reactions.add': () => ({ ok: true }),
};

/** Slack's Block Kit limits for a message (50 blocks, header 150, section 3,000, 10 fields of 2,000, button 75). */
function blockErrors(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  const errors: string[] = [];
  const text = (t: unknown, max: number, at: string) => {
    const value = (t as { text?: unknown } | undefined)?.text;
    if (typeof value !== 'string' || value.length === 0 || value.length > max)
      errors.push(`must be 1 to ${max} characters [json-pointer:${at}/text]`);
  };
  if (blocks.length > 50) errors.push('must provide at most 50 items [json-pointer:/blocks]');
  blocks.forEach((b: Record<string, unknown>, i) => {
    if (b['type'] === 'header') text(b['text'], 150, `/blocks/${i}/text`);
    if (b['type'] === 'section') {
      if (b['text']) text(b['text'], 3000, `/blocks/${i}/text`);
      const fields = Array.isArray(b['fields']) ? b['fields'] : [];
      if (fields.length > 10) errors.push(`must provide at most 10 items [json-pointer:/blocks/${i}/fields]`);
      fields.forEach((f, j) => text(f, 2000, `/blocks/${i}/fields/${j}`));
    }
    if (b['type'] === 'actions') {
      for (const [j, e] of (Array.isArray(b['elements']) ? b['elements'] : []).entries())
        if ((e as { type?: unknown }).type === 'button') text((e as { text?: unknown }).text, 75, `/blocks/${i}/elements/${j}/text`);
    }
  });
  return errors;
}

export function slackWebApi(req: FakeRequest): FakeResponse {
  const method = req.url.pathname.replace(/^\/api\//, '');
  const args: Record<string, unknown> = { ...Object.fromEntries(req.url.searchParams), ...fields(req) };
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const token = bearer ?? (typeof args['token'] === 'string' ? args['token'] : undefined);
  const handler = METHODS[method];
  // Slack checks the method first, then the token; every answer is HTTP 200.
  if (!handler) return json(200, { ok: false, error: 'unknown_method' });
  if (!token) return json(200, { ok: false, error: 'not_authed' });
  if (!/^xox[abpe]-[A-Za-z0-9-]+$/.test(token)) return json(200, { ok: false, error: 'invalid_auth' });
  return json(200, handler(req, args));
}

/** Incoming webhooks (/services/…) and response_url (/actions/…, /commands/…). */
export function slackHooks(req: FakeRequest): FakeResponse {
  if (req.method !== 'POST') return text(405, 'invalid_method');
  if (!/^\/(services|actions|commands)\//.test(req.url.pathname)) return text(404, 'no_service');
  const body = fields(req);
  const payload = typeof body['payload'] === 'string' ? (JSON.parse(body['payload']) as Record<string, unknown>) : body;
  if (!payload['text'] && !payload['blocks'] && !payload['attachments'] && !payload['delete_original']) return text(400, 'no_text');
  return text(200, 'ok', 'text/html');
}
