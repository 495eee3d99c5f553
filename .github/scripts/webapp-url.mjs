#!/usr/bin/env node
// Reads `clasp list-deployments` on stdin and prints `url=<the web app's /exec URL>` for $GITHUB_OUTPUT: the
// deployment `npm run deploy` keeps updating in place, found the way it finds it (scripts/deploy.mjs).
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { parseDeployments, pickDeployment, DEPLOYMENT_DESCRIPTION } = await import(pathToFileURL(path.join(root, 'scripts', 'deploy.mjs')).href);

let listing = '';
for await (const chunk of process.stdin) listing += chunk;
const deployment = pickDeployment(parseDeployments(listing));
if (!deployment) {
  process.stderr.write(`webapp-url: no deployment described "${DEPLOYMENT_DESCRIPTION}" in:\n${listing}\n`);
  process.exit(1);
}
process.stdout.write(`url=https://script.google.com/macros/s/${deployment.id}/exec\n`);
