import * as http from 'node:http';
import * as path from 'node:path';
import type { ObservabilityConfig } from '../../local/fake/loopback';
import type { ObservabilityData } from '../../local/fake/observability';
import { startLoopbackServer, type LoopbackServer } from './loopbackServer';

export interface FakeObservabilityServer {
  server: LoopbackServer;
  url: string;
  configure(config: ObservabilityConfig): Promise<void>;
  state(): Promise<ObservabilityData>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The fake GA4, New Relic and Datadog (local/fake/observability.ts, through fakeServices.handler.cjs) on a loopback
 * server. Point the script at it with `throughProxy(fake.url, …)`.
 */
export async function startFakeObservability(): Promise<FakeObservabilityServer> {
  const server = await startLoopbackServer({ handlerModule: path.join(__dirname, 'fakeServices.handler.cjs') });
  const call = (route: string, body?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(
        `${server.url}${route}`,
        { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((response.statusCode ?? 500) >= 300) reject(new Error(`fake ${route}: ${response.statusCode} ${text}`));
            else resolve(JSON.parse(text) as unknown);
          });
        },
      );
      request.on('error', reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });
  return {
    server,
    url: server.url,
    configure: async (c) => void (await call('/__fake/observability', c)),
    state: async () => (await call('/__fake/observability/state')) as ObservabilityData,
    reset: async () => void (await call('/__fake/observability/reset')),
    close: () => server.close(),
  };
}
