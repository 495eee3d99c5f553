import { readSettings } from '../app/settings';
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
import { setupJob } from '../compose';
import type { Language } from '../domain/messages';
import type { SettingField } from '../domain/setup/fields';
import { setupText } from '../domain/setup/messages';
import { scriptLock } from '../platform/lock';
import { removeScriptProperties, scriptProperties } from '../platform/properties';
import { webAppUrl } from '../platform/service';
import { showTemplateSidebar } from '../platform/sidebar';
import { boundWorkbook } from '../platform/spreadsheet';
import { urlFetchClient } from '../platform/urlfetch';
import { ALL_SETTINGS, Settings } from '../settings';
import { LANGUAGE } from '../settings/core';
import { Table } from '../sheets/table';
import { SETTINGS } from '../sheets/tables';

/** Menu: the setup sidebar. Its form arrives empty; it asks setupSidebarState for the current values. */
export function openSetupJob(): void {
  const { language } = readSidebarSettings();
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
  const { language, raw } = readSidebarSettings();
  const store = scriptProperties();
  return {
    language,
    properties: { all: store.all, set: store.set, remove: removeScriptProperties },
    settings: {
      raw,
      save: (values) => {
        const workbook = boundWorkbook();
        const table = new Table(SETTINGS, workbook, { dateKey: (d) => d.toISOString() });
        scriptLock(workbook.flush)(() => writeSettings(table, values, (key) => byKey(key)?.description ?? ''));
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
    webAppUrl,
    runSetup: () => setupLines(setupJob(), language),
    log: (line) => console.log(line),
  };
}

/** One read of the `Settings` sheet gives both the language and the values the form shows. */
function readSidebarSettings(): { language: Language; raw: ReadonlyMap<string, string> } {
  const workbook = boundWorkbook();
  const settings = workbook.grid(SETTINGS.name)
    ? readSettings(new Table(SETTINGS, workbook, { dateKey: (d) => d.toISOString() }))
    : new Settings(new Map());
  let language: Language = 'ja';
  try {
    language = settings.get(LANGUAGE);
  } catch {
    // A mistyped language must not lock the team out of setup, where it would be fixed.
  }
  return { language, raw: new Map(settings.entries()) };
}
