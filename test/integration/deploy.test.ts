import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `npm run deploy` (scripts/deploy.mjs) against a stand-in clasp that keeps versions and deployments as the Apps
 * Script API does: a version only when the bundle changed (projects hold at most 200), a warning near the cap and
 * a refusal at it, a dry run that changes nothing, and --script-id asking before it replaces a project's code.
 */
const ROOT = path.join(__dirname, '..', '..');
const DEPLOY = path.join(ROOT, 'scripts', 'deploy.mjs');
const STAND_IN = path.join(ROOT, 'test', 'helpers', 'claspStandIn.mjs');

interface ClaspState {
  calls: string[][];
  versions: { versionNumber: number; description: string }[];
  deployments: { deploymentId: string; versionNumber: number; description: string }[];
  pushes: number;
}

let dir: string;
let home: string;
let stateFile: string;
let projectFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-deploy-test-'));
  home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(home, '.clasprc.json'), '{"tokens":{}}');
  stateFile = path.join(dir, 'clasp-state.json');
  projectFile = path.join(dir, '.clasp.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function deploy(...args: string[]) {
  const run = spawnSync(process.execPath, [DEPLOY, '--no-check', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      SHINCHOKU_CLASP: STAND_IN,
      FAKE_CLASP_STATE: stateFile,
      clasp_config_project: projectFile,
    },
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const state = (): ClaspState => JSON.parse(fs.readFileSync(stateFile, 'utf8')) as ClaspState;
const setState = (s: Omit<ClaspState, 'calls'>) => fs.writeFileSync(stateFile, JSON.stringify({ calls: [], ...s }));
const withScript = () => fs.writeFileSync(projectFile, JSON.stringify({ scriptId: '1existingScriptId_abcdefghijkl', rootDir: 'build' }));
const commands = () => state().calls.map((c) => c[0]);

test('a dry run on a fresh clone changes no file and prints every command it would run', () => {
  const before = fs.statSync(path.join(ROOT, 'build', 'Code.js')).mtimeMs;
  const run = deploy('--dry-run', '--create', 'Team KPI');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('would remove .clasp.json');
  for (const command of [
    'clasp create-script --type sheets --title "Team KPI" --rootDir build',
    'clasp list-deployments --json',
    'clasp list-versions --json',
    'clasp push -f',
    'clasp create-version "shinchoku ',
    'clasp create-deployment -V "<the new version>" -d "shinchoku web app" --json',
    'clasp update-deployment "<the new deployment id>" -V "<the new version>" -d "shinchoku web app"',
  ])
    expect(run.stdout).toContain(`would run: ${command}`);
  expect(run.stdout).toMatch(/Dry run: nothing was deployed\.\n$/);
  expect(run.stdout).not.toContain('Deployed version');
  expect(fs.existsSync(projectFile)).toBe(false);
  expect(fs.existsSync(stateFile)).toBe(false);
  expect(fs.statSync(path.join(ROOT, 'build', 'Code.js')).mtimeMs).toBe(before);
});

const URL0 = 'https://script.google.com/macros/s/AKfycbFAKE0/exec';

test("the first deploy bakes the web app's own /exec URL into the bundle, where clasp pushes it from", () => {
  withScript();
  const first = deploy();
  expect(first.status).toBe(0);
  // The URL is known only once the deployment exists: a second version carries it, on the same deployment.
  expect(commands()).toEqual([
    'list-deployments',
    'list-versions',
    'push',
    'create-version',
    'create-deployment',
    'push',
    'create-version',
    'update-deployment',
  ]);
  expect(state().deployments).toEqual([{ deploymentId: 'AKfycbFAKE0', versionNumber: 2, description: 'shinchoku web app' }]);
  expect(first.stdout).toContain(`Deployed version 2. Web app URL: ${URL0}`);
  // rootDir is read relative to the project file, as clasp reads it: the repository's build/ is not touched.
  expect(fs.readFileSync(path.join(dir, 'build', 'Code.js'), 'utf8')).toContain(JSON.stringify(URL0));
  expect(fs.readFileSync(path.join(ROOT, 'build', 'Code.js'), 'utf8')).not.toContain(URL0);
});

test('a version is made only when the bundle changed, and the deployment keeps its id', () => {
  withScript();
  setState({
    versions: [{ versionNumber: 1, description: 'shinchoku 0.0.9 bundle 000000000000' }],
    deployments: [{ deploymentId: 'AKfycbFAKE0', versionNumber: 1, description: 'shinchoku web app' }],
    pushes: 0,
  });
  const first = deploy();
  expect(first.status).toBe(0);
  expect(commands()).toEqual(['list-deployments', 'list-versions', 'push', 'create-version', 'update-deployment']);
  const version = state().versions[1];
  expect(version?.description).toMatch(/^shinchoku \d+\.\d+\.\d+ bundle [0-9a-f]{12}$/);
  expect(state().deployments).toEqual([{ deploymentId: 'AKfycbFAKE0', versionNumber: 2, description: 'shinchoku web app' }]);
  expect(first.stdout).toContain(`Deployed version 2. Web app URL: ${URL0}`);

  const again = deploy();
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('Nothing to deploy: "shinchoku web app" already runs this bundle (version 2); no version was made.');
  expect(state().versions).toHaveLength(2);
  expect(state().pushes).toBe(1);
  expect(state().calls.at(-1)).toEqual(['list-versions', '--json']);
});

test('near the 200-version cap it warns with how to delete versions; at the cap it refuses before pushing', () => {
  withScript();
  const old = (n: number) => Array.from({ length: n }, (_, i) => ({ versionNumber: i + 1, description: `old ${i + 1}` }));
  setState({ versions: old(185), deployments: [{ deploymentId: 'AKfycbOLD', versionNumber: 185, description: 'shinchoku web app' }], pushes: 0 });
  const near = deploy();
  expect(near.status).toBe(0);
  expect(near.stderr).toContain('186 of 200 versions used after this deploy');
  expect(near.stderr).toContain('Project history');

  setState({ versions: old(200), deployments: [{ deploymentId: 'AKfycbOLD', versionNumber: 200, description: 'shinchoku web app' }], pushes: 0 });
  const full = deploy();
  expect(full.status).toBe(1);
  expect(full.stderr).toContain("the project has 200 versions, Apps Script's limit: delete old ones first");
  expect(commands()).not.toContain('push');
  expect(state().versions).toHaveLength(200);
});

test("--script-id says it replaces that project's code and asks; without an answer nothing changes", () => {
  const id = '1anotherScriptId_abcdefghijklm';
  const refused = deploy('--script-id', id);
  expect(refused.status).toBe(1);
  expect(refused.stdout).toContain(`Script ${id}: the push replaces ALL code of that Apps Script project`);
  expect(refused.stderr).toContain('not confirmed: nothing was changed');
  expect(fs.existsSync(projectFile)).toBe(false);
  expect(fs.existsSync(stateFile)).toBe(false);

  const agreed = deploy('--script-id', id, '--yes');
  expect(agreed.status).toBe(0);
  expect(JSON.parse(fs.readFileSync(projectFile, 'utf8'))).toEqual({ scriptId: id, rootDir: 'build' });
  expect(commands()).toContain('push');
});
