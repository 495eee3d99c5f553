import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';

/**
 * The GitHub Actions workflows for forks (.github/workflows): their shape, checked line by line so they cannot
 * silently rot, and the shell steps of the deploy run for real here — signing clasp in, choosing the script,
 * finding the web app URL, the health check (curl following a redirect, as Apps Script answers) and the Slack
 * report — against servers on loopback.
 */
const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const CI = read('.github/workflows/ci.yml');
const DEPLOY = read('.github/workflows/deploy.yml');

interface Step {
  name: string;
  lines: string[];
  run: string | null;
}

/** The steps of the (only) job: each `- name:` or `- uses:` item, its lines, and its `run` script dedented. */
function steps(workflow: string): Step[] {
  const lines = workflow.split('\n');
  const start = lines.findIndex((l) => /^ {4}steps:$/.test(l));
  expect(start).toBeGreaterThan(0);
  const out: Step[] = [];
  for (let i = start + 1; i < lines.length && (lines[i] === '' || /^ {6}/.test(lines[i] ?? '')); i++) {
    const line = lines[i] ?? '';
    if (/^ {6}- /.test(line)) out.push({ name: /^ {6}- (?:name|uses): (.*)$/.exec(line)?.[1] ?? line.trim(), lines: [line], run: null });
    else out.at(-1)?.lines.push(line);
  }
  for (const step of out) {
    const at = step.lines.findIndex((l) => /^ {8}run: /.test(l));
    if (at < 0) continue;
    const inline = /^ {8}run: (.*)$/.exec(step.lines[at] ?? '')?.[1] ?? '';
    if (inline !== '|') step.run = inline;
    else {
      const body: string[] = [];
      for (const l of step.lines.slice(at + 1)) {
        if (l.trim() !== '' && !/^ {10}/.test(l)) break;
        body.push(l.slice(10));
      }
      step.run = `${body.join('\n').trimEnd()}\n`;
    }
  }
  return out;
}

function step(workflow: string, name: string): Step {
  const found = steps(workflow).find((s) => s.name === name);
  if (!found) throw new Error(`no step "${name}"`);
  return found;
}

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

describe('the workflows, line by line', () => {
  test('no tabs, two-space indentation, actions pinned to a major version, no Docker anywhere', () => {
    for (const text of [CI, DEPLOY]) {
      expect(text).not.toMatch(/\t/);
      for (const line of text.split('\n')) expect((line.length - line.trimStart().length) % 2).toBe(0);
      for (const m of text.matchAll(/uses: (\S+)/g)) expect(m[1]).toMatch(/^actions\/(checkout|setup-node)@v\d+$/);
      const code = text
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .join('\n');
      expect(code).not.toMatch(/docker|container:|services:/i);
      expect(text).toMatch(/^permissions:\n {2}contents: read$/m);
    }
  });

  test('CI runs npm ci and npm test on every push and pull request, with Node 20', () => {
    expect(CI).toMatch(/^name: CI$/m);
    expect(CI).toMatch(/^on:\n {2}push:\n {2}pull_request:\n/m);
    expect(steps(CI).map((s) => s.name)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'Install', 'Test', 'Benchmark']);
    expect(step(CI, 'actions/setup-node@v4').lines.join('\n')).toMatch(/node-version: 20\n\s+cache: npm/);
    expect(step(CI, 'Install').run).toBe('npm ci --no-audit --no-fund');
    expect(step(CI, 'Test').run).toMatch(/\nnpm test\n$/);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
    expect(pkg.scripts['test']).toBeDefined();
    expect(pkg.scripts['bench']).toBeDefined();
    expect(pkg.engines.node).toBe('>=20');
  });

  test('Deploy runs after CI passed on a push to main, with the secrets only in env, in this order', () => {
    expect(DEPLOY).toMatch(/^on:\n {2}workflow_run:\n {4}workflows: \[CI\]\n {4}types: \[completed\]\n {4}branches: \[main\]\n/m);
    expect(DEPLOY).toContain("github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push'");
    expect(DEPLOY).toContain('ref: ${{ github.event.workflow_run.head_sha || github.sha }}');
    expect(steps(DEPLOY).map((s) => s.name)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'Check the secrets',
      'Install',
      'Sign clasp in',
      'Choose the script',
      'Deploy',
      'Find the web app URL',
      'Check health',
      'Report to Slack',
    ]);
    for (const name of ['CLASPRC_JSON', 'SCRIPT_ID', 'SLACK_WEBHOOK_URL'])
      expect(DEPLOY).toMatch(new RegExp(`^ {6}${name}: \\$\\{\\{ secrets\\.${name} \\}\\}$`, 'm'));
    // Expressions are never pasted into a script, where a value could become shell code; steps read env instead.
    for (const s of [...steps(CI), ...steps(DEPLOY)])
      expect({ step: s.name, expression: /\$\{\{/.test(s.run ?? '') }).toEqual({ step: s.name, expression: false });
    expect(step(DEPLOY, 'Deploy').run).toBe('npm run deploy');
    expect(step(DEPLOY, 'Report to Slack').lines.join('\n')).toContain(
      "if: always() && steps.secrets.outputs.ready == 'true' && env.SLACK_WEBHOOK_URL != ''",
    );
    expect(JSON.parse(read('package.json')).scripts.deploy).toBe('node scripts/deploy.mjs');
    for (const script of ['webapp-url.mjs', 'report-to-slack.mjs']) expect(fs.existsSync(path.join(ROOT, '.github', 'scripts', script))).toBe(true);
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
    const run = runStep(step(DEPLOY, 'Check the secrets').run ?? '', { CLASPRC_JSON: '' }, dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('::notice::CLASPRC_JSON is not set');
    expect(run.output).toBe('ready=false\n');
    expect(runStep(step(DEPLOY, 'Check the secrets').run ?? '', { CLASPRC_JSON: '{}' }, dir).output).toBe('ready=true\n');
  });

  test('CLASPRC_JSON becomes ~/.clasprc.json, readable by its owner only; anything but JSON is refused', () => {
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    const clasprc = JSON.stringify({ tokens: { default: { client_id: 'x', refresh_token: 'r', type: 'authorized_user' } } });
    const ok = runStep(step(DEPLOY, 'Sign clasp in').run ?? '', { HOME: home, CLASPRC_JSON: clasprc }, dir);
    expect(ok.status).toBe(0);
    expect(fs.readFileSync(path.join(home, '.clasprc.json'), 'utf8')).toBe(clasprc);
    expect(fs.statSync(path.join(home, '.clasprc.json')).mode & 0o777).toBe(0o600);
    const bad = runStep(step(DEPLOY, 'Sign clasp in').run ?? '', { HOME: home, CLASPRC_JSON: 'clasp login' }, dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('::error::CLASPRC_JSON is not JSON');
    expect(bad.stdout + bad.stderr).not.toContain('clasp login');
  });

  test('the script id: SCRIPT_ID wins, else the committed .clasp.json, else a clear error', () => {
    const work = fs.mkdtempSync(path.join(dir, 'repo-'));
    const choose = step(DEPLOY, 'Choose the script').run ?? '';
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

  test('the health check follows Apps Script\'s redirect and wants "ok":true', async () => {
    const health = { ok: true, healthy: true, app: 'shinchoku', version: '0.1.0', time: '2026-01-05T00:00:00.000Z', jobs: {} };
    const check = step(DEPLOY, 'Check health').run ?? '';
    const answer = async (body: unknown) => {
      await server.setRoutes([
        { path: '/macros/s/ID/exec', redirect: `${server.url}/macros/echo?user_content_key=abc` },
        { path: '/macros/echo', body, headers: { 'Content-Type': 'application/json' } },
      ]);
    };
    await answer(health);
    const ok = runStep(check, { WEBAPP_URL: `${server.url}/macros/s/ID/exec` }, dir);
    expect(ok.status).toBe(0);
    expect(ok.output).toBe('ok=true\n');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'health.json'), 'utf8'))).toEqual(health);
    expect((await server.requests()).map((r) => r.path)).toEqual(['/macros/s/ID/exec', '/macros/echo']);
    expect((await server.requests())[0]?.query).toEqual({ action: 'health' });

    await answer({ ok: false, error: 'unknown action' });
    const refused = runStep(check, { WEBAPP_URL: `${server.url}/macros/s/ID/exec` }, dir);
    expect(refused.status).toBe(1);
    expect(refused.output).toBe('ok=false\n');
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
