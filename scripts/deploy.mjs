#!/usr/bin/env node
// `npm run deploy`: build, `clasp push -f`, then update the web app deployment in place — the same
// deployment id every release, so the URLs given to GitHub and Slack never change.
//
//   npm run deploy                          push and update (or, the first time, create) the web app deployment
//   npm run deploy -- --script-id <ID>      first time: use an existing sheet's script (Extensions ▸ Apps Script ▸
//                                           Project Settings ▸ Script ID); writes .clasp.json
//   npm run deploy -- --create "<title>"    first time: create a new spreadsheet with a bound script
//   npm run deploy -- --dry-run             print the clasp commands instead of running them
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEPLOYMENT_DESCRIPTION = 'shinchoku web app';

/** Parses `clasp list-deployments` output; the @HEAD deployment is the editor's test URL and cannot be updated. */
export function parseDeployments(text) {
  return text
    .split('\n')
    .map((line) => /^-\s+(\S+)\s+@(\S+)(?:\s+-\s+(.*))?$/.exec(line.trim()))
    .filter(Boolean)
    .map(([, id, version, description]) => ({ id, version, description: (description ?? '').trim() }))
    .filter((d) => d.version !== 'HEAD');
}

/** The deployment to update in place: ours by description, else none (the first deploy creates it). */
export function pickDeployment(deployments) {
  return deployments.find((d) => d.description === DEPLOYMENT_DESCRIPTION) ?? null;
}

function clasp(args, { dryRun, capture = false } = {}) {
  const bin = path.join(root, 'node_modules', '.bin', 'clasp');
  if (dryRun) {
    process.stdout.write(`clasp ${args.join(' ')}\n`);
    return '';
  }
  return execFileSync(bin, args, { cwd: root, encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit' }) ?? '';
}

function fail(message) {
  process.stderr.write(`deploy: ${message}\n`);
  process.exit(1);
}

async function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const value = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const projectFile = path.join(root, '.clasp.json');
  const project = fs.existsSync(projectFile) ? JSON.parse(fs.readFileSync(projectFile, 'utf8')) : { rootDir: 'build' };

  if (!dryRun && !fs.existsSync(path.join(os.homedir(), '.clasprc.json')) && !process.env.clasp_config_auth) {
    fail('clasp is not logged in: run "npx clasp login" first (it opens a browser to authorize clasp with your Google account)');
  }
  const scriptId = value('--script-id');
  const title = value('--create');
  if (scriptId) {
    if (!/^[A-Za-z0-9_-]{20,}$/.test(scriptId)) fail(`"${scriptId}" does not look like a script id (Project Settings ▸ IDs ▸ Script ID)`);
    project.scriptId = scriptId;
    fs.writeFileSync(projectFile, `${JSON.stringify({ ...project, rootDir: 'build' }, null, 2)}\n`);
  } else if (title) {
    if (project.scriptId) fail(`.clasp.json already names script ${project.scriptId}; remove its scriptId to create a new sheet`);
    fs.rmSync(projectFile, { force: true });
    clasp(['create-script', '--type', 'sheets', '--title', title, '--rootDir', 'build'], { dryRun });
  } else if (!project.scriptId) {
    fail(
      'no script yet: run "npm run deploy -- --create \\"Team KPI\\"" for a new sheet, or "npm run deploy -- --script-id <ID>" for an existing one',
    );
  }

  const { buildCode } = await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href);
  await buildCode({ check: true });
  clasp(['push', '-f'], { dryRun });
  const existing = pickDeployment(parseDeployments(clasp(['list-deployments'], { dryRun, capture: true })));
  if (existing) clasp(['update-deployment', existing.id, '-d', DEPLOYMENT_DESCRIPTION], { dryRun });
  else clasp(['create-deployment', '-d', DEPLOYMENT_DESCRIPTION], { dryRun });
  process.stdout.write(
    `\nDeployed. Web app URL: https://script.google.com/macros/s/${existing ? existing.id : '<the new deployment id above>'}/exec\n` +
      'Open the sheet and run 進捗管理 ▸ セットアップ (Progress ▸ Setup) once.\n',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => fail(error && error.message ? error.message : String(error)));
}
