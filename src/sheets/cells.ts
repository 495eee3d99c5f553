import type { CellValue } from './schema';

/**
 * Sheets reads a string written with setValues as if a person had typed it: `=…` becomes a formula
 * (`=IMPORTXML(…)` in a PR title would run), `+1`/`-1`/`@x` are taken as formulas or numbers, `2026-01-05` and
 * `50%` become a date and a number, `TRUE` a boolean. A leading apostrophe tells Sheets to keep the rest as text,
 * and it is not part of the value read back.
 */
const NEEDS_QUOTE = /^[=+\-@\t\r\n']/;
const LOOKS_TYPED =
  /^\s*(?:[-+]?[\d.,]+%?|[-+]?\d+(?:\.\d+)?e[-+]?\d+|\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?|true|false)\s*$/i;

export function textCell(text: string): string {
  return NEEDS_QUOTE.test(text) || LOOKS_TYPED.test(text) ? `'${text}` : text;
}

/**
 * A value as it must be handed to setValues. The table layer writes data, never formulas, so every string is
 * kept as text whatever column it lands in.
 */
export function toCell(value: CellValue | undefined): string | number | boolean | Date {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? textCell(value) : value;
}

/** A value as getValues gave it, with Sheets' "" for empty turned into null. */
export function fromCell(raw: unknown): CellValue {
  if (raw === '' || raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (Object.prototype.toString.call(raw) === '[object Date]') return raw as Date;
  return String(raw);
}
