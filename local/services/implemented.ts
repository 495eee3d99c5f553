import { apiObject } from '../runtime/api';
import type { Execution } from '../runtime/execution';

/**
 * How the emulated services are checked against Google's published interfaces (@types/google-apps-script).
 *
 * An emulated object declared with `satisfies Implemented<Real>` fails to compile when one of its methods is not
 * Google's (a misspelt or invented name) or its signature drifts from Google's (a required parameter too many,
 * another return type). Methods Google has that the runtime lacks are allowed: at run time they throw
 * "not implemented in the local runtime" (runtime/api.ts).
 */
export type Implemented<Real> = Partial<Real> & { toString?(): string };

/**
 * Google's enum members are objects that print as their name; the runtime's are those names as strings, which
 * compare, print and serialise the same way. This is where one passes for the other in the types.
 */
export function enumMember<E>(name: string): E {
  return name as unknown as E;
}

/** The same for a whole enum (`SpreadsheetApp.WrapStrategy`, `Ui.ButtonSet`…): its members as their names. */
export function enumObject<E>(members: Readonly<Record<string, string>>): E {
  return members as unknown as E;
}

/**
 * An API object typed as the script sees it: the whole of Google's interface `Real`, where a method the runtime
 * does not implement throws "not implemented in the local runtime" (apiObject's guard).
 */
export function emulated<Real extends object>(className: string, target: Implemented<Real>, exec: Execution): Real {
  return apiObject(className, target, exec) as Real;
}
