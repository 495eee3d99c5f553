import { fromCell, toCell } from './cells';
import type { Grid, Workbook } from './grid';
import { NUMBER_FORMATS, type CellValue, type ColumnSpec, type ColumnType, type TableSchema } from './schema';

export type Row<K extends string> = Record<K, CellValue>;

export interface StoredRow<K extends string> {
  /** 1-based sheet row. */
  readonly row: number;
  readonly record: Row<K>;
}

export interface TableView<K extends string> {
  readonly rows: ReadonlyArray<StoredRow<K>>;
  /** The row the next appended record goes to: below the last row whose key columns hold something. */
  readonly nextRow: number;
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** What reading the table had to do to the sheet first. */
export interface Migration {
  createdSheet: boolean;
  addedHeaders: string[];
}

export interface TableOptions {
  /** The calendar day (`yyyy-MM-dd`) of a date in the sheet's time zone, for `date` key columns. */
  dateKey(date: Date): string;
}

/**
 * One table of the workbook, mapped by header name. Reading is one call, writing is one call per run of
 * adjacent columns (one in the usual layout). A missing sheet or header is added without touching data.
 * It does not lock: callers that read, decide and write hold the script lock around the whole of it.
 */
export class Table<K extends string> {
  private layout: { grid: Grid; columns: Map<K, number>; raw: unknown[][] } | null = null;
  private migration: Migration = { createdSheet: false, addedHeaders: [] };

  constructor(
    readonly schema: TableSchema<K>,
    private readonly workbook: Workbook,
    private readonly options: TableOptions,
  ) {}

  /** Creates the sheet or adds missing headers if needed (setup), and says what it did. */
  ensure(): Migration {
    this.load();
    return this.migration;
  }

  read(): TableView<K> {
    const { columns, raw } = this.load();
    const keyColumns = this.schema.key.map((k) => columns.get(k) as number);
    const rows: Array<StoredRow<K>> = [];
    let lastKeyed = 1;
    for (let r = 1; r < raw.length; r++) {
      const cells = raw[r] as unknown[];
      const record = {} as Row<K>;
      for (const column of this.schema.columns) {
        const value = fromCell(cells[columns.get(column.key) as number]);
        record[column.key] = value === null && column.emptyMeans !== undefined && this.keyed(cells, keyColumns) ? column.emptyMeans : value;
      }
      // Rows with an empty key are not records (a blank line, or a note someone typed below the table).
      if (!this.keyed(cells, keyColumns)) continue;
      rows.push({ row: r + 1, record });
      lastKeyed = r + 1;
    }
    return { rows, nextRow: lastKeyed + 1 };
  }

  /** Whether a sheet row holds every key cell that has no `emptyMeans` (those are filled in as they read). */
  private keyed(cells: unknown[], keyColumns: readonly number[]): boolean {
    return this.schema.key.every((k, i) => this.column(k).emptyMeans !== undefined || fromCell(cells[keyColumns[i] as number]) !== null);
  }

  /** The natural key of a record, as text, so a Date read back from a cell matches the Date about to be written. */
  keyOf(record: Partial<Row<K>>): string {
    return this.schema.key.map((k) => this.keyPart(record[k] ?? null, this.column(k).type)).join('\u0001');
  }

  /**
   * Adds records whose key is new and updates the others in place; only the columns a record names are changed.
   * Writing the same records twice changes nothing the second time.
   */
  upsert(records: ReadonlyArray<Partial<Row<K>>>): UpsertResult {
    const view = this.read();
    const byKey = new Map(view.rows.map((r) => [this.keyOf(r.record), r] as const));
    const pending = new Map<number, Row<K>>();
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    let nextRow = view.nextRow;
    for (const record of records) {
      this.checkRequired(record);
      const key = this.keyOf(record);
      const existing = byKey.get(key);
      if (existing) {
        const merged = { ...(pending.get(existing.row) ?? existing.record), ...definedOnly(record) } as Row<K>;
        if (this.sameRecord(merged, existing.record)) {
          result.unchanged++;
          continue;
        }
        if (!pending.has(existing.row)) result.updated++;
        pending.set(existing.row, merged);
      } else {
        const row = nextRow++;
        const created = { ...this.emptyRecord(), ...definedOnly(record) } as Row<K>;
        pending.set(row, created);
        byKey.set(key, { row, record: created });
        result.created++;
      }
    }
    this.writeRows(pending);
    return result;
  }

  private writeRows(pending: Map<number, Row<K>>): void {
    if (pending.size === 0) return;
    const { grid, columns, raw } = this.load();
    const rowNumbers = [...pending.keys()];
    const first = Math.min(...rowNumbers);
    const last = Math.max(...rowNumbers);
    for (const run of columnRuns(this.schema.columns.map((c) => [c, columns.get(c.key) as number] as const))) {
      const block: CellValue[][] = [];
      for (let row = first; row <= last; row++) {
        const record = pending.get(row);
        // Rows between changed ones are written back as they were read: one block costs one call.
        block.push(run.map(([column, index]) => (record ? record[column.key] : fromCell(raw[row - 1]?.[index]))));
      }
      grid.write(
        first,
        (run[0]?.[1] ?? 0) + 1,
        block.map((cells) => cells.map((v) => toCell(v)) as CellValue[]),
      );
    }
    for (const [row, record] of pending) {
      const cells = (raw[row - 1] ??= []);
      for (const [key, index] of columns) cells[index] = toCell(record[key]);
    }
  }

  private load(): { grid: Grid; columns: Map<K, number>; raw: unknown[][] } {
    if (this.layout) return this.layout;
    const existing = this.workbook.grid(this.schema.name);
    const grid = existing ?? this.workbook.createGrid(this.schema.name);
    const raw = existing ? grid.readAll() : [];
    const header = (raw[0] ?? []).map((h) => String(h).trim());
    const columns = new Map<K, number>();
    const missing: Array<ColumnSpec<K>> = [];
    for (const column of this.schema.columns) {
      const index = header.indexOf(column.header);
      if (index >= 0) columns.set(column.key, index);
      else missing.push(column);
    }
    if (missing.length > 0) {
      // New headers go after the last header someone wrote, so no existing column moves.
      let end = header.length;
      while (end > 0 && header[end - 1] === '') end--;
      missing.forEach((column, i) => columns.set(column.key, end + i));
      grid.write(1, end + 1, [missing.map((c) => c.header)]);
      this.migration = { createdSheet: !existing, addedHeaders: missing.map((c) => c.header) };
      raw[0] = [...header.slice(0, end), ...missing.map((c) => c.header)];
      if (!existing || end === 0) {
        const ordered = [...columns.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => this.column(k));
        grid.formatNew({
          widths: ordered.map((c) => c.width ?? null),
          numberFormats: ordered.map((c) => NUMBER_FORMATS[c.type]),
          rows: 1,
        });
      }
    }
    this.layout = { grid, columns, raw };
    return this.layout;
  }

  private column(key: K): ColumnSpec<K> {
    const column = this.schema.columns.find((c) => c.key === key);
    if (!column) throw new Error(`table ${this.schema.name} has no column ${key}`);
    return column;
  }

  private emptyRecord(): Row<K> {
    const record = {} as Row<K>;
    for (const column of this.schema.columns) record[column.key] = null;
    return record;
  }

  private checkRequired(record: Partial<Row<K>>): void {
    for (const column of this.schema.columns) {
      if ((column.required || this.schema.key.includes(column.key)) && (record[column.key] ?? null) === null) {
        throw new Error(`table ${this.schema.name}: a row without ${column.header}`);
      }
    }
  }

  private sameRecord(a: Row<K>, b: Row<K>): boolean {
    return this.schema.columns.every((c) => this.keyPart(a[c.key], c.type) === this.keyPart(b[c.key], c.type));
  }

  private keyPart(value: CellValue, type: ColumnType): string {
    if (value === null) return '';
    if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
      const date = value as Date;
      return type === 'date' ? this.options.dateKey(date) : String(date.getTime());
    }
    // A person may type 123 into a text column, which Sheets stores as a number: text compares as text.
    return type === 'text' ? String(value).trim() : `${typeof value}:${String(value)}`;
  }
}

function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Groups columns by sheet position into runs of adjacent ones: each run is one rectangular write. */
function columnRuns<C>(placed: ReadonlyArray<readonly [C, number]>): Array<Array<readonly [C, number]>> {
  const sorted = [...placed].sort((a, b) => a[1] - b[1]);
  const runs: Array<Array<readonly [C, number]>> = [];
  for (const entry of sorted) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && previous[1] + 1 === entry[1]) run.push(entry);
    else runs.push([entry]);
  }
  return runs;
}
