import type { SettingSpec } from './spec';
import { CHAT_SETTINGS } from './chat';
import { CORE_SETTINGS } from './core';
import { GITHUB_SETTINGS } from './github';
import { REPORT_SETTINGS } from './reports';
import { SETUP_SETTINGS } from './setup';
import { SHEET_SETTINGS } from './sheet';

export { Settings, setting, parse, type SettingSpec } from './spec';

/** Every setting, in the order setup writes them to the `Settings` sheet. Each area adds its own list here. */
export const ALL_SETTINGS: ReadonlyArray<SettingSpec<unknown>> = [
  ...CORE_SETTINGS,
  ...SETUP_SETTINGS,
  ...CHAT_SETTINGS,
  ...GITHUB_SETTINGS,
  ...REPORT_SETTINGS,
  ...SHEET_SETTINGS,
];
