import { fields, json, text, type FakeRequest, type FakeResponse } from './types';

/**
 * Discord webhooks: /api[/vN]/webhooks/{id}/{token}[/messages/{message}]. POST with ?wait=true answers the
 * created message; without it, 204. Limits checked: content 2,000, 10 embeds, an empty message refused.
 */
export function discordWebhook(req: FakeRequest): FakeResponse {
  const m = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?\/?$/.exec(req.url.pathname);
  if (!m) return json(404, { message: '404: Not Found', code: 0 });
  const [, webhookId = '', token = '', messageId] = m;
  const channelId = String((BigInt(webhookId) % 10n ** 18n) + 1n);
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

  const body = fields(req);
  const payload = typeof body['payload_json'] === 'string' ? (JSON.parse(body['payload_json']) as Record<string, unknown>) : body;
  const content = typeof payload['content'] === 'string' ? payload['content'] : '';
  const embeds = Array.isArray(payload['embeds']) ? payload['embeds'] : [];
  if (!content && embeds.length === 0 && req.method === 'POST') return json(400, { message: 'Cannot send an empty message', code: 50006 });
  const errors: Record<string, unknown> = {};
  if (content.length > 2000) errors['content'] = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] };
  if (embeds.length > 10) errors['embeds'] = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] };
  const embedProblem = embedErrors(embeds);
  if (embedProblem) errors['embeds'] = { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: embedProblem }] };
  if (Object.keys(errors).length) return json(400, { code: 50035, errors, message: 'Invalid Form Body' });

  if (req.method === 'POST' && req.url.searchParams.get('wait') !== 'true') return text(204, '');
  // Snowflake-shaped: milliseconds since Discord's epoch, shifted, plus a counter.
  const id = messageId ?? String(((BigInt(req.now) - 1420070400000n) << 22n) + BigInt(req.seq % 4096));
  return json(200, {
    id,
    type: 0,
    content,
    embeds,
    channel_id: channelId,
    webhook_id: webhookId,
    author: { id: webhookId, username: typeof payload['username'] === 'string' ? payload['username'] : 'shinchoku', bot: true },
    timestamp: new Date(req.now).toISOString(),
    edited_timestamp: req.method === 'PATCH' ? new Date(req.now).toISOString() : null,
  });
}

/** Discord's embed limits: title 256, description 4,096, 25 fields (name 256, value 1,024, neither empty), 6,000 in all. */
function embedErrors(embeds: unknown[]): string | null {
  let total = 0;
  for (const [i, raw] of embeds.entries()) {
    const e = raw as { title?: string; description?: string; fields?: Array<{ name?: string; value?: string }>; footer?: { text?: string } };
    if ((e.title ?? '').length > 256) return `embeds.${i}.title: Must be 256 or fewer in length.`;
    if ((e.description ?? '').length > 4096) return `embeds.${i}.description: Must be 4096 or fewer in length.`;
    const fields = e.fields ?? [];
    if (fields.length > 25) return `embeds.${i}.fields: Must be 25 or fewer in length.`;
    for (const f of fields) {
      if (!f.name || !f.value || f.name.length > 256 || f.value.length > 1024)
        return `embeds.${i}.fields: each needs a name (≤ 256) and a value (≤ 1024).`;
      total += f.name.length + f.value.length;
    }
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length;
  }
  return total > 6000 ? 'Embed size exceeds maximum size of 6000' : null;
}
