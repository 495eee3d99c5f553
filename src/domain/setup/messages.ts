import { catalog, type Language } from '../messages';
import type { SectionId, SetupField } from './fields';

/** The setup sidebar's words: its form (rendered into the template) and what the checks say back. */
export const setupText = catalog({
  // The sidebar
  title: { ja: 'セットアップ', en: 'Setup' },
  intro: {
    ja: 'トークンは Script Properties にだけ保存され、保存後は一部だけを表示します。保存の前に、各トークンをサービスに問い合わせて確認します。',
    en: 'Tokens are kept in Script Properties only and shown masked once saved. Before anything is saved, each token is checked with its service.',
  },
  sectionSlack: { ja: 'Slack', en: 'Slack' },
  sectionDiscord: { ja: 'Discord', en: 'Discord' },
  sectionGithub: { ja: 'GitHub', en: 'GitHub' },
  sectionReport: { ja: '週次レポート', en: 'Weekly report' },
  sectionPublishing: { ja: 'Notion / Confluence への公開', en: 'Publishing to Notion / Confluence' },
  sectionGateway: { ja: 'ゲートウェイ（Cloudflare Workers・任意）', en: 'Gateway (Cloudflare Workers, optional)' },
  sectionGa4: { ja: 'Google Analytics 4', en: 'Google Analytics 4' },
  sectionNewrelic: { ja: 'New Relic', en: 'New Relic' },
  sectionDatadog: { ja: 'Datadog', en: 'Datadog' },
  sectionUrls: { ja: 'Web アプリの URL', en: 'Web app URLs' },
  optional: { ja: '任意', en: 'optional' },
  notSet: { ja: '未設定', en: 'Not set' },
  saved: { ja: '保存済み: {masked}', en: 'Saved: {masked}' },
  typeToChange: { ja: '変更するときだけ入力', en: 'Type only to change it' },
  remove: { ja: '削除する', en: 'Remove' },
  save: { ja: '確認して保存', en: 'Check and save' },
  checking: { ja: '各サービスに問い合わせて確認しています…', en: 'Checking with each service…' },
  loading: { ja: '読み込み中…', en: 'Loading…' },
  done: { ja: '保存してセットアップしました', en: 'Saved and set up' },
  notSaved: { ja: '保存していません。次を直してください:', en: 'Nothing was saved. Please fix:' },
  failed: { ja: 'エラーが起きました（Errors シートに記録）: ', en: 'Something went wrong (recorded in the Errors sheet): ' },
  checksTitle: { ja: '確認結果', en: 'Checks' },
  copy: { ja: 'コピー', en: 'Copy' },
  copied: { ja: 'コピーしました', en: 'Copied' },
  urlProgress: { ja: 'KPI スナップショット（JSON を POST）', en: 'KPI snapshots (POST JSON)' },
  urlGithub: { ja: 'GitHub の Webhook', en: 'GitHub webhook' },
  urlSlack: { ja: 'Slack（スラッシュコマンドとインタラクティビティ）', en: 'Slack (slash command and interactivity)' },
  urlDiscord: { ja: 'Discord の Interactions Endpoint URL（ゲートウェイ）', en: 'Discord Interactions Endpoint URL (gateway)' },
  urlProgressBearer: { ja: 'KPI スナップショットのヘッダー（ゲートウェイ）', en: 'KPI snapshot header (gateway)' },
  urlsSecret: { ja: 'トークンを含む URL は秘密です。共有しないでください。', en: 'URLs with a token are secrets: do not share them.' },
  noDeployment: {
    ja: 'Web アプリがまだデプロイされていません。npm run deploy の後に、もう一度このサイドバーを開いてください。',
    en: 'The web app is not deployed yet. Run npm run deploy, then open this sidebar again.',
  },
  noTokens: {
    ja: '保存するとセットアップが実行され、Webhook のトークンと URL が作られます。',
    en: 'Saving runs setup, which creates the webhook tokens and their URLs.',
  },
  slackStepsTitle: { ja: 'Slack アプリを作る', en: 'Create the Slack app' },
  slackStep1: {
    ja: 'api.slack.com/apps で Create New App ▸ From an app manifest を選び、ワークスペースを選びます。',
    en: 'At api.slack.com/apps choose Create New App ▸ From an app manifest, and pick the workspace.',
  },
  slackStep2: {
    ja: 'リポジトリの slack/manifest.yml を貼り付け、<DEPLOYMENT_ID> を含む 2 つの URL を上の Slack の URL に置き換えて作成します。',
    en: 'Paste slack/manifest.yml from the repository, replace its two URLs holding <DEPLOYMENT_ID> with the Slack URL above, and create the app.',
  },
  slackStep3: {
    ja: 'Install to Workspace でインストールし、OAuth & Permissions の Bot User OAuth Token（xoxb-…）を「Bot トークン」に貼り付けます。',
    en: 'Install it to the workspace, and paste OAuth & Permissions ▸ Bot User OAuth Token (xoxb-…) into "Bot token".',
  },
  slackStep4: {
    ja: 'Basic Information ▸ App Credentials の Verification Token を「検証トークン」に貼り付けて保存します。',
    en: 'Paste Basic Information ▸ App Credentials ▸ Verification Token into "Verification token", and save.',
  },
  slackStep5: {
    ja: '投稿先の各チャンネルで /invite @shinchoku を実行してアプリを招待します（履歴を読むのに必要です）。',
    en: 'In each channel it posts to, run /invite @shinchoku: the app must be a member to read the history.',
  },
  githubStepsTitle: { ja: 'GitHub をつなぐ', en: 'Connect GitHub' },
  setupWebhooksButton: { ja: 'GitHub Webhook を作成／更新', en: 'Create or update the GitHub webhooks' },
  setupWebhooksHint: {
    ja: 'GITHUB_REPOSITORIES の各リポジトリに Webhook を作成します（既にあれば更新）。トークンには Webhooks の書き込み権限（クラシックは admin:repo_hook）が必要です。手順 2〜4 の代わりになります。',
    en: 'Creates the webhook on each repository of GITHUB_REPOSITORIES (or updates it). The token needs the Webhooks write permission (classic: admin:repo_hook). Replaces steps 2–4.',
  },
  githubStep1: {
    ja: 'Settings ▸ Developer settings ▸ Fine-grained tokens で、対象リポジトリを読み取れるトークンを作り、「アクセストークン」に貼り付けて保存します。',
    en: 'Under Settings ▸ Developer settings ▸ Fine-grained tokens, create a token that can read the repositories, paste it into "Access token", and save.',
  },
  githubStep2: {
    ja: '各リポジトリの Settings ▸ Webhooks ▸ Add webhook を開きます。',
    en: 'In each repository open Settings ▸ Webhooks ▸ Add webhook.',
  },
  githubStep3: {
    ja: 'Payload URL に上の GitHub の URL を入れ、Content type は application/json にします。',
    en: 'Payload URL: the GitHub URL above; Content type: application/json.',
  },
  githubStep4: {
    ja: 'イベントは Pushes、Pull requests、Pull request reviews、Issues、Deployment statuses、Workflow runs を選んで保存します。',
    en: 'Events: Pushes, Pull requests, Pull request reviews, Issues, Deployment statuses, Workflow runs. Save.',
  },
  githubStep5: {
    ja: 'Apps Script はリダイレクトで応答するため、GitHub は配信を失敗と表示することがあります。データは保存され、定期同期が欠けを埋めます。',
    en: 'Apps Script answers with a redirect, so GitHub may show deliveries as failed; the data is saved, and the regular sync fills any gap.',
  },

  // Field labels and hints
  label_SLACK_BOT_TOKEN: { ja: 'Bot トークン', en: 'Bot token' },
  hint_SLACK_BOT_TOKEN: { ja: 'OAuth & Permissions ▸ Bot User OAuth Token（xoxb-…）', en: 'OAuth & Permissions ▸ Bot User OAuth Token (xoxb-…)' },
  label_SLACK_VERIFICATION_TOKEN: { ja: '検証トークン', en: 'Verification token' },
  hint_SLACK_VERIFICATION_TOKEN: {
    ja: 'Basic Information ▸ App Credentials ▸ Verification Token',
    en: 'Basic Information ▸ App Credentials ▸ Verification Token',
  },
  label_SLACK_TEAM_ID: { ja: 'チーム ID', en: 'Team ID' },
  hint_SLACK_TEAM_ID: { ja: '空欄なら Bot トークンから設定します', en: 'Left blank, it is taken from the bot token' },
  label_STANDUP_CHANNEL: { ja: '朝会リマインドのチャンネル', en: 'Standup reminder channel' },
  hint_STANDUP_CHANNEL: { ja: '#チャンネル名 またはチャンネル ID', en: '#channel-name or a channel id' },
  label_PROGRESS_CHANNEL: { ja: '進捗リマインドと日次サマリーのチャンネル', en: 'Progress reminder and daily summary channel' },
  hint_PROGRESS_CHANNEL: { ja: '#チャンネル名 またはチャンネル ID', en: '#channel-name or a channel id' },
  label_CODE_REVIEW_CHANNEL: { ja: 'コードレビューのチャンネル', en: 'Code review channel' },
  hint_CODE_REVIEW_CHANNEL: { ja: '#チャンネル名 またはチャンネル ID', en: '#channel-name or a channel id' },
  label_DISCORD_WEBHOOK_URL: { ja: 'Webhook URL', en: 'Webhook URL' },
  hint_DISCORD_WEBHOOK_URL: {
    ja: 'サーバー設定 ▸ 連携サービス ▸ ウェブフック ▸ ウェブフック URL をコピー',
    en: 'Server Settings ▸ Integrations ▸ Webhooks ▸ Copy Webhook URL',
  },
  label_GITHUB_TOKEN: { ja: 'アクセストークン', en: 'Access token' },
  hint_GITHUB_TOKEN: {
    ja: '読み取りのみで十分です: Contents、Pull requests、Deployments、Actions、Issues、Metadata',
    en: 'Read-only is enough: Contents, Pull requests, Deployments, Actions, Issues, Metadata',
  },
  label_GITHUB_API_URL: { ja: 'API URL', en: 'API URL' },
  hint_GITHUB_API_URL: {
    ja: 'GitHub.com なら空欄。GitHub Enterprise Server は https://ホスト名/api/v3',
    en: 'Blank for GitHub.com; GitHub Enterprise Server: https://HOST/api/v3',
  },
  label_GITHUB_REPOSITORIES: { ja: '対象リポジトリ', en: 'Repositories' },
  hint_GITHUB_REPOSITORIES: { ja: 'owner/name を 1 行に 1 つ', en: 'owner/name, one a line' },
  label_REPORT_RECIPIENTS: { ja: '送信先メールアドレス', en: 'Recipients' },
  hint_REPORT_RECIPIENTS: { ja: '1 行に 1 つ、またはカンマ区切り', en: 'One a line, or separated by commas' },
  label_NOTION_TOKEN: { ja: 'Notion のトークン', en: 'Notion token' },
  hint_NOTION_TOKEN: {
    ja: 'notion.so/my-integrations で作った内部インテグレーションのシークレット',
    en: 'The secret of an internal integration made at notion.so/my-integrations',
  },
  label_NOTION_PARENT: { ja: 'Notion の親ページまたはデータベース', en: 'Notion parent page or database' },
  hint_NOTION_PARENT: {
    ja: 'URL か ID。… ▸ 接続 でインテグレーションと共有してください。空欄なら Notion には公開しません',
    en: 'Its URL or id, shared with the integration (… ▸ Connections). Blank: not published to Notion',
  },
  label_CONFLUENCE_BASE_URL: { ja: 'Confluence のサイト', en: 'Confluence site' },
  hint_CONFLUENCE_BASE_URL: {
    ja: 'https://チーム名.atlassian.net。空欄なら Confluence には公開しません',
    en: 'https://TEAM.atlassian.net. Blank: not published to Confluence',
  },
  label_CONFLUENCE_EMAIL: { ja: 'Atlassian アカウントのメール', en: 'Atlassian account email' },
  hint_CONFLUENCE_EMAIL: { ja: 'API トークンを作ったアカウント', en: 'The account that made the API token' },
  label_CONFLUENCE_API_TOKEN: { ja: 'Confluence の API トークン', en: 'Confluence API token' },
  hint_CONFLUENCE_API_TOKEN: { ja: 'id.atlassian.com ▸ セキュリティ ▸ API トークン', en: 'id.atlassian.com ▸ Security ▸ API tokens' },
  label_CONFLUENCE_SPACE_ID: { ja: 'スペース ID', en: 'Space id' },
  hint_CONFLUENCE_SPACE_ID: {
    ja: '数字の ID（/wiki/api/v2/spaces?keys=キー で分かります）',
    en: 'The numeric id (see /wiki/api/v2/spaces?keys=KEY)',
  },
  label_CONFLUENCE_PARENT_ID: { ja: '親ページ ID', en: 'Parent page id' },
  hint_CONFLUENCE_PARENT_ID: {
    ja: 'ページ URL の /pages/ の後の数字。空欄ならスペースの直下',
    en: 'The number after /pages/ in its URL. Blank: the top of the space',
  },
  confluenceEmailFormat: { ja: 'メールアドレスの形ではありません', en: 'This is not an email address' },
  notionTokenFormat: { ja: 'Notion のトークンは ntn_ で始まります', en: 'A Notion token starts with ntn_' },
  confluenceTokenFormat: { ja: 'Confluence の API トークンの形ではありません', en: 'This is not the shape of a Confluence API token' },
  notionOk: { ja: 'Notion に接続しました（{what}）', en: 'Connected to Notion ({what})' },
  notionRejected: { ja: 'Notion がトークンを受け付けません: {message}', en: 'Notion refused the token: {message}' },
  notionNoParent: {
    ja: 'Notion の親が見つかりません。インテグレーションと共有されているか確認してください: {message}',
    en: 'Notion cannot find the parent: share it with the integration. {message}',
  },
  confluenceOk: { ja: 'Confluence に接続しました（スペース {space}）', en: 'Connected to Confluence (space {space})' },
  confluenceRejected: { ja: 'Confluence がメールと API トークンを受け付けません', en: 'Confluence refused the email and API token' },
  confluenceNoSpace: { ja: 'スペース {space} が見つかりません（権限がない可能性があります）', en: 'Space {space} not found (or not permitted)' },
  label_GATEWAY_URL: { ja: 'ゲートウェイ URL', en: 'Gateway URL' },
  hint_GATEWAY_URL: {
    ja: 'npm run gateway:deploy が表示する https://…workers.dev。設定すると Slack・GitHub・GitLab・Discord の URL がゲートウェイを指します',
    en: 'The https://…workers.dev that npm run gateway:deploy prints; once set, the Slack, GitHub, GitLab and Discord URLs point at the gateway',
  },
  label_GATEWAY_SECRET: { ja: 'ゲートウェイ署名鍵（GATEWAY_SECRET）', en: 'Gateway signing key (GATEWAY_SECRET)' },
  hint_GATEWAY_SECRET: {
    ja: 'Worker のシークレット GATEWAY_SECRET と同じ値（openssl rand -hex 32 で作成）',
    en: 'The same value as the Worker secret GATEWAY_SECRET (make one with openssl rand -hex 32)',
  },
  label_GITHUB_WEBHOOK_SECRET: { ja: 'GitHub Webhook シークレット', en: 'GitHub webhook secret' },
  hint_GITHUB_WEBHOOK_SECRET: {
    ja: 'Worker の GITHUB_WEBHOOK_SECRET と同じ値。GitHub の Webhook の Secret 欄にも入れます',
    en: "The same value as the Worker's GITHUB_WEBHOOK_SECRET; also the Secret of the GitHub webhook",
  },
  label_GITLAB_WEBHOOK_TOKEN: { ja: 'GitLab Webhook トークン', en: 'GitLab webhook token' },
  hint_GITLAB_WEBHOOK_TOKEN: {
    ja: 'Worker の GITLAB_WEBHOOK_TOKEN と同じ値。GitLab の Webhook の Secret token 欄にも入れます',
    en: "The same value as the Worker's GITLAB_WEBHOOK_TOKEN; also the Secret token of the GitLab webhook",
  },
  label_DIRECT_WEBHOOKS: { ja: '直接の受信（on / off）', en: 'Direct webhooks (on / off)' },
  hint_DIRECT_WEBHOOKS: {
    ja: 'ゲートウェイ運用後は off に: URL のトークンや Slack の検証トークンだけでは何も書き込めなくなります',
    en: 'Set off once the gateway is in use: a URL token or the Slack verification token alone can then write nothing',
  },
  sharedSecretFormat: {
    ja: '32〜256 文字の英数字・記号で入力してください（openssl rand -hex 32 など）',
    en: 'enter 32 to 256 letters, digits or symbols (e.g. from openssl rand -hex 32)',
  },
  label_GA4_PROPERTY_ID: { ja: 'プロパティ ID', en: 'Property ID' },
  hint_GA4_PROPERTY_ID: {
    ja: '管理 ▸ プロパティの詳細の数字。SHINCHOKU_GA4=1 でデプロイしてください（README ▸ Google Analytics 4）',
    en: 'Admin ▸ Property details, a number. Deploy with SHINCHOKU_GA4=1 (README ▸ Google Analytics 4)',
  },
  label_NEW_RELIC_LICENSE_KEY: { ja: 'ライセンスキー', en: 'License key' },
  hint_NEW_RELIC_LICENSE_KEY: { ja: 'API keys ▸ INGEST - LICENSE（KPI の送信用）', en: 'API keys ▸ INGEST - LICENSE (to send the KPIs)' },
  label_NEW_RELIC_USER_KEY: { ja: 'ユーザーキー', en: 'User key' },
  hint_NEW_RELIC_USER_KEY: { ja: 'API keys ▸ USER（NRAK-…、健全性の読み取り用）', en: 'API keys ▸ USER (NRAK-…, to read the health)' },
  label_NEW_RELIC_ACCOUNT_ID: { ja: 'アカウント ID', en: 'Account ID' },
  hint_NEW_RELIC_ACCOUNT_ID: { ja: 'アカウント名の横の数字', en: 'The number beside the account name' },
  label_NEW_RELIC_ENTITY_GUID: { ja: 'エンティティ GUID', en: 'Entity GUID' },
  hint_NEW_RELIC_ENTITY_GUID: { ja: 'APM のアプリケーション ▸ メタデータ ▸ Entity GUID', en: 'The APM application ▸ Metadata ▸ Entity GUID' },
  label_NEW_RELIC_REGION: { ja: 'リージョン', en: 'Region' },
  hint_NEW_RELIC_REGION: { ja: 'US または EU', en: 'US or EU' },
  label_DATADOG_API_KEY: { ja: 'API キー', en: 'API key' },
  hint_DATADOG_API_KEY: { ja: 'Organization Settings ▸ API Keys（32 文字）', en: 'Organization Settings ▸ API Keys (32 characters)' },
  label_DATADOG_APP_KEY: { ja: 'アプリケーションキー', en: 'Application key' },
  hint_DATADOG_APP_KEY: {
    ja: 'Organization Settings ▸ Application Keys（40 文字、健全性の読み取り用）',
    en: 'Organization Settings ▸ Application Keys (40 characters, to read the health)',
  },
  label_DATADOG_SITE: { ja: 'サイト', en: 'Site' },
  hint_DATADOG_SITE: { ja: 'datadoghq.com、datadoghq.eu、us3/us5/ap1.datadoghq.com', en: 'datadoghq.com, datadoghq.eu, us3/us5/ap1.datadoghq.com' },
  newRelicLicenseFormat: {
    ja: 'NRAL で終わる 40 文字のライセンスキーを入力してください（ユーザーキー NRAK- ではありません）',
    en: 'enter the 40-character license key ending in NRAL (not a NRAK- user key)',
  },
  newRelicUserFormat: { ja: 'NRAK- で始まるユーザーキーを入力してください', en: 'enter the user key, which starts with NRAK-' },
  datadogApiFormat: { ja: '32 文字の英数字（0-9、a-f）の API キーを入力してください', en: 'enter the 32-character API key (0-9, a-f)' },
  datadogAppFormat: {
    ja: '40 文字の英数字（0-9、a-f）のアプリケーションキーを入力してください',
    en: 'enter the 40-character application key (0-9, a-f)',
  },
  accountIdFormat: { ja: '「{value}」はアカウント ID（数字）ではありません', en: '"{value}" is not an account ID (a number)' },
  entityGuidFormat: { ja: 'エンティティ GUID の形ではありません', en: 'this is not an entity GUID' },
  ga4Ok: { ja: 'GA4: プロパティ {property} を読めました', en: 'GA4: property {property} is readable' },
  ga4Denied: { ja: 'GA4 がプロパティ {property} の読み取りを拒否しました（{message}）', en: 'GA4 refused to read property {property} ({message})' },
  ga4Scope: {
    ja: 'スクリプトに analytics.readonly スコープがありません。SHINCHOKU_GA4=1 でデプロイし、再承認してください',
    en: 'the script lacks the analytics.readonly scope: deploy with SHINCHOKU_GA4=1 and authorize again',
  },
  newRelicIngestOk: { ja: 'New Relic: ライセンスキーで送信できます（{region}）', en: 'New Relic: the license key can send ({region})' },
  newRelicUserOk: { ja: 'New Relic: アカウント「{name}」を読めました', en: 'New Relic: account "{name}" is readable' },
  newRelicRejected: { ja: 'New Relic がキーを受け付けませんでした（{message}）', en: 'New Relic did not accept the key ({message})' },
  newRelicAccount: { ja: 'New Relic: アカウント {account} を読めません（{message}）', en: 'New Relic: account {account} cannot be read ({message})' },
  datadogApiOk: { ja: 'Datadog: API キーは有効です（{site}）', en: 'Datadog: the API key is valid ({site})' },
  datadogAppOk: { ja: 'Datadog: アプリケーションキーでメトリクスを読めます', en: 'Datadog: the application key can read metrics' },
  datadogRejected: {
    ja: 'Datadog がキーを受け付けませんでした（{message}）。サイト（DATADOG_SITE）も確認してください',
    en: 'Datadog did not accept the key ({message}); check the site (DATADOG_SITE) too',
  },

  // What reading the form says
  notAnObject: { ja: 'フォームの内容が読めません', en: 'the form could not be read' },
  unknownField: { ja: '知らない項目です', en: 'unknown field' },
  notText: { ja: '文字列で入力してください', en: 'must be text' },
  clearNotSecret: { ja: '削除できるのはトークンだけです: {keys}', en: 'only tokens can be removed: {keys}' },
  slackBotTokenFormat: { ja: 'xoxb- で始まる Bot トークンを入力してください', en: 'enter the bot token, which starts with xoxb-' },
  slackUserToken: {
    ja: 'これはユーザートークン（xoxp-）です。Bot User OAuth Token（xoxb-）を入力してください',
    en: 'this is a user token (xoxp-): enter the Bot User OAuth Token (xoxb-)',
  },
  slackAppToken: {
    ja: 'これはアプリレベルトークン（xapp-）です。Bot User OAuth Token（xoxb-）を入力してください',
    en: 'this is an app-level token (xapp-): enter the Bot User OAuth Token (xoxb-)',
  },
  verificationFormat: {
    ja: '英数字のトークンを入力してください（Basic Information ▸ App Credentials ▸ Verification Token）',
    en: 'enter the letters-and-digits token from Basic Information ▸ App Credentials ▸ Verification Token',
  },
  verificationIsOAuth: {
    ja: 'これは OAuth トークンです。Verification Token を入力してください',
    en: 'this is an OAuth token: enter the Verification Token',
  },
  teamIdFormat: {
    ja: 'T で始まるチーム ID を入力してください（例: T0123ABCDEF）、値: {value}',
    en: 'enter a team id that starts with T, such as T0123ABCDEF; got {value}',
  },
  discordFormat: {
    ja: 'https://discord.com/api/webhooks/<ID>/<トークン> の形の URL を入力してください',
    en: 'enter a URL of the form https://discord.com/api/webhooks/<id>/<token>',
  },
  githubTokenFormat: {
    ja: 'GitHub のトークン（github_pat_… や ghp_…）を入力してください',
    en: 'enter a GitHub token (github_pat_…, ghp_…)',
  },
  apiUrlFormat: { ja: 'https:// で始まる URL を入力してください、値: {value}', en: 'enter a URL that starts with https://; got {value}' },
  apiUrlIsWeb: {
    ja: '{value} は API の URL ではありません。GitHub.com なら空欄、GitHub Enterprise Server なら https://ホスト名/api/v3',
    en: '{value} is not the API: leave it blank for GitHub.com, or enter https://HOST/api/v3 for GitHub Enterprise Server',
  },
  apiUrlNoApiPath: {
    ja: 'GitHub Enterprise Server の API URL は https://ホスト名/api/v3 の形です、値: {value}',
    en: 'a GitHub Enterprise Server API URL has the form https://HOST/api/v3; got {value}',
  },
  secretElsewhere: {
    ja: '{other} と同じ秘密の値です。シートに書かれる欄には入れられません',
    en: 'this is the secret value of {other}: it cannot go into a field that is written to the sheet',
  },
  settingInvalid: { ja: '値が正しくありません: {reason}', en: 'not valid: {reason}' },
  missingForCheck: { ja: '確認には {other} が必要です', en: 'checking it needs {other}' },

  // What the live checks say
  slackOk: { ja: 'Slack: {team} に {user} として接続できました', en: 'Slack: connected to {team} as {user}' },
  slackRejected: { ja: 'Slack がトークンを受け付けませんでした（auth.test: {error}）', en: 'Slack did not accept the token (auth.test: {error})' },
  slackRevoked: {
    ja: 'トークンは無効になっています。アプリを再インストールして新しいトークンを入力してください（auth.test: {error}）',
    en: 'the token is no longer valid: reinstall the app and enter its new token (auth.test: {error})',
  },
  slackNotBot: {
    ja: 'Bot トークンではありません（auth.test の答えに bot_id がありません）',
    en: 'this is not a bot token (auth.test answered without a bot_id)',
  },
  slackTeamMismatch: {
    ja: 'Bot トークンはチーム {actual}（{team}）のものです。チーム ID {given} と一致しません',
    en: 'the bot token belongs to team {actual} ({team}), not to {given}',
  },
  slackTeamFilled: { ja: 'チーム ID を Bot トークンから設定しました: {team}', en: 'Team ID taken from the bot token: {team}' },
  discordOk: { ja: 'Discord: ウェブフック「{name}」に接続できました', en: 'Discord: connected to webhook "{name}"' },
  discordRejected: {
    ja: 'Discord がウェブフックのトークンを受け付けませんでした（{message}）',
    en: 'Discord did not accept the webhook token ({message})',
  },
  discordUnknown: {
    ja: 'Discord にこのウェブフックはありません（{message}）。削除されたか、URL が違います',
    en: 'Discord does not know this webhook ({message}): it was deleted, or the URL is mistyped',
  },
  githubOk: { ja: 'GitHub: {login} として接続できました', en: 'GitHub: connected as {login}' },
  githubRejected: { ja: 'GitHub がトークンを受け付けませんでした（{message}）', en: 'GitHub did not accept the token ({message})' },
  githubNoApi: {
    ja: '{url} は GitHub の GraphQL API として答えませんでした（HTTP {status}）。API URL を確認してください',
    en: "{url} did not answer as GitHub's GraphQL API (HTTP {status}): check the API URL",
  },
  githubRepos: { ja: 'このトークンでは見えないリポジトリがあります: {repos}', en: 'the token cannot see these repositories: {repos}' },
  githubError: { ja: 'GitHub がエラーを返しました: {message}', en: 'GitHub answered with an error: {message}' },
  httpError: { ja: '{service} が HTTP {status} を返しました: {message}', en: '{service} answered HTTP {status}: {message}' },
  unexpected: { ja: '{service} の答えが想定と違います（HTTP {status}）', en: '{service} answered something unexpected (HTTP {status})' },
  unreachable: { ja: '{host} に接続できませんでした: {message}', en: 'could not reach {host}: {message}' },

  // What saving did
  savedKeys: { ja: '保存した項目: {keys}', en: 'Saved: {keys}' },
  removedKeys: { ja: '削除した項目: {keys}', en: 'Removed: {keys}' },
  listSeparator: { ja: '、', en: ', ' },
  sheetsCreated: { ja: 'シートを {count} 枚作成しました', en: '{count} sheets created' },
  headersAdded: { ja: '既存のシートに列を追加しました: {sheets}', en: 'Columns added to existing sheets: {sheets}' },
  tokensCreated: { ja: 'Webhook のトークンを作成しました', en: 'Webhook tokens created' },
  settingsAdded: { ja: 'Settings シートに設定を {count} 行追加しました', en: '{count} rows added to the Settings sheet' },
  nothingChanged: { ja: '入力に変更はありません', en: 'No field was changed' },
  triggersInstalled: { ja: 'トリガー: {count} 件を作成', en: 'Triggers: {count} created' },
  triggersKept: { ja: 'トリガー: インストール済み', en: 'Triggers: already installed' },
});

export type SetupTextId = Parameters<typeof setupText>[0];

const SECTION_TEXT: Readonly<Record<SectionId, SetupTextId>> = {
  slack: 'sectionSlack',
  discord: 'sectionDiscord',
  github: 'sectionGithub',
  report: 'sectionReport',
  publishing: 'sectionPublishing',
  gateway: 'sectionGateway',
  ga4: 'sectionGa4',
  newrelic: 'sectionNewrelic',
  datadog: 'sectionDatadog',
};

export function sectionTitle(section: SectionId, language: Language): string {
  return setupText(SECTION_TEXT[section], language);
}

export function fieldLabel(field: SetupField, language: Language): string {
  return setupText(`label_${field}`, language);
}

export function fieldHint(field: SetupField, language: Language): string {
  return setupText(`hint_${field}`, language);
}
