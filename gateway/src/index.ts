import type { APIInteraction } from 'discord-api-types/v10';
import { asksForForm, discordSender, failureEdit, planInteraction, type Language } from './discord';
import { progressFormFor } from './form';
import { forward, webAppHealth, type Envelope, type WebAppReply } from './forward';
import { verifyDiscord, verifyGitHub, verifyGitLab, verifySlack, type Verdict } from './verify';

/**
 * The shinchoku gateway: verifies what Apps Script cannot (Slack's signing secret, GitHub's X-Hub-Signature-256,
 * GitLab's token, Discord's Ed25519), rate-limits each sender, forwards to the web app signed with GATEWAY_SECRET,
 * and answers each sender with a true status code. It keeps no data: the sheet stays the single source of truth.
 */

export interface Env {
  WEB_APP_URL: string;
  LANGUAGE?: string;
  SLACK_SIGNING_SECRET?: string;
  GITHUB_WEBHOOK_SECRET?: string;
  GITLAB_WEBHOOK_TOKEN?: string;
  DISCORD_PUBLIC_KEY?: string;
  DISCORD_APPLICATION_ID?: string;
  GATEWAY_SECRET?: string;
  /** How long `/progress update` waits for the web app's form when none is cached (ms; 2000 by default). */
  FORM_TIMEOUT_MS?: string;
  SENDER_LIMIT: RateLimit;
}

const VERSION = '1';

function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

const problem = (status: number, error: string, headers: Record<string, string> = {}) => json(status, { ok: false, error }, headers);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The web app's reply, as the sender sees it: the status it decided, the body it gave. */
function relay(reply: WebAppReply): Response {
  const headers: Record<string, string> = reply.body === '' ? {} : { 'Content-Type': `${reply.contentType}; charset=utf-8` };
  return new Response(reply.body === '' ? null : reply.body, { status: reply.status, headers });
}

/** A source's secrets, or the 503 that says which one is missing (a half-configured gateway refuses everything). */
function needs(env: Env, ...names: Array<keyof Env>): Response | null {
  const missing = names.filter((n) => !env[n]);
  if (missing.length === 0) return null;
  return problem(503, `the gateway is not set up: wrangler secret put ${missing.join(', ')}`);
}

async function limited(env: Env, source: string, sender: string): Promise<Response | null> {
  const { success } = await env.SENDER_LIMIT.limit({ key: `${source}:${sender}` });
  return success ? null : problem(429, `rate limited: too many ${source} requests from ${sender}; try again in a minute`, { 'Retry-After': '60' });
}

const denied = (verdict: Extract<Verdict, { ok: false }>) => problem(401, verdict.reason);

function envelope(source: Envelope['source'], request: Request, body: string, parts: Partial<Envelope> & { delivery: string }): Envelope {
  return { source, event: '', contentType: request.headers.get('Content-Type') ?? '', body, authorization: '', ...parts };
}

/** Slack's sender: the workspace and user of a command, an interaction (`payload=`) or an Events API body. */
function slackSender(body: string): string {
  try {
    const form = new URLSearchParams(body);
    const payload = form.get('payload');
    if (payload) {
      const p = JSON.parse(payload) as { team?: { id?: string }; user?: { id?: string } };
      return `${p.team?.id ?? ''}:${p.user?.id ?? ''}`;
    }
    if (form.get('team_id')) return `${form.get('team_id')}:${form.get('user_id') ?? ''}`;
    const event = JSON.parse(body) as { team_id?: string; event?: { user?: string } };
    return `${event.team_id ?? ''}:${event.event?.user ?? ''}`;
  } catch {
    return 'unknown';
  }
}

async function slack(request: Request, env: Env, body: string): Promise<Response> {
  const missing = needs(env, 'SLACK_SIGNING_SECRET', 'GATEWAY_SECRET');
  if (missing) return missing;
  const ts = request.headers.get('X-Slack-Request-Timestamp');
  const signature = request.headers.get('X-Slack-Signature');
  const verdict = await verifySlack(env.SLACK_SIGNING_SECRET ?? '', ts, signature, body, nowSeconds());
  if (!verdict.ok) return denied(verdict);
  // Slack retries an Events API delivery it thinks timed out; the first one is already being carried out.
  if (request.headers.get('X-Slack-Retry-Num')) return new Response(null, { status: 200, headers: { 'X-Slack-No-Retry': '1' } });
  const over = await limited(env, 'slack', slackSender(body));
  if (over) return over;
  // The signature is unique to this body and second: a replay of it carries the same id and is refused by the web app.
  return relay(
    await forward(env.WEB_APP_URL, env.GATEWAY_SECRET ?? '', envelope('slack', request, body, { delivery: `${ts}:${signature}` }), nowSeconds()),
  );
}

async function github(request: Request, env: Env, body: string): Promise<Response> {
  const missing = needs(env, 'GITHUB_WEBHOOK_SECRET', 'GATEWAY_SECRET');
  if (missing) return missing;
  const verdict = await verifyGitHub(env.GITHUB_WEBHOOK_SECRET ?? '', request.headers.get('X-Hub-Signature-256'), body);
  if (!verdict.ok) return denied(verdict);
  const event = request.headers.get('X-GitHub-Event');
  const delivery = request.headers.get('X-GitHub-Delivery');
  if (!event || !delivery) return problem(400, 'missing X-GitHub-Event or X-GitHub-Delivery');
  const over = await limited(env, 'github', request.headers.get('X-GitHub-Hook-ID') ?? 'unknown');
  if (over) return over;
  // 2xx only once the web app says it recorded the delivery; otherwise its status, or 502: GitHub's log tells the truth.
  return relay(await forward(env.WEB_APP_URL, env.GATEWAY_SECRET ?? '', envelope('github', request, body, { event, delivery }), nowSeconds()));
}

async function gitlab(request: Request, env: Env, body: string): Promise<Response> {
  const missing = needs(env, 'GITLAB_WEBHOOK_TOKEN', 'GATEWAY_SECRET');
  if (missing) return missing;
  const verdict = await verifyGitLab(env.GITLAB_WEBHOOK_TOKEN ?? '', request.headers.get('X-Gitlab-Token'));
  if (!verdict.ok) return denied(verdict);
  const event = request.headers.get('X-Gitlab-Event') ?? '';
  const delivery =
    request.headers.get('Idempotency-Key') ?? request.headers.get('X-Gitlab-Event-UUID') ?? request.headers.get('X-Gitlab-Webhook-UUID') ?? '';
  if (!event || !delivery) return problem(400, 'missing X-Gitlab-Event or Idempotency-Key / X-Gitlab-Event-UUID');
  const over = await limited(env, 'gitlab', request.headers.get('X-Gitlab-Instance') ?? 'unknown');
  if (over) return over;
  return relay(await forward(env.WEB_APP_URL, env.GATEWAY_SECRET ?? '', envelope('gitlab', request, body, { event, delivery }), nowSeconds()));
}

async function discord(request: Request, env: Env, body: string, ctx: ExecutionContext): Promise<Response> {
  const missing = needs(env, 'DISCORD_PUBLIC_KEY', 'DISCORD_APPLICATION_ID', 'GATEWAY_SECRET');
  if (missing) return missing;
  const verdict = await verifyDiscord(
    env.DISCORD_PUBLIC_KEY ?? '',
    request.headers.get('X-Signature-Timestamp'),
    request.headers.get('X-Signature-Ed25519'),
    body,
    nowSeconds(),
  );
  if (!verdict.ok) return denied(verdict);
  let interaction: APIInteraction;
  try {
    interaction = JSON.parse(body) as APIInteraction;
  } catch {
    return problem(400, 'the interaction is not JSON');
  }
  if (interaction.application_id !== env.DISCORD_APPLICATION_ID) return problem(401, 'the interaction is for another application');
  const language: Language = env.LANGUAGE === 'en' ? 'en' : 'ja';
  // The team's own questions when the web app has told them (cached); otherwise the default form, in time.
  const form = asksForForm(interaction) ? await progressFormFor(env, ctx, language) : undefined;
  const plan = planInteraction(interaction, language, form);
  if (plan.forward) {
    const over = await limited(env, 'discord', discordSender(interaction));
    if (over) return over;
    // Answered "deferred" now; the web app edits that answer (through its Outbox) once the sheet has it.
    const sent = envelope('discord', request, body, { delivery: interaction.id, contentType: 'application/json' });
    const finish = async () => {
      const reply = await forward(env.WEB_APP_URL, env.GATEWAY_SECRET ?? '', sent, nowSeconds());
      if (reply.ok) return;
      let error = `HTTP ${reply.status}`;
      try {
        error = String((JSON.parse(reply.body) as { error?: unknown }).error ?? error);
      } catch {
        // the status says enough
      }
      const edit = failureEdit(interaction, error, language);
      await fetch(edit.url, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: edit.body }).catch(() => undefined);
    };
    ctx.waitUntil(finish());
  }
  return json(200, plan.answer);
}

async function progress(request: Request, env: Env, body: string): Promise<Response> {
  const missing = needs(env, 'GATEWAY_SECRET');
  if (missing) return missing;
  // The token is the web app's own (WEBHOOK_TOKEN_PROGRESS); it travels in a header, never in a URL a CI log keeps.
  const authorization = request.headers.get('Authorization') ?? '';
  if (!/^Bearer\s+\S+$/i.test(authorization)) return problem(401, 'missing Authorization: Bearer <token>', { 'WWW-Authenticate': 'Bearer' });
  const over = await limited(env, 'progress', request.headers.get('CF-Connecting-IP') ?? 'unknown');
  if (over) return over;
  const sent = envelope('progress', request, body, { delivery: crypto.randomUUID(), authorization });
  return relay(await forward(env.WEB_APP_URL, env.GATEWAY_SECRET ?? '', sent, nowSeconds()));
}

async function health(env: Env): Promise<Response> {
  const configured = {
    slack: Boolean(env.SLACK_SIGNING_SECRET),
    github: Boolean(env.GITHUB_WEBHOOK_SECRET),
    gitlab: Boolean(env.GITLAB_WEBHOOK_TOKEN),
    discord: Boolean(env.DISCORD_PUBLIC_KEY && env.DISCORD_APPLICATION_ID),
    gatewaySecret: Boolean(env.GATEWAY_SECRET),
  };
  const webApp = (await webAppHealth(env.WEB_APP_URL)) as { ok?: unknown };
  return json(webApp?.ok === true && configured.gatewaySecret ? 200 : 503, { ok: webApp?.ok === true, gateway: VERSION, configured, webApp });
}

const POST_ROUTES: Record<string, (request: Request, env: Env, body: string, ctx: ExecutionContext) => Promise<Response>> = {
  '/slack': slack,
  '/github': github,
  '/gitlab': gitlab,
  '/discord': discord,
  '/progress': progress,
};

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
    if (path === '/health' && request.method === 'GET') return health(env);
    const route = POST_ROUTES[path];
    if (!route) return problem(404, `no route ${path}: expected POST /slack, /github, /gitlab, /discord, /progress or GET /health`);
    if (request.method !== 'POST') return problem(405, `${path} takes POST`, { Allow: 'POST' });
    // The raw bytes as text: every signature is over the body exactly as sent.
    return route(request, env, await request.text(), ctx);
  },
} satisfies ExportedHandler<Env>;
