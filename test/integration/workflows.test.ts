import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';

/**
 * The GitHub Actions workflows for forks (.github/workflows), read as GitHub reads them — parsed YAML — and checked
 * for what they must do (triggers, the steps a run needs and their order, the secrets the README documents), not
 * for their wording. The deploy run's shell steps then run for real here — signing clasp in, choosing the script,
 * finding the web app URL, the health check (curl following a redirect, as Apps Script answers) and the Slack
 * report — against servers on loopback.
 */
const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { if?: string; env?: Record<string, string>; steps: Step[] }>;
}

function workflow(file: string): Workflow {
  const text = read(file);
  const doc = parseDocument(text);
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Workflow;
}
const CI = workflow('.github/workflows/ci.yml');
const DEPLOY = workflow('.github/workflows/deploy.yml');
const onlyJob = (w: Workflow) => {
  const jobs = Object.values(w.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
};
const label = (s: Step) => s.name ?? s.uses ?? '';

function step(w: Workflow, name: string): Step & { run: string } {
  const found = onlyJob(w).steps.find((s) => s.name === name);
  if (!found?.run) throw new Error(`no step "${name}" with a run script`);
  return found as Step & { run: string };
}

/** Where the first step doing `what` stands; -1 when none does. */
const indexOf = (w: Workflow, what: (s: Step) => boolean) => onlyJob(w).steps.findIndex(what);
const runs = (pattern: RegExp) => (s: Step) => pattern.test(s.run ?? '');
const uses = (action: string) => (s: Step) => (s.uses ?? '').startsWith(`${action}@`);

/** Runs a step's script with bash -e, as GitHub's runner does, with GITHUB_OUTPUT in a temporary file. */
function runStep(script: string, env: Record<string, string>, cwd: string): { status: number; stdout: string; stderr: string; output: string } {
  const outputFile = path.join(cwd, `output-${Date.now()}-${Math.random()}`);
  fs.writeFileSync(outputFile, '');
  const result = spawnSync('bash', ['-e', '-c', script], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, GITHUB_OUTPUT: outputFile, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, output: fs.readFileSync(outputFile, 'utf8') };
}

describe('the workflows', () => {
  test('read only the repository, use only official actions pinned to a major version, run no container', () => {
    for (const w of [CI, DEPLOY]) {
      expect(w.permissions).toEqual({ contents: 'read' });
      for (const job of Object.values(w.jobs)) {
        expect(job).not.toHaveProperty('container');
        expect(job).not.toHaveProperty('services');
        for (const s of job.steps) if (s.uses) expect(s.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
      }
    }
  });

  test("CI installs from the lock file and runs the README's test command on every push and pull request", () => {
    expect(Object.keys(CI.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const checkout = indexOf(CI, uses('actions/checkout'));
    const node = indexOf(CI, uses('actions/setup-node'));
    const install = indexOf(CI, runs(/^npm ci\b/m));
    const testStep = indexOf(CI, runs(/^npm test$/m));
    expect([checkout, node, install, testStep].every((i) => i >= 0)).toBe(true);
    expect(checkout < install && node < install && install < testStep).toBe(true);
    // The Node version CI uses satisfies package.json's engines.
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
    const major = Number(onlyJob(CI).steps[node]?.with?.['node-version']);
    expect(major).toBeGreaterThanOrEqual(Number(/>=(\d+)/.exec(pkg.engines.node)?.[1]));
    expect(read('README.md')).toContain('npm test');
    expect(pkg.scripts['test']).toBeDefined();
    expect(indexOf(CI, runs(/npm run -s bench/))).toBeGreaterThan(testStep);
  });

  test('Deploy runs only after CI passed on a push to main, on the commit CI tested', () => {
    const trigger = DEPLOY.on['workflow_run'] as { workflows: string[]; types: string[]; branches: string[] };
    expect(trigger).toEqual({ workflows: [CI.name], types: ['completed'], branches: ['main'] });
    const job = onlyJob(DEPLOY);
    expect(job.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(job.if).toContain("github.event.workflow_run.event == 'push'");
    expect(String(job.steps[indexOf(DEPLOY, uses('actions/checkout'))]?.with?.['ref'])).toContain('github.event.workflow_run.head_sha');
  });

  test('Deploy does what a deploy needs, in an order that works', () => {
    const order = [
      'Check the secrets',
      'Install',
      'Sign clasp in',
      'Choose the script',
      'Deploy',
      'Find the web app URL',
      'Check health',
      'Report to Slack',
    ];
    const at = order.map((name) => indexOf(DEPLOY, (s) => s.name === name));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(step(DEPLOY, 'Deploy').run.trim()).toBe(`npm run deploy`);
    expect(JSON.parse(read('package.json')).scripts.deploy).toBe('node scripts/deploy.mjs');
    // Every step after the secrets check is skipped when the fork has none, and the Slack report runs even
    // after a failure (that is when it matters).
    for (const s of onlyJob(DEPLOY).steps.slice(at[0]! + 1))
      expect({ step: label(s), if: s.if }).toEqual({ step: label(s), if: expect.stringContaining("steps.secrets.outputs.ready == 'true'") });
    expect(onlyJob(DEPLOY).steps[at[7]!]?.if).toMatch(/^always\(\)/);
    for (const script of ['webapp-url.mjs', 'report-to-slack.mjs']) expect(fs.existsSync(path.join(ROOT, '.github', 'scripts', script))).toBe(true);
  });

  test('the secrets are the ones the README documents, and reach steps only through env', () => {
    const used = new Set([...read('.github/workflows/deploy.yml').matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]));
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## CI/CD for your fork'));
    const documented = new Set(
      [...section.slice(0, section.indexOf('\n## ', 3)).matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]).filter((name) => used.has(name)),
    );
    expect([...used].sort()).toEqual(['CLASPRC_JSON', 'SCRIPT_ID', 'SLACK_WEBHOOK_URL']);
    expect([...documented].sort()).toEqual([...used].sort());
    expect(read('README.ja.md')).toEqual(expect.stringContaining('CLASPRC_JSON'));
    // An expression pasted into a script could become shell code; steps read env instead.
    for (const w of [CI, DEPLOY])
      for (const s of onlyJob(w).steps)
        expect({ step: label(s), expression: /\$\{\{/.test(s.run ?? '') }).toEqual({ step: label(s), expression: false });
  });
});

describe('the deploy steps, run here', () => {
  let dir: string;
  let server: LoopbackServer;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-workflow-'));
    server = await startLoopbackServer();
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('without CLASPRC_JSON it says so and stops, so a fork that does not deploy stays green', () => {
    const run = runStep(step(DEPLOY, 'Check the secrets').run, { CLASPRC_JSON: '' }, dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('::notice::CLASPRC_JSON is not set');
    expect(run.output).toBe('ready=false\n');
    expect(runStep(step(DEPLOY, 'Check the secrets').run, { CLASPRC_JSON: '{}' }, dir).output).toBe('ready=true\n');
  });

  test('CLASPRC_JSON becomes ~/.clasprc.json, readable by its owner only; anything but JSON is refused', () => {
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    const clasprc = JSON.stringify({ tokens: { default: { client_id: 'x', refresh_token: 'r', type: 'authorized_user' } } });
    const ok = runStep(step(DEPLOY, 'Sign clasp in').run, { HOME: home, CLASPRC_JSON: clasprc }, dir);
    expect(ok.status).toBe(0);
    expect(fs.readFileSync(path.join(home, '.clasprc.json'), 'utf8')).toBe(clasprc);
    expect(fs.statSync(path.join(home, '.clasprc.json')).mode & 0o777).toBe(0o600);
    const bad = runStep(step(DEPLOY, 'Sign clasp in').run, { HOME: home, CLASPRC_JSON: 'clasp login' }, dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('::error::CLASPRC_JSON is not JSON');
    expect(bad.stdout + bad.stderr).not.toContain('clasp login');
  });

  test('the script id: SCRIPT_ID wins, else the committed .clasp.json, else a clear error', () => {
    const work = fs.mkdtempSync(path.join(dir, 'repo-'));
    const choose = step(DEPLOY, 'Choose the script').run;
    expect(runStep(choose, { SCRIPT_ID: '' }, work)).toMatchObject({ status: 1, stdout: expect.stringContaining('::error::No script id') });
    fs.writeFileSync(path.join(work, '.clasp.json'), '{"scriptId": "", "rootDir": "build"}');
    expect(runStep(choose, { SCRIPT_ID: '' }, work).status).toBe(1);
    fs.writeFileSync(path.join(work, '.clasp.json'), '{"scriptId": "1committedScriptId_abcdefghijkl", "rootDir": "build"}');
    expect(runStep(choose, { SCRIPT_ID: '' }, work).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(work, '.clasp.json'), 'utf8')).scriptId).toBe('1committedScriptId_abcdefghijkl');
    expect(runStep(choose, { SCRIPT_ID: '1fromTheSecret_abcdefghijklmnop' }, work).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(work, '.clasp.json'), 'utf8'))).toEqual({
      scriptId: '1fromTheSecret_abcdefghijklmnop',
      rootDir: 'build',
    });
  });

  test('the web app URL is the deployment npm run deploy updates in place', () => {
    const listing = [
      'Found 3 deployments.',
      '- AKfycbHEADxxxxxxxxxxxxxxxxxxxxxxxx @HEAD ',
      '- AKfycbOTHERxxxxxxxxxxxxxxxxxxxxxxx @2 - something else',
      '- AKfycbWEBAPPxxxxxxxxxxxxxxxxxxxxxx @7 - shinchoku web app',
    ].join('\n');
    const script = path.join(ROOT, '.github', 'scripts', 'webapp-url.mjs');
    expect(execFileSync(process.execPath, [script], { input: listing, encoding: 'utf8' })).toBe(
      'url=https://script.google.com/macros/s/AKfycbWEBAPPxxxxxxxxxxxxxxxxxxxxxx/exec\n',
    );
    const none = spawnSync(process.execPath, [script], { input: 'No deployments.', encoding: 'utf8' });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no deployment described "shinchoku web app"');
  });

  test('the health check follows Apps Script\'s redirect and wants "healthy":true', async () => {
    const health = { ok: true, healthy: true, problems: [], app: 'shinchoku', version: '0.1.0', time: '2026-01-05T00:00:00.000Z', jobs: {} };
    const check = step(DEPLOY, 'Check health').run;
    const answer = async (body: unknown) => {
      await server.setRoutes([
        { path: '/macros/s/ID/exec', redirect: `${server.url}/macros/echo?user_content_key=abc` },
        { path: '/macros/echo', body, headers: { 'Content-Type': 'application/json' } },
      ]);
    };
    await answer(health);
    const ok = runStep(check, { WEBAPP_URL: `${server.url}/macros/s/ID/exec` }, dir);
    expect(ok.status).toBe(0);
    expect(ok.output).toBe('healthy=true\n');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'health.json'), 'utf8'))).toEqual(health);
    expect((await server.requests()).map((r) => r.path)).toEqual(['/macros/s/ID/exec', '/macros/echo']);
    expect((await server.requests())[0]?.query).toEqual({ action: 'health' });

    // Answered, but not healthy (the first deploy, before setup): the deploy fails and says what to do.
    await answer({
      ...health,
      healthy: false,
      problems: ['the dispatcher has not run yet: run setup, which installs its trigger, and wait a minute'],
    });
    const unhealthy = runStep(check, { WEBAPP_URL: `${server.url}/macros/s/ID/exec` }, dir);
    expect(unhealthy.status).toBe(1);
    expect(unhealthy.output).toBe('healthy=false\n');
    expect(unhealthy.stdout).toContain('::error::shinchoku answered but is not healthy');
    expect(unhealthy.stdout).toContain('the dispatcher has not run yet');

    await answer({ ok: false, error: 'unknown action' });
    const refused = runStep(check, { WEBAPP_URL: `${server.url}/macros/s/ID/exec` }, dir);
    expect(refused.status).toBe(1);
    expect(refused.output).toBe('healthy=false\n');
    expect(refused.stdout).toContain('::error::');

    // What Apps Script shows when the owner has not authorized the new scopes yet: a page, not JSON.
    await answer('<!DOCTYPE html><html><body>Authorization is required to perform that action.</body></html>');
    expect(runStep(check, { WEBAPP_URL: `${server.url}/macros/s/ID/exec` }, dir).status).toBe(1);
  });

  test("the Slack report says how it went, with the health answer's version, and never prints the webhook URL", async () => {
    await server.setRoutes([{ path: '/services/T0/B0/secret', body: 'ok' }]);
    await server.clear();
    const healthFile = path.join(dir, 'report-health.json');
    fs.writeFileSync(healthFile, JSON.stringify({ ok: true, healthy: false, version: '0.1.0' }));
    const webhook = `${server.url}/services/T0/B0/secret`;
    const script = path.join(ROOT, '.github', 'scripts', 'report-to-slack.mjs');
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      SLACK_WEBHOOK_URL: webhook,
      OUTCOME: 'success',
      COMMIT: '0123456789abcdef',
      WEBAPP_URL: 'https://script.google.com/macros/s/ID/exec',
      RUN_URL: 'https://github.com/acme/shinchoku/actions/runs/1',
    };
    const sent = spawnSync(process.execPath, [script, healthFile], { env, encoding: 'utf8' });
    expect(sent.status).toBe(0);
    expect(sent.stdout + sent.stderr).not.toContain('secret');
    const [request] = await server.requests();
    expect(request?.method).toBe('POST');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      text: ':warning: shinchoku deploy success (0123456) · version 0.1.0, not healthy: see the health answer · <https://script.google.com/macros/s/ID/exec?action=health|health> · <https://github.com/acme/shinchoku/actions/runs/1|run>',
    });

    await server.clear();
    const failed = spawnSync(process.execPath, [script, path.join(dir, 'missing.json')], { env: { ...env, OUTCOME: 'failure' }, encoding: 'utf8' });
    expect(failed.status).toBe(0);
    expect(JSON.parse((await server.requests())[0]?.body ?? '{}').text).toMatch(/^:x: shinchoku deploy failure \(0123456\)/);

    await server.setRoutes([{ path: '/services/T0/B0/secret', status: 404, body: 'no_service' }]);
    const refused = spawnSync(process.execPath, [script, healthFile], { env, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Slack answered HTTP 404: no_service');
    expect(refused.stderr).not.toContain('secret');
  });
});
