import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import { isDate } from '../runtime/realm';
import { counted, countedAs } from './counted';
import { formatJavaDate } from './formatdate';
import { formatString } from './formatstring';

/**
 * Logger and console, writing each entry as one line through `exec.log` (the CLI sends them to stderr).
 * Objects are shown as JSON, dates in the script's time zone, errors as "Name: message", as the Apps Script
 * execution log shows them.
 */
export const loggerService: ServiceFactory = (exec) => {
  const entries: string[] = [];
  const timers = new Map<string, number>();
  const emit = (line: string) => {
    entries.push(line);
    exec.log(line);
  };

  const Logger: GoogleAppsScript.Base.Logger = countedAs<GoogleAppsScript.Base.Logger>(exec, 'Logger', {
    log(...args: unknown[]) {
      const [first, ...rest] = args;
      emit(
        typeof first === 'string' && rest.length > 0
          ? formatString(
              first,
              rest.map((v) => (typeof v === 'string' || typeof v === 'number' ? v : show(exec, v))),
            )
          : show(exec, first),
      );
      return Logger;
    },
    getLog: () => entries.map((line) => `${line}\n`).join(''),
    clear() {
      entries.length = 0;
    },
    toString: () => 'Logger',
  });

  const write = (args: unknown[]) => emit(consoleFormat(exec, args));
  // Not checked against the typings: Apps Script's global Console merges with Node's in this project's types.
  const console = counted(exec, 'console', {
    log: (...args: unknown[]) => write(args),
    info: (...args: unknown[]) => write(args),
    warn: (...args: unknown[]) => write(args),
    error: (...args: unknown[]) => write(args),
    debug: (...args: unknown[]) => write(args),
    time(label?: unknown) {
      timers.set(label === undefined ? 'default' : String(label), exec.now());
    },
    timeEnd(label?: unknown) {
      const name = label === undefined ? 'default' : String(label);
      const start = timers.get(name);
      if (start === undefined) return;
      timers.delete(name);
      emit(`${name}: ${exec.now() - start}ms`);
    },
    toString: () => 'console',
  });
  return { Logger, console };
};

/** Node-style substitutions in the first argument (%s %d %i %f %j %o %O %c), the rest joined by spaces. */
function consoleFormat(exec: Execution, args: unknown[]): string {
  const rest = [...args];
  let head = '';
  if (typeof rest[0] === 'string' && rest.length > 1 && /%[sdifjoOc%]/.test(rest[0])) {
    const template = rest.shift() as string;
    head = template.replace(/%([sdifjoOc%])/g, (whole, c: string) => {
      if (c === '%') return '%';
      if (rest.length === 0) return whole;
      const v = rest.shift();
      switch (c) {
        case 's':
          return typeof v === 'string' ? v : show(exec, v);
        case 'd':
        case 'i':
          return String(c === 'i' ? Math.trunc(Number(v)) : Number(v));
        case 'f':
          return String(Number(v));
        case 'c':
          return '';
        default:
          return show(exec, v);
      }
    });
  } else if (rest.length > 0) {
    const v = rest.shift();
    head = typeof v === 'string' ? v : show(exec, v);
  }
  return [head, ...rest.map((v) => (typeof v === 'string' ? v : show(exec, v)))].join(' ');
}

export function show(exec: Execution, value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (isDate(value)) {
    const t = value.getTime();
    return Number.isNaN(t) ? 'Invalid Date' : formatJavaDate(t, exec.timeZone, "EEE MMM dd yyyy HH:mm:ss 'GMT'Z (zzzz)");
  }
  const e = value as { name?: unknown; message?: unknown; stack?: unknown };
  if (Object.prototype.toString.call(value) === '[object Error]') return `${String(e.name)}: ${String(e.message)}`;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch {
    return String(value);
  }
}
