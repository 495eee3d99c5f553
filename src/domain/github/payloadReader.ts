import { InputError } from '../errors';

/** Reads a payload by dotted path; every failure names the event and the path. */
export class PayloadReader {
  constructor(
    readonly root: Readonly<Record<string, unknown>>,
    readonly event: string,
  ) {}

  get(path: string): unknown {
    let value: unknown = this.root;
    for (const part of path.split('.')) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  }

  has(path: string): boolean {
    const value = this.get(path);
    return value !== undefined && value !== null;
  }

  private fail(path: string, expected: string): never {
    const value = this.get(path);
    throw new InputError(
      value === undefined || value === null
        ? `the ${this.event} payload has no "${path}"`
        : `"${path}" of the ${this.event} payload must be ${expected}`,
      path,
    );
  }

  text(path: string): string {
    const value = this.get(path);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return this.fail(path, 'text');
  }

  optText(path: string): string | undefined {
    return this.has(path) ? this.text(path) : undefined;
  }

  number(path: string): number {
    const value = this.get(path);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return this.fail(path, 'a number');
  }

  optNumber(path: string): number | undefined {
    return this.has(path) ? this.number(path) : undefined;
  }

  /** An ISO-8601 time; GitHub sends some as seconds since the epoch (push's `repository.pushed_at`). */
  time(path: string): string {
    const value = this.get(path);
    const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isFinite(ms)) return this.fail(path, 'a time');
    return new Date(ms).toISOString();
  }

  optTime(path: string): string | undefined {
    return this.has(path) ? this.time(path) : undefined;
  }

  nullableTime(path: string): string | null {
    return this.has(path) ? this.time(path) : null;
  }

  array(path: string): unknown[] {
    const value = this.get(path);
    if (Array.isArray(value)) return value;
    return this.fail(path, 'a list');
  }

  /** A reader over an element of a list, with paths named from the root for errors. */
  item(path: string, index: number): PayloadReader {
    const value = this.array(path)[index];
    if (value === null || typeof value !== 'object') this.fail(`${path}.${index}`, 'an object');
    return new PayloadReader(value as Record<string, unknown>, `${this.event} (${path}[${index}])`);
  }

  repository(): string {
    return this.text('repository.full_name');
  }

  actor(): string {
    return this.optText('sender.login') ?? '';
  }
}
