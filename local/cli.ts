/**
 * The local Apps Script runtime's command line. Its commands and output shapes are a contract that tests and
 * outside checks rely on: keep them stable (see README "Local runtime").
 */
import * as fs from 'node:fs';
import { LocalApp } from './app';
import { seedDemo } from './demo';
import { loadProject } from './project';
import { StateDir } from './runtime/state';
import type { RunResult } from './runtime/runner';
import { serve } from './serve';
import { readMail } from './services/mail';
import { getScriptProperty, listScriptProperties, setScriptProperty } from './services/properties';
import { listTriggers } from './services/script';
import { dumpWorkbook, exportXlsx, readUi } from './services/spreadsheet';
import { readOutbound } from './fake';
import { enabledAdvancedServices } from './services';

process.setSourceMapsEnabled(true);

const USAGE = `usage: npm run local -- <command>
  reset [--demo]                                   empty state, or a demo team with 30 days of history
  run <function> [--at <ISO>] [--args '<json array>'] [--stats]
  post '<query string>' <file|-> [--type <content-type>] [--at <ISO>] [--stats]
  get '<query string>' [--at <ISO>] [--stats]
  dump [<sheet>] [--json] [--formulas]
  props set <KEY> <VALUE> | props get <KEY> | props list
  triggers
  tick --from <ISO> --to <ISO> [--stats]
  edit '<Sheet>!<A1>' '<value>' [--at <ISO>]
  ui [--json]
  mail [--json]
  outbound [--json]                                what the built-in fake Slack/Discord/GitHub received
  export <file.xlsx>
  serve [--port N]
State directory: ${StateDir.defaultDir()} (LOCAL_STATE_DIR overrides).`;

/** A mistake in how the command was called: said plainly, exit code 2. */
class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['at', 'args', 'type', 'from', 'to', 'port']);

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else {
        flags.set(name, true);
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

function flag(parsed: Parsed, name: string): string | undefined {
  const v = parsed.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function instant(parsed: Parsed, name: string): Date | undefined {
  const text = flag(parsed, name);
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be an ISO-8601 date-time, got "${text}"`);
  return new Date(ms);
}

function need(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}\n\n${USAGE}`);
  return value;
}

function printStats(parsed: Parsed, result: RunResult): void {
  if (parsed.flags.has('stats')) process.stderr.write(`${JSON.stringify(result.stats)}\n`);
}

function requireState(): StateDir {
  const state = new StateDir(StateDir.defaultDir());
  if (!state.exists()) throw new UsageError(`no local state in ${state.dir}: run "npm run local -- reset" (or reset --demo) first`);
  return state;
}

/** Host-side results print as JSON; a script's own objects (TextOutput…) print their content. */
function printValue(value: unknown): void {
  if (value === undefined) return;
  const content = value as { getContent?: () => string };
  if (content && typeof content.getContent === 'function') process.stdout.write(`${content.getContent()}\n`);
  else process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function readBody(source: string): string {
  return source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(source, 'utf8');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  const [command, ...rest] = parsed.positional;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  switch (command) {
    case 'reset': {
      const project = await loadProject();
      const state = new StateDir(StateDir.defaultDir());
      const demo = parsed.flags.has('demo');
      state.init({ version: 1, createdAt: new Date().toISOString(), network: demo ? 'fake' : 'real', demo });
      if (demo) {
        const app = new LocalApp({
          script: project.script,
          stateDir: state.dir,
          timeZone: project.timeZone,
          advancedServices: enabledAdvancedServices(project.manifest),
          log: () => {},
        });
        const summary = seedDemo(app, new Date());
        process.stdout.write(`demo state in ${state.dir}: ${summary}\n`);
      } else {
        process.stdout.write(`empty state in ${state.dir}\n`);
      }
      return 0;
    }
    case 'run': {
      const fn = need(rest[0], 'the function to run');
      const project = await loadProject();
      const state = requireState();
      let args: unknown[] = [];
      const argsText = flag(parsed, 'args');
      if (argsText !== undefined) {
        try {
          args = JSON.parse(argsText) as unknown[];
        } catch (e) {
          throw new UsageError(`--args must be a JSON array: ${(e as Error).message}`);
        }
        if (!Array.isArray(args)) throw new UsageError('--args must be a JSON array, e.g. --args \'["a", 1]\'');
      }
      const app = new LocalApp({
        script: project.script,
        stateDir: state.dir,
        timeZone: project.timeZone,
        advancedServices: enabledAdvancedServices(project.manifest),
        log,
      });
      const at = instant(parsed, 'at');
      const result = app.run(fn, { args, ...(at ? { at } : {}) });
      printStats(parsed, result);
      if (result.error) {
        process.stderr.write(`${result.error.name}: ${result.error.message}\n`);
        return 1;
      }
      printValue(result.value);
      return 0;
    }
    case 'post': {
      const query = need(rest[0], "the query string, e.g. 'source=progress&token=…'");
      const body = readBody(need(rest[1], 'the body file (or - for standard input)'));
      const project = await loadProject();
      const state = requireState();
      const app = new LocalApp({
        script: project.script,
        stateDir: state.dir,
        timeZone: project.timeZone,
        advancedServices: enabledAdvancedServices(project.manifest),
        log,
      });
      const { response, result } = app.post(query, body, flag(parsed, 'type') ?? 'application/json', instant(parsed, 'at'));
      printStats(parsed, result);
      process.stdout.write(`${response.body}\n`);
      return result.error ? 1 : 0;
    }
    case 'get': {
      const query = rest[0] ?? '';
      const project = await loadProject();
      const state = requireState();
      const app = new LocalApp({
        script: project.script,
        stateDir: state.dir,
        timeZone: project.timeZone,
        advancedServices: enabledAdvancedServices(project.manifest),
        log,
      });
      const { response, result } = app.get(query, instant(parsed, 'at'));
      printStats(parsed, result);
      process.stdout.write(`${response.body}\n`);
      return result.error ? 1 : 0;
    }
    case 'dump': {
      const state = requireState();
      const sheets = dumpWorkbook(state, { ...(rest[0] ? { sheet: rest[0] } : {}), formulas: parsed.flags.has('formulas') });
      if (parsed.flags.has('json')) process.stdout.write(`${JSON.stringify(sheets)}\n`);
      else process.stdout.write(formatSheets(sheets));
      return 0;
    }
    case 'props': {
      const state = requireState();
      const [action, key, value] = rest;
      if (action === 'list') {
        process.stdout.write(`${JSON.stringify(listScriptProperties(state), null, 2)}\n`);
      } else if (action === 'get') {
        const found = getScriptProperty(state, need(key, 'the property name'));
        if (found === null) {
          process.stderr.write(`no script property ${key}\n`);
          return 1;
        }
        process.stdout.write(`${found}\n`);
      } else if (action === 'set') {
        setScriptProperty(state, need(key, 'the property name'), need(value, 'the value'));
        state.save();
      } else {
        throw new UsageError(`props takes set, get or list\n\n${USAGE}`);
      }
      return 0;
    }
    case 'triggers': {
      process.stdout.write(`${JSON.stringify(listTriggers(requireState()), null, 2)}\n`);
      return 0;
    }
    case 'tick': {
      const from = instant(parsed, 'from');
      const to = instant(parsed, 'to');
      if (!from || !to) throw new UsageError('tick needs --from <ISO> and --to <ISO>');
      if (to <= from) throw new UsageError('--to must be after --from');
      const project = await loadProject();
      const state = requireState();
      const app = new LocalApp({
        script: project.script,
        stateDir: state.dir,
        timeZone: project.timeZone,
        advancedServices: enabledAdvancedServices(project.manifest),
        log,
      });
      let failed = 0;
      app.tick(from, to, (firing) => {
        if (firing.result.error) failed++;
        const outcome = firing.result.error ? `failed: ${firing.result.error.message}` : 'ok';
        process.stdout.write(`${firing.at.toISOString()} ${firing.handlerFunction} ${outcome}\n`);
        printStats(parsed, firing.result);
      });
      return failed > 0 ? 1 : 0;
    }
    case 'edit': {
      const ref = need(rest[0], "the cell, e.g. 'KPI Tracking!B2'");
      const value = rest[1] ?? '';
      const project = await loadProject();
      const state = requireState();
      const app = new LocalApp({
        script: project.script,
        stateDir: state.dir,
        timeZone: project.timeZone,
        advancedServices: enabledAdvancedServices(project.manifest),
        log,
      });
      const { results } = app.edit(ref, value, instant(parsed, 'at'));
      const failures = results.filter((r) => r.error);
      for (const f of failures) process.stderr.write(`onEdit failed: ${f.error?.message}\n`);
      return failures.length > 0 ? 1 : 0;
    }
    case 'ui': {
      const ui = readUi(requireState());
      process.stdout.write(parsed.flags.has('json') ? `${JSON.stringify(ui)}\n` : `${JSON.stringify(ui, null, 2)}\n`);
      return 0;
    }
    case 'mail': {
      const mail = readMail(requireState());
      if (parsed.flags.has('json')) process.stdout.write(`${JSON.stringify(mail)}\n`);
      else for (const m of mail) process.stdout.write(`${m.sentAt}  to ${m.to}  ${m.subject}\n    ${m.eml}\n`);
      return 0;
    }
    case 'outbound': {
      const sent = readOutbound(requireState());
      if (parsed.flags.has('json')) process.stdout.write(`${JSON.stringify(sent)}\n`);
      else for (const m of sent) process.stdout.write(`${m.at}  ${m.method} ${m.url}\n`);
      return 0;
    }
    case 'export': {
      const file = need(rest[0], 'the .xlsx file to write');
      await exportXlsx(requireState(), file);
      process.stdout.write(`wrote ${file}\n`);
      return 0;
    }
    case 'serve':
    case 'start': {
      const project = await loadProject();
      const state = new StateDir(StateDir.defaultDir());
      if (command === 'start' && !state.exists()) {
        state.init({ version: 1, createdAt: new Date().toISOString(), network: 'fake', demo: true });
        const app = new LocalApp({
          script: project.script,
          stateDir: state.dir,
          timeZone: project.timeZone,
          advancedServices: enabledAdvancedServices(project.manifest),
          log: () => {},
        });
        process.stdout.write(`No local state yet: created the demo team (${seedDemo(app, new Date())}).\n`);
      } else if (!state.exists()) {
        throw new UsageError(`no local state in ${state.dir}: run "npm run local -- reset --demo" first`);
      }
      const portText = flag(parsed, 'port') ?? process.env['PORT'] ?? '8787';
      const port = Number(portText);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${portText}"`);
      await serve({ project, stateDir: state.dir, port, log });
      return -1;
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

/** Plain-text view of sheets for `dump` without --json. */
function formatSheets(sheets: Record<string, unknown[][]>): string {
  const out: string[] = [];
  for (const [name, rows] of Object.entries(sheets)) {
    out.push(`== ${name} (${Math.max(rows.length - 1, 0)} rows)`);
    const text = rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : String(v))));
    const widths: number[] = [];
    for (const row of text) row.forEach((cell, i) => (widths[i] = Math.min(Math.max(widths[i] ?? 0, cell.length), 40)));
    for (const row of text)
      out.push(
        row
          .map((cell, i) => cell.slice(0, 40).padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      );
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
