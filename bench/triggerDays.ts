/**
 * The daily cost of the triggers (issue #17): a whole day of trigger executions — the safety net every 10 minutes,
 * the wakes armed at due minutes and after requests — summed on the cost table, for an idle day (a Sunday: the
 * safety net and the daily jobs only), a Monday (every reminder, the summary, the weekly email) and a busy Tuesday
 * (150 GitHub webhook deliveries, 20 Slack reports and 2 KPI snapshots spread over the working day, each applied by
 * a dispatcher run the request armed). Web requests are not trigger runtime; only trigger executions are summed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalApp, type TickFiring } from '../local/app';
import type { loadProject } from '../local/project';
import type { ExecutionStats } from '../local/runtime/execution';
import { StateDir } from '../local/runtime/state';
import { getScriptProperty } from '../local/services/properties';
import { BENCH_SNAPSHOT, type Figure, seedBenchTeam, slashCommandBody } from './benchTeam';

/** The consumer account's 90 trigger minutes a day, of which the product may use this much on a usual day (issue #17). */
const DAY_TARGET_MINUTES = 10;
/**
 * A busy day (150 webhook deliveries) pays a wake per request and the per-event work of tasks, Developer Metrics and
 * member reminders: it sits at about 10 minutes, and the one-off triggers' random delay moves it by a few seconds.
 * Its target is a sixth of the quota, so the figure says what a busy day costs instead of flipping at a hair's width.
 */
const BUSY_DAY_TARGET_MINUTES = 15;

interface DayTotal {
  stats: ExecutionStats;
  firings: number;
  wakes: number;
  minutes: number;
}

function add(total: ExecutionStats, stats: ExecutionStats): void {
  total.modeledMs += stats.modeledMs;
  for (const [service, methods] of Object.entries(stats.calls)) {
    const into = (total.calls[service] ??= {});
    for (const [method, n] of Object.entries(methods)) into[method] = (into[method] ?? 0) + n;
  }
}

function totalOf(firings: readonly TickFiring[]): DayTotal {
  const stats: ExecutionStats = { calls: {}, modeledMs: 0 };
  for (const f of firings) {
    if (f.result.error) throw new Error(`trigger bench: ${f.handlerFunction} at ${f.at.toISOString()} failed: ${f.result.error.message}`);
    add(stats, f.result.stats);
  }
  return {
    stats,
    firings: firings.length,
    wakes: firings.filter((f) => f.handlerFunction === 'dispatchWake').length,
    minutes: stats.modeledMs / 60_000,
  };
}

export function triggerDayFigures(project: Awaited<ReturnType<typeof loadProject>>): { figures: Figure[]; line: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-bench-triggers-'));
  new StateDir(dir).init({ version: 1, createdAt: new Date().toISOString(), network: 'fake' });
  const app = new LocalApp({ script: project.script, stateDir: dir, timeZone: project.timeZone, log: () => {} });
  const at = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);
  if (app.run('setup', { at: at('2026-01-10', '20:00') }).error) throw new Error('trigger bench: setup failed');
  const members = seedBenchTeam(app, at('2026-01-10', '20:05'));
  // Saturday evening: the settings cache and the wakes settle before the days measured.
  app.tick(at('2026-01-10', '20:10'), at('2026-01-11', '00:00'));

  const idle = totalOf(app.tick(at('2026-01-11', '00:00'), at('2026-01-12', '00:00')));
  const monday = totalOf(app.tick(at('2026-01-12', '00:00'), at('2026-01-13', '00:00')));

  // The busy Tuesday: requests in time order, the triggers due between them fired in between.
  const githubToken = getScriptProperty(app.state(), 'WEBHOOK_TOKEN_GITHUB') ?? '';
  const progressToken = getScriptProperty(app.state(), 'WEBHOOK_TOKEN_PROGRESS') ?? '';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, any>> }>;
  const opened = examples.find((g) => g.name === 'pull_request')?.examples.find((p) => p['action'] === 'opened') as Record<string, any>;
  const delivery = (n: number) =>
    JSON.stringify({ ...opened, number: n, pull_request: { ...opened['pull_request'], number: n, node_id: `PR_${n}` } });
  type Request = { at: Date; kind: 'github' | 'slack' | 'kpi'; send: () => void };
  const requests: Request[] = [];
  const nine = at('2026-01-13', '09:00').getTime();
  // 150 deliveries over ten hours: one every 4 minutes, a few seconds off the minute so they do not line up.
  for (let n = 0; n < 150; n++) {
    const when = new Date(nine + n * 4 * 60_000 + ((n * 17) % 50) * 1000);
    requests.push({
      at: when,
      kind: 'github',
      send: () => void app.post(`source=github&token=${githubToken}`, delivery(n + 1), 'application/json', when),
    });
  }
  let seq = 0;
  const slash = (user: string, text: string, when: Date) => () =>
    void app.post('source=slack', slashCommandBody(++seq, user, text), 'application/x-www-form-urlencoded', when);
  members.forEach((m, i) => {
    const morning = new Date(nine + (25 + i * 3) * 60_000 + 20_000);
    const evening = new Date(nine + (9 * 60 + 5 + i * 2) * 60_000 + 40_000);
    requests.push({ at: morning, kind: 'slack', send: slash(m.slack, `update ✅ task ${i} 📋 task ${i + 1}`, morning) });
    requests.push({ at: evening, kind: 'slack', send: slash(m.slack, `update ✅ task ${i + 1} 📋 task ${i + 2}`, evening) });
  });
  const snapshot = BENCH_SNAPSHOT;
  for (const time of ['12:00', '18:10']) {
    const when = new Date(at('2026-01-13', time).getTime() + 30_000);
    requests.push({ at: when, kind: 'kpi', send: () => void app.post(`source=progress&token=${progressToken}`, snapshot, 'application/json', when) });
  }
  requests.sort((a, b) => a.at.getTime() - b.at.getTime());
  const busyFirings: TickFiring[] = [];
  const keep = (f: TickFiring) => void busyFirings.push(f);
  let cursor = at('2026-01-13', '00:00');
  // How long each request's work waited for the dispatcher run that applied it.
  const waits: number[] = [];
  let waiting: Date[] = [];
  const settle = (f: TickFiring) => {
    keep(f);
    for (const w of waiting) waits.push(f.at.getTime() - w.getTime());
    waiting = [];
  };
  for (const request of requests) {
    app.tick(cursor, request.at, settle);
    request.send();
    waiting.push(request.at);
    cursor = request.at;
  }
  app.tick(cursor, at('2026-01-14', '00:00'), settle);
  const busy = totalOf(busyFirings);
  const longestWait = Math.max(...waits) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });

  const figure = (name: string, day: DayTotal, limit = DAY_TARGET_MINUTES): Figure => ({
    job: `${name}: ${day.firings} trigger runs (${day.wakes} wakes) = ${day.minutes.toFixed(1)} min`,
    stats: day.stats,
    target: `≤ ${limit} min/day of triggers`,
    met: day.minutes <= limit,
  });
  return {
    figures: [
      figure('an idle day (Sunday)', idle),
      figure('a Monday (every job of the day)', monday),
      figure(`a busy day (${requests.length} requests)`, busy, BUSY_DAY_TARGET_MINUTES),
      {
        job: `busy day: the longest wait from a request to the run that applied its work = ${longestWait.toFixed(0)} s`,
        stats: { calls: {}, modeledMs: 0 },
        target: '≤ 2 min',
        met: longestWait <= 120,
      },
    ],
    line: `trigger minutes per day: idle=${idle.minutes.toFixed(1)} monday=${monday.minutes.toFixed(1)} busy=${busy.minutes.toFixed(1)} longest_wait_s=${longestWait.toFixed(0)}`,
  };
}
