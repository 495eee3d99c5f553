import { apiObject } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import type { Implemented } from './implemented';

type Method = (...args: never[]) => unknown;
export type Cost = number | ((args: unknown[]) => number);

/**
 * Wraps an Apps Script class so each call of its methods is counted as `Class.method` in the execution's stats
 * and charged its modeled latency (0 unless `costs` prices it), then guards unknown methods with `apiObject`.
 * Charging happens before the call, as the round trip to Google's side starts before any answer.
 */
export function counted<T extends Record<string, unknown>>(
  exec: Execution,
  className: string,
  methods: T,
  costs: Partial<Record<Exclude<keyof T & string, 'toString'>, Cost>> = {},
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(methods)) {
    if (typeof value !== 'function' || name === 'toString') {
      wrapped[name] = value;
      continue;
    }
    const fn = value as Method;
    const cost: Cost | undefined = costs[name as Exclude<keyof T & string, 'toString'>];
    wrapped[name] = function (this: unknown, ...args: unknown[]) {
      const ms = cost === undefined ? 0 : typeof cost === 'function' ? cost(args) : cost;
      exec.charge(className, name, ms);
      return fn.apply(this, args as never[]);
    };
  }
  return apiObject(className, wrapped as T, exec);
}

/**
 * `counted` for an object the script sees as Google's interface `Real`: the methods are checked against it (see
 * implemented.ts), and the object is typed as the whole of it, unimplemented methods throwing.
 */
export function countedAs<Real extends object>(
  exec: Execution,
  className: string,
  methods: Implemented<Real>,
  costs: Partial<Record<keyof Real & string, Cost>> = {},
): Real {
  return counted(exec, className, methods as Record<string, unknown>, costs as Record<string, Cost>) as unknown as Real;
}
