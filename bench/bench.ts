/**
 * `npm run bench`: service calls and modeled Apps Script latency (cost table in shared/PLATFORM.md) for the
 * jobs whose cost the issues set targets for. Figures, not timings: the same code gives the same numbers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalApp } from '../local/app';
import { loadProject } from '../local/project';
import type { ExecutionStats } from '../local/runtime/execution';
import { StateDir } from '../local/runtime/state';
import { getScriptProperty } from '../local/services/properties';

interface Figure {
  job: string;
  stats: ExecutionStats;
  target: string;
  met: boolean;
}

function count(stats: ExecutionStats, ...services: string[]): number {
  return services.reduce((sum, s) => sum + Object.values(stats.calls[s] ?? {}).reduce((a, b) => a + b, 0), 0);
}

async function main(): Promise<void> {
  const project = await loadProject();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-bench-'));
  new StateDir(dir).init({ version: 1, createdAt: new Date().toISOString(), network: 'fake' });
  const app = new LocalApp({ script: project.script, stateDir: dir, timeZone: project.timeZone, log: () => {} });
  const figures: Figure[] = [];

  const setup = app.run('setup', { at: new Date('2026-01-01T09:00:00+09:00') });
  if (setup.error) throw new Error(`setup failed: ${setup.error.message}`);
  figures.push({ job: 'setup (first run, empty workbook)', stats: setup.stats, target: '—', met: true });

  const token = getScriptProperty(app.state(), 'WEBHOOK_TOKEN_PROGRESS') ?? '';
  const body = JSON.stringify({ overall_progress: 0.72, task_completion_rate: 0.85, quality_score: 4.2, team_satisfaction: 4, blockers_count: 2, avg_review_time: 5.5, deploy_success_rate: 0.95 });
  // A year of history first, so the figure is for a sheet in use, not an empty one.
  for (let d = 0; d < 365; d++) {
    app.post(`source=progress&token=${token}`, body, 'application/json', new Date(Date.parse('2025-01-01T18:00:00+09:00') + d * 86_400_000));
  }
  const kpi = app.post(`source=progress&token=${token}`, body, 'application/json', new Date('2026-01-05T18:00:00+09:00')).result;
  figures.push({ job: 'KPI webhook (new day, 1 year of rows)', stats: kpi.stats, target: '≤ 3 Spreadsheet calls', met: count(kpi.stats, 'SpreadsheetApp', 'Sheets') <= 3 });
  const again = app.post(`source=progress&token=${token}`, body, 'application/json', new Date('2026-01-05T19:00:00+09:00')).result;
  figures.push({ job: 'KPI webhook (same day again)', stats: again.stats, target: '≤ 3 Spreadsheet calls', met: count(again.stats, 'SpreadsheetApp', 'Sheets') <= 3 });

  // The dispatcher: an idle tick (nothing due), its cost times the 1,440 ticks of a day against the quota.
  const ticks = app.tick(new Date('2026-01-06T03:00:00+09:00'), new Date('2026-01-06T03:02:00+09:00'));
  const idle = ticks[ticks.length - 1]?.result.stats;
  if (!idle) throw new Error('the dispatcher did not fire');
  const dailyMinutes = (idle.modeledMs * 1440) / 60000;
  figures.push({ job: `dispatcher idle tick (× 1,440 a day = ${dailyMinutes.toFixed(1)} min)`, stats: idle, target: '≤ 90 min/day of triggers', met: dailyMinutes <= 90 });

  const rows = figures.map((f) => ({
    job: f.job,
    spreadsheet: String(count(f.stats, 'SpreadsheetApp', 'Sheets')),
    urlfetch: String(count(f.stats, 'UrlFetchApp')),
    modeled: `${f.stats.modeledMs} ms`,
    target: f.target,
    met: f.target === '—' ? '' : f.met ? 'yes' : 'NO',
  }));
  const headers = { job: 'job', spreadsheet: 'Spreadsheet calls', urlfetch: 'UrlFetch calls', modeled: 'modeled latency', target: 'target', met: 'met' };
  const keys = Object.keys(headers) as Array<keyof typeof headers>;
  const widths = keys.map((k) => Math.max(headers[k].length, ...rows.map((r) => r[k].length)));
  const line = (r: Record<keyof typeof headers, string>) => keys.map((k, i) => r[k].padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(headers)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  for (const f of figures) process.stdout.write(`${f.job}: ${JSON.stringify(f.stats.calls)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  if (figures.some((f) => !f.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
