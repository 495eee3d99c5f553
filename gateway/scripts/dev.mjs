#!/usr/bin/env node
// `npm run gateway:dev`: the gateway in workerd (wrangler dev) on http://localhost:8788, in front of the web app
// that `npm start` serves on http://localhost:8787 (PORT overrides it). Secrets come from gateway/.dev.vars
// (wrangler's own file, git-ignored; gateway/README.md shows one); its GATEWAY_SECRET must match the local
// script's (npm run local -- props set GATEWAY_SECRET …).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webPort = process.env.PORT || '8787';
const port = process.env.GATEWAY_PORT || '8788';
if (!fs.existsSync(path.join(root, 'gateway', '.dev.vars'))) {
  process.stderr.write('gateway:dev: no gateway/.dev.vars yet; the gateway answers 503 until its secrets are there (see gateway/README.md)\n');
}
const wrangler = path.join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const args = [
  'dev',
  '--config',
  'gateway/wrangler.toml',
  '--port',
  port,
  '--var',
  `WEB_APP_URL:http://localhost:${webPort}/exec`,
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, [wrangler, ...args], { stdio: 'inherit', cwd: root, env: { WRANGLER_SEND_METRICS: 'false', ...process.env } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
