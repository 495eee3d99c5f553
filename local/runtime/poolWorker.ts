/**
 * One worker thread of the execution pool (pool.ts): it compiles build/Code.js once, then runs the executions it
 * is handed, one at a time, against the shared state directory, and answers each with what the caller needs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LocalApp } from '../app';
import { compileScript } from './runner';
import type { PoolJob, PoolReply, PoolSettings } from './pool';

const settings = workerData as PoolSettings;
const port = parentPort;
if (!port) throw new Error('poolWorker.ts runs only as a worker thread');

const app = new LocalApp({
  script: compileScript(settings.code),
  stateDir: settings.stateDir,
  timeZone: settings.timeZone,
  log: (line) => port.postMessage({ log: line }),
  ...(settings.webAppUrl ? { webAppUrl: settings.webAppUrl } : {}),
  ...(settings.withoutLocks ? { withoutLocks: true } : {}),
  ...(settings.advancedServices ? { advancedServices: settings.advancedServices } : {}),
});

port.on('message', (message: { id: number; job: PoolJob }) => {
  let reply: PoolReply;
  try {
    reply = run(message.job);
  } catch (error) {
    reply = { kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage({ id: message.id, reply });
});

function run(job: PoolJob): PoolReply {
  switch (job.type) {
    case 'post':
    case 'get': {
      const at = new Date(job.at);
      const { response, result } = job.type === 'post' ? app.post(job.query, job.body, job.contentType, at) : app.get(job.query, at);
      return { kind: 'web', response, stats: result.stats, ...(result.error ? { error: result.error.message } : {}) };
    }
    case 'tick': {
      const firings: Array<{ at: string; handlerFunction: string; error?: string }> = [];
      app.tick(new Date(job.from), new Date(job.to), (f) =>
        firings.push({ at: f.at.toISOString(), handlerFunction: f.handlerFunction, ...(f.result.error ? { error: f.result.error.message } : {}) }),
      );
      return { kind: 'tick', firings };
    }
  }
}
