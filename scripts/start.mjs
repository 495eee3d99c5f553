#!/usr/bin/env node
// `npm start`: build, create the demo team if there is no local state yet, and serve the web app on
// http://localhost:8787 (PORT overrides) with time-driven triggers on the real clock.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCode } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  await buildCode({ check: true });
} catch (error) {
  process.stderr.write(`build failed: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
}
const child = spawn(process.execPath, [path.join(root, 'scripts', 'run-ts.mjs'), 'local/cli.ts', 'start', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
