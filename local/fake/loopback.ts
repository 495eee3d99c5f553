import { answerDiscord, configureDiscord, freshDiscordData, isDiscordApi, type DiscordMessage, type DiscordMode } from './discord';
import { FakeGitHub, type FakeGitHubConfig } from './githubModel';
import { FakeGitLab, type FakeGitLabConfig } from './gitlabModel';
import { FakeGitHubRest, type FakeRestConfig } from './githubRest';
import { answerSlack, configureSlack, freshSlackData, isSlackApi, type SlackHookPost, type SlackMessage, type SlackMode } from './slack';
import { json, type FakeResponse } from './types';
import { answerNotion, configureNotion, freshNotionData, isNotionApi, type NotionMode } from './notion';
import { answerConfluence, configureConfluence, freshConfluenceData, isConfluenceApi, type ConfluenceMode } from './confluence';
import { answerObservability, configureObservability, freshObservabilityData, observabilityService, type ObservabilityConfig } from './observability';

/**
 * The fake Slack, Discord and GitHub as an HTTP server for tests: the handler the tests' loopback server
 * (test/helpers/loopbackServer.ts) runs on its own thread, so that the script's synchronous UrlFetchApp, pointed
 * at it with LOCAL_FETCH_PROXY, gets real HTTP answers — late ones too. The fakes are the demo's (slack.ts,
 * discord.ts, githubModel.ts), strict about channels and threads, with their data in memory. Tests steer them
 * through /__fake/…:
 *
 *   POST /__fake/reset                      Slack and Discord as new
 *   POST /__fake/slack    {SlackMode}       outages, 429 + Retry-After, lost answers, timeouts, extra channels
 *   POST /__fake/discord  {DiscordMode}     outages, 429 + retry_after, timeouts
 *   POST /__fake/state                      what Slack and Discord received and kept (FakeChatState)
 *   POST /__fake/config   {FakeGitHubConfig} GitHub's repositories, rate limits and token
 *   GET  /__fake/webhooks?repo=owner/name   the deliveries GitHub would have sent for that history
 *   GET  /__fake/queries                    the GraphQL queries received
 *   POST /__fake/notion   {NotionMode}      Notion's token, shared pages and database, 429s; …/notion/state its pages
 *   POST /__fake/confluence {ConfluenceMode} Confluence's credentials, spaces, 429s; …/confluence/state its pages
 *   POST /__fake/gitlab/config {FakeGitLabConfig} GitLab's projects, token scopes, rate limit, a 429
 *   GET  /__fake/gitlab/requests            the GitLab requests received (REST and GraphQL)
 *   GET  /__fake/gitlab/hooks?project=g/p   a project's hooks
 *   POST /__fake/observability {ObservabilityConfig}  GA4, New Relic and Datadog's settings, outages and 429s
 *   POST /__fake/observability/state        what GA4, New Relic and Datadog received (ObservabilityData)
 *   POST /__fake/observability/reset        the three as new
 *   POST /__fake/github-rest {FakeRestConfig} GitHub REST's tokens (scopes, permissions), repositories, line counts
 *   GET  /__fake/github-hooks?repo=owner/name the repository's webhooks, as GitHub stores them
 *   GET  /__fake/github-rest-requests        the REST requests received
 */

/** A request as the loopback server records it. */
export interface LoopbackRequest {
  method: string;
  /** The request line's target: an absolute URL when the request came through LOCAL_FETCH_PROXY. */
  target: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

export interface FakeChatState {
  slack: {
    messages: SlackMessage[];
    views: Array<{ id: string; trigger_id: string; view: Record<string, unknown> }>;
    hooks: SlackHookPost[];
    channels: Record<string, string>;
  };
  discord: { messages: DiscordMessage[] };
}

export type { DiscordMode, FakeGitHubConfig, FakeGitLabConfig, ObservabilityConfig, SlackMode };

export interface LoopbackFake {
  /** The answer, or undefined for a request none of the fakes owns (the server then answers 404). */
  handle(req: LoopbackRequest): FakeResponse | undefined;
}

export function createLoopbackFake(): LoopbackFake {
  let slack = freshSlackData();
  let discord = freshDiscordData();
  const github = new FakeGitHub();
  const gitlab = new FakeGitLab();
  let observability = freshObservabilityData();
  const githubRest = new FakeGitHubRest();
  let seq = 0;
  let notion = freshNotionData();
  let confluence = freshConfluenceData();

  const control = (req: LoopbackRequest): FakeResponse => {
    const what = req.path.replace(/^\/__fake\//, '');
    const body = (req.body ? JSON.parse(req.body) : {}) as Record<string, unknown>;
    switch (`${req.method} ${what}`) {
      case 'POST reset':
        slack = freshSlackData();
        discord = freshDiscordData();
        return json(200, { ok: true });
      case 'POST slack':
        return json(200, { ok: true, mode: configureSlack(slack, body as Partial<SlackMode>) });
      case 'POST discord':
        return json(200, { ok: true, mode: configureDiscord(discord, body as Partial<DiscordMode>) });
      case 'POST state': {
        const state: FakeChatState = {
          slack: { messages: slack.messages, views: slack.views, hooks: slack.hooks, channels: slack.channels },
          discord: { messages: discord.messages },
        };
        return json(200, state);
      }
      case 'POST notion':
        return json(200, { ok: true, mode: configureNotion(notion, body as Partial<NotionMode>) });
      case 'POST notion/state':
        return json(200, notion);
      case 'POST notion/reset':
        notion = freshNotionData();
        return json(200, { ok: true });
      case 'POST confluence':
        return json(200, { ok: true, mode: configureConfluence(confluence, body as Partial<ConfluenceMode>) });
      case 'POST confluence/state':
        return json(200, confluence);
      case 'POST confluence/reset':
        confluence = freshConfluenceData();
        return json(200, { ok: true });
      case 'POST config':
        github.configure(body as FakeGitHubConfig);
        return json(200, { ok: true });
      case 'GET webhooks':
        return json(200, github.webhooks(req.query['repo'] ?? ''));
      case 'GET queries':
        return json(200, github.queries);
      case 'POST gitlab/config':
        gitlab.configure(body as FakeGitLabConfig);
        return json(200, { ok: true });
      case 'GET gitlab/requests':
        return json(200, { requests: gitlab.requests, queries: gitlab.queries });
      case 'GET gitlab/hooks':
        return json(200, gitlab.hooks(req.query['project'] ?? ''));
      case 'POST observability':
        configureObservability(observability, body as ObservabilityConfig);
        return json(200, { ok: true });
      case 'POST observability/state':
        return json(200, observability);
      case 'POST observability/reset':
        observability = freshObservabilityData();
        return json(200, { ok: true });
      case 'POST github-rest':
        githubRest.configure(body as FakeRestConfig);
        return json(200, { ok: true });
      case 'GET github-hooks':
        return json(200, githubRest.hooksOf(req.query['repo'] ?? ''));
      case 'GET github-rest-requests':
        return json(200, githubRest.requests);
      default:
        return json(404, { error: `no control ${req.method} ${what}` });
    }
  };

  return {
    handle(req) {
      if (req.path.startsWith('/__fake/')) return control(req);
      const url = new URL(req.target, 'http://loopback');
      // gitlab.com and self-managed instances (any host named gitlab…): REST /api/v4 and GraphQL /api/graphql.
      if (/(^|\.)gitlab\./.test(url.hostname)) return gitlab.handle(req.method.toUpperCase(), req.path, req.query, req.headers, req.body);
      const fake = {
        method: req.method.toUpperCase(),
        url,
        headers: Object.entries(req.headers),
        text: req.body,
        contentType: req.headers['content-type'] ?? '',
        now: Date.now(),
        seq: seq++,
      };
      // Before GitHub's /graphql below: NerdGraph is a /graphql too, on New Relic's hosts.
      if (observabilityService(url)) return answerObservability(observability, fake);
      // GitHub.com's /graphql and GitHub Enterprise Server's /api/graphql, on whatever host the script was given.
      if (req.path === '/graphql' || req.path === '/api/graphql') {
        const answer = github.graphql(req.method, req.headers['authorization'], req.body);
        return { status: answer.status, headers: answer.headers, body: answer.body };
      }
      // GitHub.com's REST root, or GitHub Enterprise Server's /api/v3.
      if (/^(\/api\/v3)?\/repos\//.test(req.path)) {
        const rest = githubRest.handle(
          req.method.toUpperCase(),
          req.path.replace(/^\/api\/v3/, '') + (url.search ?? ''),
          req.headers['authorization'],
          req.body,
          Date.now(),
        );
        if (rest) return rest.status === 204 ? { status: 204, headers: rest.headers, body: '' } : json(rest.status, rest.body, rest.headers);
      }
      if (isSlackApi(url)) return answerSlack(slack, fake);
      if (isDiscordApi(url)) return answerDiscord(discord, fake);
      if (isNotionApi(url)) return answerNotion(notion, fake);
      if (isConfluenceApi(url)) return answerConfluence(confluence, fake);
      return undefined;
    },
  };
}
