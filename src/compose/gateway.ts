import { guardedDirect, type DirectPathDeps } from '../app/directPath';
import { handleDiscordInteraction, INTERACTION_TOKEN_SECONDS } from '../app/discord/interactions';
import { discordFormReply } from '../app/discord/form';
import type { ChatTables } from '../app/chatData';
import { handleGateway, type GatewayHandler } from '../app/gateway';
import { PROP } from '../app/properties';
import { RawAnswer, type PostHandler, type WebAnswer, type WebRequest } from '../app/webApp';
import { tokenTag } from '../domain/gateway';
import { hmacSha256Hex } from '../platform/hmac';
import { Settings } from '../settings';
import { DIRECT_RATE_LIMIT, DIRECT_WEBHOOKS } from '../settings/gateway';
import { chatTables, developerDays, discordTokenKey, processQueueJob, slackPost } from './chat';
import { executionContext, settingsIfCached } from './context';
import { githubPostHandler } from './github';
import { ingestGitLabWebhook } from './gitlab';
import { kpiSnapshotPostHandler } from './kpi';
import { memberDayOf, teamProfile } from './members';
import { dailyReportsWith } from '../app/team';

/**
 * The web app's two doors: the direct sources (behind DIRECT_WEBHOOKS and the per-minute limit) and the gateway's
 * signed forwards. Both lead to the same handlers; the gateway's table below is where a new source is added.
 */

/** Past the 300 s window a forward is refused anyway; the cache only has to outlive it. */
const DELIVERY_SECONDS = 900;
const deliveryKey = (id: string) => `gw-delivery:${id.length > 200 ? tokenTag(id) : id}`;

function discordPost(body: string, onInternal: (error: unknown) => void): WebAnswer {
  const ctx = executionContext({ settings: 'cached' });
  // One set of tables for the interaction: the member's row and their day come from one read of Members.
  let tables: ChatTables | null = null;
  const chat = () => (tables ??= chatTables(ctx));
  return handleDiscordInteraction(
    {
      now: ctx.now,
      calendar: ctx.calendar,
      language: ctx.language,
      tables: chat,
      locked: ctx.locked,
      rememberToken: (id, token) => ctx.cache().put(discordTokenKey(id), token, INTERACTION_TOKEN_SECONDS),
      enqueue: (messages) => ctx.outbox().enqueue(messages),
      deliverNow: () => void processQueueJob(onInternal, ctx),
      questions: () => teamProfile(ctx).questions,
      reportsWith: (asked) => ctx.table(dailyReportsWith(asked)),
      memberDay: (member, at) => memberDayOf(chat().members, ctx.calendar(), member.name, at),
      developerMetrics: () => developerDays(ctx),
    },
    body,
  );
}

/** What a request accepted is applied by the dispatcher's next run: as on the direct path, it is woken for it. */
function waking(handler: GatewayHandler, wake: () => void): GatewayHandler {
  return (request) => {
    const answer = handler(request);
    if (!(answer instanceof RawAnswer) && answer.ok) wake();
    return answer;
  };
}

/** Each original source the gateway forwards → the same handler the direct path uses. */
function gatewayHandlers(onInternal: (error: unknown) => void, wake: () => void): Record<string, GatewayHandler> {
  return {
    slack: (request) => slackPost(request, onInternal, wake, true),
    github: waking((request) => githubPostHandler(request), wake),
    progress: waking((request) => kpiSnapshotPostHandler(request), wake),
    discord: (request) => discordPost(request.gateway.body, onInternal),
    // Not a sender's request: the Worker asks for the Discord form it keeps in its cache (gateway/src/form.ts).
    questions: () => {
      const ctx = executionContext({ settings: 'cached' });
      return discordFormReply(teamProfile(ctx).questions, ctx.language());
    },
    // The gateway checked X-Gitlab-Token; the event and Idempotency-Key come as GitLab sent them.
    gitlab: waking(
      (request) => ingestGitLabWebhook(request.gateway.event || undefined, request.gateway.delivery || undefined, request.gateway.body),
      wake,
    ),
  };
}

/** `POST …/exec?source=gateway&ts=…&sig=…`. */
export function gatewayPost(request: WebRequest, onInternal: (error: unknown) => void, wake: () => void = () => {}): RawAnswer {
  const ctx = executionContext({ settings: 'cached' });
  const cache = ctx.cache();
  return handleGateway(
    {
      secret: ctx.properties()[PROP.gatewaySecret],
      now: ctx.now,
      hmacHex: hmacSha256Hex,
      deliveries: {
        seen: (id) => cache.get(deliveryKey(id)) !== null,
        remember: (id) => cache.put(deliveryKey(id), '1', DELIVERY_SECONDS),
      },
      handlers: gatewayHandlers(onInternal, wake),
      onInternal,
    },
    request,
  );
}

function directDeps(): DirectPathDeps {
  const ctx = executionContext({ settings: 'cached' });
  // The GitHub webhook's budget is 3 Spreadsheet calls, and it reads no setting itself: on a cold settings cache
  // the guard reads the Settings sheet only once a gateway is set up (GATEWAY_SECRET), when DIRECT_WEBHOOKS=off
  // must hold; before that the direct path is the only one, so it stays on, and the limit is the default's.
  const settings = () => settingsIfCached(ctx.cache()) ?? (ctx.properties()[PROP.gatewaySecret] ? ctx.settings() : null);
  return {
    enabled: () => settings()?.get(DIRECT_WEBHOOKS) ?? true,
    limit: () => (settings() ?? new Settings(new Map())).get(DIRECT_RATE_LIMIT),
    cache: ctx.cache,
    now: ctx.now,
  };
}

/** The direct sources behind DIRECT_WEBHOOKS and DIRECT_RATE_LIMIT. */
export function directHandlers(handlers: Readonly<Record<string, PostHandler>>): Record<string, PostHandler> {
  return Object.fromEntries(Object.entries(handlers).map(([source, handler]) => [source, guardedDirect(source, handler, directDeps)]));
}
