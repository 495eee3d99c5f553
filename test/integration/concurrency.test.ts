import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '../../local/serve';
import { builtProject, newApp, type TestApp } from '../helpers/app';
import { runSnippet } from '../helpers/runtime';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const published = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

/**
 * Thirty requests at once through `serve`, as Apps Script runs them: each its own execution in a worker thread,
 * all sharing the workbook. The script's lock (src/platform/lock.ts) is what keeps them from losing or doubling
 * rows; the same traffic with the local LockService made a no-op shows that the check can fail.
 */
const PARALLEL = 30;
/** Fewer suffice to show the race, and each worker thread takes a second to start. */
const WITHOUT_LOCK = 10;
jest.setTimeout(180_000);
const DAY_MS = 86_400_000;

interface Served {
  t: TestApp;
  base: string;
  server: http.Server;
}

/**
 * Every execution rebuilds the local formula engine from the workbook, which in 30 fresh worker threads costs
 * seconds each; the derived formula columns have nothing to do with what is tested here, so they go.
 */
function dropFormulas(t: TestApp): void {
  const code = `function drop() {
    SpreadsheetApp.getActiveSpreadsheet().getSheets().forEach(function (sheet) {
      sheet.getDataRange().getFormulas().forEach(function (row, r) {
        row.forEach(function (formula, c) { if (formula) sheet.getRange(r + 1, c + 1).clearContent(); });
      });
    });
  }`;
  expect(runSnippet(t.state(), code, 'drop').error).toBeUndefined();
}

async function start(withoutLocks: boolean): Promise<Served> {
  const t = await newApp('fake');
  expect(t.app.run('setup').error).toBeUndefined();
  dropFormulas(t);
  const server = await serve({ project: await builtProject(), stateDir: t.dir, port: 0, log: () => {}, quiet: true, withoutLocks });
  return { t, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function stop(s: Served): Promise<void> {
  const closed = new Promise<void>((resolve) => s.server.close(() => resolve()));
  s.server.closeAllConnections();
  return closed;
}

/** A POST to /exec as a webhook sender makes it: the 302 followed to the answer. */
async function post(s: Served, query: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${s.base}/exec?${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

/** Distinct past days, in a scrambled order so that most posts insert somewhere in the middle. */
function kpiDays(count: number): string[] {
  const today = Date.now();
  const days = Array.from({ length: count }, (_, i) => new Date(today - (40 - i) * DAY_MS).toISOString().slice(0, 10));
  return days.map((_, i) => days[(i * 7) % count] as string);
}

function kpiBody(day: string, i: number) {
  return {
    date: day,
    overall_progress: 0.5,
    task_completion_rate: 0.8,
    quality_score: 4,
    team_satisfaction: 4,
    blockers_count: i,
    avg_review_time: 3,
    deploy_success_rate: 0.9,
  };
}

/** Published GitHub deliveries, each arriving twice at the same time (GitHub redelivers; senders retry). */
function deliveries(count: number): Array<Record<string, unknown>> {
  const distinct = ['pull_request', 'issues'].flatMap((name) => published.find((g) => g.name === name)?.examples ?? []).slice(0, count / 2);
  expect(distinct).toHaveLength(count / 2);
  return [...distinct, ...distinct];
}

async function sendAll(s: Served, count: number): Promise<{ kpi: Array<Record<string, unknown>>; github: Array<Record<string, unknown>> }> {
  const progress = `source=progress&token=${s.t.prop('WEBHOOK_TOKEN_PROGRESS')}`;
  const github = `source=github&token=${s.t.prop('WEBHOOK_TOKEN_GITHUB')}`;
  const [kpi, hooks] = await Promise.all([
    Promise.all(kpiDays(count).map((day, i) => post(s, progress, kpiBody(day, i)))),
    Promise.all(deliveries(count).map((payload) => post(s, github, payload))),
  ]);
  return { kpi, github: hooks };
}

/** KPI Tracking's dates and blocker counts, and the GitHub Events rows' natural keys, as the sheet holds them. */
function recorded(t: TestApp): { kpi: string[]; github: string[] } {
  const [kpiHeader, ...kpiRows] = t.sheet('KPI Tracking');
  const date = kpiHeader?.indexOf('Date') ?? -1;
  const blockers = kpiHeader?.indexOf('Blockers Count') ?? -1;
  const [ghHeader, ...ghRows] = t.sheet('GitHub Events');
  return {
    kpi: kpiRows.filter((r) => r[date] !== '').map((r) => `${String(r[date]).slice(0, 10)} ${String(r[blockers])}`),
    github: ghRows.filter((r) => r.some((v) => v !== '')).map((r) => JSON.stringify(r.slice(0, ghHeader?.length))),
  };
}

describe('30 executions at once through serve', () => {
  test('KPI posts and GitHub deliveries lose and duplicate nothing', async () => {
    const s = await start(false);
    try {
      const answers = await sendAll(s, PARALLEL);
      const failed = [...answers.kpi, ...answers.github].filter((a) => a['ok'] !== true);
      const errors = s.t
        .sheet('Errors')
        .slice(1)
        .map((r) => r.slice(0, 3).join(' '));
      expect({ failed, errors }).toEqual({ failed: [], errors: [] });

      const rows = recorded(s.t);
      // Compared as sets: the order of rows is the KPI table's business, tested in kpiWebhook.test.ts.
      expect([...rows.kpi].sort()).toEqual(
        kpiDays(PARALLEL)
          .map((day, i) => `${day} ${i}`)
          .sort(),
      );
      // Every delivery said recorded has its row, once; every other said it was a duplicate (some published
      // examples share a natural key, and each was sent twice).
      const said = answers.github.filter((a) => a['recorded'] === true).length;
      expect(said).toBeLessThanOrEqual(PARALLEL / 2);
      expect(answers.github.filter((a) => a['duplicate'] === true)).toHaveLength(PARALLEL - said);
      expect(rows.github).toHaveLength(said);
      expect(new Set(rows.github).size).toBe(said);
    } finally {
      await stop(s);
    }
  });

  test('with the local LockService made a no-op, the same traffic loses or duplicates rows', async () => {
    const s = await start(true);
    try {
      const answers = await sendAll(s, WITHOUT_LOCK);
      const rows = recorded(s.t);
      const said = answers.github.filter((a) => a['recorded'] === true).length;
      const kpiIntact = rows.kpi.length === WITHOUT_LOCK && new Set(rows.kpi).size === WITHOUT_LOCK;
      const githubIntact = rows.github.length === said && new Set(rows.github).size === said && said <= WITHOUT_LOCK / 2;
      expect({ kpiIntact, githubIntact }).not.toEqual({ kpiIntact: true, githubIntact: true });
    } finally {
      await stop(s);
    }
  });
});
