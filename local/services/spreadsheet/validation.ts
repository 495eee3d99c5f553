import { isDate } from '../../runtime/realm';
import { emulated, enumMember, qualifiedA1Of, rangeRefs, refFromA1, type Ctx, type Implemented } from './context';
import type { CriteriaValue, ValidationData } from './model';

/** The stored rule behind a DataValidation object the script passes to setDataValidation. */
const validations = new WeakMap<object, ValidationData>();

export function validationDataOf(obj: unknown): ValidationData | undefined {
  return obj !== null && typeof obj === 'object' ? validations.get(obj) : undefined;
}

/** A criteria argument as JSON: Dates by instant, Ranges by their A1 with sheet. */
export function storeCriteriaValue(ctx: Ctx, v: unknown): CriteriaValue {
  if (v === undefined || v === null) return null;
  if (isDate(v)) return { date: v.getTime() };
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (typeof v === 'object') {
    const ref = rangeRefs.get(v);
    if (ref) return { range: qualifiedA1Of(ctx, ref) };
    return String(v);
  }
  return v as number | string | boolean;
}

export function scriptCriteriaValue(ctx: Ctx, v: CriteriaValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return ctx.realmArray(v);
  if ('date' in v) return new ctx.exec.realm.Date(v.date);
  const ref = refFromA1(ctx, v.range);
  return ref ? ctx.make.range(ref) : null;
}

function copyData(data: ValidationData): ValidationData {
  return JSON.parse(JSON.stringify(data)) as ValidationData;
}

type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

export function validationObject(ctx: Ctx, data: ValidationData): DataValidation {
  const frozen = copyData(data);
  const target = {
    getCriteriaType: () => enumMember<Criteria>(frozen.type),
    getCriteriaValues: () => ctx.realmArray(frozen.values.map((v) => scriptCriteriaValue(ctx, v))),
    // The typings say string; the runtime has always answered null for a rule without help text, as the
    // builder's getHelpText is typed to.
    getHelpText: () => (frozen.helpText ?? null) as string,
    getAllowInvalid: () => frozen.allowInvalid,
    copy: () => validationBuilder(ctx, frozen),
    toString: () => 'DataValidation',
  } satisfies Implemented<DataValidation>;
  const obj = emulated<DataValidation>('DataValidation', target, ctx.exec);
  validations.set(obj, frozen);
  validations.set(target, frozen);
  return obj;
}

/** SpreadsheetApp.newDataValidation(). Apps Script's default lets invalid input through with a warning. */
export function validationBuilder(ctx: Ctx, from?: ValidationData): DataValidationBuilder {
  const data: ValidationData = from ? copyData(from) : { type: '', values: [], allowInvalid: true };
  let self: DataValidationBuilder;
  const criteria = (type: string, ...values: unknown[]): DataValidationBuilder => {
    data.type = type;
    data.values = values.map((v) => storeCriteriaValue(ctx, v));
    return self;
  };
  const target = {
    requireCheckbox: (...args: unknown[]) => criteria('CHECKBOX', ...args),
    requireDate: () => criteria('DATE_IS_VALID_DATE'),
    requireDateAfter: (d: unknown) => criteria('DATE_AFTER', d),
    requireDateBefore: (d: unknown) => criteria('DATE_BEFORE', d),
    requireDateBetween: (a: unknown, b: unknown) => criteria('DATE_BETWEEN', a, b),
    requireDateEqualTo: (d: unknown) => criteria('DATE_EQUAL_TO', d),
    requireDateNotBetween: (a: unknown, b: unknown) => criteria('DATE_NOT_BETWEEN', a, b),
    requireDateOnOrAfter: (d: unknown) => criteria('DATE_ON_OR_AFTER', d),
    requireDateOnOrBefore: (d: unknown) => criteria('DATE_ON_OR_BEFORE', d),
    requireFormulaSatisfied: (f: unknown) => criteria('CUSTOM_FORMULA', f),
    requireNumberBetween: (a: unknown, b: unknown) => criteria('NUMBER_BETWEEN', a, b),
    requireNumberEqualTo: (n: unknown) => criteria('NUMBER_EQUAL_TO', n),
    requireNumberGreaterThan: (n: unknown) => criteria('NUMBER_GREATER_THAN', n),
    requireNumberGreaterThanOrEqualTo: (n: unknown) => criteria('NUMBER_GREATER_THAN_OR_EQUAL_TO', n),
    requireNumberLessThan: (n: unknown) => criteria('NUMBER_LESS_THAN', n),
    requireNumberLessThanOrEqualTo: (n: unknown) => criteria('NUMBER_LESS_THAN_OR_EQUAL_TO', n),
    requireNumberNotBetween: (a: unknown, b: unknown) => criteria('NUMBER_NOT_BETWEEN', a, b),
    requireNumberNotEqualTo: (n: unknown) => criteria('NUMBER_NOT_EQUAL_TO', n),
    requireTextContains: (t: unknown) => criteria('TEXT_CONTAINS', t),
    requireTextDoesNotContain: (t: unknown) => criteria('TEXT_DOES_NOT_CONTAIN', t),
    requireTextEqualTo: (t: unknown) => criteria('TEXT_EQUAL_TO', t),
    requireTextIsEmail: () => criteria('TEXT_IS_VALID_EMAIL'),
    requireTextIsUrl: () => criteria('TEXT_IS_VALID_URL'),
    requireValueInList: (values: unknown, showDropdown?: unknown) => {
      if (!Array.isArray(values))
        throw ctx.error(
          'The parameters (' + typeof values + ") don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
        );
      return criteria('VALUE_IN_LIST', values, showDropdown === undefined ? true : Boolean(showDropdown));
    },
    requireValueInRange: (range: unknown, showDropdown?: unknown) =>
      criteria('VALUE_IN_RANGE', range, showDropdown === undefined ? true : Boolean(showDropdown)),
    withCriteria: (type: unknown, args: unknown) => criteria(String(type), ...(Array.isArray(args) ? args : [])),
    setAllowInvalid: (allow: unknown) => {
      data.allowInvalid = Boolean(allow);
      return self;
    },
    setHelpText: (text: unknown) => {
      if (text === null || text === undefined || text === '') delete data.helpText;
      else data.helpText = String(text);
      return self;
    },
    // A builder without criteria answers null, which the typings leave out.
    getCriteriaType: () => (data.type ? enumMember<Criteria>(data.type) : (null as unknown as Criteria)),
    getCriteriaValues: () => ctx.realmArray(data.values.map((v) => scriptCriteriaValue(ctx, v))),
    getHelpText: () => data.helpText ?? null,
    getAllowInvalid: () => data.allowInvalid,
    copy: () => validationBuilder(ctx, data),
    build: () => {
      if (!data.type) throw ctx.error('You must specify the criteria for the data validation rule.');
      return validationObject(ctx, data);
    },
  } satisfies Implemented<DataValidationBuilder>;
  self = emulated<DataValidationBuilder>('DataValidationBuilder', target, ctx.exec);
  return self;
}

export interface ValidationVerdict {
  valid: boolean;
  message: string;
}

/**
 * Whether a typed value passes a rule, for a person typing into a cell (scripts are not checked: Apps Script
 * lets setValue write anything). Criteria that need the formula engine or another range are not checked.
 */
export function checkValidation(rule: ValidationData, value: unknown, listFromRange?: string[]): ValidationVerdict {
  const nums = rule.values.map((v) => (typeof v === 'number' ? v : v !== null && typeof v === 'object' && 'date' in v ? v.date : Number(v)));
  const n = typeof value === 'number' ? value : Number.NaN;
  const text = value === null || value === undefined ? '' : String(value);
  const ok = ((): boolean => {
    if (value === null || value === '') return true;
    switch (rule.type) {
      case 'VALUE_IN_LIST': {
        const list = Array.isArray(rule.values[0]) ? rule.values[0] : [];
        return list.some((item) => item === text || item.toLowerCase() === text.toLowerCase());
      }
      case 'VALUE_IN_RANGE':
        return listFromRange ? listFromRange.includes(text) : true;
      case 'CHECKBOX': {
        if (rule.values.length === 0) return typeof value === 'boolean';
        return rule.values.some((v) => String(v) === text);
      }
      case 'NUMBER_BETWEEN':
        return n >= (nums[0] ?? 0) && n <= (nums[1] ?? 0);
      case 'NUMBER_NOT_BETWEEN':
        return !(n >= (nums[0] ?? 0) && n <= (nums[1] ?? 0)) && !Number.isNaN(n);
      case 'NUMBER_EQUAL_TO':
        return n === nums[0];
      case 'NUMBER_NOT_EQUAL_TO':
        return !Number.isNaN(n) && n !== nums[0];
      case 'NUMBER_GREATER_THAN':
        return n > (nums[0] ?? 0);
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return n >= (nums[0] ?? 0);
      case 'NUMBER_LESS_THAN':
        return n < (nums[0] ?? 0);
      case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
        return n <= (nums[0] ?? 0);
      case 'TEXT_CONTAINS':
        return text.includes(String(rule.values[0] ?? ''));
      case 'TEXT_DOES_NOT_CONTAIN':
        return !text.includes(String(rule.values[0] ?? ''));
      case 'TEXT_EQUAL_TO':
        return text === String(rule.values[0] ?? '');
      case 'TEXT_IS_VALID_EMAIL':
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
      case 'TEXT_IS_VALID_URL':
        return /^(https?|ftp):\/\/\S+$/i.test(text);
      default:
        return true;
    }
  })();
  return { valid: ok, message: rule.helpText ?? defaultMessage(rule) };
}

function defaultMessage(rule: ValidationData): string {
  switch (rule.type) {
    case 'VALUE_IN_LIST':
    case 'VALUE_IN_RANGE':
      return 'Input must be an item on the specified list';
    case 'CHECKBOX':
      return 'Input must be a checkbox value';
    default:
      return `Input must satisfy ${rule.type.toLowerCase().replace(/_/g, ' ')}`;
  }
}
