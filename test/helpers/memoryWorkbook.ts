import type { Grid, Workbook } from '../../src/sheets/grid';
import type { CellValue } from '../../src/sheets/schema';

/**
 * An in-memory workbook for unit tests of the table layer. It keeps what Sheets would keep for the writes the
 * layer makes (a leading apostrophe marks text and is not part of the value), and counts calls.
 */
export class MemoryWorkbook implements Workbook {
  readonly sheets = new Map<string, unknown[][]>();
  readonly calls: string[] = [];

  grid(name: string): Grid | null {
    return this.sheets.has(name) ? this.makeGrid(name) : null;
  }

  createGrid(name: string): Grid {
    this.calls.push(`insertSheet ${name}`);
    this.sheets.set(name, []);
    return this.makeGrid(name);
  }

  /** A person typing rows in directly (no parsing: tests give the values Sheets would hold). */
  put(name: string, rows: unknown[][]): void {
    this.sheets.set(
      name,
      rows.map((r) => [...r]),
    );
  }

  rows(name: string): unknown[][] {
    return this.sheets.get(name) ?? [];
  }

  private makeGrid(name: string): Grid {
    const cells = () => this.sheets.get(name) as unknown[][];
    return {
      name,
      readAll: () => {
        this.calls.push(`readAll ${name}`);
        const rows = cells();
        const width = Math.max(1, ...rows.map((r) => r.length));
        return rows.length === 0 ? [['']] : rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
      },
      write: (row, column, values: CellValue[][]) => {
        this.calls.push(`write ${name} R${row}C${column} ${values.length}x${values[0]?.length ?? 0}`);
        const rows = cells();
        values.forEach((line, i) => {
          const target = (rows[row - 1 + i] ??= []);
          line.forEach((v, j) => {
            target[column - 1 + j] = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
          });
        });
        for (let r = 0; r < rows.length; r++) rows[r] ??= [];
      },
      formatNew: () => {
        this.calls.push(`format ${name}`);
      },
    };
  }
}
