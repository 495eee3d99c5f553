import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serve } from '../../local/serve';
import { builtProject } from '../helpers/app';
import { cloneApp, githubApp } from '../helpers/fakeGitHub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const published = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
const WORKFLOW = path.join(__dirname, '..', '..', 'examples', 'github-actions', 'shinchoku.yml');
const text = fs.readFileSync(WORKFLOW, 'utf8');

/** The step's shell script, as GitHub Actions runs it: the block under `run: |`, dedented. */
function runScript(): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*run: \|\s*$/.test(l));
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !/^ {10}/.test(line)) break;
    body.push(line.slice(10));
  }
  return body.join('\n');
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** As GitHub Actions runs a `run:` step: `bash --noprofile --norc -eo pipefail <file>`, in a clean home. */
function runStep(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-runner-'));
  const file = path.join(home, 'step.sh');
  fs.writeFileSync(file, runScript());
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', file],
      { env: { PATH: process.env['PATH'] ?? '', HOME: home, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('examples/github-actions/shinchoku.yml', () => {
  test('it listens to every event the web app records, and follows the redirect the way Apps Script needs', () => {
    for (const event of ['push', 'pull_request_target', 'pull_request_review', 'issues', 'deployment_status', 'workflow_run']) {
      expect(text).toMatch(new RegExp(`^  ${event}:`, 'm'));
    }
    expect(text).toContain('secrets.SHINCHOKU_WEBHOOK_URL');
    const script = runScript();
    expect(script).toContain('--location');
    // A 302 must be followed with GET: forcing the method would POST to the redirect target.
    expect(script).not.toMatch(/-X\s|--request\s|--post30[123]/);
  });

  test('its step posts real payloads to the web app (local serve: doPost, then a 302 to the answer) and they are recorded', async () => {
    const t = await cloneApp(await githubApp());
    const port = await freePort();
    const server: http.Server = await serve({ project: await builtProject(), stateDir: t.dir, port, log: () => {}, quiet: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-actions-'));
    try {
      const cases: Array<[string, string]> = [
        ['pull_request_target', 'pull_request'],
        ['pull_request_review', 'pull_request_review'],
        ['push', 'push'],
        ['issues', 'issues'],
        ['deployment_status', 'deployment_status'],
        ['workflow_run', 'workflow_run'],
      ];
      for (const [actionsEvent, webhookEvent] of cases) {
        const payload = published.find((g) => g.name === webhookEvent)?.examples[0];
        const file = path.join(dir, `${actionsEvent}.json`);
        fs.writeFileSync(file, JSON.stringify(payload));
        const result = await runStep({
          GITHUB_EVENT_PATH: file,
          EVENT_NAME: actionsEvent,
          SHINCHOKU_WEBHOOK_URL: `http://localhost:${port}/exec?source=github&token=${t.token}`,
        });
        expect({ actionsEvent, code: result.code, stderr: result.stderr }).toEqual({ actionsEvent, code: 0, stderr: '' });
        expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, event: webhookEvent, recorded: true });
      }
      expect(
        t
          .sheet('GitHub Events')
          .slice(1)
          .map((r) => r[1]),
      ).toEqual(cases.map(([, e]) => e));

      const refused = await runStep({
        GITHUB_EVENT_PATH: path.join(dir, 'push.json'),
        EVENT_NAME: 'push',
        SHINCHOKU_WEBHOOK_URL: `http://localhost:${port}/exec?source=github&token=wrong`,
      });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('::error::shinchoku did not take the event: {"ok":false,"error":"missing or wrong token"}');

      const unset = await runStep({ GITHUB_EVENT_PATH: path.join(dir, 'push.json'), EVENT_NAME: 'push' });
      expect(unset.code).toBe(1);
      expect(unset.stdout).toContain('SHINCHOKU_WEBHOOK_URL');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
