/**
 * The project's own top-level functions. In Apps Script every top-level function of the project is a property
 * of the global object: the dispatcher calls a job exactly as its trigger would.
 */
export function globalFunction(name: string): (() => unknown) | null {
  const value = (globalThis as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as () => unknown) : null;
}
