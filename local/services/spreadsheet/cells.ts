/** Cell contents as the workbook JSON stores them and as reads resolve them. */

export type Scalar = number | string | boolean;

export interface FormulaCell {
  f: string;
}

export type StoredCell = Scalar | null | FormulaCell;

/** A formula's error result, e.g. "#DIV/0!"; getValues hands it out as that string. */
export class ErrorValue {
  constructor(readonly error: string) {}
}

export type Resolved = Scalar | null | ErrorValue;

export function isFormula(cell: StoredCell | undefined): cell is FormulaCell {
  return cell !== null && typeof cell === 'object';
}
