import { fields, json, text, type FakeRequest, type FakeResponse } from './types';

/**
 * Discord webhooks: /api[/vN]/webhooks/{id}/{token}[/messages/{message}]. POST with ?wait=true answers the
 * created message; without it, 204. Limits checked: content 2,000, 10 embeds, an empty message refused.
 */
export function discordWebhook(req: FakeRequest): FakeResponse {
  const m = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?\/?$/.exec(req.url.pathname);
  if (!m) return json(404, { message: '404: Not Found', code: 0 });
  const [, webhookId = '', token = '', messageId] = m;
  const channelId = String(BigInt(webhookId) % 10n ** 18n + 1n);
  if (req.method === 'GET' && !messageId) {
    return json(200, { id: webhookId, type: 1, name: 'shinchoku', avatar: null, channel_id: channelId, guild_id: '100000000000000001', application_id: null, token });
  }
  if (req.method === 'DELETE') return text(204, '');
  if (req.method !== 'POST' && req.method !== 'PATCH') return json(405, { message: '405: Method Not Allowed', code: 0 });

  const body = fields(req);
  const payload = typeof body['payload_json'] === 'string' ? (JSON.parse(body['payload_json']) as Record<string, unknown>) : body;
  const content = typeof payload['content'] === 'string' ? payload['content'] : '';
  const embeds = Array.isArray(payload['embeds']) ? payload['embeds'] : [];
  if (!content && embeds.length === 0 && req.method === 'POST') return json(400, { message: 'Cannot send an empty message', code: 50006 });
  const errors: Record<string, unknown> = {};
  if (content.length > 2000) errors['content'] = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] };
  if (embeds.length > 10) errors['embeds'] = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] };
  if (Object.keys(errors).length) return json(400, { code: 50035, errors, message: 'Invalid Form Body' });

  if (req.method === 'POST' && req.url.searchParams.get('wait') !== 'true') return text(204, '');
  // Snowflake-shaped: milliseconds since Discord's epoch, shifted, plus a counter.
  const id = messageId ?? String(((BigInt(req.now) - 1420070400000n) << 22n) + BigInt(req.seq % 4096));
  return json(200, {
    id, type: 0, content, embeds, channel_id: channelId, webhook_id: webhookId,
    author: { id: webhookId, username: typeof payload['username'] === 'string' ? payload['username'] : 'shinchoku', bot: true },
    timestamp: new Date(req.now).toISOString(), edited_timestamp: req.method === 'PATCH' ? new Date(req.now).toISOString() : null,
  });
}
