/** Grid coordinates are 1-based here, as in the Apps Script API. */
export interface GridRect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function columnLetter(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellA1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

export function rectA1(rect: GridRect): string {
  const start = cellA1(rect.row, rect.col);
  if (rect.numRows === 1 && rect.numCols === 1) return start;
  return `${start}:${cellA1(rect.row + rect.numRows - 1, rect.col + rect.numCols - 1)}`;
}

// Sheets quotes a sheet name in a reference unless it is a plain identifier that cannot be read as a cell.
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) && !/^(TRUE|FALSE)$/i.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function unquoteSheetName(text: string): string {
  return text.startsWith("'") && text.endsWith("'") && text.length >= 2 ? text.slice(1, -1).replace(/''/g, "'") : text;
}

/** Splits `'My Sheet'!A1:B2` into its sheet name and the rest; the sheet is undefined when there is no prefix. */
export function splitSheetPrefix(text: string): { sheet: string | undefined; rest: string } {
  const m = /^('(?:[^']|'')+'|[^!'\s][^!]*)!(.*)$/s.exec(text.trim());
  if (!m) return { sheet: undefined, rest: text.trim() };
  return { sheet: unquoteSheetName(m[1] ?? ''), rest: m[2] ?? '' };
}

const END = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/;

/**
 * Parses the A1 part of a range (no sheet prefix) against a sheet's size. Open-ended forms are Sheets' own:
 * `A2:A` runs to the last row, `A:B` is whole columns, `2:3` whole rows. Returns undefined for anything else,
 * which callers turn into Apps Script's "Range not found".
 */
export function parseA1(text: string, maxRows: number, maxCols: number): GridRect | undefined {
  const parts = text.trim().split(':');
  if (parts.length < 1 || parts.length > 2) return undefined;
  const ends = parts.map((p) => END.exec(p));
  if (ends.some((m) => !m || (!m[1] && !m[2]))) return undefined;
  const [a, b] = ends as RegExpExecArray[];
  if (!a) return undefined;
  const col1 = a[1] ? columnIndex(a[1]) : undefined;
  const row1 = a[2] ? Number(a[2]) : undefined;
  if (!b) {
    if (col1 === undefined || row1 === undefined) return undefined;
    return { row: row1, col: col1, numRows: 1, numCols: 1 };
  }
  const col2 = b[1] ? columnIndex(b[1]) : undefined;
  const row2 = b[2] ? Number(b[2]) : undefined;
  // A column-only end pairs with anything that has a column; a row-only end with anything that has a row.
  if ((col1 === undefined) !== (col2 === undefined) && (row1 === undefined || row2 === undefined)) return undefined;
  const c1 = col1 ?? 1;
  const c2 = col2 ?? maxCols;
  const r1 = row1 ?? 1;
  const r2 = row2 ?? maxRows;
  const top = Math.min(r1, r2);
  const left = Math.min(c1, c2);
  if (top < 1 || left < 1) return undefined;
  return { row: top, col: left, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}
