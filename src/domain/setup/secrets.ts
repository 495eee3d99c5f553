import type { Language } from '../messages';
import type { SecretField } from './fields';
import { setupText } from './messages';

/** GitHub.com's API; GitHub Enterprise Server has its own at https://HOST/api/v3. */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/**
 * How a saved secret is shown: its well-known prefix and last four characters, enough to tell which token is
 * saved without making it usable. Values too short for that show only that something is saved.
 */
export function maskSecret(value: string): string {
  if (!value) return '';
  const prefix =
    /^(?:xox[a-z]-|xapp-|github_pat_|gh[opusr]_|ntn_|secret_|ATATT|NRAK-|https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/)/.exec(
      value,
    )?.[0] ?? '';
  const rest = value.length - prefix.length;
  // The scheme says nothing in a 300-pixel sidebar.
  const shown = prefix.replace(/^https:\/\//, '');
  // At least 12 characters stay hidden, so the tail never gives away a meaningful share of the secret.
  if (rest < 16) return shown ? `${shown}…` : '••••••••';
  return `${shown}…${value.slice(-4)}`;
}

const DISCORD_WEBHOOK =
  /^https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/\d{5,25}\/[A-Za-z0-9_-]{20,200}\/?(?:\?[^\s#]*)?$/;

/** What is wrong with the shape of a secret, in the team's language, or null. The value itself is never quoted. */
export function secretFormatError(field: SecretField, value: string, language: Language): string | null {
  switch (field) {
    case 'SLACK_BOT_TOKEN':
      if (value.startsWith('xoxp-')) return setupText('slackUserToken', language);
      if (value.startsWith('xapp-')) return setupText('slackAppToken', language);
      return /^xoxb-[A-Za-z0-9-]{10,}$/.test(value) ? null : setupText('slackBotTokenFormat', language);
    case 'SLACK_VERIFICATION_TOKEN':
      if (/^xox[a-z]-/.test(value)) return setupText('verificationIsOAuth', language);
      return /^[A-Za-z0-9]{16,64}$/.test(value) ? null : setupText('verificationFormat', language);
    case 'DISCORD_WEBHOOK_URL':
      return DISCORD_WEBHOOK.test(value) ? null : setupText('discordFormat', language);
    case 'GITHUB_TOKEN':
      // Fine-grained and OAuth-family tokens carry a prefix; classic tokens of old GitHub Enterprise Server are 40 hex.
      return /^(?:github_pat_|gh[opusr]_)[A-Za-z0-9_]{20,}$/.test(value) || /^[0-9a-f]{40}$/.test(value)
        ? null
        : setupText('githubTokenFormat', language);
    case 'NOTION_TOKEN':
      // Internal integration secrets: ntn_… now, secret_… before September 2024.
      return /^(?:ntn_|secret_)[A-Za-z0-9]{20,}$/.test(value) ? null : setupText('notionTokenFormat', language);
    case 'CONFLUENCE_API_TOKEN':
      return /^[A-Za-z0-9_=+/-]{16,400}$/.test(value) ? null : setupText('confluenceTokenFormat', language);
    case 'GATEWAY_SECRET':
    case 'GITHUB_WEBHOOK_SECRET':
    case 'GITLAB_WEBHOOK_TOKEN':
      // Shared secrets the team makes itself (openssl rand -hex 32): long enough that guessing is hopeless.
      return /^[\x21-\x7e]{32,256}$/.test(value) ? null : setupText('sharedSecretFormat', language);
    case 'NEW_RELIC_LICENSE_KEY':
      return /^[A-Za-z0-9]{36}NRAL$/.test(value) ? null : setupText('newRelicLicenseFormat', language);
    case 'NEW_RELIC_USER_KEY':
      return /^NRAK-[A-Z0-9]{27}$/.test(value) ? null : setupText('newRelicUserFormat', language);
    case 'DATADOG_API_KEY':
      return /^[a-f0-9]{32}$/.test(value) ? null : setupText('datadogApiFormat', language);
    case 'DATADOG_APP_KEY':
      return /^[a-f0-9]{40}$/.test(value) ? null : setupText('datadogAppFormat', language);
  }
}

export function teamIdError(value: string, language: Language): string | null {
  // E… ids are Enterprise Grid organizations, which auth.test reports for org-wide installs.
  return /^[TE][A-Z0-9]{6,20}$/.test(value) ? null : setupText('teamIdFormat', language, { value });
}

/** The API URL as saved (no trailing slash), or what is wrong with it. */
export function readApiUrl(value: string, language: Language): { url: string } | { error: string } {
  const url = value.replace(/\/+$/, '');
  const m = /^https:\/\/([A-Za-z0-9.-]+(?::\d+)?)(\/[^\s?#]*)?$/.exec(url);
  if (!m) return { error: setupText('apiUrlFormat', language, { value }) };
  const host = (m[1] ?? '').toLowerCase();
  const path = m[2] ?? '';
  if (host === 'api.github.com') return path === '' ? { url: DEFAULT_GITHUB_API_URL } : { error: setupText('apiUrlIsWeb', language, { value }) };
  if (host === 'github.com' || host === 'www.github.com') return { error: setupText('apiUrlIsWeb', language, { value }) };
  if (!/^\/api(\/v3)?$/.test(path)) return { error: setupText('apiUrlNoApiPath', language, { value }) };
  return { url: `https://${host}/api/v3` };
}

/** GitHub's GraphQL endpoint for an API URL: api.github.com/graphql, or https://HOST/api/graphql on GHES. */
export function graphqlUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(base) ? base.replace(/\/v3$/, '/graphql') : `${base}/graphql`;
}
