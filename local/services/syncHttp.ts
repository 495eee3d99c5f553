import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { WireJob, WireRequest, WireResult } from './wire';
import { WORKER_SOURCE } from './syncHttpWorker';

/**
 * Synchronous HTTP for the script, as UrlFetchApp is synchronous: the requests go to one long-lived worker thread
 * and the main thread blocks on `Atomics.wait` until the worker flags that its answer is on the port. The worker is
 * made on first use and unref'd, so it never keeps the process alive.
 */
interface HttpWorker {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

// One worker per process: a cache of an expensive resource, not state any caller depends on.
let current: HttpWorker | undefined;
let nextJob = 1;

function httpWorker(): HttpWorker {
  if (current) return current;
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { signal, port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref();
  const made: HttpWorker = { worker, port: port1, flag: new Int32Array(signal) };
  worker.on('exit', () => {
    if (current === made) current = undefined;
  });
  current = made;
  return made;
}

export interface SyncHttpOptions {
  proxy: string | null;
  timeoutMs: number;
  maxBytes: number;
}

/** Sends the requests concurrently and returns their results in order; blocks the calling thread meanwhile. */
export function requestSync(requests: WireRequest[], options: SyncHttpOptions): WireResult[] {
  if (requests.length === 0) return [];
  const w = httpWorker();
  const job: WireJob = { id: nextJob++, requests, ...options };
  Atomics.store(w.flag, 0, 0);
  w.port.postMessage(job);
  // The worker enforces the timeout per request; this outer deadline only guards against a dead worker.
  const deadline = Date.now() + options.timeoutMs + 10000;
  for (;;) {
    for (let msg = receiveMessageOnPort(w.port); msg; msg = receiveMessageOnPort(w.port)) {
      const reply = msg.message as { id: number; results: WireResult[] };
      if (reply.id === job.id) return reply.results;
      // A reply to a job given up on earlier: drop it and keep waiting for ours.
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      void w.worker.terminate();
      current = undefined;
      return requests.map(() => ({ ok: false, kind: 'timeout', detail: 'the HTTP worker did not answer' }));
    }
    Atomics.wait(w.flag, 0, 0, left);
    Atomics.store(w.flag, 0, 0);
  }
}
