import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { Miniflare } from 'miniflare';
import { serve } from '../../local/serve';
import { builtProject } from './app';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The gateway as it ships: wrangler's own bundle (`wrangler deploy --dry-run --outdir`), run by miniflare in workerd
 * with the bindings wrangler.toml declares, in front of the local web app that `npm start` serves.
 */
let bundled: string | null = null;
export function bundleGateway(): string {
  if (bundled && fs.existsSync(bundled)) return bundled;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-gateway-'));
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      outDir,
      '--config',
      'gateway/wrangler.toml',
    ],
    { cwd: ROOT, stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' } },
  );
  bundled = path.join(outDir, 'index.js');
  return bundled;
}

/** The verification functions alone, bundled into a probe Worker, to run the vendors' documented (old) examples at their own time. */
async function probeSource(): Promise<string> {
  const result = await esbuild.build({
    stdin: {
      contents: `
        import { verifySlack, verifyGitHub, verifyDiscord } from './gateway/src/verify';
        export default {
          async fetch(request) {
            const { kind, args } = await request.json();
            const fn = { slack: verifySlack, github: verifyGitHub, discord: verifyDiscord }[kind];
            return Response.json(await fn(...args));
          },
        };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface GatewaySecrets {
  SLACK_SIGNING_SECRET: string;
  GITHUB_WEBHOOK_SECRET: string;
  GITLAB_WEBHOOK_TOKEN: string;
  DISCORD_PUBLIC_KEY: string;
  DISCORD_APPLICATION_ID: string;
  GATEWAY_SECRET: string;
}

export interface RunningGateway {
  fetch(
    pathname: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: string; headers: Headers }>;
  probe(kind: 'slack' | 'github' | 'discord', args: unknown[]): Promise<{ ok: boolean; reason?: string }>;
  webAppUrl: string;
  close(): Promise<void>;
}

/** `webAppUrl`: a web app of the test's own (a slow or failing one) instead of the local one; `vars`: more bindings. */
export async function startGateway(
  stateDir: string,
  secrets: GatewaySecrets,
  limit = 60,
  options: { webAppUrl?: string; vars?: Record<string, string> } = {},
): Promise<RunningGateway> {
  const scriptPath = bundleGateway();
  const server: http.Server | null = options.webAppUrl
    ? null
    : await serve({ project: await builtProject(), stateDir, port: 0, log: () => undefined, quiet: true });
  const address = server?.address();
  const webAppUrl = options.webAppUrl ?? `http://localhost:${typeof address === 'object' && address ? address.port : 0}/exec`;
  const mf = new Miniflare({
    // No request.cf from Cloudflare's API: the machine is offline, and the gateway does not read it.
    cf: false,
    workers: [
      {
        name: 'gateway',
        modules: true,
        modulesRoot: path.dirname(scriptPath),
        scriptPath,
        compatibilityDate: '2026-04-01',
        bindings: { ...secrets, WEB_APP_URL: webAppUrl, LANGUAGE: 'ja', ...options.vars },
        ratelimits: { SENDER_LIMIT: { simple: { limit, period: 60 } } },
      },
      { name: 'probe', modules: [{ type: 'ESModule', path: 'probe.mjs', contents: await probeSource() }], compatibilityDate: '2026-04-01' },
    ],
  });
  await mf.ready;
  const probe = await mf.getWorker('probe');
  return {
    webAppUrl,
    async fetch(pathname, init = {}) {
      const response = await mf.dispatchFetch(`http://gateway.test${pathname}`, {
        method: init.method ?? 'POST',
        headers: init.headers ?? {},
        body: init.body ?? null,
      });
      return { status: response.status, body: await response.text(), headers: response.headers as unknown as Headers };
    },
    async probe(kind, args) {
      const response = await probe.fetch('http://probe.test/', { method: 'POST', body: JSON.stringify({ kind, args }) });
      return (await response.json()) as { ok: boolean; reason?: string };
    },
    async close() {
      await mf.dispose();
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An Ed25519 key pair as Discord's developer portal shows the public key (64 hex characters). */
export function discordKeys(): { publicKeyHex: string; sign: (timestamp: string, body: string) => string } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKeyHex: der.subarray(der.length - 32).toString('hex'),
    sign: (timestamp, body) => crypto.sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

export const hmacHex = (secret: string, message: string) => crypto.createHmac('sha256', secret).update(message).digest('hex');
