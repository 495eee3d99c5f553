import * as vm from 'node:vm';

/**
 * The script's own realm. Values that cross from the runtime into the script must be built with the script's
 * constructors: a host `Date` is not `instanceof Date` inside the context, and a host `Error` would not be caught
 * by `e instanceof Error` in script code. Services build what they hand over through this object.
 */
export interface Realm {
  readonly context: vm.Context;
  readonly Date: DateConstructor;
  readonly Error: ErrorConstructor;
  readonly TypeError: TypeErrorConstructor;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
  /** Deep-copies plain data (arrays, plain objects, dates) into the script realm. */
  toScript<T>(value: T): T;
  /** An Apps Script style exception: `name` "Exception", so `String(e)` reads "Exception: …" as on Google's side. */
  exception(message: string): Error;
}

/** Works across realms, unlike `instanceof Date`. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isDate(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Creates a fresh context holding the ECMAScript built-ins only (vm contexts carry none of Node's globals:
 * no require, process, Buffer, setTimeout, fetch, URL, URLSearchParams, TextEncoder) and replaces its `Date`
 * with one that reads the execution's clock, so `new Date()` and `Date.now()` follow `--at`.
 */
export function createRealm(now: () => number): Realm {
  const context = vm.createContext({}, { name: 'Apps Script', codeGeneration: { strings: true, wasm: false } });
  const intrinsics = vm.runInContext(
    `(function (now) {
      'use strict';
      var RealDate = Date;
      function ClockDate(a, b, c, d, e, f, g) {
        if (!new.target) return new RealDate(now()).toString();
        // The common forms without copying arguments: a script may make a Date per cell of a large table, and
        // Date(2020, 0) differs from Date(2020, 0, undefined), so each arity calls the constructor as it was called.
        if (new.target === ClockDate) {
          switch (arguments.length) {
            case 0: return new RealDate(now());
            case 1: return new RealDate(a);
            case 2: return new RealDate(a, b);
            case 3: return new RealDate(a, b, c);
          }
        }
        var args = Array.prototype.slice.call(arguments);
        return args.length === 0 ? Reflect.construct(RealDate, [now()], new.target) : Reflect.construct(RealDate, args, new.target);
      }
      ClockDate.prototype = RealDate.prototype;
      Object.defineProperty(RealDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
      ClockDate.now = function () { return now(); };
      ClockDate.UTC = RealDate.UTC;
      ClockDate.parse = RealDate.parse;
      Object.defineProperty(ClockDate, 'name', { value: 'Date' });
      Object.defineProperty(globalThis, 'Date', { value: ClockDate, writable: true, configurable: true, enumerable: false });
      // Node adds these to every context it makes; Apps Script has neither.
      delete globalThis.structuredClone;
      return { Date: ClockDate, Error: Error, TypeError: TypeError, Array: Array, Object: Object };
    })`,
    context,
  )(now) as { Date: DateConstructor; Error: ErrorConstructor; TypeError: TypeErrorConstructor; Array: ArrayConstructor; Object: ObjectConstructor };

  const realm: Realm = {
    context,
    ...intrinsics,
    toScript<T>(value: T): T {
      return copyInto(value) as T;
    },
    exception(message: string): Error {
      const error = new intrinsics.Error(message);
      error.name = 'Exception';
      return error;
    },
  };

  function copyInto(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (isDate(value)) return new intrinsics.Date(value.getTime());
    if (Array.isArray(value)) {
      const out = new intrinsics.Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = copyInto(value[i]);
      return out;
    }
    if (isPlainObject(value)) {
      const out = new intrinsics.Object() as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = copyInto(v);
      return out;
    }
    return value;
  }

  return realm;
}
