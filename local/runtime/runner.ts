import * as vm from 'node:vm';
import { Execution, MAX_EXECUTION_MS, type ExecutionOptions, type ExecutionStats } from './execution';
import type { ServiceFactory } from './api';
import { isDate, isPlainObject } from './realm';

export interface RunRequest extends ExecutionOptions {
  /** The compiled script (build/Code.js). */
  script: vm.Script;
  /** The top-level function to call. */
  fn: string;
  /** Arguments, copied into the script's realm. */
  args?: unknown[];
  /** Arguments that must be built inside the execution (an edit event holds a Range of this execution). */
  argsFor?: (exec: Execution) => unknown[];
  services: readonly ServiceFactory[];
}

export interface RunResult {
  /** What the function returned (host objects such as TextOutput pass through as they are). */
  value: unknown;
  /** Set when the function threw: Apps Script's own rendering of the error. */
  error?: { name: string; message: string; stack?: string };
  stats: ExecutionStats;
}

/** Compiles build/Code.js once; each execution runs it in a fresh context, as Apps Script does. */
export function compileScript(code: string, filename = 'Code.js'): vm.Script {
  return new vm.Script(code, { filename });
}

/**
 * Runs one function of the script the way Apps Script runs it: a new global scope with only ECMAScript and
 * the Apps Script services, the script's top-level code first, then the function. State is saved afterwards
 * whether or not the function threw.
 */
export function runFunction(request: RunRequest): RunResult {
  const exec = new Execution(request);
  const context = exec.realm.context as Record<string, unknown>;
  for (const factory of request.services) {
    for (const [name, value] of Object.entries(factory(exec))) {
      Object.defineProperty(context, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }
  let value: unknown;
  let error: RunResult['error'];
  try {
    request.script.runInContext(exec.realm.context, { timeout: MAX_EXECUTION_MS });
    const target = context[request.fn];
    // Apps Script only runs functions declared at the top level of the project.
    if (typeof target !== 'function' || !isOwnGlobal(context, request.fn)) {
      throw exec.realm.exception(`Script function not found: ${request.fn}`);
    }
    Object.defineProperty(context, '__localCall', {
      value: { fn: request.fn, args: exec.realm.toScript(request.argsFor ? request.argsFor(exec) : (request.args ?? [])) },
      configurable: true,
    });
    value = vm.runInContext(
      `(function (c) { delete globalThis.__localCall; return globalThis[c.fn].apply(undefined, c.args); })(globalThis.__localCall)`,
      exec.realm.context,
      { timeout: MAX_EXECUTION_MS },
    );
  } catch (thrown) {
    error = describeError(thrown);
  } finally {
    exec.finish();
  }
  // The execution itself stays out of the result: it holds the realm and the state's slices, and a caller that
  // keeps results (a week of ticks keeps 10,080) would keep every realm alive with them.
  const result: RunResult = { value: fromScript(value), stats: exec.stats };
  if (error) result.error = error;
  return result;
}

/**
 * Copies plain data (arrays, plain objects, dates) out of the script's realm. Any object made in the realm keeps
 * the whole realm reachable through its prototype, so a result kept by the caller must not be one. Host objects
 * the services made (a TextOutput) pass through as they are.
 */
function fromScript(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isDate(value)) return new Date(value.getTime());
  // Array.from, not value.map: the realm's map would build the copy with the realm's Array.
  if (Array.isArray(value)) return Array.from(value as unknown[], fromScript);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromScript(v)]));
  return value;
}

function isOwnGlobal(context: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(context, name);
}

function describeError(thrown: unknown): NonNullable<RunResult['error']> {
  if (thrown !== null && typeof thrown === 'object' && 'message' in thrown) {
    const e = thrown as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown };
    if (e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { name: 'Exception', message: 'Exceeded maximum execution time' };
    const out: NonNullable<RunResult['error']> = { name: String(e.name ?? 'Error'), message: String(e.message) };
    if (typeof e.stack === 'string') out.stack = e.stack;
    return out;
  }
  return { name: 'Error', message: String(thrown) };
}
