import { catalog } from '../messages';

/**
 * What `setupWebhooks` asks of GitHub, as plain data: the hook it wants on each repository, which existing hook
 * is ours (found by URL, so running it again updates that hook and never adds a second), and what a refusal
 * means in the words of the permission to grant.
 */

export const WEBHOOK_EVENTS = ['push', 'pull_request', 'pull_request_review', 'issues', 'deployment_status', 'workflow_run'] as const;

export interface HookTarget {
  url: string;
  /** Sent as the hook's secret (the gateway verifies X-Hub-Signature-256 with it); none for the web app URL. */
  secret: string | null;
  via: 'gateway' | 'webapp';
}

/** The URLs a hook of ours may have had: the web app's (any token) and the gateway's. */
export interface OurUrls {
  webApp: string | null;
  gateway: string | null;
}

const withoutQuery = (url: string) => url.split(/[?#]/)[0]?.replace(/\/+$/, '').toLowerCase() ?? '';

/** Whether a hook's URL is one this script made: the web app with `source=github`, or the gateway's `/github`. */
export function isOurHook(url: string, ours: OurUrls): boolean {
  if (ours.webApp && withoutQuery(url) === withoutQuery(ours.webApp) && /[?&]source=github(&|$)/.test(url)) return true;
  if (ours.gateway && withoutQuery(url) === withoutQuery(`${ours.gateway.replace(/\/+$/, '')}/github`)) return true;
  return false;
}

export function hookConfig(target: HookTarget): Record<string, unknown> {
  return {
    name: 'web',
    active: true,
    events: [...WEBHOOK_EVENTS],
    config: { url: target.url, content_type: 'json', insecure_ssl: '0', ...(target.secret ? { secret: target.secret } : {}) },
  };
}

/** Classic tokens' scopes that allow writing repository hooks (GitHub ▸ Scopes for OAuth apps). */
const WRITE_SCOPES = ['repo', 'admin:repo_hook', 'write:repo_hook'];

/** A classic token's scopes say in advance whether it may write hooks; a fine-grained token's (no header) do not. */
export function scopesLackWrite(oauthScopes: string | undefined): boolean {
  if (oauthScopes === undefined) return false;
  const scopes = oauthScopes.split(',').map((s) => s.trim());
  return !scopes.some((s) => WRITE_SCOPES.includes(s));
}

export const webhookSetupText = catalog({
  permission: {
    ja: 'GITHUB_TOKEN に {repository} の Webhook を作成する権限がないか、リポジトリが見えません（GitHub の応答: {status} {message}）。クラシックトークンには admin:repo_hook（または repo）スコープ、fine-grained トークンにはリポジトリ権限「Webhooks: Read and write」を付けてください。何も変更していません。',
    en: 'GITHUB_TOKEN may not create webhooks on {repository}, or cannot see it (GitHub answered {status} {message}). Give a classic token the admin:repo_hook (or repo) scope, or a fine-grained token the repository permission "Webhooks: Read and write". Nothing was changed.',
  },
  failed: {
    ja: '{repository} の Webhook を設定できませんでした（GitHub の応答: {status} {message}）。{undone}',
    en: 'Could not set the webhook of {repository} (GitHub answered {status} {message}). {undone}',
  },
  undone: {
    ja: 'この実行で作成した Webhook は削除しました。',
    en: 'The webhooks this run had created were removed again.',
  },
  noRepositories: {
    ja: 'Settings シートの GITHUB_REPOSITORIES にリポジトリ（owner/name）がありません。',
    en: 'No repositories in GITHUB_REPOSITORIES (Settings): list them as owner/name.',
  },
  noTarget: {
    ja: 'Webhook の送り先がありません: npm run deploy で Web アプリをデプロイするか、Settings の GATEWAY_URL にゲートウェイの URL を入れてください。',
    en: 'No address for the webhooks: deploy the web app (npm run deploy) or set GATEWAY_URL in Settings to the gateway.',
  },
  noSecret: {
    ja: 'GATEWAY_URL を使うには Script Properties に GITHUB_WEBHOOK_SECRET（ゲートウェイと同じ値）が必要です。',
    en: 'With GATEWAY_URL, the Script Property GITHUB_WEBHOOK_SECRET (the same value as the gateway has) is needed.',
  },
  created: { ja: '{repository}: Webhook を作成しました（{via}）', en: '{repository}: webhook created ({via})' },
  updated: { ja: '{repository}: 既存の Webhook を更新しました（{via}）', en: '{repository}: existing webhook updated ({via})' },
  viaGateway: { ja: 'ゲートウェイ経由、シークレット付き', en: 'through the gateway, with the secret' },
  viaWebApp: { ja: 'Web アプリの URL とトークン', en: 'the web app URL with its token' },
  title: { ja: 'GitHub Webhook の設定', en: 'GitHub webhooks' },
  setupNoToken: {
    ja: 'GitHub Webhook: Script Properties に GITHUB_TOKEN がないため作成していません。設定後にメニューの「GitHub Webhook を作成／更新」を実行してください。',
    en: 'GitHub webhooks: not created, the Script Property GITHUB_TOKEN is not set. Set it, then run "Create or update GitHub webhooks" from the menu.',
  },
  setupStep: { ja: 'GitHub Webhook: {message}', en: 'GitHub webhooks: {message}' },
});
