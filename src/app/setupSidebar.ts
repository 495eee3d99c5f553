import { redact } from '../domain/redact';
import type { Language } from '../domain/messages';
import {
  ALL_FIELDS,
  PROPERTY_FIELDS,
  SECRET_FIELDS,
  SECTIONS,
  SETTING_FIELDS,
  type PropertyField,
  type SecretField,
  type SettingField,
  type SetupField,
} from '../domain/setup/fields';
import { readForm, type FieldError, type SetupInput } from '../domain/setup/form';
import { liveChecks, unreachable, type CheckInputs, type CheckResult, type LiveCheck } from '../domain/setup/liveChecks';
import type { ObservabilityCheckInputs } from '../domain/setup/observabilityChecks';
import { propertyIdOf } from '../domain/analytics/ga4';
import { DATADOG_SITES } from '../domain/monitoring/vendors';
import { fieldHint, fieldLabel, sectionTitle, setupText, type SetupTextId } from '../domain/setup/messages';
import { DEFAULT_GITHUB_API_URL, maskSecret } from '../domain/setup/secrets';
import type { HttpClient } from '../platform/urlfetch';
import type { Table } from '../sheets/table';
import type { SETTINGS } from '../sheets/tables';
import { PROP, SECRET_PROPS } from './properties';
import type { InstallReport } from './schedule';
import type { SetupReport } from './setup';
import { webAppUrlProblem, webhookText, webhookUrls, type WebhookUrls } from './webhooks';

/**
 * The setup sidebar: what it shows (secrets masked), and saving its form — every field checked, each changed
 * token tried against its service, and only then anything saved, followed by setup itself (sheets, webhook
 * tokens, triggers).
 */

export interface SidebarSettings {
  /** The `Settings` sheet's texts by upper-case key; empty before setup has made the sheet. */
  raw: ReadonlyMap<string, string>;
  save(values: Partial<Record<SettingField, string>>): void;
}

export interface SetupSidebarDeps {
  language: Language;
  properties: { all(): Record<string, string>; set(values: Record<string, string>): void; remove(keys: readonly string[]): void };
  settings: SidebarSettings;
  /** The registry's default text and parser for a setting (src/settings). */
  settingDefault(key: SettingField): string;
  settingProblem(key: SettingField, text: string): string | null;
  http: HttpClient;
  /** The script's OAuth token, for the GA4 check (asked for only when the GA4 property changed). */
  oauthToken?(): string;
  webAppUrl(): string | null;
  /** Runs setup (safe to run again) and says what it did, in the team's language. */
  runSetup(): string[];
  log(line: string): void;
}

export interface SidebarState {
  language: Language;
  secrets: Record<SecretField, { set: boolean; masked: string }>;
  /** Configuration shown in clear: the non-secret properties and the settings, as the form shows them. */
  values: Record<PropertyField | SettingField, string>;
  deployed: boolean;
  /** Each source's URL, tokens included: the sidebar is shown only to people who may edit the script. */
  urls: WebhookUrls | null;
  /** Why those URLs will not take outside posts (a /dev or domain-scoped URL), in the team's language. */
  urlWarning: string | null;
}

export type SaveAnswer =
  { ok: true; checks: CheckResult[]; summary: string[]; state: SidebarState } | { ok: false; errors: FieldError[]; checks: CheckResult[] };

export function sidebarState(
  deps: SetupSidebarDeps,
  properties: Record<string, string> = deps.properties.all(),
  raw = deps.settings.raw,
): SidebarState {
  const secrets = {} as SidebarState['secrets'];
  for (const key of SECRET_FIELDS) secrets[key] = { set: Boolean(properties[key]), masked: maskSecret(properties[key] ?? '') };
  const values = {} as SidebarState['values'];
  for (const key of PROPERTY_FIELDS) values[key] = properties[key] ?? '';
  for (const key of SETTING_FIELDS) values[key] = raw.get(key)?.trim() || deps.settingDefault(key);
  const base = deps.webAppUrl();
  const hasTokens = Boolean(properties[PROP.webhookTokenProgress] && properties[PROP.webhookTokenGitHub]);
  const problem = base ? webAppUrlProblem(base) : null;
  return {
    language: deps.language,
    secrets,
    values,
    deployed: base !== null,
    urls: base && hasTokens ? webhookUrls(base, properties, values.GATEWAY_URL) : null,
    urlWarning: problem ? webhookText(problem, deps.language) : null,
  };
}

export function saveSetup(deps: SetupSidebarDeps, form: unknown): SaveAnswer {
  const { language } = deps;
  const stored = deps.properties.all();
  const effectiveSecrets = (input: SetupInput) => {
    const out: Partial<Record<SecretField, string>> = {};
    for (const key of SECRET_FIELDS) {
      const value = input.secrets[key] ?? (input.clear.includes(key) ? '' : (stored[key] ?? ''));
      if (value) out[key] = value;
    }
    return out;
  };
  const { input, errors } = readForm(form, { language, settingProblem: deps.settingProblem, secrets: effectiveSecrets });
  if (errors.length > 0) return { ok: false, errors, checks: [] };

  const secrets = effectiveSecrets(input);
  const allSecrets = [...Object.values(secrets), ...SECRET_PROPS.map((k) => stored[k] ?? '')];
  const inputs = { ...checkInputs(input, secrets, stored, deps.settings.raw), ...observabilityInputs(input, secrets, stored, deps) };
  const checks = runChecks(liveChecks(inputs, language), deps.http, allSecrets, language);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    return { ok: false, errors: failed.map((c) => ({ field: c.field, message: `${fieldLabel(c.field, language)}: ${c.message}` })), checks };
  }

  // Setup first: it makes the Settings sheet the settings go to; if it fails, nothing of the form is saved.
  const summary = deps.runSetup();
  const changedSettings: Partial<Record<SettingField, string>> = {};
  for (const key of SETTING_FIELDS) {
    const value = input.settings[key];
    if (value !== undefined && value !== (deps.settings.raw.get(key)?.trim() ?? '')) changedSettings[key] = value;
  }
  if (Object.keys(changedSettings).length > 0) deps.settings.save(changedSettings);

  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(input.secrets)) if (value !== stored[key]) set[key] = value;
  for (const key of input.clear) if (stored[key] !== undefined) remove.push(key);
  for (const [key, value] of Object.entries(input.properties)) {
    if (value === '' && stored[key] !== undefined) remove.push(key);
    else if (value !== '' && value !== stored[key]) set[key] = value;
  }
  const learnedTeam = checks.find((c) => c.learned?.SLACK_TEAM_ID)?.learned?.SLACK_TEAM_ID;
  const teamId = input.properties.SLACK_TEAM_ID ?? stored[PROP.slackTeamId] ?? '';
  if (learnedTeam && !teamId) {
    set[PROP.slackTeamId] = learnedTeam;
    summary.push(setupText('slackTeamFilled', language, { team: learnedTeam }));
  }
  if (Object.keys(set).length > 0) deps.properties.set(set);
  if (remove.length > 0) deps.properties.remove(remove);

  const savedKeys = [...Object.keys(set), ...Object.keys(changedSettings)];
  const labels = (keys: string[]) => keys.map((k) => (isKnownField(k) ? fieldLabel(k, language) : k)).join(setupText('listSeparator', language));
  if (savedKeys.length > 0) summary.push(setupText('savedKeys', language, { keys: labels(savedKeys) }));
  if (remove.length > 0) summary.push(setupText('removedKeys', language, { keys: labels(remove) }));
  if (savedKeys.length === 0 && remove.length === 0) summary.push(setupText('nothingChanged', language));
  // Names only: values, secret or not, stay out of the log.
  deps.log(`saveSetup: saved [${savedKeys.join(', ')}], removed [${remove.join(', ')}]`);

  // Read again: setup may have just created the webhook tokens the URLs are made of.
  const after = deps.properties.all();
  const raw = new Map(deps.settings.raw);
  for (const [key, value] of Object.entries(changedSettings)) raw.set(key, value);
  return { ok: true, checks, summary, state: sidebarState(deps, after, raw) };
}

type SettingsKey = (typeof SETTINGS)['columns'][number]['key'];

/**
 * Writes settings into the `Settings` sheet in one read and one write. A key someone typed in another case
 * keeps its row (readSettings matches keys without regard to case); a new row gets the registry's description.
 */
export function writeSettings(
  table: Table<SettingsKey>,
  values: Partial<Record<SettingField, string>>,
  description: (key: SettingField) => string,
): void {
  const present = new Map(
    table.read().rows.map(
      (r) =>
        [
          String(r.record.key ?? '')
            .trim()
            .toUpperCase(),
          String(r.record.key),
        ] as const,
    ),
  );
  const rows = (Object.entries(values) as Array<[SettingField, string]>).map(([key, value]) => {
    const existing = present.get(key);
    return existing !== undefined ? { key: existing, value } : { key, value, description: description(key) };
  });
  if (rows.length > 0) table.upsert(rows);
}

/** What setup did, short enough for a 300-pixel sidebar. */
export function setupLines(report: SetupReport & { triggers: InstallReport }, language: Language): string[] {
  const lines: string[] = [];
  if (report.sheetsCreated.length > 0) lines.push(setupText('sheetsCreated', language, { count: report.sheetsCreated.length }));
  const widened = Object.keys(report.headersAdded);
  if (widened.length > 0) lines.push(setupText('headersAdded', language, { sheets: widened.join(setupText('listSeparator', language)) }));
  if (report.tokensCreated.length > 0) lines.push(setupText('tokensCreated', language));
  if (report.settingsAdded > 0) lines.push(setupText('settingsAdded', language, { count: report.settingsAdded }));
  const created = report.triggers.created.length;
  lines.push(created > 0 ? setupText('triggersInstalled', language, { count: created }) : setupText('triggersKept', language));
  return lines;
}

function isKnownField(key: string): key is SetupField {
  return ALL_FIELDS.some((f) => f.key === key);
}

/** A service is checked when one of its fields changed and a token to check with exists (new or saved). */
function checkInputs(
  input: SetupInput,
  secrets: Partial<Record<SecretField, string>>,
  stored: Record<string, string>,
  raw: ReadonlyMap<string, string>,
): CheckInputs {
  const changed = (key: PropertyField) => input.properties[key] !== undefined && input.properties[key] !== (stored[key] ?? '');
  const out: CheckInputs = {};
  const slackToken = secrets.SLACK_BOT_TOKEN;
  if (slackToken && (input.secrets.SLACK_BOT_TOKEN || changed('SLACK_TEAM_ID'))) {
    out.slack = { token: slackToken, teamId: (input.properties.SLACK_TEAM_ID ?? stored[PROP.slackTeamId]) || null };
  }
  if (input.secrets.DISCORD_WEBHOOK_URL) out.discord = { url: input.secrets.DISCORD_WEBHOOK_URL };
  const githubToken = secrets.GITHUB_TOKEN;
  const repositories = input.settings.GITHUB_REPOSITORIES ?? raw.get('GITHUB_REPOSITORIES') ?? '';
  const reposChanged =
    input.settings.GITHUB_REPOSITORIES !== undefined && input.settings.GITHUB_REPOSITORIES !== (raw.get('GITHUB_REPOSITORIES')?.trim() ?? '');
  if (githubToken && (input.secrets.GITHUB_TOKEN || changed('GITHUB_API_URL') || reposChanged)) {
    out.github = {
      token: githubToken,
      apiUrl: (input.properties.GITHUB_API_URL ?? stored[PROP.githubApiUrl]) || DEFAULT_GITHUB_API_URL,
      repositories: repositories
        .split(/[,\n、]/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    };
  }
  const changedSetting = (key: 'NOTION_PARENT' | 'CONFLUENCE_BASE_URL' | 'CONFLUENCE_SPACE_ID') =>
    input.settings[key] !== undefined && input.settings[key] !== (raw.get(key)?.trim() ?? '');
  const notionToken = secrets.NOTION_TOKEN;
  if (notionToken && (input.secrets.NOTION_TOKEN || changedSetting('NOTION_PARENT'))) {
    out.notion = { token: notionToken, parent: (input.settings.NOTION_PARENT ?? raw.get('NOTION_PARENT') ?? '').trim() };
  }
  const confluenceToken = secrets.CONFLUENCE_API_TOKEN;
  const confluence = {
    baseUrl: (input.settings.CONFLUENCE_BASE_URL ?? raw.get('CONFLUENCE_BASE_URL') ?? '').trim(),
    email: (input.properties.CONFLUENCE_EMAIL ?? stored['CONFLUENCE_EMAIL'] ?? '').trim(),
    spaceId: (input.settings.CONFLUENCE_SPACE_ID ?? raw.get('CONFLUENCE_SPACE_ID') ?? '').trim(),
  };
  if (
    confluenceToken &&
    confluence.baseUrl &&
    confluence.email &&
    confluence.spaceId &&
    (input.secrets.CONFLUENCE_API_TOKEN ||
      changed('CONFLUENCE_EMAIL') ||
      changedSetting('CONFLUENCE_BASE_URL') ||
      changedSetting('CONFLUENCE_SPACE_ID'))
  ) {
    out.confluence = { ...confluence, token: confluenceToken };
  }
  return out;
}

/**
 * All checks go out together (UrlFetchApp.fetchAll: one round trip instead of three). fetchAll fails whole when
 * one host cannot be reached, so then each is sent alone, to say which one it was.
 */
function runChecks(checks: LiveCheck[], http: HttpClient, secrets: readonly string[], language: Language): CheckResult[] {
  if (checks.length === 0) return [];
  let responses: ReturnType<HttpClient['requestAll']> | null = null;
  try {
    responses = http.requestAll(checks.map((c) => c.request));
  } catch {
    responses = null;
  }
  return checks.map((check, i) => {
    const response = responses?.[i];
    if (response) return check.read(response);
    try {
      return check.read(http.request(check.request));
    } catch (error) {
      // UrlFetchApp quotes the URL it failed on, and a Discord webhook URL is itself the secret.
      const hidden = [...secrets, ...(check.service === 'Discord' ? [check.request.url] : [])].filter(Boolean);
      return unreachable(check, redact(error instanceof Error ? error.message : String(error), hidden), language);
    }
  });
}

/** What the sidebar's template needs: its words and its form, in the team's language. */
export function sidebarView(language: Language): {
  lang: Language;
  t: Record<TemplateTextId, string>;
  sections: Array<{
    id: string;
    title: string;
    fields: Array<{ key: SetupField; kind: string; label: string; hint: string; multiline: boolean; placeholder: string }>;
  }>;
  i18n: string;
} {
  const t = {} as Record<TemplateTextId, string>;
  for (const id of TEXT_IDS) t[id] = setupText(id, language);
  const sections = SECTIONS.map((section) => ({
    id: section.id,
    title: sectionTitle(section.id, language),
    fields: section.fields.map((f) => ({
      key: f.key,
      kind: f.kind,
      label: fieldLabel(f.key, language),
      hint: fieldHint(f.key, language),
      multiline: f.multiline ?? false,
      placeholder: f.placeholder ?? '',
    })),
  }));
  const forScript: SetupTextId[] = [
    'notSet',
    'saved',
    'typeToChange',
    'checking',
    'loading',
    'done',
    'notSaved',
    'failed',
    'copy',
    'copied',
    'noDeployment',
    'noTokens',
  ];
  return { lang: language, t, sections, i18n: JSON.stringify(Object.fromEntries(forScript.map((id) => [id, setupText(id, language)]))) };
}

/** The words the template prints (`t.…`); the script's own come as JSON in `i18n`. */
const TEXT_IDS = [
  'title',
  'intro',
  'sectionUrls',
  'save',
  'remove',
  'loading',
  'checksTitle',
  'copy',
  'urlProgress',
  'urlGithub',
  'urlSlack',
  'urlDiscord',
  'urlProgressBearer',
  'urlsSecret',
  'slackStepsTitle',
  'slackStep1',
  'slackStep2',
  'slackStep3',
  'slackStep4',
  'slackStep5',
  'githubStepsTitle',
  'githubStep1',
  'githubStep2',
  'githubStep3',
  'githubStep4',
  'githubStep5',
  'setupWebhooksButton',
  'setupWebhooksHint',
] as const satisfies readonly SetupTextId[];

type TemplateTextId = (typeof TEXT_IDS)[number];

/**
 * GA4, New Relic and Datadog are checked when one of their fields changed and they have what a check needs: the
 * property id (and the script's token), a key of the service. The sheet's region and site count when not changed.
 */
function observabilityInputs(
  input: SetupInput,
  secrets: Partial<Record<SecretField, string>>,
  stored: Record<string, string>,
  deps: Pick<SetupSidebarDeps, 'settings' | 'oauthToken'>,
): ObservabilityCheckInputs {
  const out: ObservabilityCheckInputs = {};
  const raw = deps.settings.raw;
  const settingChanged = (key: SettingField) => input.settings[key] !== undefined && input.settings[key] !== (raw.get(key)?.trim() ?? '');
  const propertyChanged = (key: PropertyField) => input.properties[key] !== undefined && input.properties[key] !== (stored[key] ?? '');
  const property = propertyIdOf(input.settings.GA4_PROPERTY_ID ?? '');
  if (property && settingChanged('GA4_PROPERTY_ID') && deps.oauthToken) out.ga4 = { token: deps.oauthToken(), propertyId: property };

  const region = /^eu$/i.test((input.settings.NEW_RELIC_REGION ?? raw.get('NEW_RELIC_REGION') ?? '').trim()) ? 'EU' : 'US';
  const regionChanged = settingChanged('NEW_RELIC_REGION');
  const accountId = (input.properties.NEW_RELIC_ACCOUNT_ID ?? stored[PROP.newRelicAccountId] ?? '') || null;
  const license = secrets.NEW_RELIC_LICENSE_KEY && (input.secrets.NEW_RELIC_LICENSE_KEY || regionChanged) ? secrets.NEW_RELIC_LICENSE_KEY : null;
  const user =
    secrets.NEW_RELIC_USER_KEY && (input.secrets.NEW_RELIC_USER_KEY || regionChanged || propertyChanged('NEW_RELIC_ACCOUNT_ID'))
      ? secrets.NEW_RELIC_USER_KEY
      : null;
  if (license || (user && accountId)) out.newrelic = { region, licenseKey: license, userKey: user, accountId };

  const siteText = (input.settings.DATADOG_SITE ?? raw.get('DATADOG_SITE') ?? '')
    .trim()
    .replace(/^https?:\/\/(app\.|api\.)?/, '')
    .replace(/\/.*$/, '');
  const site = DATADOG_SITES.find((s) => s === siteText.toLowerCase()) ?? 'datadoghq.com';
  const apiKey = secrets.DATADOG_API_KEY;
  if (apiKey && (input.secrets.DATADOG_API_KEY || input.secrets.DATADOG_APP_KEY || settingChanged('DATADOG_SITE'))) {
    out.datadog = { site, apiKey, appKey: secrets.DATADOG_APP_KEY ?? null, nowMs: Date.now() };
  }
  return out;
}
