/**
 * The setup sidebar's fields, declared once: the form is drawn from this table, and the form sent back is read
 * against it. Keys are the Script Property and Settings names they are saved under (contracts in DESIGN.md).
 */
export const SECRET_FIELDS = [
  'SLACK_BOT_TOKEN',
  'SLACK_VERIFICATION_TOKEN',
  'DISCORD_WEBHOOK_URL',
  'GITHUB_TOKEN',
  'NOTION_TOKEN',
  'CONFLUENCE_API_TOKEN',
  'GATEWAY_SECRET',
  'GITHUB_WEBHOOK_SECRET',
  'GITLAB_WEBHOOK_TOKEN',
  // Analytics and monitoring
  'NEW_RELIC_LICENSE_KEY',
  'NEW_RELIC_USER_KEY',
  'DATADOG_API_KEY',
  'DATADOG_APP_KEY',
] as const;
/** Script Properties that are configuration, not secrets: shown and sent back in clear. */
export const PROPERTY_FIELDS = ['SLACK_TEAM_ID', 'GITHUB_API_URL', 'CONFLUENCE_EMAIL', 'NEW_RELIC_ACCOUNT_ID', 'NEW_RELIC_ENTITY_GUID'] as const;
/** Rows of the `Settings` sheet. */
export const SETTING_FIELDS = [
  'STANDUP_CHANNEL',
  'PROGRESS_CHANNEL',
  'CODE_REVIEW_CHANNEL',
  'GITHUB_REPOSITORIES',
  'REPORT_RECIPIENTS',
  'NOTION_PARENT',
  'CONFLUENCE_BASE_URL',
  'CONFLUENCE_SPACE_ID',
  'CONFLUENCE_PARENT_ID',
  'GATEWAY_URL',
  'DIRECT_WEBHOOKS',
  'GA4_PROPERTY_ID',
  'NEW_RELIC_REGION',
  'DATADOG_SITE',
] as const;

export type SecretField = (typeof SECRET_FIELDS)[number];
export type PropertyField = (typeof PROPERTY_FIELDS)[number];
export type SettingField = (typeof SETTING_FIELDS)[number];
export type SetupField = SecretField | PropertyField | SettingField;

export type FieldKind = 'secret' | 'property' | 'setting';
export type SectionId = 'slack' | 'discord' | 'github' | 'report' | 'publishing' | 'gateway' | 'ga4' | 'newrelic' | 'datadog';

export interface FieldSpec {
  readonly key: SetupField;
  readonly kind: FieldKind;
  /** A list typed one item a line. */
  readonly multiline?: boolean;
  /** What an empty field shows, when an example helps more than the label. */
  readonly placeholder?: string;
}

export const SECTIONS: ReadonlyArray<{ readonly id: SectionId; readonly fields: readonly FieldSpec[] }> = [
  {
    id: 'slack',
    fields: [
      { key: 'SLACK_BOT_TOKEN', kind: 'secret', placeholder: 'xoxb-…' },
      { key: 'SLACK_VERIFICATION_TOKEN', kind: 'secret' },
      { key: 'SLACK_TEAM_ID', kind: 'property', placeholder: 'T0123ABCDEF' },
      { key: 'STANDUP_CHANNEL', kind: 'setting', placeholder: '#standup' },
      { key: 'PROGRESS_CHANNEL', kind: 'setting', placeholder: '#progress' },
      { key: 'CODE_REVIEW_CHANNEL', kind: 'setting', placeholder: '#code-reviews' },
    ],
  },
  { id: 'discord', fields: [{ key: 'DISCORD_WEBHOOK_URL', kind: 'secret', placeholder: 'https://discord.com/api/webhooks/…' }] },
  {
    id: 'github',
    fields: [
      { key: 'GITHUB_TOKEN', kind: 'secret', placeholder: 'github_pat_…' },
      { key: 'GITHUB_API_URL', kind: 'property', placeholder: 'https://api.github.com' },
      { key: 'GITHUB_REPOSITORIES', kind: 'setting', multiline: true, placeholder: 'owner/repo' },
    ],
  },
  { id: 'report', fields: [{ key: 'REPORT_RECIPIENTS', kind: 'setting', multiline: true, placeholder: 'lead@example.com' }] },
  {
    id: 'publishing',
    fields: [
      { key: 'NOTION_TOKEN', kind: 'secret', placeholder: 'ntn_…' },
      { key: 'NOTION_PARENT', kind: 'setting', placeholder: 'https://www.notion.so/…' },
      { key: 'CONFLUENCE_BASE_URL', kind: 'setting', placeholder: 'https://team.atlassian.net' },
      { key: 'CONFLUENCE_EMAIL', kind: 'property', placeholder: 'you@example.com' },
      { key: 'CONFLUENCE_API_TOKEN', kind: 'secret', placeholder: 'ATATT…' },
      { key: 'CONFLUENCE_SPACE_ID', kind: 'setting', placeholder: '65537' },
      { key: 'CONFLUENCE_PARENT_ID', kind: 'setting', placeholder: '123456' },
    ],
  },
  {
    id: 'gateway',
    fields: [
      { key: 'GATEWAY_URL', kind: 'setting', placeholder: 'https://shinchoku-gateway.example.workers.dev' },
      { key: 'GATEWAY_SECRET', kind: 'secret' },
      { key: 'GITHUB_WEBHOOK_SECRET', kind: 'secret' },
      { key: 'GITLAB_WEBHOOK_TOKEN', kind: 'secret' },
      { key: 'DIRECT_WEBHOOKS', kind: 'setting', placeholder: 'on' },
    ],
  },
  // Analytics and monitoring: each optional; a service without its keys is not used.
  { id: 'ga4', fields: [{ key: 'GA4_PROPERTY_ID', kind: 'setting', placeholder: '123456789' }] },
  {
    id: 'newrelic',
    fields: [
      { key: 'NEW_RELIC_LICENSE_KEY', kind: 'secret', placeholder: '…NRAL' },
      { key: 'NEW_RELIC_USER_KEY', kind: 'secret', placeholder: 'NRAK-…' },
      { key: 'NEW_RELIC_ACCOUNT_ID', kind: 'property', placeholder: '1234567' },
      { key: 'NEW_RELIC_ENTITY_GUID', kind: 'property' },
      { key: 'NEW_RELIC_REGION', kind: 'setting', placeholder: 'US' },
    ],
  },
  {
    id: 'datadog',
    fields: [
      { key: 'DATADOG_API_KEY', kind: 'secret' },
      { key: 'DATADOG_APP_KEY', kind: 'secret' },
      { key: 'DATADOG_SITE', kind: 'setting', placeholder: 'datadoghq.com' },
    ],
  },
];

export const ALL_FIELDS: readonly FieldSpec[] = SECTIONS.flatMap((s) => s.fields);

export function isSecretField(key: string): key is SecretField {
  return (SECRET_FIELDS as readonly string[]).includes(key);
}

export function isPropertyField(key: string): key is PropertyField {
  return (PROPERTY_FIELDS as readonly string[]).includes(key);
}

export function isSettingField(key: string): key is SettingField {
  return (SETTING_FIELDS as readonly string[]).includes(key);
}
