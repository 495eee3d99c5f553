'use strict';
// A fake Discord webhook endpoint (POST /api/webhooks/{id}/{token}[?wait=true]) checking requests as Discord does:
// JSON body, content up to 2,000, at most 10 embeds, each embed through discord.js's own validators (title 256,
// description 4,096, 25 fields, name 256, value 1,024, footer 2,048), 6,000 characters over all embeds, no empty
// message. Steered by fakeSlack.server.cjs's /__fake/discord: down, 429 with retry_after, timeouts.
const { EmbedBuilder, embedLength } = require('@discordjs/builders');

const state = { mode: freshMode(), messages: [], seq: 0 };

function freshMode() {
  return { down: false, downStatus: 502, rateLimit: 0, retryAfter: 1.5, timeouts: 0, delayMs: 3000 };
}

function reset() {
  state.mode = freshMode();
  state.messages = [];
}

function configure(mode) {
  Object.assign(state.mode, mode);
  return { ok: true, mode: state.mode };
}

function snapshot() {
  return { messages: state.messages };
}

function json(status, value, headers) {
  return { status, headers: { 'Content-Type': 'application/json', ...(headers || {}) }, body: JSON.stringify(value) };
}

function invalid(errors) {
  return json(400, { code: 50035, errors, message: 'Invalid Form Body' });
}

/** Each embed goes through EmbedBuilder's setters, which throw on anything past Discord's limits. */
function checkEmbed(embed, i, errors) {
  const b = new EmbedBuilder();
  const at = (field, fn) => {
    try {
      fn();
    } catch (e) {
      errors[`embeds.${i}.${field}`] = { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: String(e.message).split('\n')[0] }] };
    }
  };
  if (embed.title !== undefined) at('title', () => b.setTitle(embed.title));
  if (embed.description !== undefined) at('description', () => b.setDescription(embed.description));
  if (embed.color !== undefined) at('color', () => b.setColor(embed.color));
  if (embed.timestamp !== undefined)
    at('timestamp', () => {
      if (Number.isNaN(Date.parse(embed.timestamp))) throw new Error('Could not parse the timestamp');
      b.setTimestamp(new Date(embed.timestamp));
    });
  if (embed.footer !== undefined) at('footer', () => b.setFooter(embed.footer));
  if (embed.fields !== undefined) {
    at('fields', () => b.addFields(...embed.fields));
    (embed.fields || []).forEach((f, j) => {
      if (typeof f.name !== 'string' || f.name.trim() === '')
        errors[`embeds.${i}.fields.${j}.name`] = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] };
      if (typeof f.value !== 'string' || f.value.trim() === '')
        errors[`embeds.${i}.fields.${j}.value`] = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] };
    });
  }
  return embedLength(embed);
}

function handle(req, url = new URL(req.target, 'http://unknown')) {
  const m = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname);
  if (!m) return json(404, { message: '404: Not Found', code: 0 });
  if (req.method !== 'POST') return json(405, { message: '405: Method Not Allowed', code: 0 });
  const mode = state.mode;
  if (mode.down)
    return { status: mode.downStatus, headers: { 'Content-Type': 'text/html' }, body: '<html><head><title>502 Bad Gateway</title></head></html>' };
  if (mode.rateLimit > 0) {
    mode.rateLimit -= 1;
    return json(
      429,
      { message: 'You are being rate limited.', retry_after: mode.retryAfter, global: false },
      { 'Retry-After': String(Math.ceil(mode.retryAfter)), 'X-RateLimit-Scope': 'user' },
    );
  }
  if (mode.timeouts > 0) {
    mode.timeouts -= 1;
    return { status: 502, body: 'late', delayMs: mode.delayMs };
  }
  if (!/^application\/json/i.test(req.headers['content-type'] || '')) return json(400, { message: 'Cannot send an empty message', code: 50006 });
  let payload;
  try {
    payload = JSON.parse(req.body || '');
  } catch {
    return json(400, { message: 'The request body contains invalid JSON.', code: 50109 });
  }
  const content = typeof payload.content === 'string' ? payload.content : '';
  const embeds = Array.isArray(payload.embeds) ? payload.embeds : [];
  if (!content && embeds.length === 0) return json(400, { message: 'Cannot send an empty message', code: 50006 });
  const errors = {};
  if (content.length > 2000) errors.content = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] };
  if (embeds.length > 10) errors.embeds = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] };
  const total = embeds.reduce((sum, e, i) => sum + checkEmbed(e, i, errors), 0);
  if (total > 6000) errors.embeds = { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }] };
  if (
    payload.allowed_mentions !== undefined &&
    (typeof payload.allowed_mentions !== 'object' || !Array.isArray(payload.allowed_mentions.parse || []))
  ) {
    errors.allowed_mentions = { _errors: [{ code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' }] };
  }
  if (Object.keys(errors).length) return invalid(errors);
  state.seq += 1;
  const id = String(1300000000000000000n + BigInt(state.seq));
  const message = {
    id,
    type: 0,
    content,
    embeds,
    channel_id: '1200000000000000001',
    webhook_id: m[1],
    allowed_mentions: payload.allowed_mentions,
    timestamp: new Date().toISOString(),
  };
  state.messages.push(message);
  if (url.searchParams.get('wait') !== 'true') return { status: 204, headers: {}, body: '' };
  return json(200, message);
}

module.exports = { handle, reset, configure, snapshot };
