/**
 * The BigQuery side of a table: its id, its fields and how it is partitioned. Pure: src/sheets/bigQueryTables.ts
 * derives these from the sheet declarations, so a column added to a sheet reaches BigQuery by itself.
 */

/** The standard SQL names; the API also answers the legacy ones (INTEGER, FLOAT, BOOLEAN), read as these. */
export type BigQueryType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP';

export interface BigQueryField {
  /** The column's name in SQL: the sheet header in snake_case (`Number or SHA` → `number_or_sha`). */
  readonly name: string;
  readonly type: BigQueryType;
  /** The sheet header it comes from (the contract people see), for messages and the field's description. */
  readonly header: string;
}

export interface BigQueryTableSpec {
  /** The sheet the rows come from. */
  readonly sheet: string;
  readonly tableId: string;
  readonly fields: readonly BigQueryField[];
  /** The DATE or TIMESTAMP field the table is partitioned by day on. */
  readonly partitionField: string;
  readonly description: string;
}

/** A sheet name or header as a BigQuery name: lowercase letters, digits and underscores, not starting with a digit. */
export function bigQueryName(text: string): string {
  const name = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') throw new Error(`"${text}" has no letters or digits to name a BigQuery column with`);
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

const LEGACY: Readonly<Record<string, BigQueryType>> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL' };

/** A type as the API writes it, in the standard SQL spelling. */
export function standardType(type: string): string {
  const upper = type.toUpperCase();
  return LEGACY[upper] ?? upper;
}

export interface ExistingField {
  name?: string | undefined;
  type?: string | undefined;
  mode?: string | undefined;
}

export interface SchemaChange {
  /** Fields the table lacks: added as NULLABLE (BigQuery adds columns, never drops them). */
  add: BigQueryField[];
  /** Fields whose type differs: a person changed the table; loads will fail until it is fixed, so setup says so. */
  conflicts: string[];
  /** The table's fields followed by the added ones: what a patch sends, since a patch must keep every field. */
  merged: ExistingField[];
}

/** How a table's schema must change to hold `wanted`; fields only the table has stay (nothing is ever dropped). */
export function schemaChange(existing: readonly ExistingField[], wanted: readonly BigQueryField[]): SchemaChange {
  const byName = new Map(existing.map((f) => [String(f.name ?? '').toLowerCase(), f]));
  const add: BigQueryField[] = [];
  const conflicts: string[] = [];
  for (const field of wanted) {
    const found = byName.get(field.name);
    if (!found) add.push(field);
    else if (standardType(String(found.type ?? '')) !== field.type)
      conflicts.push(`${field.name} is ${standardType(String(found.type ?? ''))} in BigQuery but ${field.type} in the sheet's declaration`);
  }
  return { add, conflicts, merged: [...existing.map((f) => ({ ...f })), ...add.map(fieldResource)] };
}

/** A field as the API takes it. Every field is NULLABLE: old rows lack new columns, and REQUIRED cannot be added later. */
export function fieldResource(field: BigQueryField): { name: string; type: BigQueryType; mode: 'NULLABLE'; description: string } {
  return { name: field.name, type: field.type, mode: 'NULLABLE', description: field.header };
}
