import { escapeHtml } from '../domain/html';
import { catalog, type Language } from '../domain/messages';
import { PROP } from './properties';

export interface WebhookUrls {
  progress: string;
  github: string;
  gitlab: string;
  slack: string;
  /** Through the gateway only: Discord's Interactions Endpoint URL, and the KPI token sent as `Authorization: Bearer`. */
  discord?: string;
  progressBearer?: string;
}

/**
 * The URL of each source; the tokens in them are shown to the sheet's owner in a dialog, nowhere else. With a
 * gateway (Settings ▸ GATEWAY_URL) every sender is pointed at it, and no token is in any URL.
 */
export function webhookUrls(base: string, properties: Readonly<Record<string, string>>, gatewayUrl = ''): WebhookUrls {
  const token = (name: string) => encodeURIComponent(properties[name] ?? '');
  if (gatewayUrl) {
    const g = gatewayUrl.replace(/\/+$/, '');
    return {
      progress: `${g}/progress`,
      github: `${g}/github`,
      gitlab: `${g}/gitlab`,
      slack: `${g}/slack`,
      discord: `${g}/discord`,
      progressBearer: `Authorization: Bearer ${properties[PROP.webhookTokenProgress] ?? ''}`,
    };
  }
  return {
    progress: `${base}?source=progress&token=${token(PROP.webhookTokenProgress)}`,
    github: `${base}?source=github&token=${token(PROP.webhookTokenGitHub)}`,
    gitlab: `${base}?source=gitlab&token=${token(PROP.webhookTokenGitLab)}`,
    slack: `${base}?source=slack`,
  };
}

/**
 * Why a web app URL will not take the posts of GitHub, Slack or a script, or null for a deployment's `/exec` URL.
 * `/dev` is the editor's test URL and refuses anyone not signed in; `/a/<domain>/…` is scoped to a Workspace domain.
 */
export function webAppUrlProblem(url: string): 'devUrl' | 'domainUrl' | null {
  if (/\/macros\/s\/[^/?#]+\/dev(?:[/?#]|$)/.test(url)) return 'devUrl';
  if (/^https:\/\/script\.google\.com\/a\/(?!macros\/)[^/]+\/macros\//.test(url)) return 'domainUrl';
  return null;
}

/** New tokens for the webhook sources: the old URLs stop working at once, so callers must be updated. */
export function rotatedTokens(newToken: () => string): Record<string, string> {
  return { [PROP.webhookTokenProgress]: newToken(), [PROP.webhookTokenGitHub]: newToken(), [PROP.webhookTokenGitLab]: newToken() };
}

const text = catalog({
  title: { ja: 'Webhook URL', en: 'Webhook URLs' },
  progress: { ja: 'KPI スナップショット（CI やスクリプトから JSON を POST）', en: 'KPI snapshots (POST JSON from CI or a script)' },
  github: {
    ja: 'GitHub: リポジトリの Settings ▸ Webhooks ▸ Add webhook。Payload URL にこの URL、Content type は application/json、イベントは Pushes・Pull requests・Pull request reviews・Issues・Deployment statuses・Workflow runs。Apps Script はリダイレクトで応答するため GitHub は配信を失敗と表示することがありますが、データは保存され、毎時の同期が欠けを埋めます。',
    en: "GitHub: the repository's Settings ▸ Webhooks ▸ Add webhook. Payload URL: this URL; content type application/json; events: Pushes, Pull requests, Pull request reviews, Issues, Deployment statuses, Workflow runs. Apps Script answers with a redirect, so GitHub may show deliveries as failed; the data is saved, and the hourly sync fills any gap.",
  },
  gitlab: {
    ja: 'GitLab: プロジェクトの Settings ▸ Webhooks（GITLAB_TOKEN に api 権限があればセットアップが作成します）。URL にこの URL、トリガーは Push・Merge request・Comments・Issues・Pipeline・Deployment。GitLab はリダイレクト（3xx）を成功として扱うので Webhook は無効化されません。ゲートウェイがあれば <GATEWAY_URL>/gitlab を使います。',
    en: "GitLab: the project's Settings ▸ Webhooks (setup makes it when GITLAB_TOKEN has the api scope). URL: this URL; triggers: Push, Merge request, Comments, Issues, Pipeline, Deployment. GitLab counts a redirect (3xx) as success, so the hook is not disabled. With the gateway, use <GATEWAY_URL>/gitlab instead.",
  },
  slack: {
    ja: 'Slack: アプリの Slash Commands（/progress）の Request URL と、Interactivity & Shortcuts の Request URL にこの URL。',
    en: "Slack: the Request URL of the app's slash command (/progress) and of Interactivity & Shortcuts.",
  },
  keep: { ja: 'トークンを含む URL は秘密です。共有しないでください。', en: 'URLs with a token are secrets: do not share them.' },
  githubGateway: {
    ja: 'GitHub（ゲートウェイ経由）: Payload URL にこの URL、Content type は application/json、Secret に GITHUB_WEBHOOK_SECRET の値。配信の成否は GitHub の Recent Deliveries に正しく表示され、Redeliver も使えます。',
    en: "GitHub (through the gateway): Payload URL: this URL; content type application/json; Secret: the value of GITHUB_WEBHOOK_SECRET. GitHub's Recent Deliveries then show the true outcome, and Redeliver works.",
  },
  gitlabGateway: {
    ja: 'GitLab（ゲートウェイ経由）: プロジェクトの Settings ▸ Webhooks で URL にこの URL、Secret token に GITLAB_WEBHOOK_TOKEN の値（GITLAB_TOKEN に api 権限があればセットアップが作成します）。トリガーは Push・Merge request・Comments・Issues・Pipeline・Deployment。',
    en: "GitLab (through the gateway): the project's Settings ▸ Webhooks; URL: this URL; Secret token: the value of GITLAB_WEBHOOK_TOKEN (setup makes the hook when GITLAB_TOKEN has the api scope). Triggers: Push, Merge request, Comments, Issues, Pipeline, Deployment.",
  },
  slackGateway: {
    ja: 'Slack（ゲートウェイ経由）: Slash Commands と Interactivity の Request URL にこの URL。署名シークレットで検証されます。',
    en: 'Slack (through the gateway): the Request URL of the slash command and of Interactivity; requests are checked with the signing secret.',
  },
  progressGateway: {
    ja: 'KPI スナップショット（ゲートウェイ経由）: この URL に POST し、次のヘッダーを付けます（URL にトークンを入れないので CI のログに残りません）',
    en: 'KPI snapshots (through the gateway): POST to this URL with the header below (no token in the URL, so CI logs never hold it)',
  },
  discord: {
    ja: 'Discord: Developer Portal ▸ アプリ ▸ General Information ▸ Interactions Endpoint URL にこの URL。コマンドは npm run discord:register で登録します。',
    en: 'Discord: Developer Portal ▸ your application ▸ General Information ▸ Interactions Endpoint URL; register the commands with npm run discord:register.',
  },
  devUrl: {
    ja: 'これはエディタのテスト用 URL（/dev）です。ログインしていない GitHub・Slack・スクリプトからの POST は拒否されます。npm run deploy でデプロイし、デプロイの /exec URL（デプロイ ▸ デプロイを管理）を使ってください。',
    en: "This is the editor's test URL (/dev): it refuses posts from GitHub, Slack and scripts, which are not signed in. Deploy with npm run deploy and use the deployment's /exec URL (Deploy ▸ Manage deployments).",
  },
  domainUrl: {
    ja: 'この URL は Workspace のドメインに限られた形（/a/…/）です。ドメイン外からの POST は拒否されることがあります。デプロイの https://script.google.com/macros/s/…/exec の URL（デプロイ ▸ デプロイを管理）を使ってください。',
    en: 'This URL is scoped to your Workspace domain (/a/…/): senders outside it may be refused. Use the https://script.google.com/macros/s/…/exec URL of the deployment (Deploy ▸ Manage deployments).',
  },
  noDeployment: {
    ja: 'Web アプリがまだデプロイされていません: npm run deploy を実行してください。',
    en: 'The web app is not deployed yet: run npm run deploy.',
  },
});

/** The dialog listing each URL with what to do with it. Every value is escaped. */
export function webhookDialogHtml(urls: WebhookUrls | null, language: Language): string {
  if (!urls) return `<p style="font-family:sans-serif">${escapeHtml(text('noDeployment', language))}</p>`;
  const item = (label: string, url: string) =>
    `<h3 style="font-size:14px;margin:16px 0 4px">${escapeHtml(label)}</h3>` +
    `<input readonly style="width:100%;font-family:monospace;font-size:12px" value="${escapeHtml(url)}" onclick="this.select()">`;
  const problem = webAppUrlProblem(urls.progress);
  return (
    `<div style="font-family:sans-serif;font-size:13px;line-height:1.5">` +
    (problem ? `<p style="color:#b00020;font-weight:bold">⚠️ ${escapeHtml(text(problem, language))}</p>` : '') +
    (urls.progressBearer
      ? item(text('progressGateway', language), urls.progress) + item('', urls.progressBearer)
      : item(text('progress', language), urls.progress)) +
    item(text(urls.discord ? 'githubGateway' : 'github', language), urls.github) +
    item(text(urls.discord ? 'gitlabGateway' : 'gitlab', language), urls.gitlab) +
    item(text(urls.discord ? 'slackGateway' : 'slack', language), urls.slack) +
    (urls.discord ? item(text('discord', language), urls.discord) : '') +
    `<p style="color:#b00020">${escapeHtml(text('keep', language))}</p></div>`
  );
}

export const webhookText = text;
