#!/usr/bin/env node
// `npm run deploy`: build, `clasp push -f`, then point the web app deployment at a new version — the same
// deployment id every release, so the URLs given to GitHub and Slack never change.
//
//   npm run deploy                          push and update (or, the first time, create) the web app deployment
//   npm run deploy -- --script-id <ID>      first time: use an existing sheet's script (Extensions ▸ Apps Script ▸
//                                           Project Settings ▸ Script ID); writes .clasp.json after asking, since
//                                           the push replaces all code of that project (--yes answers for you)
//   npm run deploy -- --create "<title>"    first time: create a new spreadsheet with a bound script
//   npm run deploy -- --dry-run             change nothing: print every command it would run, and why
//   npm run deploy -- --no-check            skip the type check (CI has just run it in npm test)
//
// A project holds at most 200 versions and neither clasp nor the API can delete one, so a version is made only
// when the bundle changed: each version's description carries the bundle's digest, and a deploy whose digest is
// the deployed version's does nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEPLOYMENT_DESCRIPTION = 'shinchoku web app';
/** Apps Script's cap on versions per project (developers.google.com/apps-script/guides/versions). */
export const MAX_VERSIONS = 200;
/** From here on every deploy says how many versions are left and how to remove old ones. */
export const WARN_VERSIONS = 180;

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

/** What clasp pushes (build/ less .claspignore's exclusions), as one digest: the same bundle, the same digest. */
export function bundleDigest(dir) {
  const hash = createHash('sha256');
  const files = fs
    .readdirSync(dir)
    .filter((name) => name === 'Code.js' || name === 'appsscript.json' || name.endsWith('.html'))
    .sort();
  for (const name of files)
    hash
      .update(`${name}\0`)
      .update(fs.readFileSync(path.join(dir, name)))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

export const versionDescription = (packageVersion, digest) => `shinchoku ${packageVersion} bundle ${digest}`;

/**
 * Decides what a deploy does, from `clasp list-versions --json` and `list-deployments --json`: nothing when the
 * deployment already runs this bundle; otherwise a new version, refused at the cap (a push would succeed and the
 * version fail, leaving HEAD and the deployment apart).
 */
export function planDeploy({ versions, deployments, digest }) {
  const deployment = pickJsonDeployment(deployments);
  const deployed = deployment ? versions.find((v) => v.versionNumber === deployment.versionNumber) : undefined;
  const count = versions.length;
  const notes = [];
  if (deployed && (deployed.description ?? '').endsWith(`bundle ${digest}`)) {
    return { action: 'unchanged', deployment, version: deployed.versionNumber, notes };
  }
  if (count >= MAX_VERSIONS) {
    return {
      action: 'refused',
      deployment,
      notes: [`the project has ${count} versions, Apps Script's limit: delete old ones first (${HOW_TO_DELETE_VERSIONS})`],
    };
  }
  if (count + 1 >= WARN_VERSIONS) {
    notes.push(`${count + 1} of ${MAX_VERSIONS} versions used after this deploy: delete old ones soon (${HOW_TO_DELETE_VERSIONS})`);
  }
  return { action: deployment ? 'update' : 'create', deployment, notes };
}

const HOW_TO_DELETE_VERSIONS =
  'Apps Script editor ▸ Project history: select old versions ▸ Delete; a version an active deployment uses cannot be deleted';

function claspBin() {
  // Tests put a recording stand-in here; everyone else runs the clasp of node_modules.
  return process.env.SHINCHOKU_CLASP || path.join(root, 'node_modules', '.bin', 'clasp');
}

function fail(message) {
  process.stderr.write(`deploy: ${message}\n`);
  process.exit(1);
}

const quote = (arg) => (/^[\w@./:-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`);

async function confirm(question) {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

async function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const out = (line) => process.stdout.write(`${line}\n`);
  const value = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  /** Runs clasp, or in a dry run prints the command (and the placeholder answer the next steps use). */
  const clasp = (args, { json = false } = {}) => {
    if (dryRun) {
      out(`would run: clasp ${args.map(quote).join(' ')}`);
      return null;
    }
    const text = execFileSync(claspBin(), args, { cwd: root, encoding: 'utf8', stdio: ['ignore', json ? 'pipe' : 'inherit', 'inherit'] }) ?? '';
    return json ? JSON.parse(text) : text;
  };

  // clasp itself reads the project file from clasp_config_project when set; so does this script.
  const projectFile = process.env.clasp_config_project || path.join(root, '.clasp.json');
  const project = fs.existsSync(projectFile) ? JSON.parse(fs.readFileSync(projectFile, 'utf8')) : { rootDir: 'build' };
  if (dryRun) out('Dry run: nothing is pushed, deployed or written; these are the steps a deploy would take.');
  else if (!fs.existsSync(path.join(os.homedir(), '.clasprc.json')) && !process.env.clasp_config_auth) {
    fail('clasp is not logged in: run "npx clasp login" first (it opens a browser to authorize clasp with your Google account)');
  }

  const scriptId = value('--script-id');
  const title = value('--create');
  if (scriptId) {
    if (!/^[A-Za-z0-9_-]{20,}$/.test(scriptId)) fail(`"${scriptId}" does not look like a script id (Project Settings ▸ IDs ▸ Script ID)`);
    out(
      `Script ${scriptId}: the push replaces ALL code of that Apps Script project with shinchoku's (files not in build/ are deleted).` +
        (project.scriptId && project.scriptId !== scriptId ? ` .clasp.json named script ${project.scriptId} until now.` : ''),
    );
    if (dryRun) out(`would write .clasp.json: ${JSON.stringify({ ...project, scriptId, rootDir: 'build' })}`);
    else {
      const agreed = argv.includes('--yes') || (await confirm('Replace its code? Type "yes" to go on: '));
      if (!agreed) fail('not confirmed: nothing was changed (run it in a terminal and answer "yes", or add --yes)');
      project.scriptId = scriptId;
      fs.writeFileSync(projectFile, `${JSON.stringify({ ...project, rootDir: 'build' }, null, 2)}\n`);
    }
  } else if (title) {
    if (project.scriptId) fail(`.clasp.json already names script ${project.scriptId}; remove its scriptId to create a new sheet`);
    if (dryRun) out('would remove .clasp.json (clasp create-script writes a new one)');
    else fs.rmSync(projectFile, { force: true });
    clasp(['create-script', '--type', 'sheets', '--title', title, '--rootDir', 'build']);
  } else if (!project.scriptId && dryRun) {
    out('No script in .clasp.json yet: a real deploy needs --create "<title>" or --script-id <ID> the first time.');
  } else if (!project.scriptId) {
    fail(
      'no script yet: run "npm run deploy -- --create \\"Team KPI\\"" for a new sheet, or "npm run deploy -- --script-id <ID>" for an existing one',
    );
  }

  // The deployment first: the bundle carries its /exec URL (the script shows it; ScriptApp's own getUrl() is
  // reported to give /dev outside the web app).
  const deployments = clasp(['list-deployments', '--json'], { json: true }) ?? [];
  const existing = pickJsonDeployment(deployments);
  const packageVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  // clasp pushes rootDir relative to the project file; a dry run builds into a temporary folder instead, since it
  // must change no file, build/ included.
  const outDir = dryRun
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-deploy-'))
    : path.resolve(path.dirname(projectFile), project.rootDir || 'build');
  const { buildCode } = await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href);
  const build = async (webAppUrl) => {
    await buildCode({ check: !argv.includes('--no-check'), outDir, quiet: dryRun, webAppUrl });
    const digest = bundleDigest(outDir);
    out(`bundle ${digest} (shinchoku ${packageVersion}${webAppUrl ? `, ${webAppUrl}` : ''})`);
    return digest;
  };
  const digest = await build(existing ? execUrl(existing.deploymentId) : '');

  const versions = clasp(['list-versions', '--json'], { json: true }) ?? [];
  const plan = planDeploy({ versions, deployments, digest });
  for (const note of plan.notes) process.stderr.write(`deploy: ${note}\n`);
  if (plan.action === 'refused') process.exit(1);
  if (plan.action === 'unchanged') {
    out(`Nothing to deploy: "${DEPLOYMENT_DESCRIPTION}" already runs this bundle (version ${plan.version}); no version was made.`);
    out(`Web app URL: ${execUrl(plan.deployment.deploymentId)}`);
    return;
  }

  /** Pushes the built bundle and makes a version of it; returns the version number. */
  const release = (bundle) => {
    clasp(['push', '-f']);
    const created = clasp(['create-version', versionDescription(packageVersion, bundle), '--json'], { json: true });
    return created ? String(created.versionNumber) : '<the new version>';
  };
  const version = release(digest);
  if (plan.deployment) {
    clasp(['update-deployment', plan.deployment.deploymentId, '-V', version, '-d', DEPLOYMENT_DESCRIPTION]);
    finish(plan.deployment.deploymentId, version);
    return;
  }
  const made = clasp(['create-deployment', '-V', version, '-d', DEPLOYMENT_DESCRIPTION, '--json'], { json: true });
  // The first deploy learns its URL only now: a second version carries it, and the same deployment runs that one.
  const id = made ? made.deploymentId : '<the new deployment id>';
  if (dryRun) out(`(once a deployment described "${DEPLOYMENT_DESCRIPTION}" exists, update-deployment <its id> runs instead)`);
  const second = release(await build(execUrl(id)));
  clasp(['update-deployment', id, '-V', second, '-d', DEPLOYMENT_DESCRIPTION]);
  finish(id, second);

  function finish(deploymentId, deployed) {
    if (dryRun) {
      fs.rmSync(outDir, { recursive: true, force: true });
      out('Dry run: nothing was deployed.');
      return;
    }
    out(
      `\nDeployed version ${deployed}. Web app URL: ${execUrl(deploymentId)}\n` +
        'Open the sheet and run 進捗管理 ▸ セットアップ (Progress ▸ Setup) once.',
    );
  }
}

const execUrl = (deploymentId) => `https://script.google.com/macros/s/${deploymentId}/exec`;

/** Ours among `clasp list-deployments --json`'s answer, by description (the @HEAD one has none). */
function pickJsonDeployment(deployments) {
  return deployments.find((d) => d.description === DEPLOYMENT_DESCRIPTION && d.versionNumber) ?? null;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => fail(error && error.message ? error.message : String(error)));
}
