import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateDir } from '../../local/runtime/state';
import { compileScript, runFunction, type RunResult } from '../../local/runtime/runner';
import { SERVICES } from '../../local/services';

/** A fresh, empty state directory under the OS temp dir. */
export function newState(meta: { network?: 'real' | 'fake' } = {}): StateDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-test-'));
  const state = new StateDir(dir);
  state.init({ version: 1, createdAt: new Date().toISOString(), network: meta.network ?? 'real' });
  return state;
}

export interface ScriptRunOptions {
  at?: string | Date;
  args?: unknown[];
  timeZone?: string;
  kind?: 'web' | 'trigger' | 'manual' | 'simple';
  logs?: string[];
}

/**
 * Runs `fn` from a snippet of plain JavaScript in the local runtime, with every Apps Script service, against
 * `state`. For testing the runtime's own fidelity; product code is tested through build/Code.js instead.
 */
export function runSnippet(state: StateDir, code: string, fn: string, options: ScriptRunOptions = {}): RunResult {
  const logs = options.logs ?? [];
  return runFunction({
    state,
    script: compileScript(code),
    fn,
    args: options.args ?? [],
    at: new Date(options.at ?? '2026-01-05T09:00:00+09:00'),
    timeZone: options.timeZone ?? 'Asia/Tokyo',
    kind: options.kind ?? 'manual',
    log: (line) => logs.push(line),
    services: SERVICES,
  });
}
