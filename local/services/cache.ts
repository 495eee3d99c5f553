import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import { COST_MS } from '../runtime/execution';
import { counted } from './counted';

interface Entry {
  value: string;
  /** Expiry on the runtime clock (ms since the epoch), so `--at` later sees entries expire. */
  expiresAt: number;
}
type Store = Record<string, Entry>;
interface CacheSlice {
  script: Store;
  document: Store;
  user: Record<string, Store>;
}

const SLICE = 'cache';
const MAX_KEY_CHARS = 250;
const MAX_VALUE_BYTES = 100 * 1024;
const DEFAULT_TTL_S = 600;
/** Apps Script keeps an entry at most 6 hours; a longer expiration is cut to that. */
const MAX_TTL_S = 21600;

const init = (): CacheSlice => ({ script: {}, document: {}, user: {} });

/**
 * CacheService, shared by every execution as Google's cache is: each call reads what others have put so far and
 * each change is committed at once.
 */
export const cacheService: ServiceFactory = (exec) => {
  const cache = (pick: (data: CacheSlice) => Store): object => {
    const current = (): Store => pick(exec.state.fresh(SLICE, init));
    const change = (fn: (store: Store) => void): void => exec.state.update(SLICE, init, (data) => fn(pick(data)));
    const live = (key: string): Entry | undefined => {
      const entry = current()[key];
      // An expired entry reads as absent; it is dropped with the next change.
      return entry && entry.expiresAt > exec.now() ? entry : undefined;
    };
    const put = (key: unknown, value: unknown, ttl: unknown) => {
      const k = checkKey(exec, key);
      const v = String(value);
      if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw exec.realm.exception('Argument too large: value');
      return [k, { value: v, expiresAt: exec.now() + ttlSeconds(ttl) * 1000 }] as const;
    };
    const dropExpired = (store: Store): void => {
      for (const [k, entry] of Object.entries(store)) if (entry.expiresAt <= exec.now()) delete store[k];
    };
    const self: object = counted(
      exec,
      'Cache',
      {
        get: (key: unknown) => live(checkKey(exec, key))?.value ?? null,
        getAll(keys: unknown) {
          if (!Array.isArray(keys)) throw exec.realm.exception('Invalid argument: keys');
          const out: Record<string, string> = {};
          for (const key of keys) {
            const entry = live(checkKey(exec, key));
            if (entry) out[String(key)] = entry.value;
          }
          return exec.realm.toScript(out);
        },
        put(key: unknown, value: unknown, expirationInSeconds?: unknown) {
          const [k, entry] = put(key, value, expirationInSeconds);
          change((store) => {
            dropExpired(store);
            store[k] = entry;
          });
        },
        putAll(values: unknown, expirationInSeconds?: unknown) {
          if (values === null || typeof values !== 'object') throw exec.realm.exception('Invalid argument: values');
          // Validate everything first: a putAll that throws stores nothing.
          const entries = Object.entries(values as Record<string, unknown>).map(([k, v]) => put(k, v, expirationInSeconds));
          change((store) => {
            dropExpired(store);
            for (const [k, entry] of entries) store[k] = entry;
          });
        },
        remove(key: unknown) {
          const k = checkKey(exec, key);
          change((store) => delete store[k]);
        },
        removeAll(keys: unknown) {
          if (!Array.isArray(keys)) throw exec.realm.exception('Invalid argument: keys');
          const ks = keys.map((key) => checkKey(exec, key));
          change((store) => {
            for (const k of ks) delete store[k];
          });
        },
        toString: () => 'Cache',
      },
      { get: COST_MS.cacheGet, getAll: COST_MS.cacheGet, put: COST_MS.cachePut, putAll: COST_MS.cachePut },
    );
    return self;
  };

  const CacheService = counted(exec, 'CacheService', {
    getScriptCache: () => cache((data) => data.script),
    getDocumentCache: () => cache((data) => data.document),
    getUserCache: () => cache((data) => (data.user[exec.userEmail] ??= {})),
    toString: () => 'CacheService',
  });
  return { CacheService };
};

function checkKey(exec: Execution, key: unknown): string {
  if (key === null || key === undefined) throw exec.realm.exception('Invalid argument: key');
  const k = String(key);
  if (k.length > MAX_KEY_CHARS) throw exec.realm.exception('Argument too large: key');
  return k;
}

function ttlSeconds(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_TTL_S;
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n) || n < 1) return DEFAULT_TTL_S;
  return Math.min(n, MAX_TTL_S);
}
