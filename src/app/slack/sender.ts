import { slackApiDelivery, slackHookDelivery, type Delivery, type Reply } from '../../domain/chat/delivery';
import { isSlackResponseUrl } from '../../domain/gateway';
import type { Cache } from '../../platform/cache';
import type { SlackClient } from '../../platform/slack';
import type { SendItem, Sender } from '../../domain/chat/outboxMessages';

/** Our messages carry this metadata, so a lost answer can be checked against the channel before posting again. */
export const METADATA_EVENT = 'shinchoku_outbox';

const CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;
const USER_ID = /^[UW][A-Z0-9]{6,}$/;
/** Channel ids by name or user, remembered for the longest the cache keeps anything. */
const CACHE_SECONDS = 6 * 3600;
/** How far back to look for a message an earlier attempt may have posted (Slack's clocks and ours differ a little). */
const LOOKBACK_MS = 5 * 60_000;
const MAX_PAGES = 3;

export interface SlackSenderDeps {
  client: SlackClient;
  /** `api`: chat.postMessage with the bot token; `webhook`: the incoming webhook, which posts to its own channel. */
  mode: 'api' | 'webhook';
  webhookUrl?: string;
  cache: Cache;
  now: () => Date;
}

interface Payload {
  channel: string;
  text: string;
  blocks?: unknown[];
  responseUrl?: string;
  share?: boolean;
}

function payloadOf(item: SendItem): Payload {
  const p = item.payload;
  const out: Payload = { channel: String(p['channel'] ?? ''), text: String(p['text'] ?? '') };
  if (Array.isArray(p['blocks'])) out.blocks = p['blocks'];
  if (typeof p['responseUrl'] === 'string' && p['responseUrl']) out.responseUrl = p['responseUrl'];
  if (p['share'] === true) out.share = true;
  return out;
}

function parse(reply: Reply): Record<string, unknown> | null {
  if ('failure' in reply || reply.status !== 200) return null;
  try {
    return JSON.parse(reply.text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const cacheKey = (channel: string) => `slack:channel:${channel}`;

const nextCursor = (body: Record<string, unknown>): string =>
  String((body['response_metadata'] as { next_cursor?: unknown } | undefined)?.next_cursor ?? '');

/**
 * A channel's id, which conversations.history needs: names and user ids are looked up once and remembered. null
 * when Slack does not know it; a Delivery when Slack could not be asked.
 */
function channelId(deps: SlackSenderDeps, channel: string): string | Delivery | null {
  if (CHANNEL_ID.test(channel)) return channel;
  const hit = deps.cache.get(cacheKey(channel));
  if (hit) return hit;
  const id = USER_ID.test(channel) ? directChannelId(deps, channel) : channelIdByName(deps, channel.replace(/^#/, ''));
  if (typeof id === 'string' && id) deps.cache.put(cacheKey(channel), id, CACHE_SECONDS);
  return id;
}

/** The direct-message channel with a member, opened (or found open) by conversations.open. */
function directChannelId(deps: SlackSenderDeps, user: string): string | Delivery | null {
  const reply = deps.client.call('conversations.open', { users: user });
  const body = parse(reply);
  if (!body) return slackApiDelivery(reply, deps.now());
  return body['ok'] === true ? String((body['channel'] as { id?: unknown } | undefined)?.id ?? '') || null : null;
}

/** A channel the bot can see, by name, through up to 10 pages of conversations.list. */
function channelIdByName(deps: SlackSenderDeps, name: string): string | Delivery | null {
  let cursor = '';
  for (let page = 0; page < 10; page++) {
    const reply = deps.client.read('conversations.list', {
      types: 'public_channel,private_channel',
      exclude_archived: 'true',
      limit: '1000',
      ...(cursor ? { cursor } : {}),
    });
    const body = parse(reply);
    if (!body) return slackApiDelivery(reply, deps.now());
    if (body['ok'] !== true) return null;
    const channels = Array.isArray(body['channels']) ? (body['channels'] as Array<{ id?: unknown; name?: unknown }>) : [];
    const id = (channels.find((c) => c.name === name)?.id as string | undefined) ?? null;
    cursor = nextCursor(body);
    if (id || !cursor) return id;
  }
  return null;
}

/** chat.postMessage with our metadata, in the parent's thread when the message has one. */
function postMessage(deps: SlackSenderDeps, item: SendItem, p: Payload): Delivery {
  const args: Record<string, unknown> = {
    channel: item.thread?.channel || p.channel,
    text: p.text,
    unfurl_links: false,
    unfurl_media: false,
    metadata: { event_type: METADATA_EVENT, event_payload: { key: item.key } },
  };
  if (p.blocks) args['blocks'] = p.blocks;
  if (item.thread) args['thread_ts'] = item.thread.id;
  const delivery = slackApiDelivery(deps.client.call('chat.postMessage', args), deps.now());
  // Slack answers with the channel's id: remembering it saves a lookup should a later answer be lost.
  if (delivery.kind === 'sent' && delivery.remoteChannel && delivery.remoteChannel !== p.channel && !item.thread) {
    deps.cache.put(cacheKey(p.channel), delivery.remoteChannel, CACHE_SECONDS);
  }
  return delivery;
}

/** The answer to a slash command or a button, through its response_url. */
function replyToResponseUrl(deps: SlackSenderDeps, item: SendItem, p: Payload, responseUrl: string): Delivery {
  // A row typed into the Outbox by hand, or written before this check, never sends a member's progress elsewhere.
  if (!isSlackResponseUrl(responseUrl)) {
    if (deps.mode === 'api' && p.channel) return postMessage(deps, item, p);
    return { kind: 'failed', reason: 'the response_url is not a https://hooks.slack.com/ URL: not followed' };
  }
  const body: Record<string, unknown> = { response_type: p.share ? 'in_channel' : 'ephemeral', replace_original: false, text: p.text };
  if (p.blocks) body['blocks'] = p.blocks;
  const delivery = slackHookDelivery(deps.client.post(responseUrl, body), deps.now());
  // An expired or used-up response_url (30 minutes, 5 replies): say it directly instead.
  if (delivery.kind === 'failed' && deps.mode === 'api' && p.channel) return postMessage(deps, item, p);
  return delivery;
}

/** The incoming webhook posts to the one channel it was made for. */
function postToWebhook(deps: SlackSenderDeps, p: Payload): Delivery {
  if (USER_ID.test(p.channel)) return { kind: 'failed', reason: 'a direct message needs SLACK_BOT_TOKEN' };
  const body: Record<string, unknown> = { text: p.text };
  if (p.blocks) body['blocks'] = p.blocks;
  return slackHookDelivery(deps.client.post(deps.webhookUrl ?? '', body), deps.now());
}

/**
 * Looks through the channel (or the thread) since a little before the message was enqueued for one that carries
 * its key in our metadata. null: not there, or we cannot tell.
 */
function findPosted(deps: SlackSenderDeps, item: SendItem, p: Payload): Delivery | null {
  const channel = channelId(deps, item.thread?.channel || p.channel);
  if (channel === null) return null;
  if (typeof channel !== 'string') return channel;
  const oldest = String((item.createdAt.getTime() - LOOKBACK_MS) / 1000);
  const method = item.thread ? 'conversations.replies' : 'conversations.history';
  let cursor = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const args: Record<string, string> = { channel, oldest, limit: '200', include_all_metadata: 'true' };
    if (item.thread) args['ts'] = item.thread.id;
    if (cursor) args['cursor'] = cursor;
    const reply = deps.client.read(method, args);
    const body = parse(reply);
    if (!body) return slackApiDelivery(reply, deps.now());
    // Without the history scope we cannot tell; posting is then the only way the message gets there.
    if (body['ok'] !== true) return null;
    const messages = Array.isArray(body['messages']) ? (body['messages'] as Array<Record<string, unknown>>) : [];
    const ours = messages.find((m) => {
      const meta = m['metadata'] as { event_type?: unknown; event_payload?: { key?: unknown } } | undefined;
      return meta?.event_type === METADATA_EVENT && meta.event_payload?.key === item.key;
    });
    if (ours) return { kind: 'sent', remoteId: String(ours['ts'] ?? ''), remoteChannel: channel };
    cursor = nextCursor(body);
    if (!cursor) break;
  }
  return null;
}

/** Posts through the bot token (Web API), the incoming webhook, or a response_url, and finds what a lost answer posted. */
export function slackSender(deps: SlackSenderDeps): Sender {
  return {
    send(item) {
      const p = payloadOf(item);
      if (p.responseUrl) return replyToResponseUrl(deps, item, p, p.responseUrl);
      if (deps.mode === 'webhook') return postToWebhook(deps, p);
      return postMessage(deps, item, p);
    },
    find(item) {
      const p = payloadOf(item);
      // Webhooks and response_urls leave nothing to look up: a lost answer there is retried as is.
      if (deps.mode !== 'api' || p.responseUrl) return null;
      return findPosted(deps, item, p);
    },
  };
}
