import type { CellValue } from '../domain/cellValue';

// Pure code reads cells too, so the type is declared with it.
export type { CellValue };

/**
 * How a column is stored and shown. `percent` holds fractions (0.8 = 80 %); `date` a calendar day at midnight in
 * the sheet's time zone; `datetime` an instant; `text` is always written so Sheets keeps it as text.
 */
export type ColumnType = 'text' | 'number' | 'integer' | 'percent' | 'score' | 'hours' | 'date' | 'datetime' | 'boolean';

export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  /** The header people see; the contract with users and outside checks, never renamed. */
  readonly header: string;
  readonly type: ColumnType;
  readonly required?: boolean;
  /** Column width in pixels when setup creates the sheet. */
  readonly width?: number;
  /**
   * What an empty cell means, for a column added to a table that already held rows: the `Forge` of a row written
   * before GitLab was supported is `github`. The value is read, and written back with the row's next change.
   */
  readonly emptyMeans?: string;
}

export interface TableSchema<K extends string = string> {
  readonly name: string;
  readonly columns: ReadonlyArray<ColumnSpec<K>>;
  /** The natural key: the columns that identify a row, so writing the same fact twice changes nothing. */
  readonly key: readonly K[];
}

export type RecordOf<S extends TableSchema> = { [K in S['columns'][number]['key']]: CellValue };

/** The Sheets number format each column type gets. */
export const NUMBER_FORMATS: Record<ColumnType, string | null> = {
  text: null,
  number: '0.##',
  integer: '0',
  percent: '0.0%',
  score: '0.0',
  hours: '0.0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  boolean: null,
};

export function defineTable<const K extends string>(schema: TableSchema<K>): TableSchema<K> {
  const keys = new Set(schema.columns.map((c) => c.key));
  for (const k of schema.key) if (!keys.has(k)) throw new Error(`table ${schema.name}: key column ${k} is not declared`);
  return schema;
}
