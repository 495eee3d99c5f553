import type { Execution } from './execution';

/**
 * A service installs its globals into the script's context (e.g. `{ SpreadsheetApp, Charts }`). Each factory is
 * called once per execution with that execution.
 */
export type ServiceFactory = (exec: Execution) => Record<string, unknown>;

// Properties the language or tooling probes on any object; answering them with a throwing function would
// break `await`, JSON.stringify, console.log and jest's pretty-printer.
const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'inspect', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName']);

/**
 * Wraps an Apps Script object so that a method the local runtime does not implement fails loudly with
 * `not implemented in the local runtime: Class.method`, rather than as "undefined is not a function".
 */
export function apiObject<T extends object>(className: string, target: T, exec?: Execution): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || prop in obj || PASS_THROUGH.has(prop)) return Reflect.get(obj, prop, receiver);
      return () => {
        const message = `not implemented in the local runtime: ${className}.${prop}`;
        throw exec ? exec.realm.exception(message) : new Error(message);
      };
    },
  });
}

/** Apps Script's check on argument types, with its wording. */
export function invalidArgument(exec: Execution, name: string): Error {
  return exec.realm.exception(`Invalid argument: ${name}`);
}
