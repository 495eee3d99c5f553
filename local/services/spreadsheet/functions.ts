import {
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  HyperFormula,
  SimpleRangeValue,
  type FunctionMetadata,
  type ImplementedFunctions,
} from 'hyperformula';
import { formatValue } from './numfmt';

/**
 * Google Sheets functions HyperFormula lacks or spells differently, registered once per process (HyperFormula's
 * function registry is global). TODAY/NOW read the execution's clock instead of the host's: the engine sets
 * `formulaClock` around every call that can evaluate (HyperFormula evaluates synchronously).
 */

let clock: () => number = () => Date.now() / 86_400_000 + 25_569;

/** Runs `fn` with TODAY()/NOW() answering `now` (a serial in the spreadsheet's time zone). */
export function withFormulaClock<T>(now: () => number, fn: () => T): T {
  const previous = clock;
  clock = now;
  try {
    return fn();
  } finally {
    clock = previous;
  }
}

type Value = unknown;
// HyperFormula's AST and interpreter state are internal types; plugins only pass them through.
interface ProcedureAst {
  args: unknown[];
}
type InterpreterState = unknown;
type Runner = (args: ProcedureAst['args'], state: InterpreterState, metadata: FunctionMetadata, fn: (...args: never[]) => unknown) => unknown;

interface ConditionalBase {
  runFunction: Runner;
  metadata(name: string): FunctionMetadata;
  computeConditionalAggregationFunction<T>(
    values: SimpleRangeValue,
    conditions: Value[],
    name: string,
    initial: T,
    compose: (a: T, b: T) => T,
    map: (v: Value) => T,
  ): T | CellError;
}

// AVERAGEIFS reuses the criteria matching behind SUMIFS, which HyperFormula does not export; the registered
// SUMIFS plugin class is the way in.
const Base = HyperFormula.getFunctionPlugin('SUMIFS') as unknown as new (...args: never[]) => ConditionalBase;

function raw(v: Value): Value {
  return v !== null && typeof v === 'object' && 'val' in v ? (v as { val: unknown }).val : v;
}

function textOf(v: Value): string {
  const r = raw(v);
  if (r === EmptyValue || r === null || r === undefined) return '';
  if (typeof r === 'boolean') return r ? 'TRUE' : 'FALSE';
  return String(r);
}

function regex(pattern: string, flags = ''): RegExp | CellError {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return new CellError(ErrorType.REF, `Function parameter 2 value "${pattern}" is not a valid regular expression.`);
  }
}

class SheetsFunctions extends Base {
  today(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('TODAY'), () => Math.floor(clock()));
  }

  now(ast: ProcedureAst, state: InterpreterState): unknown {
    // Sheets shows NOW() to the second.
    return this.runFunction(ast.args, state, this.metadata('NOW'), () => Math.round(clock() * 86_400) / 86_400);
  }

  text(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('TEXT'), (value: Value, format: string) => {
      const v = raw(value);
      if (v === EmptyValue || v === null) return formatValue(0, format);
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return formatValue(Number(v), format);
      return formatValue(v as number | string | boolean, format);
    });
  }

  averageifs(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('AVERAGEIFS'), (values: SimpleRangeValue, ...conditions: Value[]) => {
      const result = this.computeConditionalAggregationFunction(
        values,
        conditions,
        'AVERAGEIFS',
        { sum: 0, count: 0 },
        (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
        (v) => {
          const r = raw(v);
          return typeof r === 'number' ? { sum: r, count: 1 } : { sum: 0, count: 0 };
        },
      );
      if (result instanceof CellError) return result;
      return result.count === 0 ? new CellError(ErrorType.DIV_BY_ZERO, 'No matching values.') : result.sum / result.count;
    });
  }

  // SPARKLINE and IMAGE draw inside the cell; their value is empty.
  sparkline(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('SPARKLINE'), () => '');
  }

  image(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('IMAGE'), () => '');
  }

  importx(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('IMPORTXML'),
      () => new CellError(ErrorType.NA, 'The local runtime does not fetch external data.'),
    );
  }

  join(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('JOIN'), (delimiter: string, ...items: Value[]) => {
      const parts: string[] = [];
      for (const item of items) {
        if (item instanceof SimpleRangeValue) for (const v of item.valuesFromTopLeftCorner()) parts.push(textOf(v));
        else parts.push(textOf(item));
      }
      return parts.join(delimiter);
    });
  }

  regexmatch(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('REGEXMATCH'), (text: string, pattern: string) => {
      const re = regex(pattern);
      return re instanceof CellError ? re : re.test(text);
    });
  }

  regexextract(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('REGEXEXTRACT'), (text: string, pattern: string) => {
      const re = regex(pattern);
      if (re instanceof CellError) return re;
      const m = re.exec(text);
      if (!m)
        return new CellError(
          ErrorType.NA,
          `Function REGEXEXTRACT parameter 2 value "${pattern}" does not match text of Function REGEXEXTRACT parameter 1 value "${text}".`,
        );
      return m.length > 1 ? (m[1] ?? '') : m[0];
    });
  }

  regexreplace(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('REGEXREPLACE'), (text: string, pattern: string, replacement: string) => {
      const re = regex(pattern, 'g');
      return re instanceof CellError ? re : text.replace(re, replacement);
    });
  }

  todate(ast: ProcedureAst, state: InterpreterState): unknown {
    return this.runFunction(ast.args, state, this.metadata('TO_DATE'), (n: number) => n);
  }
}

const S = FunctionArgumentType;
const DEFINITIONS: ImplementedFunctions = {
  TODAY: { method: 'today', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATE' as never },
  NOW: { method: 'now', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATETIME' as never },
  TEXT: { method: 'text', parameters: [{ argumentType: S.SCALAR }, { argumentType: S.STRING }] },
  AVERAGEIFS: {
    method: 'averageifs',
    parameters: [{ argumentType: S.RANGE }, { argumentType: S.RANGE }, { argumentType: S.NOERROR }],
    repeatLastArgs: 2,
  },
  SPARKLINE: { method: 'sparkline', parameters: [{ argumentType: S.ANY }, { argumentType: S.ANY, optionalArg: true }] },
  IMAGE: { method: 'image', parameters: [{ argumentType: S.ANY }], repeatLastArgs: 1 },
  IMPORTXML: { method: 'importx', parameters: [{ argumentType: S.ANY }], repeatLastArgs: 1 },
  IMPORTHTML: { method: 'importx', parameters: [{ argumentType: S.ANY }], repeatLastArgs: 1 },
  IMPORTDATA: { method: 'importx', parameters: [{ argumentType: S.ANY }], repeatLastArgs: 1 },
  IMPORTRANGE: { method: 'importx', parameters: [{ argumentType: S.ANY }], repeatLastArgs: 1 },
  IMPORTFEED: { method: 'importx', parameters: [{ argumentType: S.ANY }], repeatLastArgs: 1 },
  JOIN: { method: 'join', parameters: [{ argumentType: S.STRING }, { argumentType: S.ANY }], repeatLastArgs: 1 },
  REGEXMATCH: { method: 'regexmatch', parameters: [{ argumentType: S.STRING }, { argumentType: S.STRING }] },
  REGEXEXTRACT: { method: 'regexextract', parameters: [{ argumentType: S.STRING }, { argumentType: S.STRING }] },
  REGEXREPLACE: { method: 'regexreplace', parameters: [{ argumentType: S.STRING }, { argumentType: S.STRING }, { argumentType: S.STRING }] },
  TO_DATE: { method: 'todate', parameters: [{ argumentType: S.NUMBER }], returnNumberType: 'NUMBER_DATE' as never },
};

let registered = false;

export function registerSheetsFunctions(): void {
  if (registered) return;
  registered = true;
  (SheetsFunctions as unknown as { implementedFunctions: ImplementedFunctions }).implementedFunctions = DEFINITIONS;
  const names = Object.fromEntries(Object.keys(DEFINITIONS).map((k) => [k, k]));
  HyperFormula.registerFunctionPlugin(SheetsFunctions as never, { enGB: names, enUS: names });
}
