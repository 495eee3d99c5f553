import type { StateDir } from '../../runtime/state';
import { columnLetter, parseA1 } from './a1';
import { ErrorValue, isFormula, type Resolved } from './cells';
import { displayValue } from './context';
import { serialFromInstant } from './dates';
import type { Clock } from './formulas';
import { hostClock } from './host';
import { Workbook, type CfRuleData, type SheetData, type ValidationData } from './model';
import { offsetFormula } from './refs';

export interface RenderOptions {
  /** The instant TODAY()/NOW() evaluate at (default: now). */
  now?: Date;
  /** Rows shown per sheet before the page says how many more there are (default 1000). */
  maxRows?: number;
  /** The page title (default: the workbook's name). */
  title?: string;
}

// Custom-formula rules are evaluated cell by cell by the engine; past this many cells a page stops trying.
const MAX_FORMULA_RULE_CELLS = 20_000;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI","Hiragino Sans",Meiryo,sans-serif;margin:0;color:#202124;background:#f8f9fa}
header{padding:10px 16px;background:#fff;border-bottom:1px solid #dadce0}
header h1{font-size:16px;margin:0}
header p{margin:2px 0 0;color:#5f6368;font-size:12px}
.tabs>input{position:absolute;opacity:0;pointer-events:none}
.tabs>label{display:inline-block;padding:6px 12px;margin:8px 2px 0;border:1px solid #dadce0;border-bottom:none;border-radius:6px 6px 0 0;background:#f1f3f4;cursor:pointer}
.tabs>label.hidden{font-style:italic;color:#80868b}
.tabs>section{display:none;background:#fff;border-top:1px solid #dadce0;padding:8px 16px 24px}
.grid{overflow:auto;max-height:75vh;border:1px solid #dadce0}
table.sheet{border-collapse:collapse;font-size:12px}
table.sheet th,table.sheet td{border:1px solid #e0e0e0;padding:2px 6px;white-space:pre;max-width:360px;overflow:hidden;text-overflow:ellipsis}
table.sheet thead th{position:sticky;top:0;background:#f1f3f4;z-index:2;color:#5f6368;font-weight:normal}
table.sheet th.rn{position:sticky;left:0;background:#f1f3f4;color:#5f6368;font-weight:normal;text-align:right;z-index:1}
table.sheet tr.frozen td{font-weight:bold;background-color:#f8f9fa}
td.num{text-align:right}
td.err{color:#c5221f}
td.f::before{content:"ƒ";font-size:9px;color:#1a73e8;vertical-align:super;margin-right:3px;font-style:italic}
td.dv::after{content:"▾";font-size:9px;color:#80868b;margin-left:4px}
.meta{margin-top:12px;font-size:12px}
.meta h3{font-size:13px;margin:12px 0 4px}
.meta pre{background:#f8f9fa;border:1px solid #e0e0e0;padding:6px;white-space:pre-wrap;margin:4px 0}
.more{color:#5f6368;font-style:italic;margin:6px 0}
`;

interface CellStyle {
  background?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  underline?: boolean;
}

/**
 * A read-only page of the whole workbook: one tab per sheet (pure CSS, no script, no external assets), computed
 * display values, frozen header rows in bold, a small ƒ on formula cells (the formula in the tooltip),
 * backgrounds and conditional formats applied, and each sheet's charts, rules and validation listed as data.
 */
export function renderWorkbookHtml(state: StateDir, opts: RenderOptions = {}): string {
  const wb = Workbook.of(state);
  const clock = hostClock(wb, opts.now);
  const maxRows = opts.maxRows ?? 1000;
  const title = opts.title ?? wb.data.name;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<title>${escapeHtml(title)}</title><style>${CSS}`);
  wb.sheets.forEach((_, i) => parts.push(`#tab${i}:checked~#panel${i}{display:block}#tab${i}:checked+label{background:#fff;font-weight:bold}`));
  parts.push(`</style></head><body><header><h1>${escapeHtml(title)}</h1>`);
  parts.push(
    `<p>Time zone ${escapeHtml(wb.data.timeZone)} · locale ${escapeHtml(wb.data.locale)} · ${wb.sheets.length} sheet(s) · read-only view</p></header>`,
  );
  parts.push('<div class="tabs">');
  const active = wb.activeSheet();
  wb.sheets.forEach((sheet, i) => {
    parts.push(`<input type="radio" name="tabs" id="tab${i}"${sheet === active ? ' checked' : ''}>`);
    parts.push(
      `<label for="tab${i}"${sheet.hidden ? ' class="hidden" title="hidden sheet"' : ''}${sheet.tabColor ? ` style="border-top:3px solid ${escapeHtml(sheet.tabColor)}"` : ''}>${escapeHtml(sheet.name)}</label>`,
    );
  });
  // Sections after all the radios, so each radio's ~ selector reaches every panel.
  wb.sheets.forEach((sheet, i) => parts.push(`<section id="panel${i}">${renderSheet(wb, sheet, clock, maxRows)}</section>`));
  parts.push('</div></body></html>');
  return parts.join('');
}

function renderSheet(wb: Workbook, sheet: SheetData, clock: Clock, maxRows: number): string {
  const extent = wb.extent(sheet, clock);
  const rows = Math.min(extent.rows, maxRows);
  const cols = extent.cols;
  const out: string[] = [];
  if (rows === 0 || cols === 0) {
    out.push('<p class="more">This sheet is empty.</p>');
  } else {
    const { values, formats } = wb.resolveBlock(sheet, 0, 0, rows, cols, clock);
    const bg = wb.attrBlock(sheet, 'bg', 0, 0, rows, cols);
    const fc = wb.attrBlock(sheet, 'fc', 0, 0, rows, cols);
    const fw = wb.attrBlock(sheet, 'fw', 0, 0, rows, cols);
    const fi = wb.attrBlock(sheet, 'fi', 0, 0, rows, cols);
    const ha = wb.attrBlock(sheet, 'ha', 0, 0, rows, cols);
    const notes = wb.attrBlock(sheet, 'note', 0, 0, rows, cols);
    const dv = wb.attrBlock(sheet, 'dv', 0, 0, rows, cols);
    const conditional = conditionalStyles(wb, sheet, values, rows, cols, clock);
    out.push('<div class="grid"><table class="sheet"><thead><tr><th></th>');
    for (let c = 0; c < cols; c++) out.push(`<th>${columnLetter(c + 1)}</th>`);
    out.push('</tr></thead><tbody>');
    for (let r = 0; r < rows; r++) {
      out.push(`<tr${r < sheet.frozenRows ? ' class="frozen"' : ''}><th class="rn">${r + 1}</th>`);
      for (let c = 0; c < cols; c++) {
        const v = values[r]![c]!;
        const cell = wb.cell(sheet, r, c);
        const classes: string[] = [];
        const titles: string[] = [];
        if (isFormula(cell)) {
          classes.push('f');
          titles.push(cell.f);
        }
        if (typeof v === 'number') classes.push('num');
        if (v instanceof ErrorValue) classes.push('err');
        const ruleJson = dv?.[r]?.[c];
        const rule = ruleJson ? (JSON.parse(ruleJson) as ValidationData) : undefined;
        if (rule && (rule.type === 'VALUE_IN_LIST' || rule.type === 'VALUE_IN_RANGE')) classes.push('dv');
        const note = notes?.[r]?.[c];
        if (note) titles.push(`Note: ${note}`);
        const style: CellStyle = {};
        const background = bg?.[r]?.[c];
        if (background) style.background = background;
        const color = fc?.[r]?.[c];
        if (color) style.color = color;
        if (fw?.[r]?.[c] === 'bold') style.bold = true;
        if (fi?.[r]?.[c] === 'italic') style.italic = true;
        Object.assign(style, conditional.get(r * cols + c));
        const css = cssOf(style, ha?.[r]?.[c]);
        const text = rule?.type === 'CHECKBOX' && typeof v === 'boolean' ? (v ? '☑' : '☐') : displayValue(v, formats[r]![c]);
        const attrs = `${classes.length ? ` class="${classes.join(' ')}"` : ''}${titles.length ? ` title="${escapeHtml(titles.join('\n'))}"` : ''}${css ? ` style="${escapeHtml(css)}"` : ''}`;
        out.push(`<td${attrs}>${escapeHtml(text)}</td>`);
      }
      out.push('</tr>');
    }
    out.push('</tbody></table></div>');
    if (extent.rows > rows) out.push(`<p class="more">… ${extent.rows - rows} more row(s) not shown.</p>`);
  }
  out.push(renderMeta(wb, sheet));
  return out.join('');
}

function cssOf(style: CellStyle, align: string | undefined): string {
  const parts: string[] = [];
  if (style.background) parts.push(`background-color:${style.background}`);
  if (style.color) parts.push(`color:${style.color}`);
  if (style.bold) parts.push('font-weight:bold');
  if (style.italic) parts.push('font-style:italic');
  const lines = [style.strike ? 'line-through' : '', style.underline ? 'underline' : ''].filter(Boolean);
  if (lines.length) parts.push(`text-decoration:${lines.join(' ')}`);
  if (align && align !== 'general') parts.push(`text-align:${align}`);
  return parts.join(';');
}

function renderMeta(wb: Workbook, sheet: SheetData): string {
  const out: string[] = ['<div class="meta">'];
  const facts = [`${sheet.maxRows} × ${sheet.maxCols} grid`];
  if (sheet.frozenRows) facts.push(`${sheet.frozenRows} frozen row(s)`);
  if (sheet.frozenCols) facts.push(`${sheet.frozenCols} frozen column(s)`);
  if (sheet.hidden) facts.push('hidden');
  out.push(`<p>${escapeHtml(facts.join(' · '))}</p>`);
  if (sheet.charts.length) {
    out.push(`<h3>Charts (${sheet.charts.length})</h3>`);
    for (const chart of sheet.charts) {
      const definition = { type: chart.type, ranges: chart.ranges, position: chart.position, options: chart.options };
      out.push(`<pre>${escapeHtml(JSON.stringify(definition, null, 2))}</pre>`);
    }
  }
  if (sheet.cfRules.length) {
    out.push(`<h3>Conditional format rules (${sheet.cfRules.length})</h3>`);
    for (const rule of sheet.cfRules) out.push(`<pre>${escapeHtml(JSON.stringify(rule))}</pre>`);
  }
  const validations = sheet.attrs.dv ?? [];
  const listed: string[] = [];
  validations.forEach((runs, c) => {
    for (const [s, e, v] of runs ?? []) listed.push(`${columnLetter(c + 1)}${s + 1}:${columnLetter(c + 1)}${e + 1} ${v}`);
  });
  if (listed.length) {
    out.push(`<h3>Data validation</h3><pre>${escapeHtml(listed.join('\n'))}</pre>`);
  }
  if (sheet.merges.length) out.push(`<h3>Merged ranges</h3><pre>${escapeHtml(sheet.merges.join(', '))}</pre>`);
  const named = wb.data.namedRanges.filter((n) => n.sheetId === sheet.id);
  if (named.length) out.push(`<h3>Named ranges</h3><pre>${escapeHtml(named.map((n) => `${n.name} = ${n.a1}`).join('\n'))}</pre>`);
  out.push('</div>');
  return out.join('');
}

/** The format each conditional rule gives, by cell (row * cols + col); the first matching rule wins, as in Sheets. */
function conditionalStyles(wb: Workbook, sheet: SheetData, values: Resolved[][], rows: number, cols: number, clock: Clock): Map<number, CellStyle> {
  const styles = new Map<number, CellStyle>();
  let formulaBudget = MAX_FORMULA_RULE_CELLS;
  for (const rule of sheet.cfRules) {
    if (!rule.condition) continue;
    const format: CellStyle = {};
    if (rule.format.background) format.background = rule.format.background;
    if (rule.format.fontColor) format.color = rule.format.fontColor;
    if (rule.format.bold) format.bold = true;
    if (rule.format.italic) format.italic = true;
    if (rule.format.strikethrough) format.strike = true;
    if (rule.format.underline) format.underline = true;
    const rects = rule.ranges.flatMap((a1) => {
      const rect = parseA1(a1, sheet.maxRows, sheet.maxCols);
      return rect ? [rect] : [];
    });
    const anchor = rects[0];
    if (!anchor) continue;
    for (const rect of rects) {
      for (let r = rect.row - 1; r < Math.min(rect.row - 1 + rect.numRows, rows); r++) {
        for (let c = rect.col - 1; c < Math.min(rect.col - 1 + rect.numCols, cols); c++) {
          const key = r * cols + c;
          if (styles.has(key)) continue;
          let match: boolean;
          if (rule.condition.type === 'CUSTOM_FORMULA') {
            if (formulaBudget-- <= 0) continue;
            const formula = String(rule.condition.values[0] ?? '');
            const result = wb.engine.evaluate(sheet, offsetFormula(formula, r - (anchor.row - 1), c - (anchor.col - 1)), clock);
            match = result === true || (typeof result === 'number' && result !== 0);
          } else {
            match = conditionMatches(rule.condition, values[r]![c]!, wb.data.timeZone);
          }
          if (match) styles.set(key, format);
        }
      }
    }
  }
  return styles;
}

function conditionMatches(condition: NonNullable<CfRuleData['condition']>, v: Resolved, timeZone: string): boolean {
  const args = condition.values.map((x) => (x !== null && typeof x === 'object' && 'date' in x ? serialFromInstant(x.date, timeZone) : x));
  const n = typeof v === 'number' ? v : Number.NaN;
  const a = Number(args[0]);
  const b = Number(args[1]);
  const text = v === null || v instanceof ErrorValue ? '' : String(v).toLowerCase();
  const arg = String(args[0] ?? '').toLowerCase();
  switch (condition.type) {
    case 'CELL_EMPTY':
      return v === null || v === '';
    case 'CELL_NOT_EMPTY':
      return v !== null && v !== '';
    case 'NUMBER_BETWEEN':
      return n >= Math.min(a, b) && n <= Math.max(a, b);
    case 'NUMBER_NOT_BETWEEN':
      return !Number.isNaN(n) && !(n >= Math.min(a, b) && n <= Math.max(a, b));
    case 'NUMBER_EQUAL_TO':
      return n === a;
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(n) && n !== a;
    case 'NUMBER_GREATER_THAN':
      return n > a;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n >= a;
    case 'NUMBER_LESS_THAN':
      return n < a;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n <= a;
    case 'TEXT_CONTAINS':
      return text.includes(arg);
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(arg);
    case 'TEXT_STARTS_WITH':
      return text.startsWith(arg);
    case 'TEXT_ENDS_WITH':
      return text.endsWith(arg);
    case 'TEXT_EQUAL_TO':
      return text === arg;
    case 'TEXT_NOT_EQUAL_TO':
      return text !== arg;
    case 'DATE_BEFORE':
      return n < a;
    case 'DATE_AFTER':
      return Math.floor(n) > Math.floor(a);
    case 'DATE_EQUAL_TO':
      return Math.floor(n) === Math.floor(a);
    default:
      return false;
  }
}
