/**
 * Script Property names. Secrets live only in Script Properties — never in a sheet, a log or a message; the rest
 * here is configuration the script keeps for itself.
 */
export const PROP = {
  webhookTokenProgress: 'WEBHOOK_TOKEN_PROGRESS',
  webhookTokenGitHub: 'WEBHOOK_TOKEN_GITHUB',
  slackVerificationToken: 'SLACK_VERIFICATION_TOKEN',
  slackTeamId: 'SLACK_TEAM_ID',
  slackBotToken: 'SLACK_BOT_TOKEN',
  slackWebhookUrl: 'SLACK_WEBHOOK_URL',
  discordWebhookUrl: 'DISCORD_WEBHOOK_URL',
  githubToken: 'GITHUB_TOKEN',
  githubApiUrl: 'GITHUB_API_URL',
  notionToken: 'NOTION_TOKEN',
  confluenceEmail: 'CONFLUENCE_EMAIL',
  confluenceApiToken: 'CONFLUENCE_API_TOKEN',
  /** The Notion and Confluence page of each published week (JSON), so a rerun updates the page it made. */
  publishedPages: 'PUBLISHED_PAGES',
  /** How the last publishWeeklyReport fared per destination (JSON), for the health answer. */
  publishStatus: 'PUBLISH_STATUS',
  /** The direct GitLab webhook's token (`?source=gitlab&token=…`), made by setup. */
  webhookTokenGitLab: 'WEBHOOK_TOKEN_GITLAB',
  /** A GitLab token with `read_api` (and `api` for setup to make the project hooks). */
  gitlabToken: 'GITLAB_TOKEN',
  /** The gateway's `/gitlab` secret (`X-Gitlab-Token`), kept here so setup can give it to the hooks it makes. */
  gitlabGatewayToken: 'GITLAB_WEBHOOK_TOKEN',
  /**
   * The spreadsheet's time zone, kept by setup and refreshed when the sheet is opened, so a webhook that already
   * reads the properties (for its token) needs no extra Spreadsheet call to know what "today" is.
   */
  sheetTimeZone: 'SHEET_TIME_ZONE',
  /** Each scheduled job's last slot, run and outcome (JSON), kept by the dispatcher; read by the health answer. */
  jobRuns: 'JOB_RUNS',
  /** The KPI alerts raised in the last two weeks (JSON), so each fires once a day and the reports can list them. */
  kpiAlertsFired: 'KPI_ALERTS_FIRED',
  /** Set by the KPI webhook when today's row changed; cleared once its alerts are checked (a cheap idle check). */
  kpiAlertsPending: 'KPI_ALERTS_PENDING',
  /** Prefix of the Slack work a Slack answer queued for processQueue (one property per item, JSON). */
  chatWorkPrefix: 'CHAT_WORK_',
  /** Set by the GitHub webhook when an event waits to be applied; cleared once applied (a cheap idle check). */
  githubEventsPending: 'GITHUB_EVENTS_PENDING',
  /** The one-off triggers armed to run the dispatcher at the next due minute (JSON; src/app/wakes.ts). */
  dispatchWakes: 'DISPATCH_WAKES',
  /** The safety-net dispatcher trigger's id and interval (JSON), so installTriggers can tell an older one apart. */
  dispatcherTrigger: 'DISPATCHER_TRIGGER',
  /** The GitHub sync's cursor per repository and rate-limit wait (JSON; src/domain/github/syncPass.ts). */
  githubSyncState: 'GITHUB_SYNC_STATE',
  /** Set by the GitLab webhook when an event waits to be applied; cleared once applied. */
  gitlabEventsPending: 'GITLAB_EVENTS_PENDING',
  /** The GitLab sync's cursor per project and rate-limit wait (JSON; src/domain/gitlab/syncState.ts). */
  gitlabSyncState: 'GITLAB_SYNC_STATE',
  /** The gateway's signing key (the Worker secret of the same name): HMAC of `{timestamp}.{body}` on each forward. */
  gatewaySecret: 'GATEWAY_SECRET',
  /** A copy of the Worker secret, so setup can create hooks that point at the gateway with the right secret (GitLab's: gitlabGatewayToken). */
  githubWebhookSecret: 'GITHUB_WEBHOOK_SECRET',
  // Analytics and monitoring (src/app/observability/): keys as each vendor requires, ids beside them.
  /** New Relic ingest (license) key: the Metric and Event APIs. */
  newRelicLicenseKey: 'NEW_RELIC_LICENSE_KEY',
  /** New Relic user key (NRAK-…): NerdGraph, to read the application's health. */
  newRelicUserKey: 'NEW_RELIC_USER_KEY',
  newRelicAccountId: 'NEW_RELIC_ACCOUNT_ID',
  /** The APM entity whose health is read (its GUID, from the entity's page). */
  newRelicEntityGuid: 'NEW_RELIC_ENTITY_GUID',
  /** Datadog API key: sending series and events. */
  datadogApiKey: 'DATADOG_API_KEY',
  /** Datadog application key (with the API key): reading metrics. */
  datadogAppKey: 'DATADOG_APP_KEY',
  /** The last day each push destination accepted (JSON; src/domain/monitoring/push.ts): a day is pushed once. */
  monitoringPushed: 'MONITORING_PUSHED',
  /** Each analytics/monitoring service's last outcome and GA4's quota (JSON), for the health answer. */
  observabilityStatus: 'OBSERVABILITY_STATUS',
} as const;

/** Every property whose value must never be shown, logged or written to a sheet. */
export const SECRET_PROPS: readonly string[] = [
  PROP.webhookTokenProgress,
  PROP.webhookTokenGitHub,
  PROP.slackVerificationToken,
  PROP.slackBotToken,
  PROP.slackWebhookUrl,
  PROP.discordWebhookUrl,
  PROP.githubToken,
  PROP.notionToken,
  PROP.confluenceApiToken,
  PROP.webhookTokenGitLab,
  PROP.gitlabToken,
  PROP.gitlabGatewayToken,
  PROP.gatewaySecret,
  PROP.githubWebhookSecret,
  PROP.newRelicLicenseKey,
  PROP.newRelicUserKey,
  PROP.datadogApiKey,
  PROP.datadogAppKey,
];
