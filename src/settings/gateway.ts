import { parse, setting, SettingValueError } from './spec';

/** The edge gateway's settings (gateway/README.md): where it is, and what the direct path still accepts. */

const httpsBase = (text: string): string => {
  if (text === '') return '';
  if (!/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(text))
    throw new SettingValueError('it must be the https:// URL of the gateway, e.g. https://shinchoku-gateway.example.workers.dev');
  return text.replace(/\/+$/, '');
};

export const GATEWAY_URL = setting(
  'GATEWAY_URL',
  '',
  'Public base URL of the Cloudflare Workers gateway (https://…workers.dev); empty: Slack, GitHub and GitLab post to the web app directly (Discord needs the gateway)',
  httpsBase,
);
export const DIRECT_WEBHOOKS = setting(
  'DIRECT_WEBHOOKS',
  'on',
  'on: the web app also takes Slack, GitHub, GitLab and KPI posts directly (URL tokens, Slack verification token); off: only the gateway’s signed posts',
  parse.boolean,
);
export const DIRECT_RATE_LIMIT = setting(
  'DIRECT_RATE_LIMIT',
  // A busy organisation's GitHub sends a few hundred deliveries in a burst minute (a release, a large push).
  '600',
  'Most posts a minute the web app takes directly from one source and token; past it, the answer is "rate limited" and nothing is written',
  parse.integer(1, 10000),
);

export const GATEWAY_SETTINGS = [GATEWAY_URL, DIRECT_WEBHOOKS, DIRECT_RATE_LIMIT];
