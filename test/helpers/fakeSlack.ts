import * as http from 'node:http';
import * as path from 'node:path';
import type { DiscordMode as FakeDiscordMode, FakeChatState, SlackMode as FakeSlackMode } from '../../local/fake/loopback';
import type { SlackMessage } from '../../local/fake/slack';
import { setScriptProperty } from '../../local/services/properties';
import { newApp, type TestApp } from './app';
import { startLoopbackServer, type LoopbackServer } from './loopbackServer';

/** What the fake Slack and Discord (local/fake/slack.ts, discord.ts) received and kept, and how to steer them. */
export type FakeSlackMessage = SlackMessage;
export type { FakeChatState };
export type SlackMode = Partial<FakeSlackMode>;
export type DiscordMode = Partial<FakeDiscordMode>;

export interface FakeChat {
  url: string;
  server: LoopbackServer;
  slack(mode: SlackMode): Promise<void>;
  discord(mode: DiscordMode): Promise<void>;
  state(): Promise<FakeChatState>;
  reset(): Promise<void>;
  /** Points the local runtime's UrlFetchApp at this server (LOCAL_FETCH_PROXY) until close. */
  close(): Promise<void>;
}

/** Fake Slack and Discord on loopback; every UrlFetchApp request of the runtime goes to them while it runs. */
export async function startFakeChat(options: { timeoutMs?: number } = {}): Promise<FakeChat> {
  const server = await startLoopbackServer({ handlerModule: path.join(__dirname, 'fakeServices.handler.cjs') });
  const saved = { proxy: process.env['LOCAL_FETCH_PROXY'], timeout: process.env['LOCAL_FETCH_TIMEOUT_MS'] };
  process.env['LOCAL_FETCH_PROXY'] = server.url;
  process.env['LOCAL_FETCH_TIMEOUT_MS'] = String(options.timeoutMs ?? 1500);
  // A new connection per call: a kept-alive one may have been closed by the server between two slow tests.
  const post = (what: string, body: unknown = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(
        `${server.url}/__fake/${what}`,
        { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200) reject(new Error(`fake ${what}: HTTP ${response.statusCode}: ${text}`));
            else resolve(JSON.parse(text) as unknown);
          });
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  const restore = (key: string, value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  return {
    url: server.url,
    server,
    slack: async (mode) => void (await post('slack', mode)),
    discord: async (mode) => void (await post('discord', mode)),
    state: async () => (await post('state')) as FakeChatState,
    reset: async () => void (await post('reset')),
    close: async () => {
      restore('LOCAL_FETCH_PROXY', saved.proxy);
      restore('LOCAL_FETCH_TIMEOUT_MS', saved.timeout);
      await server.close();
    },
  };
}

// ---- A shinchoku app set up for chat tests ----

export const SLACK = {
  verificationToken: 'test-verification-token-0123456789',
  teamId: 'T0TEST',
  botToken: 'xoxb-test-not-a-real-token',
  discordWebhook: 'https://discord.com/api/webhooks/123456789012345678/test-webhook-token',
};

export const MEMBERS = [
  { name: '田中 太郎', slack: 'U0TEST0001', active: 'TRUE' },
  { name: '佐藤 花子', slack: 'U0TEST0002', active: 'TRUE' },
  { name: 'Alex Kim', slack: 'U0TEST0003', active: 'TRUE' },
  { name: '山田 退職', slack: 'U0TEST0009', active: 'FALSE' },
];

/** Monday 5 January 2026 in Tokyo. */
export const MONDAY = '2026-01-05';
export const at = (time: string, day = MONDAY) => new Date(`${day}T${time}:00+09:00`);

export interface ChatApp extends TestApp {
  /** A slash command as Slack posts it (form-encoded); the parsed answer, or '' for an empty body. */
  slash(
    text: string,
    options?: { user?: string; userName?: string; time?: Date; token?: string; team?: string; responseUrl?: string; channel?: string },
  ): { answer: unknown; stats: { calls: Record<string, Record<string, number>>; modeledMs: number } };
  /** An interaction (`payload=` JSON) as Slack posts it. */
  interact(
    payload: Record<string, unknown>,
    time?: Date,
  ): { answer: unknown; stats: { calls: Record<string, Record<string, number>>; modeledMs: number } };
  run(fn: string, time: Date): { value: unknown; error?: { message: string } | undefined };
  /** Rows of a sheet as objects by header. */
  rows(sheet: string): Array<Record<string, unknown>>;
  /** Types rows below the existing ones, cell by cell by header, as a person would. */
  type(sheet: string, rows: Array<Record<string, string>>, time?: Date): void;
  /** Types a value into the Settings row of `key`. */
  setting(key: string, value: string, time?: Date): void;
}

export function form(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** The built script, set up on Monday morning, with Slack and Discord configured and four members typed in. */
export async function chatApp(options: { slack?: 'api' | 'webhook' | 'none'; discord?: boolean } = {}): Promise<ChatApp> {
  const t = await newApp('real');
  const setup = t.app.run('setup', { at: at('08:00') });
  if (setup.error) throw new Error(setup.error.message);
  const state = t.state();
  setScriptProperty(state, 'SLACK_VERIFICATION_TOKEN', SLACK.verificationToken);
  setScriptProperty(state, 'SLACK_TEAM_ID', SLACK.teamId);
  if ((options.slack ?? 'api') === 'api') setScriptProperty(state, 'SLACK_BOT_TOKEN', SLACK.botToken);
  if (options.slack === 'webhook') setScriptProperty(state, 'SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T0TEST/B0TEST/abcdefTEST');
  if (options.discord ?? true) setScriptProperty(state, 'DISCORD_WEBHOOK_URL', SLACK.discordWebhook);
  state.save();
  let seq = 0;
  const post = (body: string, time: Date) => {
    const { response, result } = t.app.post('source=slack', body, 'application/x-www-form-urlencoded', time);
    if (result.error) throw new Error(result.error.message);
    return { answer: response.body === '' ? '' : (JSON.parse(response.body) as unknown), stats: result.stats };
  };
  const app: ChatApp = {
    ...t,
    slash(text, o = {}) {
      seq += 1;
      const user = o.user ?? 'U0TEST0001';
      return post(
        form({
          token: o.token ?? SLACK.verificationToken,
          team_id: o.team ?? SLACK.teamId,
          team_domain: 'test',
          channel_id: o.channel ?? 'C0TESTCHAN',
          channel_name: 'progress',
          user_id: user,
          user_name: o.userName ?? user.toLowerCase(),
          command: '/progress',
          text,
          api_app_id: 'A0TEST',
          response_url: o.responseUrl ?? `https://hooks.slack.com/commands/T0TEST/${1000 + seq}/resp${seq}`,
          trigger_id: `${1000 + seq}.${2000 + seq}.abcdef${seq}`,
        }),
        o.time ?? at('09:30'),
      );
    },
    interact(payload, time = at('09:30')) {
      return post(
        form({ payload: JSON.stringify({ token: SLACK.verificationToken, team: { id: SLACK.teamId, domain: 'test' }, ...payload }) }),
        time,
      );
    },
    run(fn, time) {
      const r = t.app.run(fn, { at: time });
      return { value: r.value, error: r.error };
    },
    rows(sheet) {
      const [head, ...body] = t.sheet(sheet);
      return body.map((r) => Object.fromEntries((head ?? []).map((h, i) => [String(h), r[i]])));
    },
    setting(key, value, time = at('08:05')) {
      const row = t.sheet('Settings').findIndex((r) => r[0] === key);
      if (row < 1) throw new Error(`Settings has no ${key}`);
      t.app.edit(`Settings!B${row + 1}`, value, time);
    },
    type(sheet, rows, time = at('08:05')) {
      const grid = t.sheet(sheet);
      const head = (grid[0] ?? []).map(String);
      let next = grid.length + 1;
      for (const row of rows) {
        for (const [h, value] of Object.entries(row)) {
          const i = head.indexOf(h);
          if (i < 0) throw new Error(`${sheet} has no column ${h}`);
          t.app.edit(`'${sheet}'!${String.fromCharCode(65 + i)}${next}`, value, time);
        }
        next++;
      }
    },
  };
  app.type(
    'Members',
    MEMBERS.map((m) => ({ Name: m.name, 'Slack User ID': m.slack, Active: m.active })),
    at('08:01'),
  );
  return app;
}
