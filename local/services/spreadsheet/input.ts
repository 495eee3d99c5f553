import { isRealDate, serialFromWall } from './dates';

export type ParsedInput =
  { kind: 'empty' } | { kind: 'formula'; formula: string } | { kind: 'value'; value: number | string | boolean; format?: string };

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/;
const DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads text the way Sheets reads what a person types (and what setValue/setValues/appendRow are given): a
 * leading apostrophe keeps the rest as text, a leading "=" is a formula, and numbers, percentages, ISO-like dates,
 * times and TRUE/FALSE become typed values with the format Sheets would pick. Only the ISO-like date forms are
 * recognised, because the locale-dependent ones (1/2 is January 2nd in one locale, February 1st in another) would
 * make the local runtime guess.
 */
export function parseInput(text: string): ParsedInput {
  if (text === '') return { kind: 'empty' };
  if (text.startsWith("'")) return { kind: 'value', value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { kind: 'value', value: trimmed.toUpperCase() === 'TRUE' };
  if (NUMBER.test(trimmed) && /\d/.test(trimmed)) {
    const n = Number(trimmed.replace(/,/g, ''));
    if (Number.isFinite(n)) {
      if (trimmed.includes(',')) return { kind: 'value', value: n, format: trimmed.includes('.') ? '#,##0.00' : '#,##0' };
      return { kind: 'value', value: n };
    }
  }
  const pct = PERCENT.exec(trimmed);
  if (pct) {
    const n = Number(pct[1]) / 100;
    return { kind: 'value', value: n, format: (pct[1] ?? '').includes('.') ? '0.00%' : '0%' };
  }
  const date = DATE.exec(trimmed);
  if (date) {
    const [, y, sep, mo, d, h, mi, s] = date;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    if (isRealDate(year, month, day) && (h === undefined || (Number(h) < 24 && Number(mi) < 60 && Number(s ?? 0) < 60))) {
      const serial = serialFromWall(year, month, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
      const datePart = sep === '/' ? 'yyyy/mm/dd' : 'yyyy-mm-dd';
      const format = h === undefined ? datePart : `${datePart} ${s === undefined ? 'h:mm' : 'h:mm:ss'}`;
      return { kind: 'value', value: serial, format };
    }
  }
  const time = TIME.exec(trimmed);
  if (time) {
    const [, h, mi, s] = time;
    if (Number(h) < 24 && Number(mi) < 60 && Number(s ?? 0) < 60) {
      const serial = (Number(h) * 3600 + Number(mi) * 60 + Number(s ?? 0)) / 86400;
      return { kind: 'value', value: serial, format: s === undefined ? 'h:mm' : 'h:mm:ss' };
    }
  }
  return { kind: 'value', value: text };
}
