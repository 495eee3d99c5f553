import { wallTime } from './dates';

/** What Apps Script's getNumberFormat answers for a cell nobody formatted ("automatic"). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

export type FormatKind = 'general' | 'number' | 'percent' | 'date' | 'time' | 'datetime' | 'duration' | 'text';

type Token =
  | { t: 'lit'; s: string }
  | { t: 'date'; s: string } // y, m, d, h, s runs, with the letter lower-cased
  | { t: 'minute'; s: string }
  | { t: 'elapsed'; unit: 'h' | 'm' | 's' }
  | { t: 'ampm'; upper: boolean; short: boolean }
  | { t: 'frac'; digits: number } // fractional seconds after ss
  | { t: 'num'; s: string } // 0 # ? . , E+ run
  | { t: 'pct' }
  | { t: 'text' };

const tokenCache = new Map<string, Token[][]>();

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] ?? '';
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + (fmt[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function tokenize(section: string): Token[] {
  const out: Token[] = [];
  const lit = (s: string): void => {
    const last = out[out.length - 1];
    if (last && last.t === 'lit') last.s += s;
    else out.push({ t: 'lit', s });
  };
  let i = 0;
  while (i < section.length) {
    const ch = section[i] ?? '';
    const lower = ch.toLowerCase();
    const rest = section.slice(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      lit(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '\\') {
      lit(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '_') {
      lit(' ');
      i += 2;
    } else if (ch === '*') {
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      const unit = /^(h+|m+|s+)$/i.exec(inner);
      if (unit) out.push({ t: 'elapsed', unit: (unit[1] ?? 'h')[0]!.toLowerCase() as 'h' | 'm' | 's' });
      else if (inner.startsWith('$')) lit(inner.slice(1).split('-')[0] ?? '');
      // Colours and conditions ([Red], [<100]) do not change the text.
      i = end < 0 ? section.length : end + 1;
    } else if (/^(am\/pm|a\/p)/i.test(rest)) {
      const short = /^a\/p/i.test(rest);
      out.push({ t: 'ampm', upper: ch === ch.toUpperCase(), short });
      i += short ? 3 : 5;
    } else if ('ymdhs'.includes(lower)) {
      let j = i;
      while (j < section.length && (section[j] ?? '').toLowerCase() === lower) j++;
      out.push({ t: 'date', s: lower.repeat(j - i) });
      i = j;
    } else if (ch === '.' && /^\.0+/.test(rest) && lastDateLetter(out) === 's') {
      const m = /^\.(0+)/.exec(rest);
      const digits = (m?.[1] ?? '').length;
      out.push({ t: 'frac', digits });
      i += digits + 1;
    } else if ('0#?'.includes(ch) || ((ch === '.' || ch === ',') && hasDigitNear(section, i))) {
      let j = i;
      while (j < section.length && ('0#?.,'.includes(section[j] ?? '') || /^[eE][+-]/.test(section.slice(j, j + 2)))) {
        j += /^[eE][+-]/.test(section.slice(j, j + 2)) ? 2 : 1;
      }
      const last = out[out.length - 1];
      if (last && last.t === 'num') last.s += section.slice(i, j);
      else out.push({ t: 'num', s: section.slice(i, j) });
      i = j;
    } else if (ch === '%') {
      out.push({ t: 'pct' });
      i++;
    } else if (ch === '@') {
      out.push({ t: 'text' });
      i++;
    } else {
      lit(ch);
      i++;
    }
  }
  // "m" right after an hour or right before a second is minutes, as in every spreadsheet.
  for (let k = 0; k < out.length; k++) {
    const tok = out[k];
    if (!tok || tok.t !== 'date' || tok.s[0] !== 'm' || tok.s.length > 2) continue;
    const prev = neighbourDate(out, k, -1);
    const next = neighbourDate(out, k, 1);
    if (prev === 'h' || next === 's') out[k] = { t: 'minute', s: tok.s };
  }
  return out;
}

function lastDateLetter(tokens: Token[]): string | undefined {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const tok = tokens[k];
    if (tok && tok.t === 'date') return tok.s[0];
    if (tok && tok.t !== 'lit') return undefined;
  }
  return undefined;
}

function neighbourDate(tokens: Token[], from: number, step: 1 | -1): string | undefined {
  for (let k = from + step; k >= 0 && k < tokens.length; k += step) {
    const tok = tokens[k];
    if (!tok) break;
    if (tok.t === 'date') return tok.s[0];
    if (tok.t === 'minute') return 'm';
    if (tok.t === 'elapsed') return tok.unit;
  }
  return undefined;
}

function hasDigitNear(section: string, i: number): boolean {
  return /[0#?]/.test(section[i + 1] ?? '') || /[0#?]/.test(section[i - 1] ?? '');
}

function sections(fmt: string): Token[][] {
  let cached = tokenCache.get(fmt);
  if (!cached) {
    cached = splitSections(fmt).map(tokenize);
    if (tokenCache.size > 5000) tokenCache.clear();
    tokenCache.set(fmt, cached);
  }
  return cached;
}

export function formatKind(fmt: string | undefined): FormatKind {
  if (fmt === undefined || fmt === '' || fmt === DEFAULT_NUMBER_FORMAT || /^general$/i.test(fmt)) return 'general';
  const tokens = sections(fmt)[0] ?? [];
  let hasDate = false;
  let hasTime = false;
  let elapsed = false;
  for (const tok of tokens) {
    if (tok.t === 'elapsed') elapsed = true;
    if (tok.t === 'date') {
      if (tok.s[0] === 'h' || tok.s[0] === 's') hasTime = true;
      else hasDate = true;
    }
    if (tok.t === 'minute' || tok.t === 'ampm') hasTime = true;
  }
  if (elapsed) return 'duration';
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  if (tokens.some((t) => t.t === 'pct')) return 'percent';
  if (tokens.length === 1 && tokens[0]?.t === 'text') return 'text';
  return 'number';
}

/** Cells with these formats hold a date serial, and getValues hands them out as Date objects. */
export function isTemporalFormat(fmt: string | undefined): boolean {
  const kind = formatKind(fmt);
  return kind === 'date' || kind === 'time' || kind === 'datetime' || kind === 'duration';
}

/** Sheets' "automatic" display: up to ten significant digits, no grouping. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-10)
    return n
      .toExponential(2)
      .toUpperCase()
      .replace(/E([+-])(\d)$/, 'E$10$2');
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}

export function formatValue(value: number | string | boolean, fmt: string | undefined): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const secs = fmt === undefined ? [] : sections(fmt);
  if (typeof value === 'string') {
    const textSection = secs.length >= 4 ? secs[3] : secs.find((s) => s.some((t) => t.t === 'text'));
    if (!textSection) return value;
    return textSection.map((t) => (t.t === 'text' ? value : t.t === 'lit' ? t.s : '')).join('');
  }
  if (formatKind(fmt) === 'general') return formatGeneral(value);
  let tokens = secs[0] ?? [];
  let negative = value < 0;
  if (secs.length >= 2 && value < 0) {
    // The negative section spells its own sign, e.g. "(0)".
    tokens = secs[1] ?? tokens;
    negative = false;
  } else if (secs.length >= 3 && value === 0) {
    tokens = secs[2] ?? tokens;
  }
  if (tokens.some((t) => t.t === 'date' || t.t === 'minute' || t.t === 'elapsed' || t.t === 'ampm')) return formatTemporal(value, tokens);
  if (!tokens.some((t) => t.t === 'num')) return tokens.map((t) => (t.t === 'lit' ? t.s : t.t === 'pct' ? '%' : '')).join('');
  return formatNumberTokens(Math.abs(value), tokens, negative);
}

function formatNumberTokens(value: number, tokens: Token[], negative: boolean): string {
  let n = value;
  const pct = tokens.filter((t) => t.t === 'pct').length;
  n *= 100 ** pct;
  const pattern = tokens
    .filter((t): t is { t: 'num'; s: string } => t.t === 'num')
    .map((t) => t.s)
    .join('');
  const sci = /[eE][+-]/.exec(pattern);
  const mantissaPattern = sci ? pattern.slice(0, sci.index) : pattern;
  const dot = mantissaPattern.indexOf('.');
  let intPat = dot < 0 ? mantissaPattern : mantissaPattern.slice(0, dot);
  const decPat = dot < 0 ? '' : mantissaPattern.slice(dot + 1).replace(/,/g, '');
  // Trailing commas scale by thousands.
  while (intPat.endsWith(',')) {
    intPat = intPat.slice(0, -1);
    n /= 1000;
  }
  const grouping = intPat.includes(',');
  const minInt = (intPat.match(/0/g) ?? []).length;
  const minDec = (decPat.match(/0/g) ?? []).length;
  const maxDec = (decPat.match(/[0#?]/g) ?? []).length;
  let exponent = '';
  if (sci) {
    const e = n === 0 ? 0 : Math.floor(Math.log10(n));
    n /= 10 ** e;
    const expDigits = (pattern.slice(sci.index + 2).match(/0/g) ?? []).length;
    exponent = `E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(expDigits, '0')}`;
  }
  let fixed = roundHalfAway(n, maxDec).toFixed(maxDec);
  let [intPart = '', decPart = ''] = fixed.split('.');
  while (decPart.length > minDec && decPart.endsWith('0')) decPart = decPart.slice(0, -1);
  if (intPart === '0' && minInt === 0) intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  fixed = decPart || (dot >= 0 && decPat.length > 0 && minDec > 0) ? `${intPart}.${decPart}` : intPart;
  if (dot >= 0 && decPart === '' && minDec === 0 && mantissaPattern.endsWith('.')) fixed = `${intPart}.`;
  const isZero = Number(fixed.replace(/[^0-9]/g, '') || '0') === 0;
  const body = `${negative && !isZero ? '-' : ''}${fixed}${exponent}`;
  let out = '';
  let placed = false;
  for (const t of tokens) {
    if (t.t === 'lit') out += t.s;
    else if (t.t === 'pct') out += '%';
    else if (t.t === 'num' && !placed) {
      out += body;
      placed = true;
    }
  }
  return out;
}

function roundHalfAway(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((n + Number.EPSILON * n) * f) / f;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatTemporal(serial: number, tokens: Token[]): string {
  const fracDigits = tokens.reduce((d, t) => (t.t === 'frac' ? Math.max(d, t.digits) : d), 0);
  // Round to the smallest unit shown, so 09:59:59.7 reads 10:00:00 as Sheets shows it.
  const unitMs = 1000 / 10 ** fracDigits;
  const rounded = (Math.round((serial * 86_400_000) / unitMs) * unitMs) / 86_400_000;
  const w = wallTime(rounded);
  const twelve = tokens.some((t) => t.t === 'ampm');
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  let out = '';
  for (const t of tokens) {
    switch (t.t) {
      case 'lit':
        out += t.s;
        break;
      case 'date': {
        const len = t.s.length;
        switch (t.s[0]) {
          case 'y':
            out += len <= 2 ? pad(w.year % 100, 2) : pad(w.year, 4);
            break;
          case 'm':
            out +=
              len === 1
                ? String(w.month)
                : len === 2
                  ? pad(w.month, 2)
                  : len === 3
                    ? MONTHS[w.month - 1]!.slice(0, 3)
                    : len === 5
                      ? MONTHS[w.month - 1]!.slice(0, 1)
                      : MONTHS[w.month - 1]!;
            break;
          case 'd':
            out += len === 1 ? String(w.day) : len === 2 ? pad(w.day, 2) : len === 3 ? DAYS[w.weekday]!.slice(0, 3) : DAYS[w.weekday]!;
            break;
          case 'h': {
            const h = twelve ? ((w.hour + 11) % 12) + 1 : w.hour;
            out += len === 1 ? String(h) : pad(h, 2);
            break;
          }
          case 's':
            out += len === 1 ? String(w.second) : pad(w.second, 2);
            break;
        }
        break;
      }
      case 'minute':
        out += t.s.length === 1 ? String(w.minute) : pad(w.minute, 2);
        break;
      case 'frac':
        out += `.${pad(w.millisecond, 3).slice(0, t.digits)}`;
        break;
      case 'ampm': {
        const pm = w.hour >= 12;
        const s = t.short ? (pm ? 'P' : 'A') : pm ? 'PM' : 'AM';
        out += t.upper ? s : s.toLowerCase();
        break;
      }
      case 'elapsed': {
        const totalMs = Math.round(rounded * 86_400_000);
        const unit = t.unit === 'h' ? 3_600_000 : t.unit === 'm' ? 60_000 : 1000;
        out += String(Math.floor(totalMs / unit));
        break;
      }
      case 'num':
      case 'pct':
      case 'text':
        break;
    }
  }
  return out;
}
