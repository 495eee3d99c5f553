import * as crypto from 'node:crypto';
import { threadId } from 'node:worker_threads';
import type { ServiceFactory } from '../runtime/api';
import type { StateDir } from '../runtime/state';
import { COST_MS, MAX_EXECUTION_MS } from '../runtime/execution';
import { sleep } from '../runtime/mutex';
import { counted } from './counted';

interface Holder {
  /** The execution holding it, or "elsewhere" for a simulated other process. */
  execution: string;
  since: number;
  /** For a simulated holder: when (runtime clock) it lets go. */
  until?: number;
  /** Where a real holder runs, so a holder whose process or thread died can be told apart from a live one. */
  pid?: number;
  thread?: number;
  /** Real time after which the holder is gone for sure: no execution outlives Apps Script's 6 minutes. */
  expiresAt?: number;
}
interface LocksSlice {
  script?: Holder;
  document?: Holder;
  user: Record<string, Holder>;
  /** Per lock, the modeled time all its past holders held it: what a waiter has waited, on Apps Script's clock. */
  heldMs?: Record<string, number>;
  /** Per lock, the executions waiting for it, first come first served. */
  queues?: Record<string, Holder[]>;
}

const SLICE = 'locks';
const ELSEWHERE = 'elsewhere';
/** Apps Script's wording when waitLock times out. */
const TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';
/** How often a waiting execution looks at the lock table again. */
const POLL_MS = 5;
/**
 * A wait ends on the modeled clock (below), which cannot see how long the current holder has held the lock so far;
 * this bounds the wait on the wall clock too, generously, as the local runtime runs a critical section several
 * times slower than Google does.
 */
const WALL_CLOCK_FACTOR = 10;
const init = (): LocksSlice => ({ user: {} });

type Scope = { key: string; get(data: LocksSlice): Holder | undefined; set(data: LocksSlice, h: Holder | undefined): void };

/**
 * LockService. The lock table is a slice of the state directory, read and changed under the directory's mutex, so
 * executions running at once in other worker threads or processes (`serve`) contend for the same locks: tryLock
 * and waitLock really block, polling every few milliseconds until the holder lets go or the timeout passes.
 * Acquiring a lock refreshes the execution's view of the state, as a script that gets the lock reads what the
 * previous holder committed. A lock still held when the execution ends is released after its writes are committed,
 * as Apps Script releases it when the script finishes. A holder whose process died, or older than an execution can
 * live, is gone.
 *
 * Time waited is counted on the modeled clock, not the wall clock: each holder adds the modeled time it held the
 * lock to the table when it lets go, and a waiter has waited the sum of the holds it saw end. The timeout compares
 * that with the argument, and the waiter's clock moves by it. So 30 requests queueing for the lock time out as they
 * would on Google's servers, not as this machine's speed would have it; a holder that never lets go still ends the
 * wait after WALL_CLOCK_FACTOR times the timeout on the wall clock. Waiters get the lock in the order they
 * asked for it (Google does not document its order; polling alone would let a late comer starve an early one).
 *
 * A simulated holder (`holdScriptLockElsewhere`) lets go at an instant of the runtime clock instead; waiting for it
 * advances the clock rather than sleeping. `withoutLocks` (for tests that show what a lock protects) grants every
 * lock at once and holds nothing.
 */
export const lockService: ServiceFactory = (exec) => {
  const me = crypto.randomUUID();
  /** The locks this execution holds, with the modeled instant each was acquired (after the wait for it). */
  const acquiredAt = new Map<Scope, number>();
  /** The locks whose queue this execution joined and has not left. */
  const queued = new Set<Scope>();
  const held = { has: (scope: Scope) => acquiredAt.has(scope), delete: (scope: Scope) => acquiredAt.delete(scope) };

  const gone = (h: Holder): boolean => {
    if (h.execution === ELSEWHERE) return h.until !== undefined && h.until <= exec.now();
    if (h.execution === me) return false;
    // A holder saved by a runtime that ran executions one at a time names no process: it cannot still be running.
    if (h.pid === undefined || h.expiresAt === undefined) return true;
    return h.expiresAt <= Date.now() || !processAlive(h.pid);
  };

  const asHolder = (): Holder => ({ execution: me, since: exec.now(), pid: process.pid, thread: threadId, expiresAt: Date.now() + MAX_EXECUTION_MS });

  /**
   * Takes the lock if it is free and no earlier waiter is still waiting; otherwise joins the queue and answers who
   * is in the way. Also answers the modeled time holders have held the lock so far.
   */
  const take = (scope: Scope): { holder: Holder | undefined; heldMs: number } =>
    exec.state.update(SLICE, init, (data) => {
      const heldMs = data.heldMs?.[scope.key] ?? 0;
      const queues = (data.queues ??= {});
      const queue = (queues[scope.key] ?? []).filter((w) => !gone(w));
      const h = scope.get(data);
      const busy = h !== undefined && !gone(h) && h.execution !== me;
      const ahead = queue.find((w) => w.execution !== me);
      const mine = queue.findIndex((w) => w.execution === me);
      if (h?.execution === me || (!busy && (!ahead || (mine >= 0 && queue.indexOf(ahead) > mine)))) {
        if (mine >= 0) queue.splice(mine, 1);
        queued.delete(scope);
        if (h?.execution !== me) scope.set(data, asHolder());
        setQueue(data, scope, queue);
        return { holder: undefined, heldMs };
      }
      if (mine < 0) {
        queue.push(asHolder());
        queued.add(scope);
      }
      setQueue(data, scope, queue);
      return { holder: busy ? h : ahead, heldMs };
    });

  const leaveQueue = (scope: Scope): void => {
    queued.delete(scope);
    exec.state.update(SLICE, init, (data) => {
      setQueue(
        data,
        scope,
        (data.queues?.[scope.key] ?? []).filter((w) => w.execution !== me),
      );
    });
  };

  const release = (scope: Scope): void => {
    const since = acquiredAt.get(scope) ?? exec.now();
    held.delete(scope);
    exec.state.update(SLICE, init, (data) => {
      if (scope.get(data)?.execution !== me) return;
      scope.set(data, undefined);
      const totals = (data.heldMs ??= {});
      totals[scope.key] = (totals[scope.key] ?? 0) + Math.max(0, exec.now() - since);
    });
  };

  const acquire = (scope: Scope, timeout: unknown): boolean => {
    const ms = Math.max(0, Number(timeout) || 0);
    if (exec.withoutLocks) {
      acquiredAt.set(scope, exec.now());
      return true;
    }
    const start = Date.now();
    const modeledDeadline = exec.now() + ms;
    let heldBefore: number | undefined;
    for (;;) {
      const { holder, heldMs } = take(scope);
      heldBefore ??= heldMs;
      const waited = heldMs - heldBefore;
      if (!holder) {
        exec.advance(Math.min(waited, ms));
        acquiredAt.set(scope, exec.now());
        exec.state.refresh();
        return true;
      }
      if (holder.execution === ELSEWHERE) {
        // Simulated: known to let go at `until` on this execution's clock, so wait on the clock, not the wall.
        if (holder.until === undefined || holder.until > modeledDeadline) {
          leaveQueue(scope);
          exec.advance(modeledDeadline - exec.now());
          return false;
        }
        exec.advance(holder.until - exec.now());
        continue;
      }
      if (waited >= ms || Date.now() - start >= ms * WALL_CLOCK_FACTOR) {
        leaveQueue(scope);
        exec.advance(ms);
        return false;
      }
      sleep(POLL_MS);
    }
  };

  const lock = (scope: Scope): object =>
    counted(
      exec,
      'Lock',
      {
        tryLock: (timeoutInMillis: unknown) => acquire(scope, timeoutInMillis),
        waitLock(timeoutInMillis: unknown) {
          if (!acquire(scope, timeoutInMillis)) throw exec.realm.exception(TIMEOUT_MESSAGE);
        },
        hasLock: () => held.has(scope),
        releaseLock() {
          if (!held.has(scope)) return;
          if (exec.withoutLocks) held.delete(scope);
          else release(scope);
        },
        toString: () => 'Lock',
      },
      { tryLock: COST_MS.lockAcquire, waitLock: COST_MS.lockAcquire },
    );

  const script: Scope = {
    key: 'script',
    get: (data) => data.script,
    set: (data, h) => (h ? (data.script = h) : delete data.script),
  };
  const document: Scope = {
    key: 'document',
    get: (data) => data.document,
    set: (data, h) => (h ? (data.document = h) : delete data.document),
  };
  const user: Scope = {
    key: `user:${exec.userEmail}`,
    get: (data) => data.user[exec.userEmail],
    set: (data, h) => (h ? (data.user[exec.userEmail] = h) : delete data.user[exec.userEmail]),
  };

  exec.onFinish(() => {
    if (exec.withoutLocks) return;
    for (const scope of [...acquiredAt.keys()]) release(scope);
    // Only an execution stopped in the middle of a wait is still in a queue.
    for (const scope of [...queued]) leaveQueue(scope);
  });

  const LockService = counted(exec, 'LockService', {
    getScriptLock: () => lock(script),
    getDocumentLock: () => lock(document),
    getUserLock: () => lock(user),
    toString: () => 'LockService',
  });
  return { LockService };
};

function setQueue(data: LocksSlice, scope: Scope, queue: Holder[]): void {
  const queues = (data.queues ??= {});
  if (queue.length > 0) queues[scope.key] = queue;
  else delete queues[scope.key];
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** For tests: another process holds the script lock until `untilMs` on the runtime clock. */
export function holdScriptLockElsewhere(state: StateDir, untilMs: number): void {
  state.update(SLICE, init, (data) => {
    data.script = { execution: ELSEWHERE, since: Date.now(), until: untilMs };
  });
}

/** Frees the locks of executions that ran in a thread that is gone (a worker stopped in the middle of one). */
export function releaseLocksOfThread(state: StateDir, pid: number, thread: number): void {
  state.update(SLICE, init, (data) => {
    const of = (h: Holder | undefined) => h !== undefined && h.pid === pid && h.thread === thread;
    if (of(data.script)) delete data.script;
    if (of(data.document)) delete data.document;
    for (const [email, h] of Object.entries(data.user)) if (of(h)) delete data.user[email];
    for (const [key, queue] of Object.entries(data.queues ?? {})) (data.queues ?? {})[key] = queue.filter((w) => !of(w));
  });
}
