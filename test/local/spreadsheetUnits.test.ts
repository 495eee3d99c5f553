import { parseA1, quoteSheetName } from '../../local/services/spreadsheet/a1';
import { instantFromSerial, isoDateTime, serialFromInstant } from '../../local/services/spreadsheet/dates';
import { parseInput } from '../../local/services/spreadsheet/input';
import { formatValue, isTemporalFormat } from '../../local/services/spreadsheet/numfmt';
import { offsetFormula, renameSheetInFormula, shiftFormula } from '../../local/services/spreadsheet/refs';
import { runDelete, runFill, runInsert, runValue, runWrite } from '../../local/services/spreadsheet/runs';

describe('A1 notation', () => {
  test('closed, open-ended, whole-column and whole-row ranges', () => {
    expect(parseA1('B2', 1000, 26)).toEqual({ row: 2, col: 2, numRows: 1, numCols: 1 });
    expect(parseA1('$A$1:C3', 1000, 26)).toEqual({ row: 1, col: 1, numRows: 3, numCols: 3 });
    expect(parseA1('A2:A', 1000, 26)).toEqual({ row: 2, col: 1, numRows: 999, numCols: 1 });
    expect(parseA1('B:D', 1000, 26)).toEqual({ row: 1, col: 2, numRows: 1000, numCols: 3 });
    expect(parseA1('2:3', 1000, 26)).toEqual({ row: 2, col: 1, numRows: 2, numCols: 26 });
    expect(parseA1('C3:A1', 1000, 26)).toEqual({ row: 1, col: 1, numRows: 3, numCols: 3 });
    expect(parseA1('A', 1000, 26)).toBeUndefined();
    expect(parseA1('hello world', 1000, 26)).toBeUndefined();
    expect(quoteSheetName('Tasks')).toBe('Tasks');
    expect(quoteSheetName('KPI Tracking')).toBe("'KPI Tracking'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
  });
});

describe('typed input', () => {
  test('numbers, percentages, dates, times and booleans', () => {
    expect(parseInput('-1.5e3')).toEqual({ kind: 'value', value: -1500 });
    expect(parseInput('1,234.50')).toEqual({ kind: 'value', value: 1234.5, format: '#,##0.00' });
    expect(parseInput('7.5%')).toEqual({ kind: 'value', value: 0.075, format: '0.00%' });
    expect(parseInput('2026-02-30')).toEqual({ kind: 'value', value: '2026-02-30' });
    expect(parseInput('9:30')).toEqual({ kind: 'value', value: 9.5 / 24, format: 'h:mm' });
    expect(parseInput('false')).toEqual({ kind: 'value', value: false });
    expect(parseInput('=')).toEqual({ kind: 'value', value: '=' });
    expect(parseInput(' =1')).toEqual({ kind: 'value', value: ' =1' });
    expect(parseInput('+81 90 1234 5678')).toEqual({ kind: 'value', value: '+81 90 1234 5678' });
  });
});

describe('number formats', () => {
  test('numbers, percentages, sections and literals', () => {
    expect(formatValue(1234.5, '#,##0.00')).toBe('1,234.50');
    expect(formatValue(-0.125, '0.0%')).toBe('-12.5%');
    expect(formatValue(-5, '0;(0)')).toBe('(5)');
    expect(formatValue(0, '0;-0;"none"')).toBe('none');
    expect(formatValue(3, '0" pts"')).toBe('3 pts');
    expect(formatValue(1500000, '#,##0,"K"')).toBe('1,500K');
    expect(formatValue('abc', '"Name: "@')).toBe('Name: abc');
    expect(formatValue(12345.678, '0.###############')).toBe('12345.678');
  });

  test('dates and times read the serial as wall-clock time', () => {
    const serial = 46027.5625; // 2026-01-05 13:30
    expect(formatValue(serial, 'yyyy-mm-dd hh:mm')).toBe('2026-01-05 13:30');
    expect(formatValue(serial, 'yyyy/MM/dd H:mm:ss')).toBe('2026/01/05 13:30:00');
    expect(formatValue(serial, 'ddd, mmm d')).toBe('Mon, Jan 5');
    expect(formatValue(serial, 'dddd mmmm yy')).toBe('Monday January 26');
    expect(formatValue(serial, 'h:mm AM/PM')).toBe('1:30 PM');
    expect(formatValue(1.5, '[h]:mm')).toBe('36:00');
    expect(isTemporalFormat('yyyy-mm-dd')).toBe(true);
    expect(isTemporalFormat('0.00%')).toBe(false);
    expect(isTemporalFormat('@')).toBe(false);
  });
});

describe('serials and zones', () => {
  test('a serial is wall-clock time in the zone, across daylight saving changes', () => {
    const tokyo = serialFromInstant(Date.parse('2026-01-05T00:00:00+09:00'), 'Asia/Tokyo');
    expect(tokyo).toBe(46027);
    expect(new Date(instantFromSerial(46027.5, 'America/New_York')).toISOString()).toBe('2026-01-05T17:00:00.000Z');
    const summer = serialFromInstant(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York');
    expect(isoDateTime(summer, 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(instantFromSerial(summer, 'America/New_York')).toBe(Date.parse('2026-07-01T12:00:00Z'));
  });
});

describe('formula references', () => {
  test('inserting and deleting rows moves references; open ends stay open', () => {
    const shift = { dimension: 'row' as const, at: 3, delta: 2 };
    expect(shiftFormula('=SUM(A2:A10)+A2+A3+$B$5+A2:A', 'S', 'S', shift)).toBe('=SUM(A2:A12)+A2+A5+$B$7+A2:A');
    expect(shiftFormula('=Other!A5+A5', 'S', 'Other', shift)).toBe('=Other!A7+A5');
    const del = { dimension: 'row' as const, at: 3, delta: -2 };
    expect(shiftFormula('=SUM(A2:A10)+A3+A6', 'S', 'S', del)).toBe('=SUM(A2:A8)+#REF!+A4');
    expect(shiftFormula('="A3 stays"&A3', 'S', 'S', shift)).toBe('="A3 stays"&A5');
  });

  test('renames and relative offsets', () => {
    expect(renameSheetInFormula("=Raw!A1+'raw'!B2+RawX!A1", 'Raw', 'KPI Tracking')).toBe("='KPI Tracking'!A1+'KPI Tracking'!B2+RawX!A1");
    expect(offsetFormula('=A1+$A1+A$1+SUM(B1:B3)+LOG10(2)', 2, 1)).toBe('=B3+$A3+B$1+SUM(C3:C5)+LOG10(2)');
    expect(offsetFormula('=A1', -1, 0)).toBe('=#REF!');
  });
});

describe('attribute runs', () => {
  test('writes split and merge runs', () => {
    let runs = runFill(undefined, 0, 10, 'a');
    runs = runWrite(runs, 3, ['b', 'b', null]);
    expect(runs).toEqual([
      [0, 2, 'a'],
      [3, 4, 'b'],
      [6, 9, 'a'],
    ]);
    expect(runValue(runs, 5)).toBeUndefined();
    runs = runFill(runs, 3, 3, 'a');
    expect(runs).toEqual([[0, 9, 'a']]);
    expect(runInsert([[0, 0, 'bold']], 1, 2, 'above')).toEqual([[0, 2, 'bold']]);
    expect(runInsert([[0, 0, 'bold']], 1, 2, 'below')).toEqual([[0, 0, 'bold']]);
    expect(
      runDelete(
        [
          [0, 4, 'x'],
          [5, 9, 'y'],
        ],
        3,
        4,
      ),
    ).toEqual([
      [0, 2, 'x'],
      [3, 5, 'y'],
    ]);
  });
});
