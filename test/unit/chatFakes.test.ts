/**
 * The fake Slack and Discord the integration tests stand on loopback must refuse what the real services refuse,
 * or the tests would prove nothing: here each check is seen to bite.
 */
import { createLoopbackFake } from '../../local/fake/loopback';

const fake = createLoopbackFake();
const slack = { handle: async (req: Parameters<typeof fake.handle>[0]) => fake.handle(req) ?? { status: 404, body: '' } };

const TOKEN = 'Bearer xoxb-test-token';

function request(url: string, body: unknown, headers: Record<string, string> = {}) {
  const u = new URL(url);
  return {
    method: 'POST',
    target: url,
    path: u.pathname,
    query: Object.fromEntries(u.searchParams),
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

async function api(method: string, args: unknown, headers: Record<string, string> = { authorization: TOKEN }) {
  const answer = await slack.handle(request(`https://slack.com/api/${method}`, args, headers));
  return JSON.parse(answer.body) as Record<string, unknown>;
}

async function discord(payload: unknown) {
  const answer = await slack.handle(request('https://discord.com/api/webhooks/123/abc?wait=true', payload));
  return { status: answer.status, body: JSON.parse(answer.body || '{}') as Record<string, unknown> };
}

describe('fake Slack', () => {
  test('needs the bot token as a Bearer header', async () => {
    expect(await api('chat.postMessage', { channel: '#progress', text: 'x' }, {})).toEqual({ ok: false, error: 'not_authed' });
    expect(await api('chat.postMessage', { channel: '#progress', text: 'x' }, { authorization: 'Bearer nope' })).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await api('chat.postMessage', { channel: '#progress', text: 'x' })).toMatchObject({ ok: true });
  });

  test('refuses Block Kit past its limits', async () => {
    const header = (n: number) => ({ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(n) } });
    expect(await api('chat.postMessage', { channel: '#progress', text: 'x', blocks: [header(151)] })).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
    });
    expect(
      await api('chat.postMessage', { channel: '#progress', text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }),
    ).toMatchObject({ ok: false, error: 'invalid_blocks' });
    const fields = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' }));
    expect(await api('chat.postMessage', { channel: '#progress', text: 'x', blocks: [{ type: 'section', fields }] })).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
    });
    const button = { type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, action_id: 'a' };
    expect(await api('chat.postMessage', { channel: '#progress', text: 'x', blocks: [{ type: 'actions', elements: [button] }] })).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
    });
    expect(await api('chat.postMessage', { channel: '#nowhere', text: 'x' })).toEqual({ ok: false, error: 'channel_not_found' });
  });

  test('reads the arguments of read methods from form fields only, as Slack does', async () => {
    await api('chat.postMessage', { channel: 'C0000000001', text: 'x', metadata: { event_type: 'e', event_payload: { key: 'k' } } });
    expect(await api('conversations.history', { channel: 'C0000000001' })).toEqual({ ok: false, error: 'channel_not_found' });
    const form = await slack.handle({
      ...request('https://slack.com/api/conversations.history', 'channel=C0000000001&include_all_metadata=true', { authorization: TOKEN }),
      headers: { authorization: TOKEN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(JSON.parse(form.body)).toMatchObject({ ok: true, messages: [{ metadata: { event_type: 'e', event_payload: { key: 'k' } } }] });
  });
});

describe('fake Discord (discord.js validators)', () => {
  test('refuses embeds past the limits and empty messages', async () => {
    expect((await discord({ embeds: [{ title: 't'.repeat(257) }] })).status).toBe(400);
    expect((await discord({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] })).status).toBe(400);
    expect((await discord({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] })).body).toMatchObject({ code: 50035 });
    expect((await discord({ embeds: [{ fields: [{ name: 'n', value: '' }] }] })).status).toBe(400);
    expect((await discord({ content: '' })).body).toMatchObject({ code: 50006 });
    expect(await discord({ embeds: [{ title: 'ok', fields: [{ name: 'n', value: 'v' }] }] })).toMatchObject({
      status: 200,
      body: { id: expect.any(String) },
    });
  });
});
