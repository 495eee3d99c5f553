import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A short mutual exclusion over a state directory, shared by every execution whatever thread or process runs it:
 * a file created with O_EXCL (`wx`) exists for one holder at a time. It guards the few milliseconds in which an
 * execution reads, merges and writes slices (and the lock table), never the script's own work.
 */
const FILE = '.mutex';
/** A holder that crashed mid-commit leaves the file behind; commits take milliseconds, so this one is stale. */
const STALE_MS = 10_000;

export function withMutex<T>(dir: string, work: () => T): T {
  const file = path.join(dir, FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.closeSync(fs.openSync(file, 'wx'));
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        fs.mkdirSync(dir, { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw error;
      if (isStale(file)) fs.rmSync(file, { force: true });
      else sleep(attempt < 20 ? 1 : 5);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function isStale(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

/** Blocks the calling thread without spinning (Atomics.wait on a word nobody notifies). */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms));
}
