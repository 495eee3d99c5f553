import type { JOBS } from './jobs';
import type * as Main from './main';
import type { MENU } from './menu';

/**
 * Every handler the job table and the menu name is a function main.ts exports, so renaming a trigger or menu
 * function without its table fails to compile. This file holds only types: nothing imports it, so it adds no
 * import cycle and nothing to build/Code.js.
 */
type EntryPoint = keyof typeof Main;
type Handler = (typeof JOBS)[number]['handler'] | NonNullable<(typeof MENU)[number]>['handler'];

/** A compile error here names the handler that main.ts does not export ("Type '…' does not satisfy the constraint 'never'"). */
type NoneOf<T extends never> = T;
export type HandlersMissingFromMain = NoneOf<Exclude<Handler, EntryPoint>>;
