import * as http from 'node:http';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A scripted HTTP server on 127.0.0.1 for tests that drive UrlFetchApp. It runs on a worker thread because a
 * synchronous fetch blocks the test's own thread: a server there could never answer.
 *
 * Behaviour comes from, in order: `handlerSource` (the source of a function `(req) => answer | undefined`,
 * evaluated on the server thread, so it must not close over test variables), `handlerModule` (a CommonJS file
 * exporting `handle(req)`), then `routes`; anything unmatched answers 404 JSON. Every request is recorded.
 */
export interface LoopbackRoute {
  /** Any method when absent. */
  method?: string;
  /** Exact path without the query, or a prefix ending in '*'. */
  path: string;
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Answer with the recorded request as JSON. */
  echo?: boolean;
  /** Answer a redirect (302 unless `status`) to this Location. */
  redirect?: string;
  /** Wait this long before answering (the request is recorded at once). */
  delayMs?: number;
}

export interface LoopbackAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** The request-target as it appeared on the request line: a path, or an absolute URL when sent to a proxy. */
  target: string;
  path: string;
  query: Record<string, string>;
  httpVersion: string;
  /** Lower-cased names, repeated headers joined with ", ". */
  headers: Record<string, string>;
  rawHeaders: string[];
  body: string;
  /** Date.now() on the server when the request had arrived, and when its answer was sent (0 if not yet). */
  startedAt: number;
  endedAt: number;
}

export interface LoopbackOptions {
  routes?: LoopbackRoute[];
  handlerSource?: string;
  handlerModule?: string;
}

export interface LoopbackServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  requests(): Promise<RecordedRequest[]>;
  clear(): Promise<void>;
  setRoutes(routes: LoopbackRoute[]): Promise<void>;
  close(): Promise<void>;
}

export async function startLoopbackServer(options: LoopbackOptions = {}): Promise<LoopbackServer> {
  const worker = new Worker(path.join(__dirname, 'loopbackServer.worker.cjs'), {
    workerData: { routes: options.routes ?? [], handlerSource: options.handlerSource, handlerModule: options.handlerModule },
  });
  worker.unref();
  let nextId = 1;
  const waiters = new Map<number, (msg: Record<string, unknown>) => void>();
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: Record<string, unknown>) => {
      if (msg['type'] === 'listening') resolve(msg['port'] as number);
      const waiter = waiters.get(msg['id'] as number);
      if (waiter) {
        waiters.delete(msg['id'] as number);
        waiter(msg);
      }
    });
  });
  const ask = (type: string, extra: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      waiters.set(id, resolve);
      worker.postMessage({ type, id, ...extra });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: async () => (await ask('requests'))['requests'] as RecordedRequest[],
    clear: async () => void (await ask('clear')),
    setRoutes: async (routes) => void (await ask('routes', { routes })),
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}

/**
 * A JSON call to a fake's control routes (`/__fake/...`) on `url`; a status of 300 or more rejects, naming `label`.
 * A connection per call: a kept-alive socket the server has since closed would fail the next call.
 */
export function controlCall(url: string, label: string): (method: string, route: string, body?: unknown) => Promise<unknown> {
  return (method, route, body) =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(`${url}${route}`, { method, agent: false, headers: { 'Content-Type': 'application/json' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((response.statusCode ?? 500) >= 300) reject(new Error(`${label} ${route}: ${response.statusCode} ${text}`));
          else resolve(JSON.parse(text) as unknown);
        });
      });
      request.on('error', reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });
}
