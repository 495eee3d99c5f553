import { rectA1 } from './a1';
import { emulated, enumMember, normalizeColor, refFromA1, refOf, type Ctx, type Implemented, type RangeRef } from './context';
import type { CfRuleData } from './model';
import { scriptCriteriaValue, storeCriteriaValue } from './validation';

/** A rule between the builder and a sheet: ranges are held as refs until the rule is stored on a sheet. */
export interface RuleDraft {
  ranges: RangeRef[];
  condition: CfRuleData['condition'];
  format: CfRuleData['format'];
}

const drafts = new WeakMap<object, RuleDraft>();

export function ruleDraftOf(obj: unknown): RuleDraft | undefined {
  return obj !== null && typeof obj === 'object' ? drafts.get(obj) : undefined;
}

/** The sheet-local JSON of a rule; ranges on other sheets are dropped, as a sheet only holds its own rules. */
export function ruleToData(draft: RuleDraft, sheetId: number): CfRuleData {
  return {
    ranges: draft.ranges.filter((r) => r.sheetId === sheetId).map((r) => rectA1(r)),
    condition: draft.condition ? JSON.parse(JSON.stringify(draft.condition)) : null,
    format: { ...draft.format },
  };
}

export function ruleFromData(ctx: Ctx, data: CfRuleData, sheetId: number): RuleDraft {
  const ranges: RangeRef[] = [];
  for (const a1 of data.ranges) {
    const ref = refFromA1(ctx, a1, sheetId);
    if (ref) ranges.push(ref);
  }
  return { ranges, condition: data.condition ? JSON.parse(JSON.stringify(data.condition)) : null, format: { ...data.format } };
}

function cloneDraft(d: RuleDraft): RuleDraft {
  return {
    ranges: d.ranges.map((r) => ({ ...r })),
    condition: d.condition ? JSON.parse(JSON.stringify(d.condition)) : null,
    format: { ...d.format },
  };
}

type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type ConditionalFormatRuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type BooleanCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;

function booleanCondition(ctx: Ctx, draft: RuleDraft): BooleanCondition | null {
  const cond = draft.condition;
  if (!cond) return null;
  const f = draft.format;
  return emulated<BooleanCondition>(
    'BooleanCondition',
    {
      getCriteriaType: () => enumMember<GoogleAppsScript.Spreadsheet.BooleanCriteria>(cond.type),
      getCriteriaValues: () => ctx.realmArray(cond.values.map((v) => scriptCriteriaValue(ctx, v))),
      getBackground: () => f.background ?? null,
      getFontColor: () => f.fontColor ?? null,
      getBold: () => f.bold ?? null,
      getItalic: () => f.italic ?? null,
      getStrikethrough: () => f.strikethrough ?? null,
      getUnderline: () => f.underline ?? null,
    },
    ctx.exec,
  );
}

export function ruleObject(ctx: Ctx, source: RuleDraft): ConditionalFormatRule {
  const draft = cloneDraft(source);
  const target = {
    getRanges: () => ctx.realmArray(draft.ranges.map((r) => ctx.make.range(r))),
    getBooleanCondition: () => booleanCondition(ctx, draft),
    getGradientCondition: () => null,
    copy: () => ruleBuilder(ctx, draft),
  } satisfies Implemented<ConditionalFormatRule>;
  const obj = emulated<ConditionalFormatRule>('ConditionalFormatRule', target, ctx.exec);
  drafts.set(obj, draft);
  return obj;
}

/** SpreadsheetApp.newConditionalFormatRule(). */
export function ruleBuilder(ctx: Ctx, from?: RuleDraft): ConditionalFormatRuleBuilder {
  const draft: RuleDraft = from ? cloneDraft(from) : { ranges: [], condition: null, format: {} };
  let self: ConditionalFormatRuleBuilder;
  const when = (type: string, ...values: unknown[]): ConditionalFormatRuleBuilder => {
    draft.condition = { type, values: values.map((v) => storeCriteriaValue(ctx, v)) };
    return self;
  };
  const style = <K extends keyof CfRuleData['format']>(key: K, value: CfRuleData['format'][K] | null): ConditionalFormatRuleBuilder => {
    if (value === null || value === undefined) delete draft.format[key];
    else draft.format[key] = value;
    return self;
  };
  const target = {
    whenCellEmpty: () => when('CELL_EMPTY'),
    whenCellNotEmpty: () => when('CELL_NOT_EMPTY'),
    whenDateAfter: (d: unknown) => when('DATE_AFTER', d),
    whenDateBefore: (d: unknown) => when('DATE_BEFORE', d),
    whenDateEqualTo: (d: unknown) => when('DATE_EQUAL_TO', d),
    whenFormulaSatisfied: (f: unknown) => when('CUSTOM_FORMULA', f),
    whenNumberBetween: (a: unknown, b: unknown) => when('NUMBER_BETWEEN', a, b),
    whenNumberEqualTo: (n: unknown) => when('NUMBER_EQUAL_TO', n),
    whenNumberGreaterThan: (n: unknown) => when('NUMBER_GREATER_THAN', n),
    whenNumberGreaterThanOrEqualTo: (n: unknown) => when('NUMBER_GREATER_THAN_OR_EQUAL_TO', n),
    whenNumberLessThan: (n: unknown) => when('NUMBER_LESS_THAN', n),
    whenNumberLessThanOrEqualTo: (n: unknown) => when('NUMBER_LESS_THAN_OR_EQUAL_TO', n),
    whenNumberNotBetween: (a: unknown, b: unknown) => when('NUMBER_NOT_BETWEEN', a, b),
    whenNumberNotEqualTo: (n: unknown) => when('NUMBER_NOT_EQUAL_TO', n),
    whenTextContains: (t: unknown) => when('TEXT_CONTAINS', t),
    whenTextDoesNotContain: (t: unknown) => when('TEXT_DOES_NOT_CONTAIN', t),
    whenTextEndsWith: (t: unknown) => when('TEXT_ENDS_WITH', t),
    whenTextEqualTo: (t: unknown) => when('TEXT_EQUAL_TO', t),
    whenTextStartsWith: (t: unknown) => when('TEXT_STARTS_WITH', t),
    withCriteria: (type: unknown, args: unknown) => when(String(type), ...(Array.isArray(args) ? args : [])),
    setBackground: (c: unknown) => style('background', c === null || c === undefined ? null : normalizeColor(String(c))),
    setFontColor: (c: unknown) => style('fontColor', c === null || c === undefined ? null : normalizeColor(String(c))),
    setBold: (b: unknown) => style('bold', b === null || b === undefined ? null : Boolean(b)),
    setItalic: (b: unknown) => style('italic', b === null || b === undefined ? null : Boolean(b)),
    setStrikethrough: (b: unknown) => style('strikethrough', b === null || b === undefined ? null : Boolean(b)),
    setUnderline: (b: unknown) => style('underline', b === null || b === undefined ? null : Boolean(b)),
    setRanges: (ranges: unknown) => {
      if (!Array.isArray(ranges))
        throw ctx.error(
          `The parameters (${typeof ranges}) don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.`,
        );
      draft.ranges = ranges.map((r) => refOf(ctx, r, 'ConditionalFormatRuleBuilder.setRanges'));
      return self;
    },
    getRanges: () => ctx.realmArray(draft.ranges.map((r) => ctx.make.range(r))),
    getBooleanCondition: () => booleanCondition(ctx, draft),
    getGradientCondition: () => null,
    copy: () => ruleBuilder(ctx, draft),
    build: () => ruleObject(ctx, draft),
  } satisfies Implemented<ConditionalFormatRuleBuilder>;
  self = emulated<ConditionalFormatRuleBuilder>('ConditionalFormatRuleBuilder', target, ctx.exec);
  return self;
}
