import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalApp } from '../../local/app';
import { loadProject, type Project } from '../../local/project';
import { StateDir } from '../../local/runtime/state';
import { dumpWorkbook } from '../../local/services/spreadsheet';
import { getScriptProperty } from '../../local/services/properties';

let project: Promise<Project> | undefined;

/** build/Code.js, loaded once per test file (rebuilt first if the sources are newer). */
export function builtProject(): Promise<Project> {
  project ??= loadProject();
  return project;
}

export interface TestApp {
  app: LocalApp;
  state: () => StateDir;
  dir: string;
  logs: string[];
  sheet(name: string): unknown[][];
  prop(key: string): string | null;
}

/** The built script bound to a fresh, empty state directory. */
export async function newApp(network: 'real' | 'fake' = 'real'): Promise<TestApp> {
  const { script, timeZone } = await builtProject();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-app-'));
  new StateDir(dir).init({ version: 1, createdAt: new Date().toISOString(), network });
  const logs: string[] = [];
  const app = new LocalApp({ script, stateDir: dir, timeZone, log: (line) => logs.push(line) });
  return {
    app,
    dir,
    logs,
    state: () => app.state(),
    sheet: (name) => dumpWorkbook(app.state(), { sheet: name })[name] ?? [],
    prop: (key) => getScriptProperty(app.state(), key),
  };
}

/** Counted Spreadsheet calls of an execution (SpreadsheetApp plus the Sheets advanced service). */
export function spreadsheetCalls(stats: { calls: Record<string, Record<string, number>> }): number {
  return ['SpreadsheetApp', 'Sheets'].reduce((sum, service) => sum + Object.values(stats.calls[service] ?? {}).reduce((a, b) => a + b, 0), 0);
}
