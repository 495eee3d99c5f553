import { redact } from '../domain/redact';
import { SECRET_PROPS } from './properties';
import type { Table } from '../sheets/table';
import type { ERRORS } from '../sheets/tables';

type ErrorsKey = (typeof ERRORS)['columns'][number]['key'];

export interface ErrorRecord {
  time: Date;
  functionName: string;
  error: unknown;
  /** Secret values to take out of the message and stack before they are written anywhere. */
  secrets: Iterable<string>;
  id: string;
}

/** Sheets' limit is 50,000 characters a cell; a stack longer than this helps no one reading the sheet. */
const MAX_TEXT = 5000;

/** Records a failed execution in `Errors`, with every secret value taken out. */
export function recordError(table: Table<ErrorsKey>, record: ErrorRecord): { message: string; stack: string } {
  const secrets = [...record.secrets];
  const error = record.error;
  const message = redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error), secrets).slice(0, MAX_TEXT);
  const stack = redact(error instanceof Error ? (error.stack ?? '') : '', secrets).slice(0, MAX_TEXT);
  table.upsert([{ time: record.time, function: record.functionName, message, stack, id: record.id }]);
  return { message, stack };
}

/** The values of the secret Script Properties, to take out of anything recorded. */
export function secretValues(properties: Readonly<Record<string, string>>): string[] {
  return Object.entries(properties)
    .filter(([key]) => SECRET_PROPS.includes(key))
    .map(([, value]) => value);
}
