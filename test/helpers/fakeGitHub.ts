import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalApp } from '../../local/app';
import type { FakeGitHubConfig } from '../../local/fake/githubModel';
import type { FakeRestConfig } from '../../local/fake/githubRest';
import { getScriptProperty, setScriptProperty } from '../../local/services/properties';
import { dumpWorkbook } from '../../local/services/spreadsheet';
import { builtProject, newApp, type TestApp } from './app';
import { controlCall, startLoopbackServer, type LoopbackServer } from './loopbackServer';

export interface FakeGitHubServer {
  server: LoopbackServer;
  url: string;
  configure(config: FakeGitHubConfig): Promise<void>;
  webhooks(repository: string): Promise<Array<{ event: string; at: string; payload: Record<string, unknown> }>>;
  /** GitHub REST's tokens, repositories and commit line counts (local/fake/githubRest.ts). */
  configureRest(config: FakeRestConfig): Promise<void>;
  /** A repository's webhooks, as the fake GitHub keeps them. */
  hooks(repository: string): Promise<Array<Record<string, any>>>;
  /** GraphQL requests received (the server's own record: each is one UrlFetch from the script). */
  graphqlRequests(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The fake GitHub (local/fake/githubModel.ts, through fakeServices.handler.cjs) on a loopback server. Point the script's UrlFetchApp at it with
 * `process.env.LOCAL_FETCH_PROXY = fake.url` around the runs that should reach it.
 */
export async function startFakeGitHub(config: FakeGitHubConfig = {}): Promise<FakeGitHubServer> {
  const server = await startLoopbackServer({ handlerModule: path.join(__dirname, 'fakeServices.handler.cjs') });
  const call = controlCall(server.url, 'fake GitHub');
  const fake: FakeGitHubServer = {
    server,
    url: server.url,
    configure: async (c) => void (await call('POST', '/__fake/config', c)),
    webhooks: async (repository) =>
      (await call('GET', `/__fake/webhooks?repo=${encodeURIComponent(repository)}`)) as Array<{
        event: string;
        at: string;
        payload: Record<string, unknown>;
      }>,
    configureRest: async (c) => void (await call('POST', '/__fake/github-rest', c)),
    hooks: async (repository) => (await call('GET', `/__fake/github-hooks?repo=${encodeURIComponent(repository)}`)) as Array<Record<string, any>>,
    graphqlRequests: async () => (await server.requests()).filter((r) => /\/graphql$/.test(r.path)).length,
    close: () => server.close(),
  };
  await fake.configure(config);
  return fake;
}

/** Runs `work` with the script's outbound HTTP sent to `proxy`. */
export function throughProxy<T>(proxy: string, work: () => T): T {
  const before = process.env['LOCAL_FETCH_PROXY'];
  process.env['LOCAL_FETCH_PROXY'] = proxy;
  try {
    return work();
  } finally {
    if (before === undefined) delete process.env['LOCAL_FETCH_PROXY'];
    else process.env['LOCAL_FETCH_PROXY'] = before;
  }
}

/** Types a value into a `Settings` row, as a person would (the row is found by its key). */
export function setSetting(t: TestApp, key: string, value: string, at?: Date): void {
  const row = t.sheet('Settings').findIndex((r) => r[0] === key) + 1;
  if (row < 1) throw new Error(`Settings has no ${key}`);
  const { results } = t.app.edit(`Settings!B${row}`, value, at);
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`editing ${key}: ${failed.error?.message}`);
}

export function setProperty(t: TestApp, key: string, value: string): void {
  const state = t.state();
  setScriptProperty(state, key, value);
  state.save();
}

/** A built script after setup, with the GitHub webhook's token. */
export async function githubApp(at = new Date('2026-01-05T12:00:00+09:00')): Promise<TestApp & { token: string }> {
  const t = await newApp();
  const setup = t.app.run('setup', { at });
  if (setup.error) throw new Error(`setup failed: ${setup.error.message}`);
  return { ...t, token: t.prop('WEBHOOK_TOKEN_GITHUB') as string };
}

/** The same state, copied: a fresh start for each case without running setup again. */
export async function cloneApp<T extends TestApp>(t: T): Promise<T> {
  const { script, timeZone } = await builtProject();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-clone-'));
  fs.cpSync(t.dir, dir, { recursive: true });
  const logs: string[] = [];
  const app = new LocalApp({ script, stateDir: dir, timeZone, log: (line) => logs.push(line) });
  return {
    ...t,
    app,
    dir,
    logs,
    state: () => app.state(),
    sheet: (name: string) => dumpWorkbook(app.state(), { sheet: name })[name] ?? [],
    prop: (key: string) => getScriptProperty(app.state(), key),
  };
}
