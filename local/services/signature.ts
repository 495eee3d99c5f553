import type { Execution } from '../runtime/execution';
import { isDate } from '../runtime/realm';

/**
 * Apps Script's answer to arguments of the wrong type, e.g.
 * "The parameters (number,String) don't match the method signature for Utilities.formatDate."
 */
export function signatureError(exec: Execution, method: string, args: ArrayLike<unknown>): Error {
  const names = Array.from(args, typeName).join(',');
  return exec.realm.exception(`The parameters (${names}) don't match the method signature for ${method}.`);
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (isDate(value)) return 'Date';
  if (Array.isArray(value)) return 'Object[]';
  if (typeof value === 'function') return 'Function';
  return 'Object';
}
