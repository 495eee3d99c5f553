import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { ROOT } from '../project';
import { releaseLocksOfThread } from '../services/lock';
import type { ExecutionStats } from './execution';
import { StateDir } from './state';
import type { WebAppResponse } from './webapp';

/** Apps Script runs at most 30 executions of a user at once (quotas page: simultaneous executions). */
export const MAX_SIMULTANEOUS = 30;

export interface PoolSettings {
  /** build/Code.js's text: each worker compiles it once. */
  code: string;
  stateDir: string;
  timeZone: string;
  webAppUrl?: string;
  withoutLocks?: boolean;
  /** The advanced services the manifest enables (LocalAppOptions.advancedServices). */
  advancedServices?: string[];
}

export type PoolJob =
  | { type: 'post'; query: string; body: string; contentType: string; at: number }
  | { type: 'get'; query: string; at: number }
  | { type: 'tick'; from: number; to: number };

export type PoolReply =
  | { kind: 'web'; response: WebAppResponse; stats: ExecutionStats; error?: string }
  | { kind: 'tick'; firings: Array<{ at: string; handlerFunction: string; error?: string }> }
  | { kind: 'failed'; message: string };

interface Slot {
  worker: Worker;
  busy: boolean;
}

/**
 * Executions in parallel, as Apps Script runs them: up to `size` worker threads (made on demand, then kept), each
 * running one execution at a time in its own realm against the shared state directory. What keeps concurrent
 * executions consistent is the state's commit and refresh (state.ts) and LockService's table (lock.ts), not the
 * pool. Past `size` executions at once, a job waits for a free worker: Apps Script would refuse it instead, with an
 * error whose wording is not documented, so queuing is the approximation.
 */
export class ExecutionPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private readonly pending = new Map<number, { resolve: (reply: PoolReply) => void; slot: Slot }>();
  private readonly entry: string;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly settings: PoolSettings,
    private readonly log: (line: string) => void,
    private readonly size = MAX_SIMULTANEOUS,
  ) {
    this.entry = workerEntry();
  }

  run(job: PoolJob): Promise<PoolReply> {
    return this.slot().then(
      (slot) =>
        new Promise<PoolReply>((resolve) => {
          const id = this.nextId++;
          this.pending.set(id, { resolve, slot });
          slot.worker.postMessage({ id, job });
        }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private slot(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('the execution pool is closed'));
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.slots.length < this.size) {
      const made = this.spawn();
      made.busy = true;
      return Promise.resolve(made);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private free(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, { workerData: this.settings });
    const slot: Slot = { worker, busy: false };
    this.slots.push(slot);
    worker.on('message', (message: { id?: number; reply?: PoolReply; log?: string }) => {
      if (message.log !== undefined) return this.log(message.log);
      const done = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!done || !message.reply) return;
      this.pending.delete(message.id!);
      this.free(slot);
      done.resolve(message.reply);
    });
    worker.on('error', (error) => this.log(`execution worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', () => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      // An execution cut off in the middle never ran its end: free what it held, and answer its caller.
      releaseLocksOfThread(new StateDir(this.settings.stateDir), process.pid, worker.threadId);
      for (const [id, p] of this.pending) {
        if (p.slot !== slot) continue;
        this.pending.delete(id);
        p.resolve({ kind: 'failed', message: 'the execution worker stopped' });
      }
      if (!this.closed && this.waiting.length > 0) this.free(this.spawn());
    });
    return slot;
  }
}

/**
 * Executions never export the workbook to .xlsx (the CLI does, on the main thread), and loading exceljs takes half
 * a second of every worker's start: in the workers it is a stand-in that fails if it is ever used.
 */
const WITHOUT_XLSX = `module.exports = new Proxy({}, { get(_, key) {
  if (typeof key === 'symbol' || key === '__esModule') return undefined;
  throw new Error('exceljs is not loaded in the execution workers');
} });
`;

/**
 * The worker's code, bundled from poolWorker.ts: workers load plain JavaScript, and the same entry must work from
 * the CLI's bundle and from jest's TypeScript. Named by its content, so concurrent builds write the same file.
 */
function workerEntry(): string {
  const stub = writeOnce(path.join(ROOT, 'out', 'pool-worker-without-xlsx.cjs'), WITHOUT_XLSX);
  const built = esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'local', 'runtime', 'poolWorker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'error',
    alias: { exceljs: stub },
  });
  const code = built.outputFiles[0]?.text ?? '';
  return writeOnce(path.join(ROOT, 'out', `pool-worker-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.cjs`), code);
}

function writeOnce(file: string, content: string): string {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
  return file;
}
