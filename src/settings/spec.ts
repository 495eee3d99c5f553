import { ConfigError } from '../domain/errors';

/**
 * A setting people edit in the `Settings` sheet: declared once with its default, its description (shown in the
 * sheet's Description column) and a parser that turns the cell's text into a value or says what is wrong.
 */
export interface SettingSpec<T> {
  readonly key: string;
  readonly defaultValue: string;
  readonly description: string;
  parse(text: string): T;
}

export function setting<T>(key: string, defaultValue: string, description: string, parse: (text: string) => T): SettingSpec<T> {
  return { key, defaultValue, description, parse };
}

/** Thrown by parsers; the settings reader adds the key and the value. */
export class SettingValueError extends Error {}

/**
 * The settings as read from the sheet. A value is parsed when a job asks for it, so a typo in one setting
 * stops only the jobs that use it, with a message that names the key, the value and what was expected.
 */
export class Settings {
  constructor(private readonly raw: ReadonlyMap<string, string>) {}

  /** The raw texts, for caching. */
  entries(): Array<[string, string]> {
    return [...this.raw.entries()];
  }

  get<T>(spec: SettingSpec<T>): T {
    const text = (this.raw.get(spec.key) ?? '').trim();
    const value = text === '' ? spec.defaultValue : text;
    try {
      return spec.parse(value);
    } catch (e) {
      const reason = e instanceof SettingValueError ? e.message : String(e);
      throw new ConfigError(`Settings: ${spec.key} is "${value}", but ${reason}`);
    }
  }

  /** Every problem among these settings, for setup and the health answer. */
  problems(specs: ReadonlyArray<SettingSpec<unknown>>): string[] {
    const out: string[] = [];
    for (const spec of specs) {
      try {
        this.get(spec);
      } catch (e) {
        out.push((e as Error).message);
      }
    }
    return out;
  }
}

// Parsers for the common kinds of setting. Each says what it expects, in the words a person needs to fix it.

export const parse = {
  text: (text: string): string => text,
  oneOf:
    <const V extends string>(...values: V[]) =>
    (text: string): V => {
      const found = values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (!found) throw new SettingValueError(`it must be one of ${values.join(', ')}`);
      return found;
    },
  number:
    (min: number, max: number) =>
    (text: string): number => {
      const n = Number(text.replace(/,/g, ''));
      if (!Number.isFinite(n) || n < min || n > max) throw new SettingValueError(`it must be a number from ${min} to ${max}`);
      return n;
    },
  integer:
    (min: number, max: number) =>
    (text: string): number => {
      const n = Number(text.replace(/,/g, ''));
      if (!Number.isInteger(n) || n < min || n > max) throw new SettingValueError(`it must be a whole number from ${min} to ${max}`);
      return n;
    },
  /** A fraction; "80%" and "80" are read as 0.8 as well, since people type rates either way. */
  rate: (text: string): number => {
    const percent = text.endsWith('%');
    const n = Number(text.replace(/%$/, '').trim());
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new SettingValueError('it must be a rate such as 0.8 or 80%');
    return percent || n > 1 ? n / 100 : n;
  },
  boolean: (text: string): boolean => {
    if (/^(true|yes|on|1|はい)$/i.test(text)) return true;
    if (/^(false|no|off|0|いいえ)$/i.test(text)) return false;
    throw new SettingValueError('it must be TRUE or FALSE');
  },
  /** `HH:mm`, 24-hour, as minutes after midnight. */
  time: (text: string): { hour: number; minute: number } => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(text);
    const hour = Number(m?.[1]);
    const minute = Number(m?.[2]);
    if (!m || hour > 23 || minute > 59) throw new SettingValueError('it must be a time of day written HH:mm, e.g. 09:00');
    return { hour, minute };
  },
  /** A comma- or newline-separated list, empty items dropped. */
  list: (text: string): string[] =>
    text
      .split(/[,\n、]/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  emails: (text: string): string[] => {
    const list = parse.list(text);
    const bad = list.filter((e) => !/^[^@\s<>(),;:"]+@[^@\s<>(),;:"]+\.[^@\s<>(),;:"]+$/.test(e));
    if (bad.length > 0) throw new SettingValueError(`these are not email addresses: ${bad.join(', ')}`);
    return list;
  },
} as const;
