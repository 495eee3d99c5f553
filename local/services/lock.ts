import * as crypto from 'node:crypto';
import type { ServiceFactory } from '../runtime/api';
import type { StateDir } from '../runtime/state';
import { COST_MS } from '../runtime/execution';

import { counted } from './counted';

interface Holder {
  /** The execution holding it, or "elsewhere" for a simulated other process. */
  execution: string;
  since: number;
  /** For a simulated holder: when (runtime clock) it lets go. */
  until?: number;
}
interface LocksSlice {
  script?: Holder;
  document?: Holder;
  user: Record<string, Holder>;
}

const SLICE = 'locks';
const ELSEWHERE = 'elsewhere';
const TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

function slice(state: StateDir): LocksSlice {
  return state.slice<LocksSlice>(SLICE, () => ({ user: {} }));
}

/**
 * LockService. Executions here run one after another, so the only contention is a lock another process holds:
 * a simulated holder (`holdScriptLockElsewhere`) until its time on the runtime clock. Waiting advances the
 * execution's clock instead of sleeping. A lock still held when the execution ends is released, as Apps Script
 * releases it when the script finishes; a holder left in the state by a crashed run is treated as gone.
 */
export const lockService: ServiceFactory = (exec) => {
  const me = crypto.randomUUID();
  const data = slice(exec.state);
  type Scope = { get(): Holder | undefined; set(h: Holder | undefined): void };
  const scopes: Scope[] = [];

  const lock = (scope: Scope): object => {
    const current = (): Holder | undefined => {
      const h = scope.get();
      if (!h) return undefined;
      const expired = h.execution === ELSEWHERE ? h.until !== undefined && h.until <= exec.now() : h.execution !== me;
      if (expired) {
        scope.set(undefined);
        exec.state.touch(SLICE);
        return undefined;
      }
      return h;
    };
    const acquire = (timeout: unknown): boolean => {
      const ms = Math.max(0, Number(timeout) || 0);
      let h = current();
      if (h && h.execution !== me) {
        const waitUntil = exec.now() + ms;
        if (h.until === undefined || h.until > waitUntil) {
          exec.advance(ms);
          return false;
        }
        exec.advance(h.until - exec.now());
        h = current();
      }
      if (!h) {
        scope.set({ execution: me, since: exec.now() });
        exec.state.touch(SLICE);
      }
      return true;
    };
    return counted(
      exec,
      'Lock',
      {
        tryLock: (timeoutInMillis: unknown) => acquire(timeoutInMillis),
        waitLock(timeoutInMillis: unknown) {
          if (!acquire(timeoutInMillis)) throw exec.realm.exception(TIMEOUT_MESSAGE);
        },
        hasLock: () => current()?.execution === me,
        releaseLock() {
          if (current()?.execution === me) {
            scope.set(undefined);
            exec.state.touch(SLICE);
          }
        },
        toString: () => 'Lock',
      },
      { tryLock: COST_MS.lockAcquire, waitLock: COST_MS.lockAcquire },
    );
  };

  const scopeOf = (get: () => Holder | undefined, set: (h: Holder | undefined) => void): Scope => {
    const scope = { get, set };
    scopes.push(scope);
    return scope;
  };
  const script = scopeOf(
    () => data.script,
    (h) => (h ? (data.script = h) : delete data.script),
  );
  const document = scopeOf(
    () => data.document,
    (h) => (h ? (data.document = h) : delete data.document),
  );
  const user = scopeOf(
    () => data.user[exec.userEmail],
    (h) => (h ? (data.user[exec.userEmail] = h) : delete data.user[exec.userEmail]),
  );

  exec.onFinish(() => {
    for (const scope of scopes) {
      if (scope.get()?.execution === me) {
        scope.set(undefined);
        exec.state.touch(SLICE);
      }
    }
  });

  const LockService = counted(exec, 'LockService', {
    getScriptLock: () => lock(script),
    getDocumentLock: () => lock(document),
    getUserLock: () => lock(user),
    toString: () => 'LockService',
  });
  return { LockService };
};

/** For tests: another process holds the script lock until `untilMs` on the runtime clock. */
export function holdScriptLockElsewhere(state: StateDir, untilMs: number): void {
  slice(state).script = { execution: ELSEWHERE, since: Date.now(), until: untilMs };
  state.touch(SLICE);
  state.save();
}
