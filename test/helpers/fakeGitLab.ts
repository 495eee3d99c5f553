import * as http from 'node:http';
import * as path from 'node:path';
import type { FakeGitLabConfig } from '../../local/fake/gitlabModel';
import { startLoopbackServer, type LoopbackServer } from './loopbackServer';

export interface FakeGitLabServer {
  server: LoopbackServer;
  url: string;
  configure(config: FakeGitLabConfig): Promise<void>;
  /** What the fake GitLab received since it started: REST and GraphQL requests, and the GraphQL queries. */
  received(): Promise<{
    requests: Array<{ method: string; path: string; query: Record<string, string> }>;
    queries: Array<{ query: string; variables: Record<string, unknown> }>;
  }>;
  hooks(project: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** The fake GitLab (local/fake/gitlabModel.ts) on a loopback server; point LOCAL_FETCH_PROXY at `url` (throughProxy). */
export async function startFakeGitLab(config: FakeGitLabConfig = {}): Promise<FakeGitLabServer> {
  const server = await startLoopbackServer({ handlerModule: path.join(__dirname, 'fakeServices.handler.cjs') });
  const call = (method: string, route: string, body?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(`${server.url}${route}`, { method, agent: false, headers: { 'Content-Type': 'application/json' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((response.statusCode ?? 500) >= 300) reject(new Error(`fake GitLab ${route}: ${response.statusCode} ${text}`));
          else resolve(JSON.parse(text) as unknown);
        });
      });
      request.on('error', reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const fake: FakeGitLabServer = {
    server,
    url: server.url,
    configure: async (c) => void (await call('POST', '/__fake/gitlab/config', c)),
    received: async () => (await call('GET', '/__fake/gitlab/requests')) as Awaited<ReturnType<FakeGitLabServer['received']>>,
    hooks: async (project) => (await call('GET', `/__fake/gitlab/hooks?project=${encodeURIComponent(project)}`)) as Array<Record<string, unknown>>,
    close: () => server.close(),
  };
  await fake.configure(config);
  return fake;
}
