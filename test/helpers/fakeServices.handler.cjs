'use strict';
// The loopback server's handler module (see loopbackServer.ts): the local runtime's own fake Slack, Discord and
// GitHub (local/fake/loopback.ts). The server's worker thread runs plain CommonJS, so the TypeScript is bundled here
// on load, its packages (graphql, @discordjs/builders) left to this file's require.
const path = require('node:path');
const esbuild = require('esbuild');

const fakeDir = path.join(__dirname, '..', '..', 'local', 'fake');
const result = esbuild.buildSync({
  entryPoints: [path.join(fakeDir, 'loopback.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  write: false,
  logLevel: 'silent',
});
const bundled = { exports: {} };
new Function('module', 'exports', 'require', '__dirname', result.outputFiles[0].text)(bundled, bundled.exports, require, fakeDir);

const fake = bundled.exports.createLoopbackFake();
exports.handle = (req) => fake.handle(req);
