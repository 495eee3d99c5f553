import { EmbedBuilder, embedLength } from '@discordjs/builders';
import type { RESTPatchAPIInteractionOriginalResponseJSONBody } from 'discord-api-types/v10';
import { fields, json, text, type FakeRequest, type FakeResponse } from './types';

/**
 * Discord webhooks: /api[/vN]/webhooks/{id}/{token}[/messages/{message}], checking requests as Discord does: a
 * JSON body (or `payload_json`), content up to 2,000, at most 10 embeds, each embed through discord.js's own
 * validators (title 256, description 4,096, 25 fields of name 256 and value 1,024, footer 2,048), 6,000 characters
 * over all embeds, no empty message. POST with ?wait=true answers the created message; without it, 204. What it
 * was sent is kept in a plain `DiscordData`, like the fake Slack's.
 */

export interface DiscordMode {
  down: boolean;
  downStatus: number;
  /** The next N requests are answered 429 with `retry_after` (seconds, with fractions) and Retry-After. */
  rateLimit: number;
  retryAfter: number;
  /** The next N requests are answered `delayMs` late and not carried out. */
  timeouts: number;
  delayMs: number;
}

export interface DiscordMessage {
  id: string;
  type: 0;
  content: string;
  embeds: Array<Record<string, unknown>>;
  channel_id: string;
  webhook_id: string;
  allowed_mentions?: unknown;
  timestamp: string;
}

export interface DiscordData {
  mode: DiscordMode;
  messages: DiscordMessage[];
  seq: number;
  /** Interaction responses edited through `PATCH …/messages/@original`, the latest per interaction token. */
  originals?: Record<string, DiscordMessage>;
}

/**
 * The fields Discord takes when an interaction's original response is edited, from discord-api-types: a key our
 * code sends that the type does not know fails the type check here and the request at run time.
 */
const ORIGINAL_EDIT_FIELDS = {
  content: true,
  embeds: true,
  allowed_mentions: true,
  components: true,
  attachments: true,
  flags: true,
  poll: true,
} satisfies Record<keyof RESTPatchAPIInteractionOriginalResponseJSONBody, true>;

export function freshDiscordMode(): DiscordMode {
  return { down: false, downStatus: 502, rateLimit: 0, retryAfter: 1.5, timeouts: 0, delayMs: 3000 };
}

export function freshDiscordData(): DiscordData {
  return { mode: freshDiscordMode(), messages: [], seq: 0 };
}

export function configureDiscord(data: DiscordData, mode: Partial<DiscordMode>): DiscordMode {
  Object.assign(data.mode, mode);
  return data.mode;
}

export function isDiscordApi(url: URL): boolean {
  return url.hostname === 'discord.com' || url.hostname === 'discordapp.com';
}

type FieldErrors = Record<string, { _errors: Array<{ code: string; message: string }> }>;

const fieldError = (code: string, message: string) => ({ _errors: [{ code, message }] });

/** Each embed goes through EmbedBuilder's setters, which throw on anything past Discord's limits; answers its length. */
function checkEmbed(embed: Record<string, unknown>, i: number, errors: FieldErrors): number {
  const b = new EmbedBuilder();
  const at = (field: string, fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      errors[`embeds.${i}.${field}`] = fieldError('BASE_TYPE_BAD_LENGTH', String((e as Error).message).split('\n')[0] ?? '');
    }
  };
  if (embed['title'] !== undefined) at('title', () => b.setTitle(embed['title'] as string));
  if (embed['description'] !== undefined) at('description', () => b.setDescription(embed['description'] as string));
  if (embed['color'] !== undefined) at('color', () => b.setColor(embed['color'] as number));
  if (embed['timestamp'] !== undefined)
    at('timestamp', () => {
      const stamp = Date.parse(String(embed['timestamp']));
      if (Number.isNaN(stamp)) throw new Error('Could not parse the timestamp');
      b.setTimestamp(new Date(stamp));
    });
  if (embed['footer'] !== undefined) at('footer', () => b.setFooter(embed['footer'] as { text: string }));
  if (embed['fields'] !== undefined) {
    const list = (Array.isArray(embed['fields']) ? embed['fields'] : []) as Array<{ name?: unknown; value?: unknown }>;
    at('fields', () => b.addFields(...(list as Array<{ name: string; value: string }>)));
    list.forEach((f, j) => {
      if (typeof f.name !== 'string' || f.name.trim() === '')
        errors[`embeds.${i}.fields.${j}.name`] = fieldError('BASE_TYPE_REQUIRED', 'This field is required');
      if (typeof f.value !== 'string' || f.value.trim() === '')
        errors[`embeds.${i}.fields.${j}.value`] = fieldError('BASE_TYPE_REQUIRED', 'This field is required');
    });
  }
  return embedLength(embed as Parameters<typeof embedLength>[0]);
}

/** The message a POST or PATCH carries, as JSON or as the `payload_json` field of a form. */
function payloadOf(req: FakeRequest): { payload: Record<string, unknown> } | { refused: FakeResponse } {
  if (/^application\/json/i.test(req.contentType)) {
    try {
      return { payload: JSON.parse(req.text || '') as Record<string, unknown> };
    } catch {
      return { refused: json(400, { message: 'The request body contains invalid JSON.', code: 50109 }) };
    }
  }
  const form = fields(req);
  if (typeof form['payload_json'] === 'string') return { payload: JSON.parse(form['payload_json']) as Record<string, unknown> };
  return { refused: json(400, { message: 'Cannot send an empty message', code: 50006 }) };
}

/** Outage, rate limit and timeouts, in that order, for one request. */
function trouble(mode: DiscordMode): FakeResponse | undefined {
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
    return { status: 502, headers: {}, body: 'late', delayMs: mode.delayMs };
  }
  return undefined;
}

/** Answers one request to discord.com, keeping the messages it creates in `data`. */
export function answerDiscord(data: DiscordData, req: FakeRequest): FakeResponse {
  const m = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)(?:\/messages\/([^/]+))?\/?$/.exec(req.url.pathname);
  if (!m) return json(404, { message: '404: Not Found', code: 0 });
  const [, webhookId = '', token = '', messageId] = m;
  const channelId = String((BigInt(webhookId) % 10n ** 18n) + 1n);
  const problem = trouble(data.mode);
  if (problem) return problem;
  if (req.method === 'GET' && !messageId) {
    return json(200, {
      id: webhookId,
      type: 1,
      name: 'shinchoku',
      avatar: null,
      channel_id: channelId,
      guild_id: '100000000000000001',
      application_id: null,
      token,
    });
  }
  if (req.method === 'DELETE') return text(204, '');
  if (req.method !== 'POST' && req.method !== 'PATCH') return json(405, { message: '405: Method Not Allowed', code: 0 });

  const parsed = payloadOf(req);
  if ('refused' in parsed) return parsed.refused;
  const p = parsed.payload;
  const original = req.method === 'PATCH' && messageId === '@original';
  const unknownFields = original ? Object.keys(p).filter((k) => !(k in ORIGINAL_EDIT_FIELDS)) : [];
  if (unknownFields.length > 0)
    return json(400, {
      code: 50035,
      message: 'Invalid Form Body',
      errors: Object.fromEntries(unknownFields.map((k) => [k, fieldError('UNKNOWN_FIELD', 'Unknown field')])),
    });
  const content = typeof p['content'] === 'string' ? p['content'] : '';
  const embeds = (Array.isArray(p['embeds']) ? p['embeds'] : []) as Array<Record<string, unknown>>;
  if (!content && embeds.length === 0 && req.method === 'POST') return json(400, { message: 'Cannot send an empty message', code: 50006 });
  const errors: FieldErrors = {};
  if (content.length > 2000) errors['content'] = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  if (embeds.length > 10) errors['embeds'] = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  const total = embeds.reduce((sum, e, i) => sum + checkEmbed(e, i, errors), 0);
  if (total > 6000) errors['embeds'] = fieldError('MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  const mentions = p['allowed_mentions'];
  if (mentions !== undefined && (typeof mentions !== 'object' || mentions === null || !Array.isArray((mentions as { parse?: unknown }).parse ?? [])))
    errors['allowed_mentions'] = fieldError('MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  if (Object.keys(errors).length) return json(400, { code: 50035, errors, message: 'Invalid Form Body' });

  data.seq += 1;
  // Snowflake-shaped: milliseconds since Discord's epoch, shifted, plus a counter.
  const id =
    messageId && messageId !== '@original' ? messageId : String(((BigInt(Math.floor(req.now)) - 1420070400000n) << 22n) + BigInt(data.seq % 4096));
  const message: DiscordMessage = {
    id,
    type: 0,
    content,
    embeds,
    channel_id: channelId,
    webhook_id: webhookId,
    allowed_mentions: mentions,
    timestamp: new Date(req.now).toISOString(),
  };
  if (req.method === 'POST') data.messages.push(message);
  if (original) (data.originals ??= {})[token] = message;
  if (req.method === 'POST' && req.url.searchParams.get('wait') !== 'true') return text(204, '');
  return json(200, {
    ...message,
    author: { id: webhookId, username: typeof p['username'] === 'string' ? p['username'] : 'shinchoku', bot: true },
    edited_timestamp: req.method === 'PATCH' ? new Date(req.now).toISOString() : null,
  });
}
