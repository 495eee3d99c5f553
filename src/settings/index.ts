import type { SettingSpec } from './spec';
import { CORE_SETTINGS } from './core';

export { Settings, setting, parse, type SettingSpec } from './spec';

/** Every setting, in the order setup writes them to the `Settings` sheet. Each area adds its own list here. */
export const ALL_SETTINGS: ReadonlyArray<SettingSpec<unknown>> = [...CORE_SETTINGS];
