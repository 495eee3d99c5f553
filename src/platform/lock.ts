/** Long enough to queue behind another request's write, short enough to answer GitHub inside its 10 s. */
const WAIT_MS = 8000;

export type Locked = <T>(work: () => T) => T;

/**
 * Runs read-modify-write work under the script lock. Pending sheet writes are flushed before the lock is
 * released, so the next holder reads what this one wrote; the lock is released even when the work throws.
 */
export function scriptLock(flush: () => void): Locked {
  return <T>(work: () => T): T => {
    const lock = LockService.getScriptLock();
    // The script lock is one per execution: an inner release would free the outer holder's lock too, so work
    // nested inside a locked section runs under the lock it already has.
    if (lock.hasLock()) return work();
    lock.waitLock(WAIT_MS);
    try {
      const result = work();
      flush();
      return result;
    } finally {
      lock.releaseLock();
    }
  };
}
