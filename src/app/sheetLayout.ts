import { ConfigError } from '../domain/errors';
import { KPI_FIELDS, type KpiKey } from '../domain/kpi/fields';
import { kpiText } from '../domain/kpi/messages';
import type { Language } from '../domain/messages';
import { columnLetter } from '../sheets/a1';
import { chartTitles, dashboard, DASHBOARD, WIDTH, type DashboardColumns } from '../sheets/derived/dashboard';
import {
  DERIVED_COLUMNS,
  derivedFormulas,
  overrideRuleFormula,
  RULE_MARK,
  targetRuleFormulas,
  type DerivedId,
  type FormulaLayout,
} from '../sheets/derived/kpiTracking';
import type { HeaderRow, LayoutPort, RuleSpec, ValidationSpec } from '../sheets/layout';
import type { Table } from '../sheets/table';
import type { TARGETS } from '../sheets/tables';

type TargetKey = (typeof TARGETS)['columns'][number]['key'];

export interface LayoutDeps {
  port: LayoutPort;
  language: Language;
  targets: Table<TargetKey>;
  /** The alert thresholds' defaults, which the Alerts column falls back to while Settings has no valid value. */
  thresholdDefaults: FormulaLayout['defaults'];
}

export interface LayoutReport {
  derivedAdded: string[];
  formulasWritten: number;
  targetsAdded: string[];
  dashboardCreated: boolean;
  rules: number;
  charts: number;
}

/** The targets a new sheet starts with; people change them in `Targets`, and setup never overwrites a row. */
export const DEFAULT_TARGETS: ReadonlyArray<{ key: KpiKey; target: number }> = [
  { key: 'overallProgress', target: 0.8 },
  { key: 'taskCompletionRate', target: 0.8 },
  { key: 'qualityScore', target: 4 },
  { key: 'teamSatisfaction', target: 4 },
  { key: 'blockersCount', target: 3 },
  { key: 'codeReviewTime', target: 24 },
  { key: 'deploySuccessRate', target: 0.95 },
];

export const TASK_STATUSES = ['todo', 'in progress', 'blocked', 'done'] as const;
export const BLOCKER_STATUSES = ['open', 'resolved'] as const;

const GREEN = '#d9ead3';
const RED = '#f4cccc';
const OVERRIDE_BLUE = '#1a73e8';
const BAND = '#f1f3f4';

/**
 * What setup does to make the workbook the product people look at, after the tables exist: the derived formula
 * columns of `KPI Tracking` (rewritten where they differ, placed by header, never duplicated), number formats,
 * data validation where people type, conditional formatting against `Targets`, default targets, and the
 * `Dashboard`. Running it again changes nothing people entered: it rewrites only its own formulas, rules and
 * charts (recognised by header, by a marker in the rule formula, by chart title).
 */
export function applySheetLayout(deps: LayoutDeps): LayoutReport {
  const { port, language } = deps;
  const t = (id: Parameters<typeof kpiText>[0]) => kpiText(id, language);
  const report: LayoutReport = { derivedAdded: [], formulasWritten: 0, targetsAdded: [], dashboardCreated: false, rules: 0, charts: 0 };

  const headers = new Map<string, HeaderRow>();
  const header = (sheet: string): HeaderRow => {
    let h = headers.get(sheet);
    if (!h) {
      h = port.header(sheet) ?? undefined;
      if (!h) throw new ConfigError(`the sheet "${sheet}" is missing: run setup again`);
      headers.set(sheet, h);
    }
    return h;
  };
  const position = (sheet: string, title: string): number => {
    const index = header(sheet).values.indexOf(title);
    if (index < 0) throw new ConfigError(`the sheet "${sheet}" has no "${title}" column: add it back (setup adds missing columns)`);
    return index + 1;
  };
  const letter = (sheet: string, title: string) => columnLetter(position(sheet, title));

  // KPI Tracking: where each derived column is (by its header, or by its formula when an error hides the header).
  const kpiSheet = 'KPI Tracking';
  const kpiHeader = header(kpiSheet);
  const kpiPositions = { date: position(kpiSheet, 'Date') } as Record<'date' | KpiKey, number>;
  for (const field of KPI_FIELDS) kpiPositions[field.key] = position(kpiSheet, field.header);
  const overridesCol = position(kpiSheet, 'Overrides');
  const computedCol = position(kpiSheet, 'Computed');
  let end = kpiHeader.values.length;
  while (end > 0 && kpiHeader.values[end - 1] === '' && kpiHeader.formulas[end - 1] === '') end--;
  const derived = {} as Record<DerivedId, number>;
  for (const column of DERIVED_COLUMNS) {
    const found = kpiHeader.values.findIndex((v, i) => v === column.header || (kpiHeader.formulas[i] ?? '').startsWith(`={"${column.header}";`));
    if (found >= 0) derived[column.id] = found + 1;
    else {
      derived[column.id] = ++end;
      report.derivedAdded.push(column.header);
    }
  }
  const letters = <K extends string>(cols: Record<K, number>) =>
    Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, columnLetter(v as number)])) as Record<K, string>;
  const formulaLayout: FormulaLayout = {
    kpi: letters(kpiPositions),
    derived: letters(derived),
    targets: { kpi: letter('Targets', 'KPI'), target: letter('Targets', 'Target'), direction: letter('Targets', 'Direction') },
    settings: { key: letter('Settings', 'Key'), value: letter('Settings', 'Value') },
    defaults: deps.thresholdDefaults,
  };
  const formulas = derivedFormulas(formulaLayout, language);
  const changed = DERIVED_COLUMNS.filter((c) => kpiHeader.formulas[derived[c.id] - 1] !== formulas[c.id]).map((c) => ({
    col: derived[c.id],
    formula: formulas[c.id],
  }));
  if (changed.length > 0) port.setHeaderFormulas(kpiSheet, changed);
  report.formulasWritten = changed.length;
  for (const column of DERIVED_COLUMNS) {
    if (column.format) port.setColumnFormat(kpiSheet, derived[column.id], column.format);
    if (report.derivedAdded.includes(column.header)) port.setColumnWidth(kpiSheet, derived[column.id], column.width);
  }
  port.hideColumns(kpiSheet, [computedCol, ...DERIVED_COLUMNS.filter((c) => c.hidden).map((c) => derived[c.id])]);

  // Conditional formatting: red below target, green at or above (by Direction), italic blue where a person's
  // value is kept over the computation. Sheets applies the first rule that holds, so both together come first.
  const maxRows = port.maxRows(kpiSheet);
  const rules: RuleSpec[] = [];
  for (const field of KPI_FIELDS) {
    const area = { row: 2, col: kpiPositions[field.key], numRows: Math.max(1, maxRows - 1), numCols: 1 };
    const target = targetRuleFormulas(formulaLayout, field.key);
    const typed = overrideRuleFormula(columnLetter(overridesCol), field.key);
    const both = (a: string, b: string) => `=AND(${a.slice(1)},${b.slice(1)})`;
    rules.push(
      { area, formula: both(target.missed, typed), background: RED, italic: true, fontColor: OVERRIDE_BLUE },
      { area, formula: both(target.met, typed), background: GREEN, italic: true, fontColor: OVERRIDE_BLUE },
      { area, formula: target.missed, background: RED },
      { area, formula: target.met, background: GREEN },
      { area, formula: typed, italic: true, fontColor: OVERRIDE_BLUE },
    );
  }
  report.rules = port.replaceRules(kpiSheet, rules, (formula) => formula.includes(RULE_MARK)).added;

  // Data validation where people type.
  const validations: Array<[string, string, ValidationSpec]> = [
    [kpiSheet, 'Date', { kind: 'date', help: t('helpDate') }],
    ['Tasks', 'Status', { kind: 'list', values: TASK_STATUSES, allowInvalid: true, help: t('helpTaskStatus') }],
    ['Tasks', 'Weight', { kind: 'numberAtLeast', min: 0, help: t('helpWeight') }],
    ['Tasks', 'Planned Date', { kind: 'date', help: t('helpDate') }],
    ['Tasks', 'Due Date', { kind: 'date', help: t('helpDate') }],
    ['Tasks', 'Done At', { kind: 'date', help: t('helpDate') }],
    ['Daily Reports', 'Date', { kind: 'date', help: t('helpDate') }],
    ['Daily Reports', 'Mood', { kind: 'numberBetween', min: 1, max: 5, help: t('helpMood') }],
    ['Blockers', 'Status', { kind: 'list', values: BLOCKER_STATUSES, allowInvalid: true, help: t('helpBlockerStatus') }],
    ['Blockers', 'Opened At', { kind: 'date', help: t('helpDate') }],
    ['Blockers', 'Resolved At', { kind: 'date', help: t('helpDate') }],
    ['Targets', 'KPI', { kind: 'list', values: KPI_FIELDS.map((f) => f.header), allowInvalid: false, help: t('helpKpi') }],
    ['Targets', 'Target', { kind: 'numberAtLeast', min: 0, help: t('helpTarget') }],
    ['Targets', 'Direction', { kind: 'list', values: ['higher', 'lower'], allowInvalid: true, help: t('helpDirection') }],
    ['Members', 'Active', { kind: 'checkbox' }],
    ['Projects', 'Active', { kind: 'checkbox' }],
    ['Projects', 'Deadline', { kind: 'date', help: t('helpDate') }],
    ['Holidays', 'Date', { kind: 'date', help: t('helpDate') }],
  ];
  for (const [sheet, title, spec] of validations) port.setValidation(sheet, position(sheet, title), spec);

  // Default targets, only for KPIs that have no row.
  const present = new Set(
    deps.targets.read().rows.map((r) =>
      String(r.record.kpi ?? '')
        .trim()
        .toLowerCase(),
    ),
  );
  const missing = DEFAULT_TARGETS.map(({ key, target }) => ({ field: KPI_FIELDS.find((f) => f.key === key), target })).filter(
    (d): d is { field: (typeof KPI_FIELDS)[number]; target: number } => d.field !== undefined && !present.has(d.field.header.toLowerCase()),
  );
  if (missing.length > 0) {
    deps.targets.upsert(missing.map(({ field, target }) => ({ kpi: field.header, target, direction: field.higherIsBetter ? 'higher' : 'lower' })));
    report.targetsAdded = missing.map((m) => m.field.header);
  }

  // The Dashboard.
  const columns: DashboardColumns = {
    kpi: formulaLayout.kpi,
    kpiPositions,
    targets: formulaLayout.targets,
    members: { name: letter('Members', 'Name'), active: letter('Members', 'Active') },
    reports: { date: letter('Daily Reports', 'Date'), member: letter('Daily Reports', 'Member') },
    blockers: {
      id: letter('Blockers', 'ID'),
      openedAt: letter('Blockers', 'Opened At'),
      member: letter('Blockers', 'Member'),
      description: letter('Blockers', 'Description'),
      status: letter('Blockers', 'Status'),
      resolvedAt: letter('Blockers', 'Resolved At'),
    },
  };
  report.dashboardCreated = port.ensureSheet(DASHBOARD);
  const plan = dashboard(columns, language);
  port.writeBlock(DASHBOARD, 1, 1, plan.cells);
  port.setFormats(DASHBOARD, { row: 1, col: 1, numRows: plan.formats.length, numCols: WIDTH }, plan.formats);
  const dashboardRows = port.maxRows(DASHBOARD);
  if (dashboardRows > plan.blockerList.row) {
    port.setFormats(
      DASHBOARD,
      { row: plan.blockerList.row + 1, col: plan.blockerList.openedCol, numRows: dashboardRows - plan.blockerList.row, numCols: 1 },
      Array.from({ length: dashboardRows - plan.blockerList.row }, () => ['yyyy-mm-dd hh:mm']),
    );
  }
  port.styleBlock(DASHBOARD, plan.title, { bold: true, fontSize: 14 });
  for (const band of plan.bands) port.styleBlock(DASHBOARD, band, { bold: true, background: BAND });
  if (report.dashboardCreated) [180, 110, 100, 100, 150, 70, 220].forEach((width, i) => port.setColumnWidth(DASHBOARD, i + 1, width));
  const titles = new Set(chartTitles());
  report.charts = port.replaceCharts(DASHBOARD, plan.charts, (title) => titles.has(title)).added;
  return report;
}
