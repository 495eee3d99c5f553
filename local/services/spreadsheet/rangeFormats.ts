import { enumMember, normalizeColor, signatureError } from './context';
import type { AttrName } from './model';
import { DEFAULT_NUMBER_FORMAT } from './numfmt';
import { getAttr, getAttrs, setAttr, setAttrs, type RangeBlock } from './rangeBlock';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** What Sheets answers for a cell nobody styled. */
const STYLE_DEFAULTS: Partial<Record<AttrName, string>> = {
  bg: '#ffffff',
  fc: '#000000',
  fw: 'normal',
  fi: 'normal',
  fz: '10',
  ff: 'Arial',
  fl: 'none',
  ha: 'general',
  va: 'bottom',
  wrap: 'OVERFLOW',
};

const orDefault =
  (name: AttrName) =>
  (v: string | undefined): string =>
    v ?? STYLE_DEFAULTS[name] ?? '';
/** The same, for getters the typings declare as a union or an enum of the names stored. */
const named =
  <T>(name: AttrName) =>
  (v: string | undefined): T =>
    enumMember<T>(orDefault(name)(v));
export const color = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : normalizeColor(String(v)));
const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const lowerText = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v).toLowerCase());
/** The default value of a style is stored as no value, so a reset cell reads as never styled. */
const unlessDefault =
  (fallback: string) =>
  (v: unknown): string | null =>
    lowerText(v) === fallback ? null : lowerText(v);

/** Number formats: "automatic" (the default) is stored as no format. */
export function numberFormatMethods(b: RangeBlock): Pick<Range, 'getNumberFormat' | 'getNumberFormats' | 'setNumberFormat' | 'setNumberFormats'> {
  const numberFormat = (v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') throw signatureError(b.ctx, 'Range.setNumberFormat', [v]);
    return v === DEFAULT_NUMBER_FORMAT || v === '' ? null : v;
  };
  return {
    getNumberFormat: getAttr(b, 'getNumberFormat', 'fmt', (v) => v ?? DEFAULT_NUMBER_FORMAT),
    getNumberFormats: getAttrs(b, 'getNumberFormats', 'fmt', (v) => v ?? DEFAULT_NUMBER_FORMAT),
    setNumberFormat: setAttr(b, 'setNumberFormat', 'fmt', numberFormat),
    setNumberFormats: setAttrs(b, 'setNumberFormats', 'fmt', numberFormat),
  };
}

/** Text and cell styles: colours, fonts, alignment, wrapping. Borders are accepted and not kept. */
export function styleMethods(
  b: RangeBlock,
): Pick<
  Range,
  | 'getBackground'
  | 'getBackgrounds'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setBackgroundRGB'
  | 'getFontColor'
  | 'getFontColors'
  | 'setFontColor'
  | 'setFontColors'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'getFontStyle'
  | 'getFontStyles'
  | 'setFontStyle'
  | 'setFontStyles'
  | 'getFontSize'
  | 'getFontSizes'
  | 'setFontSize'
  | 'setFontSizes'
  | 'getFontFamily'
  | 'getFontFamilies'
  | 'setFontFamily'
  | 'setFontFamilies'
  | 'getFontLine'
  | 'getFontLines'
  | 'setFontLine'
  | 'setFontLines'
  | 'getHorizontalAlignment'
  | 'getHorizontalAlignments'
  | 'setHorizontalAlignment'
  | 'setHorizontalAlignments'
  | 'getVerticalAlignment'
  | 'getVerticalAlignments'
  | 'setVerticalAlignment'
  | 'setVerticalAlignments'
  | 'getWrap'
  | 'getWraps'
  | 'setWrap'
  | 'setWraps'
  | 'getWrapStrategy'
  | 'getWrapStrategies'
  | 'setWrapStrategy'
  | 'setWrapStrategies'
  | 'setBorder'
> {
  return {
    getBackground: getAttr(b, 'getBackground', 'bg', orDefault('bg')),
    getBackgrounds: getAttrs(b, 'getBackgrounds', 'bg', orDefault('bg')),
    setBackground: setAttr(b, 'setBackground', 'bg', color),
    setBackgrounds: setAttrs(b, 'setBackgrounds', 'bg', color),
    setBackgroundRGB: (r: unknown, g: unknown, bl: unknown) =>
      setAttr(b, 'setBackgroundRGB', 'bg', () => `#${[r, g, bl].map((x) => Number(x).toString(16).padStart(2, '0')).join('')}`)(null),
    getFontColor: getAttr(b, 'getFontColor', 'fc', orDefault('fc')),
    getFontColors: getAttrs(b, 'getFontColors', 'fc', orDefault('fc')),
    setFontColor: setAttr(b, 'setFontColor', 'fc', color),
    setFontColors: setAttrs(b, 'setFontColors', 'fc', color),
    getFontWeight: getAttr(b, 'getFontWeight', 'fw', named<GoogleAppsScript.Spreadsheet.FontWeight>('fw')),
    getFontWeights: getAttrs(b, 'getFontWeights', 'fw', named<GoogleAppsScript.Spreadsheet.FontWeight>('fw')),
    setFontWeight: setAttr(b, 'setFontWeight', 'fw', unlessDefault('normal')),
    setFontWeights: setAttrs(b, 'setFontWeights', 'fw', unlessDefault('normal')),
    getFontStyle: getAttr(b, 'getFontStyle', 'fi', named<GoogleAppsScript.Spreadsheet.FontStyle>('fi')),
    getFontStyles: getAttrs(b, 'getFontStyles', 'fi', named<GoogleAppsScript.Spreadsheet.FontStyle>('fi')),
    setFontStyle: setAttr(b, 'setFontStyle', 'fi', unlessDefault('normal')),
    setFontStyles: setAttrs(b, 'setFontStyles', 'fi', unlessDefault('normal')),
    getFontSize: getAttr(b, 'getFontSize', 'fz', (v) => Number(v ?? STYLE_DEFAULTS.fz)),
    getFontSizes: getAttrs(b, 'getFontSizes', 'fz', (v) => Number(v ?? STYLE_DEFAULTS.fz)),
    setFontSize: setAttr(b, 'setFontSize', 'fz', text),
    setFontSizes: setAttrs(b, 'setFontSizes', 'fz', text),
    getFontFamily: getAttr(b, 'getFontFamily', 'ff', orDefault('ff')),
    getFontFamilies: getAttrs(b, 'getFontFamilies', 'ff', orDefault('ff')),
    setFontFamily: setAttr(b, 'setFontFamily', 'ff', text),
    setFontFamilies: setAttrs(b, 'setFontFamilies', 'ff', text),
    getFontLine: getAttr(b, 'getFontLine', 'fl', named<GoogleAppsScript.Spreadsheet.FontLine>('fl')),
    getFontLines: getAttrs(b, 'getFontLines', 'fl', named<GoogleAppsScript.Spreadsheet.FontLine>('fl')),
    setFontLine: setAttr(b, 'setFontLine', 'fl', unlessDefault('none')),
    setFontLines: setAttrs(b, 'setFontLines', 'fl', unlessDefault('none')),
    getHorizontalAlignment: getAttr(b, 'getHorizontalAlignment', 'ha', orDefault('ha')),
    getHorizontalAlignments: getAttrs(b, 'getHorizontalAlignments', 'ha', orDefault('ha')),
    setHorizontalAlignment: setAttr(b, 'setHorizontalAlignment', 'ha', unlessDefault('normal')),
    setHorizontalAlignments: setAttrs(b, 'setHorizontalAlignments', 'ha', unlessDefault('normal')),
    getVerticalAlignment: getAttr(b, 'getVerticalAlignment', 'va', orDefault('va')),
    getVerticalAlignments: getAttrs(b, 'getVerticalAlignments', 'va', orDefault('va')),
    setVerticalAlignment: setAttr(b, 'setVerticalAlignment', 'va', lowerText),
    setVerticalAlignments: setAttrs(b, 'setVerticalAlignments', 'va', lowerText),
    getWrap: getAttr(b, 'getWrap', 'wrap', (v) => v === 'WRAP'),
    getWraps: getAttrs(b, 'getWraps', 'wrap', (v) => v === 'WRAP'),
    setWrap: setAttr(b, 'setWrap', 'wrap', (v) => (v ? 'WRAP' : null)),
    setWraps: setAttrs(b, 'setWraps', 'wrap', (v) => (v ? 'WRAP' : null)),
    getWrapStrategy: getAttr(b, 'getWrapStrategy', 'wrap', named<GoogleAppsScript.Spreadsheet.WrapStrategy>('wrap')),
    getWrapStrategies: getAttrs(b, 'getWrapStrategies', 'wrap', named<GoogleAppsScript.Spreadsheet.WrapStrategy>('wrap')),
    setWrapStrategy: setAttr(b, 'setWrapStrategy', 'wrap', (v) => (String(v) === 'OVERFLOW' ? null : String(v))),
    setWrapStrategies: setAttrs(b, 'setWrapStrategies', 'wrap', (v) => (String(v) === 'OVERFLOW' ? null : String(v))),
    setBorder: () => b.ctx.call('Range.setBorder', () => b.self()),
  };
}

/** Cell notes (not threaded comments). */
export function noteMethods(b: RangeBlock): Pick<Range, 'getNote' | 'getNotes' | 'setNote' | 'setNotes' | 'clearNote'> {
  return {
    getNote: getAttr(b, 'getNote', 'note', (v) => v ?? ''),
    getNotes: getAttrs(b, 'getNotes', 'note', (v) => v ?? ''),
    setNote: setAttr(b, 'setNote', 'note', text),
    setNotes: setAttrs(b, 'setNotes', 'note', text),
    clearNote: () =>
      b.ctx.call('Range.clearNote', () => {
        b.fill('note', null);
        return b.self();
      }),
  };
}
