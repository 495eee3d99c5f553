import type { Language } from '../messages';
import type { PropertyField, SetupField } from './fields';
import { setupText } from './messages';
import { graphqlUrl } from './secrets';
import { basicAuth } from '../publish/basicAuth';
import { notionId } from '../publish/notionBlocks';

/** The Notion-Version the product speaks (src/app/publish/notion.ts says the same). */
const NOTION_VERSION = '2025-09-03';
import { observabilityChecks, type ObservabilityCheckInputs } from './observabilityChecks';

/**
 * The live checks of the setup sidebar: for each service, the one cheap call that proves a token works
 * (Slack auth.test, a Discord webhook GET, GitHub GraphQL `viewer`), and how to read its answer. Plain data in
 * and out: the use case sends the requests together and hands the answers back here.
 */
export interface CheckRequest {
  url: string;
  method: 'get' | 'post';
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  contentType?: string;
}

export interface CheckResponse {
  status: number;
  text: string;
}

export type Service = 'Slack' | 'Discord' | 'GitHub' | 'Notion' | 'Confluence' | 'GA4' | 'New Relic' | 'Datadog';

export interface CheckResult {
  service: Service;
  ok: boolean;
  /** The field to fix when the check fails; on success, the field the check vouches for. */
  field: SetupField;
  message: string;
  /** Configuration the answer revealed (the team id of a bot token), for fields left blank. */
  learned?: Partial<Record<PropertyField, string>>;
}

export interface LiveCheck {
  service: Service;
  /** The field a network failure is blamed on. */
  field: SetupField;
  request: CheckRequest;
  read(response: CheckResponse): CheckResult;
}

/** What to check; a service is absent when none of its fields changed or it has no token to check with. */
export interface CheckInputs extends ObservabilityCheckInputs {
  slack?: { token: string; teamId: string | null };
  discord?: { url: string };
  github?: { token: string; apiUrl: string; repositories: readonly string[] };
  notion?: { token: string; parent: string };
  confluence?: { baseUrl: string; email: string; token: string; spaceId: string };
}

export function liveChecks(inputs: CheckInputs, language: Language): LiveCheck[] {
  const checks: LiveCheck[] = [];
  if (inputs.slack) checks.push(slackCheck(inputs.slack.token, inputs.slack.teamId, language));
  if (inputs.discord) checks.push(discordCheck(inputs.discord.url, language));
  if (inputs.github) checks.push(githubCheck(inputs.github, language));
  if (inputs.notion) checks.push(notionCheck(inputs.notion, language));
  if (inputs.confluence) checks.push(confluenceCheck(inputs.confluence, language));
  checks.push(...observabilityChecks(inputs, language));
  return checks;
}

/** A check whose request never got an answer (DNS, timeout, refused). `detail` must already be free of secrets. */
export function unreachable(check: LiveCheck, detail: string, language: Language): CheckResult {
  const host = /^https?:\/\/([^/?#]+)/.exec(check.request.url)?.[1] ?? check.request.url;
  return { service: check.service, ok: false, field: check.field, message: setupText('unreachable', language, { host, message: detail }) };
}

function slackCheck(token: string, teamId: string | null, language: Language): LiveCheck {
  const field = 'SLACK_BOT_TOKEN';
  const fail = (message: string, on: SetupField = field): CheckResult => ({ service: 'Slack', ok: false, field: on, message });
  return {
    service: 'Slack',
    field,
    // The token goes in the header, where Slack wants it, so it is in no URL or body that could be logged.
    request: { url: 'https://slack.com/api/auth.test', method: 'post', headers: { Authorization: `Bearer ${token}` } },
    read(response) {
      const answer = jsonObject(response.text);
      if (response.status !== 200)
        return fail(setupText('httpError', language, { service: 'Slack', status: response.status, message: said(answer, response.text) }));
      if (!answer) return fail(setupText('unexpected', language, { service: 'Slack', status: response.status }));
      if (answer['ok'] !== true) {
        const error = typeof answer['error'] === 'string' ? answer['error'] : 'unknown_error';
        const revoked = ['token_revoked', 'token_expired', 'account_inactive', 'app_uninstalled'].includes(error);
        return fail(setupText(revoked ? 'slackRevoked' : 'slackRejected', language, { error }));
      }
      if (!answer['bot_id']) return fail(setupText('slackNotBot', language));
      const actual = text(answer['team_id']);
      const enterprise = text(answer['enterprise_id']);
      const team = text(answer['team']) || actual;
      if (teamId && teamId !== actual && teamId !== enterprise) {
        return fail(setupText('slackTeamMismatch', language, { actual, team, given: teamId }), 'SLACK_TEAM_ID');
      }
      const result: CheckResult = {
        service: 'Slack',
        ok: true,
        field,
        message: setupText('slackOk', language, { team, user: text(answer['user']) || '?' }),
      };
      if (!teamId && actual) result.learned = { SLACK_TEAM_ID: actual };
      return result;
    },
  };
}

function discordCheck(url: string, language: Language): LiveCheck {
  const field = 'DISCORD_WEBHOOK_URL';
  const fail = (message: string): CheckResult => ({ service: 'Discord', ok: false, field, message });
  return {
    service: 'Discord',
    field,
    // GET on a webhook URL answers the webhook without posting anything (no token in the answer is shown).
    request: { url: url.replace(/[?#].*$/, ''), method: 'get' },
    read(response) {
      const answer = jsonObject(response.text);
      const message = said(answer, response.text);
      if (response.status === 200 && answer && answer['id'])
        return {
          service: 'Discord',
          ok: true,
          field,
          message: setupText('discordOk', language, { name: text(answer['name']) || text(answer['id']) }),
        };
      if (response.status === 401 || response.status === 403) return fail(setupText('discordRejected', language, { message }));
      if (response.status === 404) return fail(setupText('discordUnknown', language, { message }));
      if (response.status === 200) return fail(setupText('unexpected', language, { service: 'Discord', status: response.status }));
      return fail(setupText('httpError', language, { service: 'Discord', status: response.status, message }));
    },
  };
}

function githubCheck(input: NonNullable<CheckInputs['github']>, language: Language): LiveCheck {
  const field = 'GITHUB_TOKEN';
  const url = graphqlUrl(input.apiUrl);
  const fail = (message: string, on: SetupField = field): CheckResult => ({ service: 'GitHub', ok: false, field: on, message });
  // One query answers both "is the token good" and "can it see each repository": one point of the rate limit.
  const repos = input.repositories.map((full) => {
    const [owner = '', name = ''] = full.split('/');
    return { full, owner, name };
  });
  const params = repos.map((_, i) => `$o${i}: String!, $n${i}: String!`).join(', ');
  const aliases = repos.map((_, i) => ` r${i}: repository(owner: $o${i}, name: $n${i}) { nameWithOwner }`).join('');
  const query = repos.length > 0 ? `query(${params}) { viewer { login }${aliases} }` : '{ viewer { login } }';
  const variables: Record<string, string> = {};
  repos.forEach((r, i) => {
    variables[`o${i}`] = r.owner;
    variables[`n${i}`] = r.name;
  });
  return {
    service: 'GitHub',
    field,
    request: {
      url,
      method: 'post',
      headers: { Authorization: `bearer ${input.token}`, Accept: 'application/json' },
      json: repos.length > 0 ? { query, variables } : { query },
    },
    read(response) {
      const answer = jsonObject(response.text);
      const message = said(answer, response.text);
      if (response.status === 401) return fail(setupText('githubRejected', language, { message }));
      if (response.status === 404 || (response.status === 200 && !answer))
        return fail(setupText('githubNoApi', language, { url, status: response.status }), 'GITHUB_API_URL');
      if (response.status !== 200 || !answer) return fail(setupText('httpError', language, { service: 'GitHub', status: response.status, message }));
      const data = isObject(answer['data']) ? answer['data'] : {};
      const viewer = isObject(data['viewer']) ? data['viewer'] : null;
      const login = viewer ? text(viewer['login']) : '';
      if (!login) return fail(setupText('githubError', language, { message: firstError(answer) || message }));
      const hidden = repos.filter((_, i) => !isObject(data[`r${i}`])).map((r) => r.full);
      if (hidden.length > 0) return fail(setupText('githubRepos', language, { repos: hidden.join(', ') }), 'GITHUB_REPOSITORIES');
      return { service: 'GitHub', ok: true, field, message: setupText('githubOk', language, { login }) };
    },
  };
}

function notionCheck(input: NonNullable<CheckInputs['notion']>, language: Language): LiveCheck {
  const id = notionId(input.parent);
  const field = 'NOTION_TOKEN';
  const fail = (message: string, on: SetupField = field): CheckResult => ({ service: 'Notion', ok: false, field: on, message });
  return {
    service: 'Notion',
    field,
    // A block of the parent's id answers for a page and a database alike (child_page / child_database): one call
    // proves both the token and that the parent is shared with it.
    request: {
      url: id ? `https://api.notion.com/v1/blocks/${id}` : 'https://api.notion.com/v1/users/me',
      method: 'get',
      headers: { Authorization: `Bearer ${input.token}`, 'Notion-Version': NOTION_VERSION },
    },
    read(response) {
      const answer = jsonObject(response.text);
      const message = said(answer, response.text);
      if (response.status === 401) return fail(setupText('notionRejected', language, { message }));
      if (id && (response.status === 404 || response.status === 403))
        return fail(setupText('notionNoParent', language, { message }), 'NOTION_PARENT');
      if (response.status !== 200 || !answer) return fail(setupText('httpError', language, { service: 'Notion', status: response.status, message }));
      const what = id ? text(answer['type']) || id : text(answer['name']) || 'bot';
      return { service: 'Notion', ok: true, field, message: setupText('notionOk', language, { what }) };
    },
  };
}

function confluenceCheck(input: NonNullable<CheckInputs['confluence']>, language: Language): LiveCheck {
  const field = 'CONFLUENCE_API_TOKEN';
  const fail = (message: string, on: SetupField = field): CheckResult => ({ service: 'Confluence', ok: false, field: on, message });
  return {
    service: 'Confluence',
    field,
    request: {
      url: `${input.baseUrl.replace(/\/+$/, '').replace(/\/wiki$/i, '')}/wiki/api/v2/spaces/${encodeURIComponent(input.spaceId)}`,
      method: 'get',
      headers: { Authorization: basicAuth(input.email, input.token), Accept: 'application/json' },
    },
    read(response) {
      const answer = jsonObject(response.text);
      if (response.status === 401 || response.status === 403) return fail(setupText('confluenceRejected', language));
      if (response.status === 404) return fail(setupText('confluenceNoSpace', language, { space: input.spaceId }), 'CONFLUENCE_SPACE_ID');
      if (response.status !== 200 || !answer)
        return fail(
          setupText('httpError', language, { service: 'Confluence', status: response.status, message: said(answer, response.text) }),
          'CONFLUENCE_BASE_URL',
        );
      return {
        service: 'Confluence',
        ok: true,
        field,
        message: setupText('confluenceOk', language, { space: text(answer['key']) || input.spaceId }),
      };
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonObject(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function firstError(answer: Record<string, unknown>): string {
  const errors = answer['errors'];
  const first: unknown = Array.isArray(errors) ? errors[0] : null;
  return isObject(first) ? text(first['message']) : '';
}

/** What the service said, short: its JSON `message`/`error`, else the start of the body. */
function said(answer: Record<string, unknown> | null, body: string): string {
  const fromJson = answer ? text(answer['message']) || text(answer['error']) : '';
  const raw =
    fromJson ||
    body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw || '(empty)';
}
