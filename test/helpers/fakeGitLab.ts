import * as path from 'node:path';
import type { FakeGitLabConfig } from '../../local/fake/gitlabModel';
import { controlCall, startLoopbackServer, type LoopbackServer } from './loopbackServer';

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
  const call = controlCall(server.url, 'fake GitLab');
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
