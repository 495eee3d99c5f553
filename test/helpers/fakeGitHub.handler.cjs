'use strict';
// A fake GitHub for test/helpers/loopbackServer.ts (`handlerModule`): GraphQL at /graphql (api.github.com) and
// /api/graphql (GitHub Enterprise Server), answered by local/fake/githubModel.ts — GitHub's real schema,
// pagination, rate-limit headers and errors — compiled here on load, since the server's worker thread runs
// plain CommonJS. Tests drive it over HTTP:
//   POST /__fake/config   {repos: [FakeRepoSpec…], remaining, resetAt, secondaryAfter, retryAfterSeconds, token}
//   GET  /__fake/webhooks?repo=owner/name   the deliveries GitHub would have sent for that history
//   GET  /__fake/queries                    the GraphQL queries received
const path = require('node:path');
const esbuild = require('esbuild');

function loadModel() {
  const result = esbuild.buildSync({
    entryPoints: [path.join(__dirname, '..', '..', 'local', 'fake', 'githubModel.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  // The bundle is CommonJS for Node: evaluate it with this file's require, so `graphql` resolves as usual.
  new Function('module', 'exports', 'require', '__dirname', result.outputFiles[0].text)(
    module,
    module.exports,
    require,
    path.join(__dirname, '..', '..', 'local', 'fake'),
  );
  return module.exports;
}

const { FakeGitHub } = loadModel();
const fake = new FakeGitHub();

exports.handle = (req) => {
  if (req.path === '/__fake/config' && req.method === 'POST') {
    fake.configure(JSON.parse(req.body || '{}'));
    return { status: 200, body: { ok: true } };
  }
  if (req.path === '/__fake/webhooks' && req.method === 'GET') return { status: 200, body: fake.webhooks(req.query.repo || '') };
  if (req.path === '/__fake/queries' && req.method === 'GET') return { status: 200, body: fake.queries };
  if (req.path === '/graphql' || req.path === '/api/graphql') {
    const answer = fake.graphql(req.method, req.headers.authorization, req.body);
    return { status: answer.status, headers: answer.headers, body: answer.body };
  }
  return undefined;
};
