import { dumpWorkbook, readWorkbookMeta, renderWorkbookHtml } from '../../local/services/spreadsheet';
import type { StateDir } from '../../local/runtime/state';
import { newApp, type TestApp } from '../helpers/app';
import { runSnippet } from '../helpers/runtime';

/**
 * The derived columns of KPI Tracking are formulas the sheet computes by itself. Through build/Code.js (setup
 * writes them) and the local runtime's formula engine (which computes them), their values must equal what the
 * definitions give, worked out here from the raw numbers.
 */

const KPI = [
  'Overall Progress',
  'Task Completion Rate',
  'Quality Score',
  'Team Satisfaction',
  'Blockers Count',
  'Code Review Time',
  'Deploy Success Rate',
] as const;
type Kpi = (typeof KPI)[number];
type Day = { date: string } & Partial<Record<Kpi, number | ''>>;

const SETUP_AT = new Date('2026-01-01T09:00:00+09:00');
const AT = new Date('2026-01-20T12:00:00+09:00');

/** Pastes rows into the columns named by their headers (one setValues per column), as a person pasting would. */
function paste(state: StateDir, sheet: string, rows: ReadonlyArray<Record<string, unknown>>, startRow = 2): void {
  const code = `function paste(name, rows, startRow) {
    var s = SpreadsheetApp.getActive().getSheetByName(name);
    var header = s.getRange(1, 1, 1, s.getLastColumn()).getValues()[0].map(String);
    Object.keys(rows[0]).forEach(function (h) {
      var c = header.indexOf(h);
      if (c < 0) throw new Error('no column ' + h);
      s.getRange(startRow, c + 1, rows.length, 1).setValues(rows.map(function (r) { return [r[h] === undefined ? '' : r[h]]; }));
    });
  }`;
  const result = runSnippet(state, code, 'paste', { args: [sheet, rows, startRow], at: AT });
  if (result.error) throw new Error(result.error.message);
  state.save();
}

function setCell(t: TestApp, sheet: string, key: string, value: string): void {
  const rows = t.sheet(sheet);
  const row = rows.findIndex((r) => r[0] === key) + 1;
  expect(row).toBeGreaterThan(0);
  t.app.edit(`${sheet}!B${row}`, value, SETUP_AT);
}

function table(t: TestApp, sheet = 'KPI Tracking'): Array<Record<string, unknown>> {
  const rows = t.sheet(sheet);
  const header = (rows[0] ?? []).map(String);
  return rows
    .slice(1)
    .filter((r) => r[header.indexOf('Date')] !== '')
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

// ---- the definitions, worked out independently ----

const num = (v: unknown): v is number => typeof v === 'number';
const dayNo = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

function expectedDerived(
  rows: ReadonlyArray<Record<string, unknown>>,
  targets: Record<string, { target: number; lower: boolean }>,
  limits: { completion: number; satisfaction: number; blockers: number },
) {
  return rows.map((row, i) => {
    const d = dayNo(String(row['Date']));
    const above = rows.slice(Math.max(0, i - 6), i + 1);
    const inWeek = above.filter((r) => dayNo(String(r['Date'])) > d - 7 && num(r['Overall Progress']));
    const points = inWeek.map((r) => ({ x: dayNo(String(r['Date'])) - d, y: r['Overall Progress'] as number }));
    const n = points.length;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    let slope: number | '' = '';
    if (n >= 2) {
      const mx = mean(points.map((p) => p.x));
      const my = mean(points.map((p) => p.y));
      const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
      if (sxx > 0) slope = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
    }
    const previous = rows[i - 1];
    const change =
      previous && num(row['Overall Progress']) && num(previous['Overall Progress']) && dayNo(String(previous['Date'])) < d
        ? (row['Overall Progress'] as number) - (previous['Overall Progress'] as number)
        : '';
    const weekday = ((new Date(d * 86_400_000).getUTCDay() + 6) % 7) + 1;
    const monday = d - weekday + 1;
    const sat = above.filter((r) => dayNo(String(r['Date'])) >= monday && num(r['Team Satisfaction'])).map((r) => r['Team Satisfaction'] as number);
    let checked = 0;
    let missed = 0;
    for (const kpi of KPI) {
      const target = targets[kpi];
      const value = row[kpi];
      if (!target || !num(value)) continue;
      checked++;
      if (target.lower ? value > target.target : value < target.target) missed++;
    }
    const alerts: string[] = [];
    const c = row['Task Completion Rate'];
    const s = row['Team Satisfaction'];
    const b = row['Blockers Count'];
    const p = row['Overall Progress'];
    const progressTarget = targets['Overall Progress'];
    if (num(p) && progressTarget && p < progressTarget.target) alerts.push(`🚨 目標未達 ${Math.round(p * 100)}%`);
    if (num(b) && b > limits.blockers) alerts.push(`⚠️ ブロッカー多 ${b}`);
    if (num(s) && s < limits.satisfaction) alerts.push(`😟 満足度低 ${s.toFixed(1)}`);
    if (num(c) && c < limits.completion) alerts.push(`📉 完了率低 ${Math.round(c * 100)}%`);
    return {
      avg: n === 0 ? '' : mean(points.map((p) => p.y)),
      change,
      slope,
      trend: slope === '' ? '' : slope >= 0.001 ? '📈' : slope <= -0.001 ? '📉' : '➡️',
      weekly: sat.length === 0 ? '' : mean(sat),
      check: checked === 0 ? '' : missed === 0 ? '✅' : `⚠️ ${missed}`,
      alerts: alerts.length === 0 ? '✅ 良好' : alerts.join(' / '),
    };
  });
}

function derivedOf(rows: ReadonlyArray<Record<string, unknown>>) {
  return rows.map((r) => ({
    avg: r['7-Day Avg Progress'],
    change: r['Day-over-Day Progress'],
    slope: r['7-Day Progress Slope'],
    trend: r['Trend'],
    weekly: r['Weekly Avg Satisfaction'],
    check: r['Target Check'],
    alerts: r['Alerts'],
  }));
}

/** Numbers compare to 9 places (the engine rounds its results); everything else exactly. */
function expectSame(actual: ReturnType<typeof derivedOf>, wanted: ReturnType<typeof expectedDerived>): void {
  expect(actual).toHaveLength(wanted.length);
  actual.forEach((row, i) => {
    const want = wanted[i] as Record<string, unknown>;
    for (const [key, value] of Object.entries(row)) {
      const expectedValue = want[key];
      if (typeof expectedValue === 'number') {
        expect({ row: i, key, value: typeof value === 'number' ? Math.round(value * 1e9) / 1e9 : value }).toEqual({
          row: i,
          key,
          value: Math.round(expectedValue * 1e9) / 1e9,
        });
      } else expect({ row: i, key, value }).toEqual({ row: i, key, value: expectedValue });
    }
  });
}

// Twelve days, oldest first, with a gap (the 9th) and a day without a progress value (the 13th).
const DAYS: Day[] = [
  {
    date: '2026-01-05',
    'Overall Progress': 0.3,
    'Task Completion Rate': 0.9,
    'Quality Score': 4.2,
    'Team Satisfaction': 4,
    'Blockers Count': 1,
    'Code Review Time': 6,
    'Deploy Success Rate': 1,
  },
  {
    date: '2026-01-06',
    'Overall Progress': 0.32,
    'Task Completion Rate': 0.7,
    'Quality Score': 3.8,
    'Team Satisfaction': 3.2,
    'Blockers Count': 4,
    'Code Review Time': 30,
    'Deploy Success Rate': 0.9,
  },
  {
    date: '2026-01-07',
    'Overall Progress': 0.35,
    'Task Completion Rate': 0.85,
    'Quality Score': 4,
    'Team Satisfaction': 4.5,
    'Blockers Count': 2,
    'Code Review Time': 12,
    'Deploy Success Rate': 0.95,
  },
  {
    date: '2026-01-08',
    'Overall Progress': 0.37,
    'Task Completion Rate': 0.8,
    'Quality Score': 4.4,
    'Team Satisfaction': 3.9,
    'Blockers Count': 3,
    'Code Review Time': '',
    'Deploy Success Rate': '',
  },
  {
    date: '2026-01-10',
    'Overall Progress': 0.41,
    'Task Completion Rate': 1,
    'Quality Score': 4.1,
    'Team Satisfaction': 4.8,
    'Blockers Count': 0,
    'Code Review Time': 3,
    'Deploy Success Rate': 1,
  },
  {
    date: '2026-01-11',
    'Overall Progress': 0.4,
    'Task Completion Rate': 0.6,
    'Quality Score': 4,
    'Team Satisfaction': 3,
    'Blockers Count': 5,
    'Code Review Time': 40,
    'Deploy Success Rate': 0.5,
  },
  {
    date: '2026-01-12',
    'Overall Progress': 0.45,
    'Task Completion Rate': 0.95,
    'Quality Score': 4.6,
    'Team Satisfaction': 4.2,
    'Blockers Count': 2,
    'Code Review Time': 8,
    'Deploy Success Rate': 1,
  },
  {
    date: '2026-01-13',
    'Overall Progress': '',
    'Task Completion Rate': 0.75,
    'Quality Score': 4.3,
    'Team Satisfaction': 4.1,
    'Blockers Count': 1,
    'Code Review Time': 10,
    'Deploy Success Rate': 0.97,
  },
  {
    date: '2026-01-14',
    'Overall Progress': 0.5,
    'Task Completion Rate': 0.88,
    'Quality Score': 4.5,
    'Team Satisfaction': 4.4,
    'Blockers Count': 2,
    'Code Review Time': 5,
    'Deploy Success Rate': 0.99,
  },
  {
    date: '2026-01-15',
    'Overall Progress': 0.49,
    'Task Completion Rate': 0.8,
    'Quality Score': 4.5,
    'Team Satisfaction': 4,
    'Blockers Count': 3,
    'Code Review Time': 25,
    'Deploy Success Rate': 0.96,
  },
  {
    date: '2026-01-16',
    'Overall Progress': 0.52,
    'Task Completion Rate': 0.92,
    'Quality Score': 4.7,
    'Team Satisfaction': 4.6,
    'Blockers Count': 1,
    'Code Review Time': 4,
    'Deploy Success Rate': 1,
  },
  {
    date: '2026-01-19',
    'Overall Progress': 0.56,
    'Task Completion Rate': 0.5,
    'Quality Score': 3.9,
    'Team Satisfaction': 3.5,
    'Blockers Count': 6,
    'Code Review Time': 50,
    'Deploy Success Rate': 0.8,
  },
];

/** Targets after the edits below: Task Completion 85 (a percentage), Blockers at most 2, Code Review Time 24 h. */
const TARGETS: Record<string, { target: number; lower: boolean }> = {
  'Overall Progress': { target: 0.8, lower: false },
  'Task Completion Rate': { target: 0.85, lower: false },
  'Quality Score': { target: 4, lower: false },
  'Team Satisfaction': { target: 4, lower: false },
  'Blockers Count': { target: 2, lower: true },
  'Code Review Time': { target: 24, lower: true },
  'Deploy Success Rate': { target: 0.95, lower: false },
};
const LIMITS = { completion: 0.8, satisfaction: 3.5, blockers: 3 };

const row = ({ date, ...kpis }: Day) => ({ Date: date, ...kpis });

async function seeded(): Promise<TestApp> {
  const t = await newApp();
  expect(t.app.run('setup', { at: SETUP_AT }).error).toBeUndefined();
  // People tune targets and thresholds in the sheet.
  setCell(t, 'Targets', 'Task Completion Rate', '85');
  setCell(t, 'Targets', 'Blockers Count', '2');
  setCell(t, 'Settings', 'ALERT_SATISFACTION_BELOW', '3.5');
  paste(t.state(), 'KPI Tracking', DAYS.map(row));
  return t;
}

describe('KPI Tracking derived columns, computed by the formula engine', () => {
  test('equal what the definitions give, row by row; no cell shows an error', async () => {
    const t = await seeded();
    const rows = table(t);
    expect(rows.map((r) => r['Date'])).toEqual(DAYS.map((d) => d.date));
    expectSame(derivedOf(rows), expectedDerived(rows, TARGETS, LIMITS));
    // Spot checks of what those rules mean on real rows.
    expect(rows[0]?.['Target Check']).toBe('⚠️ 1');
    expect(rows[4]?.['Day-over-Day Progress']).toBeCloseTo(0.04, 9);
    expect(rows[8]?.['Day-over-Day Progress']).toBe('');
    expect(rows[11]?.['Alerts']).toBe('🚨 目標未達 56% / ⚠️ ブロッカー多 6 / 📉 完了率低 50%');
    const everything = JSON.stringify([t.sheet('KPI Tracking'), t.sheet('Dashboard')]);
    expect(everything).not.toMatch(/"#(REF|VALUE|N\/A|DIV\/0|NAME|NUM|ERROR)!?/);
  });

  test('a row a person types by hand gets its derived columns at once', async () => {
    const t = await seeded();
    const header = (t.sheet('KPI Tracking')[0] ?? []).map(String);
    const cell = (h: string) => `KPI Tracking!${String.fromCharCode(65 + header.indexOf(h))}${DAYS.length + 2}`;
    const typed: Record<string, string> = {
      Date: '2026-01-20',
      'Overall Progress': '82%',
      'Task Completion Rate': '0.9',
      'Team Satisfaction': '4.2',
      'Blockers Count': '2',
    };
    for (const [h, v] of Object.entries(typed)) t.app.edit(cell(h), v, AT);
    const rows = table(t);
    expect(rows).toHaveLength(DAYS.length + 1);
    expect(rows.at(-1)?.['Overall Progress']).toBe(0.82);
    expectSame(derivedOf(rows), expectedDerived(rows, TARGETS, LIMITS));
    expect(rows.at(-1)?.['7-Day Avg Progress']).not.toBe('');
    // A day that breaks no rule says so, in the seed's words.
    expect(rows.at(-1)?.['Alerts']).toBe('✅ 良好');
  });

  test('reordered columns and a column a person added break nothing', async () => {
    const t = await newApp();
    // Someone made KPI Tracking by hand before setup: their own order, and a Notes column in the middle.
    const made = runSnippet(
      t.state(),
      `function make() {
        var s = SpreadsheetApp.getActive().insertSheet('KPI Tracking');
        s.getRange(1, 1, 1, 9).setValues([['Team Satisfaction', 'Date', 'Notes', 'Blockers Count', 'Overall Progress', 'Deploy Success Rate', 'Task Completion Rate', 'Code Review Time', 'Quality Score']]);
      }`,
      'make',
    );
    expect(made.error).toBeUndefined();
    t.state().save();
    expect(t.app.run('setup', { at: SETUP_AT }).error).toBeUndefined();
    setCell(t, 'Targets', 'Task Completion Rate', '85');
    setCell(t, 'Targets', 'Blockers Count', '2');
    setCell(t, 'Settings', 'ALERT_SATISFACTION_BELOW', '3.5');
    paste(
      t.state(),
      'KPI Tracking',
      DAYS.map((d, i) => ({ ...row(d), Notes: `note ${i}` })),
    );
    let rows = table(t);
    expectSame(derivedOf(rows), expectedDerived(rows, TARGETS, LIMITS));
    expect(rows.map((r) => r['Notes'])).toEqual(DAYS.map((_, i) => `note ${i}`));

    // Later someone inserts a column before Overall Progress: Sheets moves every reference along.
    const inserted = runSnippet(
      t.state(),
      `function ins() { SpreadsheetApp.getActive().getSheetByName('KPI Tracking').insertColumnBefore(5); }`,
      'ins',
    );
    expect(inserted.error).toBeUndefined();
    t.state().save();
    rows = table(t);
    expectSame(derivedOf(rows), expectedDerived(rows, TARGETS, LIMITS));

    // The daily job still finds every column by its header, and setup again adds no second set of columns.
    expect(t.app.run('computeDailyKpis', { at: AT, args: ['2026-01-20'] }).error).toBeUndefined();
    const again = t.app.run('setup', { at: AT });
    expect(again.error).toBeUndefined();
    expect((again.value as { layout: { derivedAdded: string[] } }).layout.derivedAdded).toEqual([]);
    const header = (t.sheet('KPI Tracking')[0] ?? []).map(String);
    expect(header.filter((h) => h === '7-Day Avg Progress')).toHaveLength(1);
    rows = table(t);
    expect(rows.at(-1)?.['Date']).toBe('2026-01-20');
    expectSame(derivedOf(rows), expectedDerived(rows, TARGETS, LIMITS));
  });

  test('conditional formatting: red below target, green at or above by direction, italic where a value was typed over', async () => {
    const t = await seeded();
    // The 5th's values were pasted by a person: computing that day keeps them and lists them in Overrides.
    const computed = t.app.run('computeDailyKpis', { at: AT, args: ['2026-01-05'] });
    expect(computed.value).toMatchObject({ overrides: [...KPI] });
    const html = renderWorkbookHtml(t.state(), { maxRows: DAYS.length + 1, now: AT });
    const tab = /<label for="tab(\d+)"[^>]*>KPI Tracking<\/label>/.exec(html)?.[1];
    const start = html.indexOf(`<section id="panel${tab}">`);
    const panel = html.slice(start, html.indexOf('</section>', start));
    const cells = (row: number) => {
      const tr = panel.split('<tr').find((r) => r.includes(`<th class="rn">${row}</th>`)) ?? '';
      return tr.split('<td').slice(1);
    };
    const header = (t.sheet('KPI Tracking')[0] ?? []).map(String);
    const style = (row: number, h: string) => /style="([^"]*)"/.exec(cells(row)[header.indexOf(h)] ?? '')?.[1] ?? '';
    // Row 2 (the 5th): completion 0.9 ≥ 0.85 green; blockers 1 ≤ 2 green (lower is better); progress 0.3 < 0.8 red.
    expect(style(2, 'Task Completion Rate')).toContain('background-color:#d9ead3');
    expect(style(2, 'Blockers Count')).toContain('background-color:#d9ead3');
    expect(style(2, 'Overall Progress')).toContain('background-color:#f4cccc');
    // Row 3 (the 6th): 4 blockers > 2 red; review 30 h > 24 red.
    expect(style(3, 'Blockers Count')).toContain('background-color:#f4cccc');
    expect(style(3, 'Code Review Time')).toContain('background-color:#f4cccc');
    // Kept values are italic blue, over their red or green.
    expect(style(2, 'Overall Progress')).toBe('background-color:#f4cccc;color:#1a73e8;font-style:italic');
    expect(style(2, 'Task Completion Rate')).toBe('background-color:#d9ead3;color:#1a73e8;font-style:italic');
    expect(style(3, 'Overall Progress')).toBe('background-color:#f4cccc');
    const meta = readWorkbookMeta(t.state()).sheets.find((s) => s.name === 'KPI Tracking');
    expect(meta?.conditionalFormatRules).toHaveLength(35);
    expect(meta?.hiddenColumns).toHaveLength(7);
  });
});

describe('setup makes the sheet the product', () => {
  test('validation where people type, default targets, the Dashboard with its charts; running it again changes nothing people entered', async () => {
    const t = await seeded();
    const meta = () => readWorkbookMeta(t.state());
    const rule = (sheet: string, column: string) => {
      const s = meta().sheets.find((x) => x.name === sheet);
      const letter = String.fromCharCode(65 + (t.sheet(sheet)[0] ?? []).map(String).indexOf(column));
      return s?.dataValidations.find((v) => v.range.startsWith(`${letter}2`))?.rule;
    };
    expect(rule('Tasks', 'Status')).toMatchObject({ type: 'VALUE_IN_LIST', values: [['todo', 'in progress', 'blocked', 'done'], true] });
    expect(rule('Blockers', 'Status')).toMatchObject({ type: 'VALUE_IN_LIST', values: [['open', 'resolved'], true] });
    expect(rule('Targets', 'Direction')).toMatchObject({ type: 'VALUE_IN_LIST', values: [['higher', 'lower'], true] });
    expect(rule('Daily Reports', 'Mood')).toMatchObject({ type: 'NUMBER_BETWEEN', values: [1, 5], allowInvalid: false });
    expect(rule('Members', 'Active')).toMatchObject({ type: 'CHECKBOX' });
    expect(rule('Tasks', 'Due Date')).toMatchObject({ type: 'DATE_IS_VALID_DATE', allowInvalid: false });
    // A mood of 7 is refused, as Sheets refuses it.
    expect(() => t.app.edit('Daily Reports!G2', '7', AT)).toThrow(/1/);

    const targets = t
      .sheet('Targets')
      .slice(1)
      .filter((r) => r[0] !== '');
    expect(targets.map((r) => r[0])).toEqual([...KPI]);
    expect(targets.find((r) => r[0] === 'Task Completion Rate')?.[1]).toBe(85);

    // The Dashboard: latest values (the 13th's progress is empty, so progress shows the 19th's), targets, status.
    const dash = t.sheet('Dashboard');
    const line = (label: string) => dash.find((r) => r[0] === label) ?? [];
    expect(line('全体進捗').slice(1, 6)).toEqual([0.56, '2026-01-19', 0.8, '↑ 高いほど良い', '⚠️']);
    expect(line('ブロッカー数').slice(1, 6)).toEqual([6, '2026-01-19', 2, '↓ 低いほど良い', '⚠️']);
    expect(line('タスク完了率').slice(1, 4)).toEqual([0.5, '2026-01-19', 0.85]);
    const formulas = JSON.stringify(readFormulas(t, 'Dashboard'));
    expect(formulas).toContain('SPARKLINE(FILTER(');
    expect(
      meta()
        .sheets.find((s) => s.name === 'Dashboard')
        ?.charts.map((c) => [c.type, c.options['title']]),
    ).toEqual([
      ['LINE', 'KPI の推移（率）'],
      ['LINE', 'KPI の推移（スコア）'],
    ]);

    // Setup again: nothing people entered changes, nothing is added twice.
    const before = JSON.stringify([t.sheet('KPI Tracking'), t.sheet('Targets'), t.sheet('Settings')]);
    const again = t.app.run('setup', { at: AT });
    expect(again.error).toBeUndefined();
    expect((again.value as { layout: unknown }).layout).toMatchObject({
      derivedAdded: [],
      formulasWritten: 0,
      targetsAdded: [],
      dashboardCreated: false,
    });
    expect(JSON.stringify([t.sheet('KPI Tracking'), t.sheet('Targets'), t.sheet('Settings')])).toBe(before);
    expect(meta().sheets.find((s) => s.name === 'KPI Tracking')?.conditionalFormatRules).toHaveLength(35);
    expect(meta().sheets.find((s) => s.name === 'Dashboard')?.charts).toHaveLength(2);
  });

  test("the Dashboard counts today's reports and lists the open blockers", async () => {
    const t = await seeded();
    paste(t.state(), 'Members', [
      { Name: 'Aiko', Active: true },
      { Name: 'Ben', Active: true },
      { Name: 'Old', Active: false },
    ]);
    const today = '2026-01-20';
    paste(t.state(), 'Daily Reports', [
      { Date: today, Member: 'Aiko', Mood: 4 },
      { Date: '2026-01-19', Member: 'Ben', Mood: 3 },
    ]);
    paste(t.state(), 'Blockers', [
      { ID: 'b1', 'Opened At': '2026-01-18 10:00', Member: 'Ben', Description: 'waiting for API keys', Status: 'open' },
      {
        ID: 'b2',
        'Opened At': '2026-01-17 10:00',
        Member: 'Aiko',
        Description: 'fixed already',
        Status: 'resolved',
        'Resolved At': '2026-01-19 10:00',
      },
      { ID: 'b3', 'Opened At': '2026-01-19 09:00', Member: 'Aiko', Description: 'flaky CI', Status: 'Open' },
    ]);
    const rows = dumpWorkbook(t.state(), { sheet: 'Dashboard', now: new Date(`${today}T12:00:00+09:00`) })['Dashboard'] ?? [];
    const line = (label: string) => rows.find((r) => r[0] === label) ?? [];
    expect(line('日報の提出')[1]).toBe('1 / 2');
    expect(line('未提出')[1]).toBe('Ben');
    expect(line('未解決のブロッカー')[1]).toBe(2);
    const list = rows.slice(rows.findIndex((r) => r[0] === 'メンバー') + 1).filter((r) => r[0] !== '');
    expect(list.map((r) => r.slice(0, 2))).toEqual([
      ['Ben', 'waiting for API keys'],
      ['Aiko', 'flaky CI'],
    ]);
  });
});

function readFormulas(t: TestApp, sheet: string): unknown[][] {
  return dumpWorkbook(t.state(), { sheet, formulas: true })[sheet] ?? [];
}
