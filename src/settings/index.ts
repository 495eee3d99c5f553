import type { SettingSpec } from './spec';
import { CHAT_SETTINGS, CODE_REVIEW_CHANNEL, PROGRESS_CHANNEL, STANDUP_CHANNEL } from './chat';
import { CODE_WORK_SETTINGS } from './codeWork';
import { CORE_SETTINGS } from './core';
import { GATEWAY_SETTINGS } from './gateway';
import { GITHUB_REPOSITORIES, GITHUB_SETTINGS } from './github';
import { GITLAB_SETTINGS } from './gitlab';
import { REPORT_RECIPIENTS, REPORT_SETTINGS } from './reports';
import { MEMBER_SETTINGS } from './members';
import { SHEET_SETTINGS } from './sheet';
import { PUBLISHING_SETTINGS } from './publishing';
import { RETENTION_SETTINGS } from './retention';
import { BIGQUERY_SETTINGS } from './bigQuery';
import { OBSERVABILITY_SETTINGS } from './observability';

export { Settings, setting, parse, type SettingSpec } from './spec';

/**
 * Every setting, in the order setup writes them to the `Settings` sheet. Each area adds its own list here. The
 * ones the setup sidebar edits come first, after the language, where a person reading the sheet looks for them.
 */
export const ALL_SETTINGS: ReadonlyArray<SettingSpec<unknown>> = [
  ...new Set<SettingSpec<unknown>>([
    ...CORE_SETTINGS,
    STANDUP_CHANNEL,
    PROGRESS_CHANNEL,
    CODE_REVIEW_CHANNEL,
    GITHUB_REPOSITORIES,
    REPORT_RECIPIENTS,
    ...CHAT_SETTINGS,
    ...GITHUB_SETTINGS,
    ...GITLAB_SETTINGS,
    ...CODE_WORK_SETTINGS,
    ...REPORT_SETTINGS,
    ...SHEET_SETTINGS,
    ...PUBLISHING_SETTINGS,
    ...RETENTION_SETTINGS,
    ...GATEWAY_SETTINGS,
    ...BIGQUERY_SETTINGS,
    ...OBSERVABILITY_SETTINGS,
    ...MEMBER_SETTINGS,
  ]),
];
