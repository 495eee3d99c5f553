import { ConfigError } from '../domain/errors';
import { KPI_FIELDS, kpiField, type KpiKey } from '../domain/kpi/fields';
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

/** Row 1 of each sheet, read once a run, and where a header sits in it. */
interface Headers {
  row(sheet: string): HeaderRow;
  /** 1-based; a missing column is a ConfigError that says how to get it back. */
  position(sheet: string, title: string): number;
  letter(sheet: string, title: string): string;
}

function headersOf(port: LayoutPort): Headers {
  const rows = new Map<string, HeaderRow>();
  const row = (sheet: string): HeaderRow => {
    let h = rows.get(sheet);
    if (!h) {
      h = port.header(sheet) ?? undefined;
      if (!h) throw new ConfigError(`the sheet "${sheet}" is missing: run setup again`);
      rows.set(sheet, h);
    }
    return h;
  };
  const position = (sheet: string, title: string): number => {
    const index = row(sheet).values.indexOf(title);
    if (index < 0) throw new ConfigError(`the sheet "${sheet}" has no "${title}" column: add it back (setup adds missing columns)`);
    return index + 1;
  };
  return { row, position, letter: (sheet, title) => columnLetter(position(sheet, title)) };
}

const KPI_SHEET = 'KPI Tracking';

const lettersOf = <K extends string>(cols: Record<K, number>) =>
  Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, columnLetter(v as number)])) as Record<K, string>;

/** Where each derived column is, and the headers of those setup adds now. */
interface DerivedPlacement {
  positions: Record<DerivedId, number>;
  added: string[];
}

/** By header, or by formula when an error hides the header; a column not found goes after the last used one. */
function placeDerivedColumns(kpiHeader: HeaderRow): DerivedPlacement {
  let end = kpiHeader.values.length;
  while (end > 0 && kpiHeader.values[end - 1] === '' && kpiHeader.formulas[end - 1] === '') end--;
  const positions = {} as Record<DerivedId, number>;
  const added: string[] = [];
  for (const column of DERIVED_COLUMNS) {
    const found = kpiHeader.values.findIndex((v, i) => v === column.header || (kpiHeader.formulas[i] ?? '').startsWith(`={"${column.header}";`));
    if (found >= 0) positions[column.id] = found + 1;
    else {
      positions[column.id] = ++end;
      added.push(column.header);
    }
  }
  return { positions, added };
}

/**
 * Rewrites only the derived formulas that differ, then sets their formats, new columns' widths, and hides the
 * helper columns and `Computed`. Says how many formulas it wrote.
 */
function writeDerivedColumns(
  port: LayoutPort,
  kpiHeader: HeaderRow,
  placement: DerivedPlacement,
  formulas: Record<DerivedId, string>,
  computedCol: number,
): number {
  const { positions, added } = placement;
  const changed = DERIVED_COLUMNS.filter((c) => kpiHeader.formulas[positions[c.id] - 1] !== formulas[c.id]).map((c) => ({
    col: positions[c.id],
    formula: formulas[c.id],
  }));
  if (changed.length > 0) port.setHeaderFormulas(KPI_SHEET, changed);
  for (const column of DERIVED_COLUMNS) {
    if (column.format) port.setColumnFormat(KPI_SHEET, positions[column.id], column.format);
    if (added.includes(column.header)) port.setColumnWidth(KPI_SHEET, positions[column.id], column.width);
  }
  port.hideColumns(KPI_SHEET, [computedCol, ...DERIVED_COLUMNS.filter((c) => c.hidden).map((c) => positions[c.id])]);
  return changed.length;
}

/**
 * Red below target, green at or above (by Direction), italic blue where a person's value is kept over the
 * computation. Sheets applies the first rule that holds, so both together come first.
 */
function targetRules(formulaLayout: FormulaLayout, kpiPositions: Record<'date' | KpiKey, number>, overridesCol: number, maxRows: number): RuleSpec[] {
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
  return rules;
}

/** Data validation where people type, with help in the team's language. */
function validations(language: Language): Array<[string, string, ValidationSpec]> {
  const t = (id: Parameters<typeof kpiText>[0]) => kpiText(id, language);
  return [
    [KPI_SHEET, 'Date', { kind: 'date', help: t('helpDate') }],
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
}

/** Adds a default target for each KPI that has no `Targets` row, and says which it added. */
function addDefaultTargets(targets: Table<TargetKey>): string[] {
  const present = new Set(
    targets.read().rows.map((r) =>
      String(r.record.kpi ?? '')
        .trim()
        .toLowerCase(),
    ),
  );
  const missing = DEFAULT_TARGETS.map(({ key, target }) => ({ field: kpiField(key), target })).filter(
    ({ field }) => !present.has(field.header.toLowerCase()),
  );
  if (missing.length === 0) return [];
  targets.upsert(missing.map(({ field, target }) => ({ kpi: field.header, target, direction: field.higherIsBetter ? 'higher' : 'lower' })));
  return missing.map((m) => m.field.header);
}

/** Where the Dashboard's formulas look: the tables' columns found by header. */
function dashboardColumns(headers: Headers, formulaLayout: FormulaLayout, kpiPositions: Record<'date' | KpiKey, number>): DashboardColumns {
  const { letter } = headers;
  return {
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
    githubMetrics: {
      period: letter('GitHub Metrics', 'Period'),
      deployments: letter('GitHub Metrics', 'Deployments'),
      leadTime: letter('GitHub Metrics', 'Lead Time For Changes'),
      changeFailureRate: letter('GitHub Metrics', 'Change Failure Rate'),
      timeToRestore: letter('GitHub Metrics', 'Time To Restore'),
      deployFrequencyLevel: letter('GitHub Metrics', 'Deploy Frequency Level'),
      leadTimeLevel: letter('GitHub Metrics', 'Lead Time Level'),
      changeFailureLevel: letter('GitHub Metrics', 'Change Failure Level'),
      restoreLevel: letter('GitHub Metrics', 'Restore Level'),
    },
  };
}

/** Writes the Dashboard over what setup wrote before, and replaces its charts; says whether the sheet was new. */
function writeDashboard(port: LayoutPort, columns: DashboardColumns, language: Language): { created: boolean; charts: number } {
  const created = port.ensureSheet(DASHBOARD);
  const plan = dashboard(columns, language);
  port.writeBlock(DASHBOARD, 1, 1, plan.cells);
  port.setFormats(DASHBOARD, { row: 1, col: 1, numRows: plan.formats.length, numCols: WIDTH }, plan.formats);
  // The open blockers' list spills down as far as there are blockers: its Opened column is dated to the end.
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
  // Widths only on a new sheet: a person may have resized the columns since.
  if (created) [180, 110, 100, 100, 150, 70, 220].forEach((width, i) => port.setColumnWidth(DASHBOARD, i + 1, width));
  const titles = new Set(chartTitles());
  return { created, charts: port.replaceCharts(DASHBOARD, plan.charts, (title) => titles.has(title)).added };
}

/**
 * What setup does to make the workbook the product people look at, after the tables exist: the derived formula
 * columns of `KPI Tracking` (rewritten where they differ, placed by header, never duplicated), number formats,
 * data validation where people type, conditional formatting against `Targets`, default targets, and the
 * `Dashboard`. Running it again changes nothing people entered: it rewrites only its own formulas, rules and
 * charts (recognised by header, by a marker in the rule formula, by chart title).
 */
export function applySheetLayout(deps: LayoutDeps): LayoutReport {
  const { port, language } = deps;
  // Data first: the layout after it is all formats and rules, which a port may send together in one request.
  const targetsAdded = addDefaultTargets(deps.targets);
  const headers = headersOf(port);
  const { position, letter } = headers;

  const kpiHeader = headers.row(KPI_SHEET);
  const kpiPositions = { date: position(KPI_SHEET, 'Date') } as Record<'date' | KpiKey, number>;
  for (const field of KPI_FIELDS) kpiPositions[field.key] = position(KPI_SHEET, field.header);
  const overridesCol = position(KPI_SHEET, 'Overrides');
  const computedCol = position(KPI_SHEET, 'Computed');
  const placement = placeDerivedColumns(kpiHeader);
  const formulaLayout: FormulaLayout = {
    kpi: lettersOf(kpiPositions),
    derived: lettersOf(placement.positions),
    targets: { kpi: letter('Targets', 'KPI'), target: letter('Targets', 'Target'), direction: letter('Targets', 'Direction') },
    settings: { key: letter('Settings', 'Key'), value: letter('Settings', 'Value') },
    defaults: deps.thresholdDefaults,
  };
  const formulasWritten = writeDerivedColumns(port, kpiHeader, placement, derivedFormulas(formulaLayout, language), computedCol);

  const rules = targetRules(formulaLayout, kpiPositions, overridesCol, port.maxRows(KPI_SHEET));
  const rulesAdded = port.replaceRules(KPI_SHEET, rules, (formula) => formula.includes(RULE_MARK)).added;

  for (const [sheet, title, spec] of validations(language)) port.setValidation(sheet, position(sheet, title), spec);

  const dashboardWritten = writeDashboard(port, dashboardColumns(headers, formulaLayout, kpiPositions), language);
  return {
    derivedAdded: placement.added,
    formulasWritten,
    targetsAdded,
    dashboardCreated: dashboardWritten.created,
    rules: rulesAdded,
    charts: dashboardWritten.charts,
  };
}
