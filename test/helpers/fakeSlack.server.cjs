'use strict';
// A fake Slack (Web API, incoming webhooks, response_url) for test/helpers/loopbackServer.ts, checking requests as
// Slack does: the Bearer token, JSON for write methods and form fields for read methods, Block Kit and modal limits,
// channels that exist. Requests for discord.com go to ./fakeDiscord.server.cjs, so one LOCAL_FETCH_PROXY serves both.
// Tests steer it through /__fake/* (see fakeSlack.ts): go down, answer 429 with Retry-After, time out, or store a
// message and lose the answer.
const discord = require('./fakeDiscord.server.cjs');

const BOT = { user_id: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', team_id: 'T0FAKE' };
const KNOWN_CHANNELS = ['general', 'standup', 'progress', 'code-review', 'code-reviews', 'dev', 'random'];

const state = {
  mode: freshMode(),
  channels: new Map(), // name -> id
  messages: [], // { channel, ts, text, blocks, thread_ts, metadata, via }
  views: [],
  hooks: [], // incoming webhook and response_url posts
  responseUses: new Map(),
  seq: 0,
};

function freshMode() {
  return { down: false, downStatus: 503, rateLimit: 0, retryAfter: 2, loseAnswers: 0, timeouts: 0, delayMs: 3000, historyScope: true };
}

function reset() {
  state.mode = freshMode();
  state.channels = new Map();
  state.messages = [];
  state.views = [];
  state.hooks = [];
  state.responseUses = new Map();
  for (const name of KNOWN_CHANNELS) channelId(name);
}
reset();

function hash(text, length) {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36).toUpperCase().padStart(length, '0').slice(-length);
}

function channelId(name) {
  const key = name.replace(/^#/, '');
  if (!state.channels.has(key)) state.channels.set(key, `C${hash(key, 10)}`);
  return state.channels.get(key);
}

/** The conversation a channel argument names, or null when Slack would answer channel_not_found. */
function resolveChannel(arg) {
  const value = String(arg || '');
  if (/^[CG][A-Z0-9]{6,}$/.test(value)) return value;
  if (/^D[A-Z0-9]{6,}$/.test(value)) return value;
  if (/^[UW][A-Z0-9]{6,}$/.test(value)) return `D${hash(value, 10)}`;
  const name = value.replace(/^#/, '');
  return state.channels.has(name) ? state.channels.get(name) : null;
}

function json(status, value, headers) {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...(headers || {}) }, body: JSON.stringify(value) };
}
function text(status, body) {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body };
}

function nextTs() {
  state.seq += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(state.seq).padStart(6, '0')}`;
}

// ---- Block Kit checks (docs.slack.dev block and composition object references) ----

function checkText(obj, pointer, max, errors, { plainOnly = false } = {}) {
  if (!obj || typeof obj !== 'object') return errors.push(`missing required field: text [json-pointer:${pointer}]`);
  if (obj.type !== 'plain_text' && (plainOnly || obj.type !== 'mrkdwn')) errors.push(`must be a valid enum value [json-pointer:${pointer}/type]`);
  if (typeof obj.text !== 'string' || obj.text.length === 0) errors.push(`must be more than 0 characters [json-pointer:${pointer}/text]`);
  else if (obj.text.length > max) errors.push(`must be less than ${max + 1} characters [json-pointer:${pointer}/text]`);
}

function checkElement(el, pointer, errors) {
  if (!el || typeof el !== 'object') return errors.push(`missing required field: element [json-pointer:${pointer}]`);
  if (typeof el.action_id === 'string' && el.action_id.length > 255)
    errors.push(`must be less than 256 characters [json-pointer:${pointer}/action_id]`);
  switch (el.type) {
    case 'button':
      checkText(el.text, `${pointer}/text`, 75, errors, { plainOnly: true });
      if (el.value !== undefined && String(el.value).length > 2000) errors.push(`must be less than 2001 characters [json-pointer:${pointer}/value]`);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger')
        errors.push(`must be a valid enum value [json-pointer:${pointer}/style]`);
      break;
    case 'plain_text_input':
      if (el.max_length !== undefined && (!Number.isInteger(el.max_length) || el.max_length < 1 || el.max_length > 3000))
        errors.push(`must be between 1 and 3000 [json-pointer:${pointer}/max_length]`);
      if (el.initial_value !== undefined && String(el.initial_value).length > (el.max_length || 3000))
        errors.push(`must be shorter than max_length [json-pointer:${pointer}/initial_value]`);
      if (el.placeholder) checkText(el.placeholder, `${pointer}/placeholder`, 150, errors, { plainOnly: true });
      break;
    case 'static_select':
      if (!Array.isArray(el.options) || el.options.length === 0 || el.options.length > 100)
        errors.push(`must provide between 1 and 100 options [json-pointer:${pointer}/options]`);
      else
        el.options.forEach((o, i) => {
          checkText(o.text, `${pointer}/options/${i}/text`, 75, errors, { plainOnly: true });
          if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > 150)
            errors.push(`must be between 1 and 150 characters [json-pointer:${pointer}/options/${i}/value]`);
        });
      if (el.initial_option && !(el.options || []).some((o) => o.value === el.initial_option.value))
        errors.push(`must match one of the options [json-pointer:${pointer}/initial_option]`);
      if (el.placeholder) checkText(el.placeholder, `${pointer}/placeholder`, 150, errors, { plainOnly: true });
      break;
    default:
      errors.push(`unsupported type: ${el.type} [json-pointer:${pointer}/type]`);
  }
}

function checkBlocks(blocks, max, { modal = false } = {}) {
  const errors = [];
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  if (blocks.length > max) errors.push(`must provide at most ${max} items [json-pointer:/blocks]`);
  blocks.forEach((b, i) => {
    const p = `/blocks/${i}`;
    if (b.block_id !== undefined && String(b.block_id).length > 255) errors.push(`must be less than 256 characters [json-pointer:${p}/block_id]`);
    switch (b.type) {
      case 'header':
        checkText(b.text, `${p}/text`, 150, errors, { plainOnly: true });
        break;
      case 'section':
        if (!b.text && !b.fields) errors.push(`must provide either text or fields [json-pointer:${p}]`);
        if (b.text) checkText(b.text, `${p}/text`, 3000, errors);
        if (b.fields) {
          if (!Array.isArray(b.fields) || b.fields.length > 10) errors.push(`must provide at most 10 items [json-pointer:${p}/fields]`);
          (b.fields || []).forEach((f, j) => checkText(f, `${p}/fields/${j}`, 2000, errors));
        }
        if (b.accessory) checkElement(b.accessory, `${p}/accessory`, errors);
        break;
      case 'divider':
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10)
          errors.push(`must provide between 1 and 10 items [json-pointer:${p}/elements]`);
        (b.elements || []).forEach((e, j) => checkText(e, `${p}/elements/${j}`, 3000, errors));
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25)
          errors.push(`must provide between 1 and 25 items [json-pointer:${p}/elements]`);
        (b.elements || []).forEach((e, j) => checkElement(e, `${p}/elements/${j}`, errors));
        break;
      case 'input':
        if (!modal) {
          errors.push(`input blocks are for modals [json-pointer:${p}/type]`);
          break;
        }
        checkText(b.label, `${p}/label`, 2000, errors, { plainOnly: true });
        if (b.hint) checkText(b.hint, `${p}/hint`, 2000, errors, { plainOnly: true });
        checkElement(b.element, `${p}/element`, errors);
        break;
      default:
        errors.push(`unsupported type: ${b.type} [json-pointer:${p}/type]`);
    }
  });
  return errors;
}

function checkView(view) {
  const errors = [];
  if (!view || typeof view !== 'object') return ['missing required field: view'];
  if (view.type !== 'modal') errors.push('must be a valid enum value [json-pointer:/view/type]');
  checkText(view.title, '/view/title', 24, errors, { plainOnly: true });
  if (view.submit) checkText(view.submit, '/view/submit', 24, errors, { plainOnly: true });
  if (view.close) checkText(view.close, '/view/close', 24, errors, { plainOnly: true });
  if (view.callback_id !== undefined && String(view.callback_id).length > 255)
    errors.push('must be less than 256 characters [json-pointer:/view/callback_id]');
  if (view.private_metadata !== undefined && String(view.private_metadata).length > 3000)
    errors.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => b.type === 'input');
  if (hasInput && !view.submit) errors.push('must provide submit when blocks contain input [json-pointer:/view/submit]');
  errors.push(...checkBlocks(view.blocks, 100, { modal: true }).map((e) => e.replace('json-pointer:/blocks', 'json-pointer:/view/blocks')));
  return errors;
}

// ---- Web API ----

function parseForm(body) {
  return Object.fromEntries(new URLSearchParams(body));
}

const READ_METHODS = new Set(['conversations.history', 'conversations.replies', 'conversations.list']);

const METHODS = {
  'auth.test': () => ({ ok: true, team_id: BOT.team_id, user_id: BOT.user_id, bot_id: BOT.bot_id }),
  'chat.postMessage': (args) => {
    const channel = resolveChannel(args.channel);
    if (!args.channel || !channel) return { ok: false, error: 'channel_not_found' };
    if (!args.text && !args.blocks && !args.attachments) return { ok: false, error: 'no_text' };
    if (typeof args.text === 'string' && args.text.length > 40000) return { ok: false, error: 'msg_too_long' };
    if (args.blocks !== undefined) {
      const errors = checkBlocks(args.blocks, 50);
      if (errors.length) return { ok: false, error: 'invalid_blocks', errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
    }
    if (args.metadata !== undefined) {
      const m = args.metadata;
      if (!m || typeof m.event_type !== 'string' || !m.event_type || typeof m.event_payload !== 'object' || m.event_payload === null)
        return { ok: false, error: 'invalid_metadata_format' };
    }
    if (args.thread_ts && !state.messages.some((m) => m.channel === channel && m.ts === args.thread_ts))
      return { ok: false, error: 'thread_not_found' };
    const message = {
      channel,
      ts: nextTs(),
      text: args.text || '',
      blocks: args.blocks || [],
      thread_ts: args.thread_ts || null,
      metadata: args.metadata || null,
      via: 'api',
      requested: String(args.channel),
    };
    state.messages.push(message);
    return {
      ok: true,
      channel,
      ts: message.ts,
      message: { type: 'message', text: message.text, user: BOT.user_id, bot_id: BOT.bot_id, ts: message.ts },
    };
  },
  'views.open': (args) => {
    if (typeof args.trigger_id !== 'string' || !/^\d+\.\d+\.[0-9a-f]+$/.test(args.trigger_id)) return { ok: false, error: 'invalid_trigger_id' };
    const view = typeof args.view === 'string' ? JSON.parse(args.view) : args.view;
    const errors = checkView(view);
    if (errors.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
    const id = `V${hash(String(state.views.length + 1), 10)}`;
    state.views.push({ id, trigger_id: args.trigger_id, view });
    return { ok: true, view: { id, ...view } };
  },
  'conversations.open': (args) => {
    const user = String(args.users || '').split(',')[0];
    if (!/^[UW][A-Z0-9]{6,}$/.test(user)) return { ok: false, error: 'user_not_found' };
    return { ok: true, channel: { id: `D${hash(user, 10)}` } };
  },
  'conversations.list': (args) => {
    const all = [...state.channels.entries()].map(([name, id]) => ({ id, name, is_channel: true, is_private: false, is_archived: false }));
    const limit = Math.min(1000, Number(args.limit) || 100);
    const start = Number(args.cursor || 0);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : '';
    return { ok: true, channels: page, response_metadata: { next_cursor: next } };
  },
  'conversations.history': (args) => history(args, (m, channel) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts)),
  'conversations.replies': (args) => {
    if (!args.ts) return { ok: false, error: 'thread_not_found' };
    return history(args, (m, channel) => m.channel === channel && (m.ts === args.ts || m.thread_ts === args.ts));
  },
};

function history(args, pick) {
  if (!state.mode.historyScope) return { ok: false, error: 'missing_scope', needed: 'channels:history' };
  const channel = resolveChannel(args.channel);
  if (!args.channel || !channel || !/^[CGD]/.test(String(args.channel))) return { ok: false, error: 'channel_not_found' };
  const oldest = Number(args.oldest || 0);
  const withMeta = args.include_all_metadata === 'true' || args.include_all_metadata === true;
  const list = state.messages
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
  const limit = Math.min(1000, Number(args.limit) || 100);
  const start = Number(args.cursor || 0);
  const next = start + limit < list.length ? String(start + limit) : '';
  return { ok: true, messages: list.slice(start, start + limit), has_more: next !== '', response_metadata: { next_cursor: next } };
}

function webApi(req, url) {
  const method = url.pathname.replace(/^\/api\//, '');
  const handler = METHODS[method];
  if (!handler) return json(200, { ok: false, error: 'unknown_method' });
  const auth = req.headers['authorization'];
  if (!auth) return json(200, { ok: false, error: 'not_authed' });
  const bearer = /^Bearer (\S+)$/.exec(auth);
  if (!bearer || !/^xoxb-[A-Za-z0-9-]+$/.test(bearer[1])) return json(200, { ok: false, error: 'invalid_auth' });
  const type = req.headers['content-type'] || '';
  let args = {};
  let warning;
  if (/^application\/json/i.test(type)) {
    try {
      args = JSON.parse(req.body || '{}');
    } catch {
      return json(200, { ok: false, error: 'invalid_json' });
    }
    if (!/charset=utf-8/i.test(type)) warning = 'missing_charset';
    // Slack reads the arguments of read methods from form fields or the query only.
    if (READ_METHODS.has(method)) args = { ...req.query };
  } else if (/^application\/x-www-form-urlencoded/i.test(type)) {
    args = { ...req.query, ...parseForm(req.body || '') };
  } else {
    args = { ...req.query };
  }
  const answer = handler(args);
  if (warning) answer.warning = warning;
  return json(200, answer);
}

function hooks(req, url) {
  if (req.method !== 'POST') return text(405, 'invalid_method');
  let payload;
  try {
    payload = JSON.parse(req.body || '');
  } catch {
    return text(400, 'invalid_payload');
  }
  if (!payload.text && !payload.blocks) return text(400, 'no_text');
  if (payload.blocks) {
    const errors = checkBlocks(payload.blocks, 50);
    if (errors.length) return text(400, 'invalid_blocks');
  }
  if (/^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/.test(url.pathname)) {
    state.hooks.push({ kind: 'webhook', url: url.href, text: payload.text || '', blocks: payload.blocks || [] });
    return text(200, 'ok');
  }
  if (/^\/(commands|actions)\//.test(url.pathname)) {
    const uses = (state.responseUses.get(url.href) || 0) + 1;
    state.responseUses.set(url.href, uses);
    if (uses > 5 || /expired/.test(url.pathname)) return text(404, 'expired_url');
    state.hooks.push({
      kind: 'response_url',
      url: url.href,
      text: payload.text || '',
      blocks: payload.blocks || [],
      response_type: payload.response_type || 'ephemeral',
      replace_original: payload.replace_original,
    });
    return text(200, 'ok');
  }
  return text(404, 'no_service');
}

async function control(req) {
  const path = req.path.replace(/^\/__fake\//, '');
  const body = req.body ? JSON.parse(req.body) : {};
  if (path === 'reset') {
    reset();
    discord.reset();
    return json(200, { ok: true });
  }
  if (path === 'slack') {
    Object.assign(state.mode, body);
    for (const name of body.channels || []) channelId(name);
    return json(200, { ok: true, mode: state.mode });
  }
  if (path === 'discord') return json(200, discord.configure(body));
  if (path === 'state') {
    return json(200, {
      slack: { messages: state.messages, views: state.views, hooks: state.hooks, channels: Object.fromEntries(state.channels) },
      discord: discord.snapshot(),
    });
  }
  return json(404, { error: `no control ${path}` });
}

/** Outage, rate limit and lost answers, in that order, for one request to Slack. */
function trouble() {
  const m = state.mode;
  if (m.down) return { status: m.downStatus, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Slack is down</body></html>' };
  if (m.rateLimit > 0) {
    m.rateLimit -= 1;
    return json(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(m.retryAfter) });
  }
  if (m.timeouts > 0) {
    m.timeouts -= 1;
    return { status: 503, body: 'late', delayMs: m.delayMs };
  }
  return null;
}

async function handle(req) {
  if (req.path.startsWith('/__fake/')) return control(req);
  const url = new URL(req.target, 'http://unknown');
  if (url.hostname === 'discord.com' || url.hostname === 'discordapp.com') return discord.handle(req, url);
  if (url.hostname !== 'slack.com' && url.hostname !== 'hooks.slack.com') return undefined;
  const problem = trouble();
  if (problem) return problem;
  const answer = url.hostname === 'slack.com' ? webApi(req, url) : hooks(req, url);
  const posting = url.hostname === 'hooks.slack.com' || url.pathname === '/api/chat.postMessage';
  if (state.mode.loseAnswers > 0 && posting && answer.status === 200 && /"ok":true|^ok$/.test(answer.body)) {
    // The request was carried out, but its answer never arrives: the client times out.
    state.mode.loseAnswers -= 1;
    return { ...answer, delayMs: state.mode.delayMs };
  }
  return answer;
}

module.exports = { handle, checkBlocks, checkView };
