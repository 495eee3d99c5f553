import { KPI_FIELDS, type KpiKey } from '../../domain/kpi/fields';
import { kpiText } from '../../domain/kpi/messages';
import type { Language } from '../../domain/messages';
import { sheetRef } from '../a1';
import { lowerIsBetterFormula, targetFormula, type TargetColumns } from './targets';

/**
 * The derived columns of `KPI Tracking`: one array formula per column, in the header cell, so the sheet computes
 * them without the script and a row a person types gets them at once. Each formula is `={"Header"; ARRAYFORMULA(…)}`
 * over open-ended ranges (`B2:B`), and every value is guarded (IFERROR), so no cell ever shows an error.
 *
 * Rolling figures look at the rows above: rows are oldest first (the KPI job keeps them so), and a row counts only
 * when its date falls in the window, so rows out of order leave a window short, never wrong. Row j above is
 * `ARRAY_CONSTRAIN({"";…;B2:B}, ROWS(B2:B), 1)`: the column moved down j rows, which costs Sheets (and the
 * local formula engine) one pass per row above instead of one per pair of rows, as SUMIF windows would.
 */

export type DerivedId =
  'avg7' | 'targetCheck' | 'dayChange' | 'trend' | 'slope7' | 'weeklySatisfaction' | 'alerts' | 'status' | 'n7' | 'sx7' | 'sy7' | 'sxy7' | 'sxx7';

export interface DerivedColumn {
  id: DerivedId;
  header: string;
  /** Number format of the column's values (null: General). */
  format: string | null;
  width: number;
  hidden: boolean;
}

/** In the order setup adds them; the headers are the contract (formulas are rewritten, headers never renamed). */
export const DERIVED_COLUMNS: readonly DerivedColumn[] = [
  // Helpers the visible columns share (Sheets has LET, the formula engine the local runtime uses does not),
  // hidden. They come first: every formula reads only columns to its left, which some engines need to evaluate
  // an array formula that reads another one's results.
  { id: 'status', header: 'Target Status', format: null, width: 120, hidden: true },
  { id: 'n7', header: '7d Progress n', format: '0', width: 60, hidden: true },
  { id: 'sx7', header: '7d Progress Σx', format: '0.######', width: 60, hidden: true },
  { id: 'sy7', header: '7d Progress Σy', format: '0.######', width: 60, hidden: true },
  { id: 'sxy7', header: '7d Progress Σxy', format: '0.######', width: 60, hidden: true },
  { id: 'sxx7', header: '7d Progress Σx²', format: '0.######', width: 60, hidden: true },
  { id: 'avg7', header: '7-Day Avg Progress', format: '0.0%', width: 140, hidden: false },
  { id: 'targetCheck', header: 'Target Check', format: null, width: 110, hidden: false },
  { id: 'dayChange', header: 'Day-over-Day Progress', format: '+0.0%;-0.0%;0.0%', width: 160, hidden: false },
  { id: 'slope7', header: '7-Day Progress Slope', format: '+0.00%;-0.00%;0.00%', width: 150, hidden: false },
  { id: 'trend', header: 'Trend', format: null, width: 70, hidden: false },
  { id: 'weeklySatisfaction', header: 'Weekly Avg Satisfaction', format: '0.0', width: 170, hidden: false },
  { id: 'alerts', header: 'Alerts', format: null, width: 260, hidden: false },
];

/** A slope of less than a tenth of a point a day either way reads as flat (➡️). */
export const FLAT_SLOPE = 0.001;
export const WINDOW_ROWS = 7;

/** Where things are, as column letters found by header when setup runs. */
export interface FormulaLayout {
  /** `KPI Tracking` columns: Date and the seven KPIs. */
  kpi: Record<'date' | KpiKey, string>;
  derived: Record<DerivedId, string>;
  targets: TargetColumns;
  settings: { key: string; value: string };
  /** Alert thresholds' defaults, used while Settings has no valid value. */
  defaults: { taskCompletionBelow: number; satisfactionBelow: number; blockersAbove: number };
}

const open = (column: string) => `${column}2:${column}`;

/**
 * The column moved down `rows` rows, padded on top: a value column with empty text (never a number), the date
 * column with 0 (a day long before any window), so a padded row never joins a window.
 */
export function above(column: string, rows: number, pad: '""' | '0' = '""'): string {
  if (rows === 0) return open(column);
  return `ARRAY_CONSTRAIN({${`${pad};`.repeat(rows)}${open(column)}},ROWS(${open(column)}),1)`;
}

function wrap(layout: FormulaLayout, header: string, body: string): string {
  const date = open(layout.kpi.date);
  return `={"${header}";ARRAYFORMULA(IF(${date}="","",IFERROR(${body},"")))}`;
}

/** Σ over the rows above (the row itself included) whose `inWindow` holds, of `term`; 0 elsewhere. */
function windowSum(inWindow: (j: number) => string, term: (j: number) => string): string {
  return Array.from({ length: WINDOW_ROWS }, (_, j) => `IF(${inWindow(j)},${term(j)},0)`).join('+');
}

/** A scalar Settings value (text in the sheet) as a number, or the default. */
function settingNumber(layout: FormulaLayout, key: string, fallback: number, rate: boolean): string {
  const s = sheetRef('Settings');
  const raw = `VALUE(INDEX(${s}!$${layout.settings.value}$2:$${layout.settings.value},MATCH("${key}",${s}!$${layout.settings.key}$2:$${layout.settings.key},0))&"")`;
  return rate ? `IFERROR(IF(${raw}>1,${raw}/100,${raw}),${fallback})` : `IFERROR(${raw},${fallback})`;
}

export function derivedFormulas(layout: FormulaLayout, language: Language): Record<DerivedId, string> {
  const k = layout.kpi;
  const d = layout.derived;
  const D = open(k.date);
  const P = k.overallProgress;
  const progressWindow = (j: number) => `(${above(k.date, j, '0')}>${D}-7)*(${above(k.date, j, '0')}<=${D})*ISNUMBER(${above(P, j)})`;
  const x = (j: number) => `(${above(k.date, j, '0')}-${D})`;
  const n = open(d.n7);
  const sx = open(d.sx7);
  const sy = open(d.sy7);
  const sxy = open(d.sxy7);
  const sxx = open(d.sxx7);
  const header = (id: DerivedId) => DERIVED_COLUMNS.find((c) => c.id === id)?.header ?? id;

  const statusOf = (field: (typeof KPI_FIELDS)[number]) => {
    const value = open(k[field.key]);
    const target = targetFormula(layout.targets, field);
    return `IF(ISNUMBER(${value})*ISNUMBER(${target}),IF(IF(${lowerIsBetterFormula(layout.targets, field)},${value}<=${target},${value}>=${target}),"${field.code}+;","${field.code}-;"),"")`;
  };

  const st = open(d.status);
  const weekWindow = (j: number) =>
    `(${above(k.date, j, '0')}>=${D}-WEEKDAY(${D},2)+1)*(${above(k.date, j, '0')}<=${D})*ISNUMBER(${above(k.teamSatisfaction, j)})`;

  const C = open(k.taskCompletionRate);
  const S = open(k.teamSatisfaction);
  const B = open(k.blockersCount);
  const thC = settingNumber(layout, 'ALERT_TASK_COMPLETION_BELOW', layout.defaults.taskCompletionBelow, true);
  const thS = settingNumber(layout, 'ALERT_SATISFACTION_BELOW', layout.defaults.satisfactionBelow, false);
  const thB = settingNumber(layout, 'ALERT_BLOCKERS_ABOVE', layout.defaults.blockersAbove, false);
  const progress = KPI_FIELDS.find((f) => f.key === 'overallProgress');
  const progressTarget = progress ? targetFormula(layout.targets, progress) : '""';
  const PV = open(P);
  // Each rule once, as a condition and its text; the seed's order: the target first, then blockers, then mood.
  const rules = [
    [
      `ISNUMBER(${PV})*ISNUMBER(${progressTarget})*(${PV}<${progressTarget})`,
      `${kpiText('formulaProgressBelowTarget', language)} "&TEXT(${PV},"0%")&"`,
    ],
    [`ISNUMBER(${B})*(${B}>${thB})`, `${kpiText('formulaBlockersHigh', language)} "&${B}&"`],
    [`ISNUMBER(${S})*(${S}<${thS})`, `${kpiText('formulaSatisfactionLow', language)} "&TEXT(${S},"0.0")&"`],
    [`ISNUMBER(${C})*(${C}<${thC})`, `${kpiText('formulaCompletionLow', language)} "&TEXT(${C},"0%")&"`],
  ] as const;
  // The parts each start with " / ", cut from the first one; a row that breaks no rule says so (✅), as the seed's did.
  const alerts = `IF(${rules.map(([condition]) => `(${condition})`).join('+')}=0,"${kpiText('formulaAllGood', language)}",MID(${rules
    .map(([condition, label]) => `IF(${condition}," / ${label}","")`)
    .join('&')},4,1000))`;

  return {
    n7: wrap(
      layout,
      header('n7'),
      windowSum(progressWindow, () => '1'),
    ),
    sx7: wrap(layout, header('sx7'), windowSum(progressWindow, x)),
    sy7: wrap(
      layout,
      header('sy7'),
      windowSum(progressWindow, (j) => above(P, j)),
    ),
    sxy7: wrap(
      layout,
      header('sxy7'),
      windowSum(progressWindow, (j) => `${x(j)}*${above(P, j)}`),
    ),
    sxx7: wrap(
      layout,
      header('sxx7'),
      windowSum(progressWindow, (j) => `${x(j)}^2`),
    ),
    avg7: wrap(layout, header('avg7'), `${sy}/${n}`),
    slope7: wrap(layout, header('slope7'), `(${n}*${sxy}-${sx}*${sy})/(${n}*${sxx}-${sx}^2)`),
    dayChange: wrap(
      layout,
      header('dayChange'),
      `IF(ISNUMBER(${open(P)})*ISNUMBER(${above(P, 1)})*(${above(k.date, 1, '0')}<${D}),${open(P)}-${above(P, 1)},"")`,
    ),
    trend: wrap(
      layout,
      header('trend'),
      `IF(ISNUMBER(${open(d.slope7)}),IF(${open(d.slope7)}>=${FLAT_SLOPE},"📈",IF(${open(d.slope7)}<=-${FLAT_SLOPE},"📉","➡️")),"")`,
    ),
    weeklySatisfaction: wrap(
      layout,
      header('weeklySatisfaction'),
      `(${windowSum(weekWindow, (j) => above(k.teamSatisfaction, j))})/(${windowSum(weekWindow, () => '1')})`,
    ),
    status: wrap(layout, header('status'), KPI_FIELDS.map(statusOf).join('&')),
    targetCheck: wrap(
      layout,
      header('targetCheck'),
      `IF(${st}="","",IF(ISNUMBER(FIND("-",${st})),"⚠️ "&(LEN(${st})-LEN(SUBSTITUTE(${st},"-",""))),"✅"))`,
    ),
    alerts: wrap(layout, header('alerts'), alerts),
  };
}

/**
 * Conditional formatting of a KPI column from the Target Status helper (same sheet: Sheets' conditional formats
 * cannot read another sheet without INDIRECT): red below target, green at or above, by the target's direction.
 * `N("shinchoku")=0` is always true; it marks the rules setup owns, so running setup again replaces them and leaves a
 * person's own rules alone.
 */
export const RULE_MARK = 'N("shinchoku")';

export function targetRuleFormulas(layout: FormulaLayout, key: KpiKey): { met: string; missed: string } {
  const field = KPI_FIELDS.find((f) => f.key === key);
  const status = `$${layout.derived.status}2`;
  return {
    met: `=AND(ISNUMBER(FIND("${field?.code}+;",${status})),${RULE_MARK}=0)`,
    missed: `=AND(ISNUMBER(FIND("${field?.code}-;",${status})),${RULE_MARK}=0)`,
  };
}

/** Italic blue for a value kept over the computation (its header is in the row's Overrides cell). */
export function overrideRuleFormula(overridesColumn: string, key: KpiKey): string {
  const field = KPI_FIELDS.find((f) => f.key === key);
  return `=AND(ISNUMBER(SEARCH("${field?.header}",$${overridesColumn}2)),${RULE_MARK}=0)`;
}
