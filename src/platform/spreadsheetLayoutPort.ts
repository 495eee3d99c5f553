import { columnLetter } from '../sheets/a1';
import type { ChartSpec, GridArea, HeaderRow, LayoutPort, RuleSpec, ValidationSpec } from '../sheets/layout';

/**
 * The layout port carried out through SpreadsheetApp: it writes the header formulas, formats, validation,
 * conditional formats and charts that src/app/applySheetLayout.ts decided. Only setup uses it, so clarity wins
 * over the last saved call.
 */
export function spreadsheetLayoutPort(): LayoutPort {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = (name: string): GoogleAppsScript.Spreadsheet.Sheet => {
    const found = ss.getSheetByName(name);
    if (!found) throw new Error(`the sheet "${name}" does not exist`);
    return found;
  };
  const body = (s: GoogleAppsScript.Spreadsheet.Sheet, col: number) => s.getRange(2, col, Math.max(1, s.getMaxRows() - 1), 1);
  const range = (s: GoogleAppsScript.Spreadsheet.Sheet, a: GridArea) => s.getRange(a.row, a.col, a.numRows, a.numCols);

  return {
    ensureSheet(name) {
      if (ss.getSheetByName(name)) return false;
      ss.insertSheet(name);
      return true;
    },
    header(name): HeaderRow | null {
      const s = ss.getSheetByName(name);
      if (!s) return null;
      const width = Math.max(1, s.getLastColumn());
      const r = s.getRange(1, 1, 1, width);
      return { values: (r.getValues()[0] ?? []).map((v) => String(v).trim()), formulas: (r.getFormulas()[0] ?? []).map(String) };
    },
    maxRows: (name) => sheet(name).getMaxRows(),
    setHeaderFormulas(name, cells) {
      const s = sheet(name);
      const sorted = [...cells].sort((a, b) => a.col - b.col);
      // Adjacent columns go in one call.
      let run: Array<{ col: number; formula: string }> = [];
      const flush = () => {
        const first = run[0];
        if (first) s.getRange(1, first.col, 1, run.length).setFormulas([run.map((c) => c.formula)]);
        run = [];
      };
      for (const cell of sorted) {
        const last = run[run.length - 1];
        if (last && last.col + 1 !== cell.col) flush();
        run.push(cell);
      }
      flush();
    },
    setColumnFormat(name, col, format) {
      const s = sheet(name);
      body(s, col).setNumberFormat(format);
    },
    setColumnWidth: (name, col, width) => {
      sheet(name).setColumnWidth(col, width);
    },
    hideColumns(name, cols) {
      const s = sheet(name);
      for (const col of cols) s.hideColumns(col);
    },
    setValidation(name, col, spec) {
      const s = sheet(name);
      body(s, col).setDataValidation(validation(spec));
    },
    replaceRules(name, rules, ours) {
      const s = sheet(name);
      const all = s.getConditionalFormatRules();
      const kept = all.filter((rule) => {
        const condition = rule.getBooleanCondition();
        const formula = condition && String(condition.getCriteriaType()) === 'CUSTOM_FORMULA' ? String(condition.getCriteriaValues()[0] ?? '') : '';
        return !ours(formula);
      });
      const removed = all.length - kept.length;
      s.setConditionalFormatRules([...kept, ...rules.map((r) => rule(s, r))]);
      return { removed, added: rules.length };
    },
    writeBlock(name, row, col, cells) {
      const width = cells[0]?.length ?? 0;
      if (cells.length === 0 || width === 0) return;
      sheet(name)
        .getRange(row, col, cells.length, width)
        .setValues(cells.map((line) => line.map((v) => (v === null ? '' : v))));
    },
    setFormats(name, area, formats) {
      range(sheet(name), area).setNumberFormats(formats.map((line) => [...line]));
    },
    styleBlock(name, area, style) {
      const r = range(sheet(name), area);
      if (style.bold) r.setFontWeight('bold');
      if (style.fontSize) r.setFontSize(style.fontSize);
      if (style.background) r.setBackground(style.background);
    },
    replaceCharts(name, charts, ours) {
      const s = sheet(name);
      let removed = 0;
      for (const chart of s.getCharts()) {
        if (ours(String(chart.getOptions().get('title') ?? ''))) {
          s.removeChart(chart);
          removed++;
        }
      }
      for (const spec of charts) s.insertChart(chart(s, spec));
      return { removed, added: charts.length };
    },
  };
}

function validation(spec: ValidationSpec): GoogleAppsScript.Spreadsheet.DataValidation {
  const b = SpreadsheetApp.newDataValidation();
  switch (spec.kind) {
    case 'list':
      return b
        .requireValueInList([...spec.values], true)
        .setAllowInvalid(spec.allowInvalid)
        .setHelpText(spec.help)
        .build();
    case 'checkbox':
      return b.requireCheckbox().build();
    case 'date':
      return b.requireDate().setAllowInvalid(false).setHelpText(spec.help).build();
    case 'numberBetween':
      return b.requireNumberBetween(spec.min, spec.max).setAllowInvalid(false).setHelpText(spec.help).build();
    case 'numberAtLeast':
      return b.requireNumberGreaterThanOrEqualTo(spec.min).setAllowInvalid(false).setHelpText(spec.help).build();
  }
}

function rule(s: GoogleAppsScript.Spreadsheet.Sheet, spec: RuleSpec): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  let b = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(spec.formula)
    .setRanges([s.getRange(spec.area.row, spec.area.col, spec.area.numRows, spec.area.numCols)]);
  if (spec.background) b = b.setBackground(spec.background);
  if (spec.fontColor) b = b.setFontColor(spec.fontColor);
  if (spec.italic) b = b.setItalic(true);
  return b.build();
}

function chart(s: GoogleAppsScript.Spreadsheet.Sheet, spec: ChartSpec): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const source = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(spec.sourceSheet);
  if (!source) throw new Error(`the sheet "${spec.sourceSheet}" does not exist`);
  let b: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = s.newChart().asLineChart();
  // Whole columns, so rows added later are in the chart too.
  for (const col of spec.columns) b = b.addRange(source.getRange(`${columnLetter(col)}:${columnLetter(col)}`));
  b = b
    .setNumHeaders(1)
    .setOption('title', spec.title)
    .setPosition(spec.anchor.row, spec.anchor.col, 0, 0)
    .setOption('width', spec.width)
    .setOption('height', spec.height);
  if (spec.vAxisFormat) b = b.setOption('vAxis.format', spec.vAxisFormat);
  return b.build();
}
