import { scriptOAuthToken } from '../platform/oauth';
import {
  saveSetup,
  setupLines,
  sidebarState,
  sidebarView,
  writeSettings,
  type SaveAnswer,
  type SetupSidebarDeps,
  type SidebarState,
} from '../app/setupSidebar';
import type { SettingField } from '../domain/setup/fields';
import { setupText } from '../domain/setup/messages';
import { removeScriptProperties } from '../platform/properties';
import { webAppUrl } from '../platform/service';
import { showTemplateSidebar } from '../platform/sidebar';
import { urlFetchClient } from '../platform/urlfetch';
import { ALL_SETTINGS } from '../settings';
import { SETTINGS } from '../sheets/tables';
import { executionContext } from './context';
import { setupJob } from './setup';

/** The setup sidebar's wiring. Settings are read fresh, once: both the language and the values the form shows. */

const sidebarContext = () => executionContext({ settings: 'fresh' });

/** Menu: the setup sidebar. Its form arrives empty; it asks setupSidebarState for the current values. */
export function openSetupJob(): void {
  const language = sidebarContext().language();
  showTemplateSidebar('setup', setupText('title', language), sidebarView(language));
}

export function setupSidebarStateJob(): SidebarState {
  return sidebarState(sidebarDeps());
}

export function saveSetupJob(form: unknown): SaveAnswer {
  return saveSetup(sidebarDeps(), form);
}

const byKey = (key: string) => ALL_SETTINGS.find((s) => s.key === key);

function sidebarDeps(): SetupSidebarDeps {
  const ctx = sidebarContext();
  const language = ctx.language();
  const store = ctx.propertyStore;
  return {
    language,
    properties: { all: store.all, set: store.set, remove: removeScriptProperties },
    settings: {
      raw: new Map(ctx.settings().entries()),
      save: (values) => {
        const table = ctx.table(SETTINGS);
        ctx.locked(() => writeSettings(table, values, (key) => byKey(key)?.description ?? ''));
      },
    },
    settingDefault: (key: SettingField) => byKey(key)?.defaultValue ?? '',
    settingProblem: (key: SettingField, text: string) => {
      const spec = byKey(key);
      try {
        spec?.parse(text);
        return null;
      } catch (e) {
        // Parsers throw SettingValueError, whose message says what is expected.
        return e instanceof Error ? e.message : String(e);
      }
    },
    http: urlFetchClient(),
    oauthToken: scriptOAuthToken,
    webAppUrl,
    runSetup: () => setupLines(setupJob(), language),
    log: (line) => console.log(line),
  };
}
