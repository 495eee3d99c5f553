import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { withMutex } from '../runtime/mutex';
import { DUCKDB_WORKER_SOURCE } from './duckdbWorker';

/**
 * DuckDB, synchronously, for the emulated BigQuery service: DuckDB's Node API is asynchronous while an Apps
 * Script call blocks, so the statements go to a worker thread and the script's thread waits on `Atomics.wait`
 * until the answer is on the port (as syncHttp.ts does for UrlFetchApp). A session holds the database file open
 * under a mutex of its directory, so executions on other threads or processes (`serve`'s pool, the CLI beside it)
 * take turns, as one DuckDB file allows a single writer.
 */

export interface SqlResult {
  columns: string[];
  types: string[];
  rows: unknown[][];
}

export class SqlError extends Error {}

interface DuckWorker {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

// One worker per thread, made on first use: a cache of an expensive resource, not state callers depend on.
let current: DuckWorker | undefined;
let nextJob = 1;

function duckWorker(): DuckWorker {
  if (current) return current;
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const modulePath = require.resolve('@duckdb/node-api');
  const worker = new Worker(DUCKDB_WORKER_SOURCE, { eval: true, workerData: { signal, port: port2, modulePath }, transferList: [port2] });
  worker.unref();
  port1.unref();
  const made: DuckWorker = { worker, port: port1, flag: new Int32Array(signal) };
  worker.on('exit', () => {
    if (current === made) current = undefined;
  });
  current = made;
  return made;
}

/** A statement can take long on a large table; past this the worker is taken for dead. */
const DEADLINE_MS = 120_000;

function call(message: Record<string, unknown>): SqlResult {
  const w = duckWorker();
  const id = nextJob++;
  Atomics.store(w.flag, 0, 0);
  w.port.postMessage({ ...message, id });
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    for (let msg = receiveMessageOnPort(w.port); msg; msg = receiveMessageOnPort(w.port)) {
      const answer = msg.message as { id: number; ok: boolean; error?: string } & Partial<SqlResult>;
      if (answer.id !== id) continue;
      if (!answer.ok) throw new SqlError(answer.error ?? 'DuckDB failed');
      return { columns: answer.columns ?? [], types: answer.types ?? [], rows: answer.rows ?? [] };
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      void w.worker.terminate();
      current = undefined;
      throw new SqlError('the DuckDB worker did not answer');
    }
    Atomics.wait(w.flag, 0, 0, left);
    Atomics.store(w.flag, 0, 0);
  }
}

export type Run = (sql: string, params?: unknown[]) => SqlResult;

/** Opens the database at `file` (made when missing), runs `work` with it, and closes it, under `dir`'s mutex. */
export function withDuckDb<T>(dir: string, file: string, work: (run: Run) => T): T {
  return withMutex(dir, () => {
    call({ op: 'open', path: file });
    try {
      return work((sql, params) => call({ op: 'run', sql, params: params ?? null }));
    } finally {
      call({ op: 'close' });
    }
  });
}
