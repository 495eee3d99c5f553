/**
 * The scale scenario of issue 17: a 100-developer organisation (~2,000 GitHub events and ~300 chat messages a
 * working day) for three years in one workbook. Days are generated in bulk, a step of days at a time, as the
 * product's own writers would have left them (events applied, messages sent, reports, tasks, pull requests…);
 * after each step the product's retention job runs through build/Code.js, and once a simulated year the measured
 * parts run for real too: a GitHub webhook, computeDailyKpis, and a whole working day of dispatcher ticks.
 * Prints one `scale: year <n>: …` line a year (a contract: scripts read it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalApp } from '../local/app';
import type { Project } from '../local/project';
import type { ExecutionStats } from '../local/runtime/execution';
import { StateDir } from '../local/runtime/state';
import { getScriptProperty } from '../local/services/properties';
import { pasteScript } from './benchTeam';
import { dumpWorkbook, listCreatedSpreadsheets } from '../local/services/spreadsheet';
import { Workbook } from '../local/services/spreadsheet/model';
import { serialFromInstant } from '../local/services/spreadsheet/dates';

export interface ScaleOptions {
  developers: number;
  years: number;
  /** Days generated per paste; retention runs after each. */
  stepDays: number;
  /** GitHub events and chat messages per working day (the issue: 2,000 and 300 for 100 developers). */
  eventsPerDay: number;
  messagesPerDay: number;
}

export const FULL_SCALE: ScaleOptions = { developers: 100, years: 3, stepDays: 14, eventsPerDay: 2000, messagesPerDay: 300 };

export interface YearFigures {
  year: number;
  cells: number;
  largest: { sheet: string; cells: number };
  webhookCalls: number;
  kpiCalls: number;
  triggerMinutesPerDay: number;
  busiestTick: { at: string; modeledMs: number; spreadsheetCalls: number; jobs: string };
  retention: { modeledMs: number; spreadsheetCalls: number; removed: number };
  /** Cells the workbook's formulas read (each formula's ranges, open ranges bounded to the sheet). */
  formulaReads: number;
  /** Rows of the table that grows the most (for the formula growth comparison). */
  kpiRows: number;
}

const spreadsheetCalls = (stats: ExecutionStats) =>
  ['SpreadsheetApp', 'Sheets'].reduce((sum, s) => sum + Object.values(stats.calls[s] ?? {}).reduce((a, b) => a + b, 0), 0);

const DAY_MS = 86_400_000;
/** Monday 4 January 2027, 00:00 in Tokyo. */
const START = Date.parse('2027-01-04T00:00:00+09:00');

export function runScale(project: Project, options: ScaleOptions, log: (line: string) => void): YearFigures[] {
  // Scratch state rewritten at every commit: in memory where the machine has it, as the figures count calls, not disk time.
  const scratch = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(scratch, 'shinchoku-scale-'));
  try {
    return simulate(project, dir, options, log);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function simulate(project: Project, dir: string, o: ScaleOptions, log: (line: string) => void): YearFigures[] {
  new StateDir(dir).init({ version: 1, createdAt: new Date().toISOString(), network: 'fake' });
  const app = new LocalApp({ script: project.script, stateDir: dir, timeZone: project.timeZone, log: () => {} });
  const at = (day: number, hhmm: string) => new Date(START + day * DAY_MS + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000);
  const setup = app.run('setup', { at: at(0, '08:00') });
  if (setup.error) throw new Error(`scale: setup failed: ${setup.error.message}`);
  pasteScript(project, dir, at(0, '08:30'), membersScript(o.developers));

  const figures: YearFigures[] = [];
  const yearDays = 364; // 52 whole weeks, so every simulated year starts on a Monday
  for (let year = 1; year <= o.years; year++) {
    const first = (year - 1) * yearDays;
    let removed = 0;
    let retention: YearFigures['retention'] = { modeledMs: 0, spreadsheetCalls: 0, removed: 0 };
    for (let day = first; day < first + yearDays; day += o.stepDays) {
      const days = Math.min(o.stepDays, first + yearDays - day);
      const t0 = Date.now();
      appendStep(dir, o, day, days);
      const t1 = Date.now();
      // The daily job would have run every night; a step's rows may take more than one batch, so it runs till done.
      for (let pass = 0; pass < 5; pass++) {
        const run = app.run('archiveOldRows', { at: at(day + days, '03:00') });
        if (run.error) throw new Error(`scale: archiveOldRows failed: ${run.error.message}`);
        const value = run.value as { tables: Array<{ removed: number; more: boolean }> };
        const n = value.tables.reduce((sum, t) => sum + t.removed, 0);
        removed += n;
        if (pass === 0) retention = { modeledMs: run.stats.modeledMs, spreadsheetCalls: spreadsheetCalls(run.stats), removed: n };
        if (!value.tables.some((t) => t.more)) break;
      }
      emptyArchives(dir);
      if (process.env['SCALE_TRACE']) log(`step ${day}: paste ${t1 - t0} ms, retention ${Date.now() - t1} ms`);
    }
    // The measured day: the last Monday of the year (a weekly report goes out, so it is the busiest day of ticks).
    const measured = first + yearDays - 7;
    const tMeasured = Date.now();
    const token = getScriptProperty(app.state(), 'WEBHOOK_TOKEN_GITHUB') ?? '';
    const webhook = app.post(`source=github&token=${token}`, pushDelivery(year), 'application/json', at(measured, '11:00')).result;
    if (!/"ok":\s*true/.test(JSON.stringify(webhook.value ?? '')) && webhook.error)
      throw new Error(`scale: webhook failed: ${webhook.error.message}`);
    const tTicks = Date.now();
    const ticks = app.tick(at(measured, '00:00'), at(measured + 1, '00:00'));
    const tKpi = Date.now();
    let busiest = ticks[0];
    let minutes = 0;
    for (const tick of ticks) {
      minutes += tick.result.stats.modeledMs / 60_000;
      if (!busiest || tick.result.stats.modeledMs > busiest.result.stats.modeledMs) busiest = tick;
    }
    // computeDailyKpis as the dispatcher ran it at KPI_TIME that day: its own figure, run again for its stats alone.
    const kpi = app.run('computeDailyKpis', { at: at(measured, '23:45') });
    if (kpi.error) throw new Error(`scale: computeDailyKpis failed: ${kpi.error.message}`);
    const tFigures = Date.now();
    const view = new StateDir(dir);
    const wb = Workbook.of(view);
    const bySheet = wb.sheets.map((s) => ({ sheet: s.name, cells: s.maxRows * s.maxCols }));
    const largest = bySheet.reduce((a, b) => (b.cells > a.cells ? b : a));
    const cells = wb.totalCells();
    // Read, not changed: the sheets go on to the next execution as a finished execution's do (StateDir.release).
    view.release();
    const formulas = formulaReads(dir);
    const fig: YearFigures = {
      year,
      cells,
      largest,
      webhookCalls: spreadsheetCalls(webhook.stats),
      kpiCalls: spreadsheetCalls(kpi.stats),
      triggerMinutesPerDay: Math.round(minutes * 10) / 10,
      busiestTick: {
        at: busiest ? busiest.at.toISOString() : '',
        modeledMs: busiest?.result.stats.modeledMs ?? 0,
        spreadsheetCalls: busiest ? spreadsheetCalls(busiest.result.stats) : 0,
        jobs: busiest ? busiestJobs(busiest.result) : '',
      },
      retention,
      formulaReads: formulas.reads,
      kpiRows: formulas.kpiRows,
    };
    void removed;
    if (process.env['SCALE_TRACE'])
      log(
        `year ${year}: webhook ${tTicks - tMeasured} ms, ${ticks.length} ticks ${tKpi - tTicks} ms, kpi ${tFigures - tKpi} ms, figures ${Date.now() - tFigures} ms`,
      );
    figures.push(fig);
    log(
      `scale: year ${year}: cells=${fig.cells} largest=${largest.sheet}:${largest.cells} webhook_calls=${fig.webhookCalls} kpi_calls=${fig.kpiCalls} trigger_minutes_per_day=${fig.triggerMinutesPerDay}`,
    );
    log(
      `scale: year ${year}: busiest tick ${fig.busiestTick.at} ${fig.busiestTick.jobs}: ${fig.busiestTick.modeledMs} ms modeled, ${fig.busiestTick.spreadsheetCalls} Spreadsheet calls; retention ${retention.removed} rows: ${retention.spreadsheetCalls} Spreadsheet calls, ${retention.modeledMs} ms modeled`,
    );
  }
  const growth = formulaGrowth(figures);
  log(`scale: formulas: ${growth.text}`);
  return figures;
}

/**
 * The archive spreadsheets are not part of the workbook's cells; the local runtime would parse a year of them
 * (over 5 million cells) at every retention run, so the scenario empties them below their header after each step.
 * What the archive receives is tested in test/integration/retention.test.ts.
 */
function emptyArchives(dir: string): void {
  const state = new StateDir(dir);
  for (const file of listCreatedSpreadsheets(state)) {
    const wb = Workbook.of(state, {}, `spreadsheet-${file.id}`);
    for (const sheet of wb.sheets) {
      sheet.rows = sheet.rows.slice(0, 1);
      sheet.maxRows = Math.min(sheet.maxRows, 1000);
    }
    wb.structureChanged();
    wb.touch();
  }
  state.save();
  state.release();
}

function busiestJobs(tick: { value?: unknown }): string {
  const results = Array.isArray(tick.value) ? (tick.value as Array<{ job?: string; handler?: string }>) : [];
  const names = results.map((r) => r.job ?? r.handler ?? '').filter((n) => n !== '');
  return names.length > 0 ? `(${names.join(', ')})` : '';
}

/** The targets for the last simulated year: ≤ 5 million cells, webhook ≤ 3 and computeDailyKpis ≤ 8 calls, the quota. */
export function scaleTargetsMissed(figures: readonly YearFigures[]): string[] {
  const last = figures[figures.length - 1];
  if (!last) return ['no year simulated'];
  const missed: string[] = [];
  if (last.cells > 5_000_000) missed.push(`cells=${last.cells} > 5000000`);
  if (last.webhookCalls > 3) missed.push(`webhook_calls=${last.webhookCalls} > 3`);
  if (last.kpiCalls > 8) missed.push(`kpi_calls=${last.kpiCalls} > 8`);
  if (last.triggerMinutesPerDay > 90) missed.push(`trigger_minutes_per_day=${last.triggerMinutesPerDay} > 90`);
  if (formulaGrowth(figures).superlinear) missed.push('a formula grew faster than linear');
  return missed;
}

/**
 * Whether any formula reads more than linearly more cells as the data grows: the cells all formulas read per
 * row of KPI Tracking (the table formulas run over), year by year. Linear growth keeps the ratio flat.
 */
export function formulaGrowth(figures: readonly YearFigures[]): { superlinear: boolean; text: string } {
  const perRow = figures.map((f) => f.formulaReads / Math.max(f.kpiRows, 1));
  const firstRatio = perRow[0] ?? 0;
  const superlinear = perRow.some((r) => r > firstRatio * 1.25);
  const reads = figures.map((f) => `year ${f.year} ${f.formulaReads} cells read (${f.kpiRows} KPI rows)`).join(', ');
  return { superlinear, text: `${reads}; grew slower than linear: no; grew faster than linear: ${superlinear ? 'yes' : 'no'}` };
}

function formulaReads(dir: string): { reads: number; kpiRows: number } {
  const state = new StateDir(dir);
  const wb = Workbook.of(state);
  let reads = 0;
  for (const sheet of wb.sheets) {
    sheet.rows.forEach((row) =>
      row?.forEach((cell) => {
        if (cell === null || typeof cell !== 'object' || !('f' in cell)) return;
        for (const m of String((cell as { f: string }).f).matchAll(/(?:'[^']+'!|[A-Za-z ]+!)?\$?([A-Z]{1,3})\$?(\d*):\$?([A-Z]{1,3})\$?(\d*)/g)) {
          const top = Number(m[2] || 1);
          const bottom = m[4] ? Number(m[4]) : sheet.maxRows;
          reads += Math.max(bottom - top + 1, 1) * (colIndex(m[3] ?? 'A') - colIndex(m[1] ?? 'A') + 1);
        }
      }),
    );
  }
  const kpi = dumpWorkbook(state, { sheet: 'KPI Tracking' })['KPI Tracking'] ?? [];
  state.release();
  return { reads, kpiRows: kpi.filter((r) => r[0] !== '').length - 1 };
}

function colIndex(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

function membersScript(developers: number): string {
  return `
    var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Members');
    var rows = [];
    for (var i = 0; i < ${developers}; i++) rows.push(['Dev ' + i, 'dev' + i + '@example.com', 'U0SCALE' + i, 'dev-' + i, true]);
    if (rows.length + 1 > s.getMaxRows()) s.insertRowsAfter(s.getMaxRows(), rows.length + 1 - s.getMaxRows());
    s.getRange(2, 1, rows.length, 5).setValues(rows);`;
}

/**
 * A step of days as the product's writers leave them, appended below each table's last row: GitHub Events
 * (applied, Data cleared, as processGitHubEvents leaves them), Outbox (sent), Errors, Daily Reports, Tasks, Pull
 * Requests, Reviews, Commits, Deployments, GitHub Metrics and KPI Tracking (computed), Weekly. Written into the
 * state host-side (the runtime's workbook model), as a bulk paste would: this part is data, not what is measured.
 */
function appendStep(dir: string, o: ScaleOptions, firstDay: number, days: number): void {
  const perDev = o.developers / 100;
  const out: Record<string, unknown[][]> = {};
  const add = (name: string, row: unknown[]) => (out[name] ??= []).push(row);
  const at = (day: number, minutes: number) => new Date(START + day * DAY_MS + minutes * 60_000);
  const keyOf = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
  for (let d = firstDay; d < firstDay + days; d++) {
    const weekday = ((d % 7) + 7) % 7; // 0: Monday
    add('GitHub Metrics', [keyOf(at(d, 720)), at(d, 0), 100, 50, 45, 75, 9000, 6.5, 30, 0.95, 20, 28, 0.05, 3]);
    if (weekday === 0)
      add('Weekly', [
        `${keyOf(at(d, 720))}-W`,
        at(d - 7, 0),
        at(d - 1, 0),
        0.7,
        4.1,
        3,
        'flat',
        0.01,
        0.85,
        4.1,
        225,
        6.5,
        100,
        0.95,
        28,
        0.05,
        3,
        500,
        45000,
      ]);
    add('KPI Tracking', [at(d, 0), 0.7, 0.85, 4.2, 4.1, 3, 6.5, 0.95]);
    if (weekday >= 5) continue;
    for (let e = 0; e < o.eventsPerDay; e++) {
      const t = at(d, 540 + (e * 540) / o.eventsPerDay);
      add('GitHub Events', [
        t,
        e % 3 ? 'pull_request' : 'push',
        e % 3 ? 'synchronize' : '',
        `org/repo${e % 20}`,
        `dev-${e % o.developers}`,
        `r${e}`,
        `change ${e}`,
        `https://github.com/org/repo/pull/${e}`,
        `ev:${d}:${e}`,
        new Date(t.getTime() + 60_000),
        '',
      ]);
    }
    for (let m = 0; m < o.messagesPerDay; m++) {
      const c = at(d, 540 + m);
      add('Outbox', [
        `msg:${d}:${m}`,
        m % 5 ? 'slack' : 'discord',
        'sent',
        '#progress',
        `message ${m}`,
        c,
        1,
        '',
        '',
        false,
        c,
        `ts${m}`,
        'C0SCALE',
        '{}',
        '',
      ]);
    }
    add('Errors', [at(d, 600), 'syncGitHub', 'GitHub answered 502', '', `err:${d}`]);
    for (let r = 0; r < o.developers; r++) {
      add('Daily Reports', [at(d, 0), `Dev ${r}`, `U0SCALE${r}`, 'did things', 'more things', '', 4, at(d, 1080)]);
      add('Tasks', [`T${d}-${r}`, `Project ${r % 10}`, 'task', `Dev ${r}`, 'done', 1, at(d, 0), at(d, 0), at(d, 1020)]);
    }
    for (let p = 0; p < Math.round(50 * perDev); p++) {
      const opened = at(d, 600 + p);
      add('Pull Requests', [
        `org/repo${p % 20}`,
        d * 100 + p,
        `PR ${p}`,
        `dev-${p}`,
        'merged',
        false,
        opened,
        opened,
        at(d, 700 + p),
        at(d, 720 + p),
        at(d, 800 + p),
        at(d, 800 + p),
        120,
        30,
        4,
        2,
        at(d, 800 + p),
        `https://github.com/org/repo/pull/${p}`,
      ]);
    }
    for (let v = 0; v < Math.round(75 * perDev); v++)
      add('Reviews', [`org/repo${v % 20}`, d * 100 + (v % 50), String(d * 1000 + v), `dev-${v}`, 'APPROVED', at(d, 700 + v)]);
    for (let k = 0; k < Math.round(100 * perDev); k++)
      add('Commits', [
        `org/repo${k % 20}`,
        `c${d}x${k}`,
        `dev-${k}`,
        'commit',
        at(d, 800 + k),
        100,
        20,
        `https://github.com/org/repo/commit/c${k}`,
        '',
      ]);
    for (let y = 0; y < Math.round(20 * perDev); y++)
      add('Deployments', [
        `org/repo${y % 20}`,
        String(d * 100 + y),
        'production',
        `c${d}x${y}`,
        y % 20 ? 'success' : 'failure',
        at(d, 900 + y),
        at(d, 910 + y),
        at(d, 910 + y),
        'deployment',
        '',
        '',
      ]);
  }
  const state = new StateDir(dir);
  const wb = Workbook.of(state);
  for (const [name, rows] of Object.entries(out)) {
    const sheet = wb.sheetByName(name);
    if (!sheet) throw new Error(`scale: no sheet ${name}`);
    // Below the last row whose first column holds something, the sheet grown with 100 spare rows as the table layer does.
    let last = sheet.rows.length;
    while (last > 1 && (sheet.rows[last - 1]?.[0] ?? null) === null) last--;
    if (last + rows.length > sheet.maxRows) wb.insertRows(sheet, sheet.maxRows, last + rows.length - sheet.maxRows + 100, 'above');
    const width = rows[0]?.length ?? 0;
    const formats: Array<string | null> = rows[0]?.map((v) => (v instanceof Date ? 'yyyy-mm-dd hh:mm' : null)) ?? [];
    wb.writeBlock(
      sheet,
      last,
      0,
      rows.map((row) =>
        row.map((v) => (v instanceof Date ? serialFromInstant(v.getTime(), wb.data.timeZone) : v === '' ? null : (v as string | number | boolean))),
      ),
    );
    formats.forEach((f, c) => {
      if (f && c < width) wb.fillAttr(sheet, 'fmt', last, c, rows.length, 1, f);
    });
  }
  state.save();
  state.release();
}

/** A push to the default branch, as GitHub delivers it (@octokit/webhooks-examples), new each year. */
function pushDelivery(year: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
  const push = examples.find((g) => g.name === 'push')?.examples[0] as Record<string, unknown>;
  return JSON.stringify({
    ...push,
    after: `${'f'.repeat(39)}${year}`,
    head_commit: { ...(push['head_commit'] as object), id: `${'e'.repeat(39)}${year}` },
  });
}
