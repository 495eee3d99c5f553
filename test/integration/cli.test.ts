import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../local/project';

/**
 * The command-line contract, exercised as outside checks use it: a child process per command, state in
 * LOCAL_STATE_DIR, JSON on stdout, --stats as one JSON line on stderr.
 */
const CLI = [path.join(ROOT, 'scripts', 'run-ts.mjs'), 'local/cli.ts'];

function cli(stateDir: string, args: string[], input?: string): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOCAL_STATE_DIR: stateDir },
    input: input ?? '',
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

describe('npm run local -- …', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-cli-'));

  test('reset, run setup, props, post with --stats, dump --json, get', () => {
    expect(cli(dir, ['reset']).status).toBe(0);
    const setup = cli(dir, ['run', 'setup', '--at', '2026-01-05T08:00:00+09:00']);
    expect(setup.status).toBe(0);
    expect(JSON.parse(setup.stdout)).toMatchObject({ tokensCreated: ['WEBHOOK_TOKEN_PROGRESS', 'WEBHOOK_TOKEN_GITHUB', 'WEBHOOK_TOKEN_GITLAB'] });

    const token = cli(dir, ['props', 'get', 'WEBHOOK_TOKEN_PROGRESS']).stdout.trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(cli(dir, ['props', 'set', 'EXAMPLE', 'value 1']).status).toBe(0);
    expect(JSON.parse(cli(dir, ['props', 'list']).stdout)).toMatchObject({ EXAMPLE: 'value 1', WEBHOOK_TOKEN_PROGRESS: token });
    expect(cli(dir, ['props', 'get', 'MISSING']).status).toBe(1);

    const body = JSON.stringify({
      overall_progress: 72,
      task_completion_rate: 0.85,
      quality_score: 4.2,
      team_satisfaction: 4,
      blockers_count: 2,
      avg_review_time: 5.5,
      deploy_success_rate: 0.95,
    });
    const post = cli(dir, ['post', `source=progress&token=${token}`, '-', '--at', '2026-01-05T18:00:00+09:00', '--stats'], body);
    expect(post.status).toBe(0);
    expect(JSON.parse(post.stdout)).toEqual({ ok: true, date: '2026-01-05', action: 'created' });
    const stats = JSON.parse(post.stderr.trim().split('\n').pop() as string) as { calls: Record<string, Record<string, number>>; modeledMs: number };
    expect(Object.values(stats.calls['SpreadsheetApp'] ?? {}).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3);
    expect(stats.modeledMs).toBeGreaterThanOrEqual(800);

    const dump = JSON.parse(cli(dir, ['dump', '--json']).stdout) as Record<string, unknown[][]>;
    // The data columns; the derived formula columns follow them (test/integration/sheetFormulas.test.ts).
    expect(dump['KPI Tracking']?.[1]?.slice(0, 8)).toEqual(['2026-01-05', 0.72, 0.85, 4.2, 4, 2, 5.5, 0.95]);
    expect(Object.keys(JSON.parse(cli(dir, ['dump', 'KPI Tracking', '--json']).stdout))).toEqual(['KPI Tracking']);

    expect(JSON.parse(cli(dir, ['get', 'action=health']).stdout)).toMatchObject({ ok: true, app: 'shinchoku' });
    // The safety net, and the wakes setup and the post armed (the next due minute, and soon after the post).
    const triggers = JSON.parse(cli(dir, ['triggers']).stdout) as Array<{ handlerFunction: string; schedule: string }>;
    expect(triggers.filter((x) => x.handlerFunction !== 'dispatchWake')).toEqual([
      expect.objectContaining({ handlerFunction: 'dispatch', type: 'CLOCK', schedule: 'every 10 minutes' }),
    ]);
    expect(triggers.filter((x) => x.handlerFunction === 'dispatchWake').every((x) => x.schedule.startsWith('once at '))).toBe(true);
    expect(JSON.parse(cli(dir, ['mail', '--json']).stdout)).toEqual([]);
  });

  test('onOpen adds the menu, shown by ui --json', () => {
    expect(cli(dir, ['run', 'onOpen']).status).toBe(0);
    const ui = JSON.parse(cli(dir, ['ui', '--json']).stdout);
    expect(ui.menus[0].name).toBe('進捗管理');
    expect(ui.menus[0].items[0]).toEqual({ caption: 'セットアップ…', functionName: 'openSetup' });
  });

  test('edit types into a cell as a person would', () => {
    expect(cli(dir, ['edit', 'KPI Tracking!D2', '3.5']).status).toBe(0);
    const dump = JSON.parse(cli(dir, ['dump', 'KPI Tracking', '--json']).stdout) as Record<string, unknown[][]>;
    expect(dump['KPI Tracking']?.[1]?.[3]).toBe(3.5);
  });

  test('mistakes are said plainly with exit code 2', () => {
    const unknown = cli(dir, ['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(cli(dir, ['run', 'setup', '--at', 'yesterday']).stderr).toContain('--at must be an ISO-8601 date-time');
    const missing = cli(dir, ['run', 'noSuchFunction']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Script function not found: noSuchFunction');
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-cli-empty-'));
    expect(cli(path.join(fresh, 'nothing'), ['dump']).stderr).toContain('run "npm run local -- reset"');
  });

  test('export writes an xlsx workbook', () => {
    const file = path.join(dir, 'out.xlsx');
    expect(cli(dir, ['export', file]).status).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  test("serve answers /exec with Apps Script's redirect and shows the workbook at /", async () => {
    const port = 18000 + Math.floor(Math.random() * 2000);
    const child = spawn(process.execPath, [...CLI, 'serve', '--port', String(port)], { cwd: ROOT, env: { ...process.env, LOCAL_STATE_DIR: dir } });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('/exec') && resolve());
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const first = await request(port, 'GET', '/exec?action=health');
      expect(first.status).toBe(302);
      const location = new URL(first.headers.location as string);
      const followed = await request(port, 'GET', location.pathname + location.search);
      expect(followed.status).toBe(200);
      expect(JSON.parse(followed.body)).toMatchObject({ ok: true, app: 'shinchoku' });
      const page = await request(port, 'GET', '/');
      expect(page.body).toContain('KPI Tracking');
    } finally {
      child.kill();
    }
  });
});

function request(
  port: number,
  method: string,
  pathname: string,
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
