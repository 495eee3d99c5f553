import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import type { StateDir } from '../runtime/state';
import { COST_MS } from '../runtime/execution';
import { counted } from './counted';

type Store = Record<string, string>;
interface PropertiesSlice {
  script: Store;
  document: Store;
  /** Per user email. */
  user: Record<string, Store>;
}

const SLICE = 'properties';
/** Quotas page: 9 KB a value, 500 KB a store (keys count towards the store, as measured by users). */
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;
/**
 * What Apps Script says when a write would pass either limit; users report this same message for one value that
 * is too large, so it is used for both.
 */
const QUOTA_MESSAGE = 'You have exceeded the property storage quota. Please remove some properties and try again.';

const init = (): PropertiesSlice => ({ script: {}, document: {}, user: {} });

/**
 * PropertiesService. Google stores properties as each call is made, so here too: every read sees what other
 * executions (running at the same time under `serve`) have set so far, and every write is committed at once.
 */
export const propertiesService: ServiceFactory = (exec) => {
  const read = { getProperty: COST_MS.propertiesGet, getProperties: COST_MS.propertiesGet, getKeys: COST_MS.propertiesGet };
  const write = {
    setProperty: COST_MS.propertiesSet,
    setProperties: COST_MS.propertiesSet,
    deleteProperty: COST_MS.propertiesSet,
    deleteAllProperties: COST_MS.propertiesSet,
  };

  const properties = (pick: (data: PropertiesSlice) => Store): object => {
    const current = (): Store => pick(exec.state.fresh(SLICE, init));
    const change = (fn: (store: Store) => void): void => exec.state.update(SLICE, init, (data) => fn(pick(data)));
    const self: object = counted(
      exec,
      'Properties',
      {
        getProperty(key: unknown) {
          const value = current()[requireKey(exec, key)];
          return value === undefined ? null : value;
        },
        getProperties: () => exec.realm.toScript({ ...current() }),
        getKeys: () => exec.realm.toScript(Object.keys(current())),
        setProperty(key: unknown, value: unknown) {
          const k = requireKey(exec, key);
          change((store) => {
            check(exec, { ...store, [k]: String(value) }, [k]);
            store[k] = String(value);
          });
          return self;
        },
        setProperties(values: unknown, deleteAllOthers?: unknown) {
          if (values === null || typeof values !== 'object') throw exec.realm.exception('Invalid argument: properties');
          const updates = Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, String(v)] as const);
          change((store) => {
            const next: Store = deleteAllOthers === true ? {} : { ...store };
            for (const [k, v] of updates) next[k] = v;
            check(
              exec,
              next,
              updates.map(([k]) => k),
            );
            for (const k of Object.keys(store)) if (!(k in next)) delete store[k];
            Object.assign(store, next);
          });
          return self;
        },
        deleteProperty(key: unknown) {
          const k = requireKey(exec, key);
          change((store) => delete store[k]);
          return self;
        },
        deleteAllProperties() {
          change((store) => {
            for (const k of Object.keys(store)) delete store[k];
          });
          return self;
        },
        toString: () => 'Properties',
      },
      { ...read, ...write },
    );
    return self;
  };

  const PropertiesService = counted(exec, 'PropertiesService', {
    getScriptProperties: () => properties((data) => data.script),
    getDocumentProperties: () => properties((data) => data.document),
    getUserProperties: () => properties((data) => (data.user[exec.userEmail] ??= {})),
    toString: () => 'PropertiesService',
  });
  return { PropertiesService };
};

function requireKey(exec: Execution, key: unknown): string {
  if (key === null || key === undefined) throw exec.realm.exception('Invalid argument: key');
  return String(key);
}

function check(exec: Execution, next: Store, changed: readonly string[]): void {
  for (const k of changed) {
    if (Buffer.byteLength(next[k] ?? '', 'utf8') > MAX_VALUE_BYTES) throw exec.realm.exception(QUOTA_MESSAGE);
  }
  let total = 0;
  for (const [k, v] of Object.entries(next)) total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  if (total > MAX_STORE_BYTES) throw exec.realm.exception(QUOTA_MESSAGE);
}

/** Host access for the CLI (`local props get|set|list`): the script store, as the project's settings page shows it. */
export function getScriptProperty(state: StateDir, key: string): string | null {
  return state.fresh(SLICE, init).script[key] ?? null;
}

/** Writes through to disk at once, since the CLI sets properties outside any execution. */
export function setScriptProperty(state: StateDir, key: string, value: string): void {
  state.update(SLICE, init, (data) => {
    data.script[key] = value;
  });
}

export function deleteScriptProperty(state: StateDir, key: string): void {
  state.update(SLICE, init, (data) => {
    delete data.script[key];
  });
}

export function listScriptProperties(state: StateDir): Record<string, string> {
  return { ...state.fresh(SLICE, init).script };
}
