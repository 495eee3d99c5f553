#!/usr/bin/env node
// Runs a TypeScript entry of the Node side (the local runtime's CLI, the benchmark) by bundling it with
// esbuild into out/ and loading that. Packages stay external, resolved from node_modules as usual.
//   node scripts/run-ts.mjs local/cli.ts [args…]
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
const outfile = path.join(root, 'out', `${path.basename(entry, '.ts')}.cjs`);
await esbuild.build({
  entryPoints: [path.resolve(root, entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'error',
});
process.argv = [process.argv[0], outfile, ...args];
createRequire(import.meta.url)(outfile);
