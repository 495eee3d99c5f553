import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { merge3 } from './merge';
import { withMutex } from './mutex';

/**
 * Everything that outlives one execution (workbook, properties, cache, locks, triggers, sent mail, UI, quotas)
 * lives in one directory, one JSON file per slice. Each execution has its own StateDir: a slice is read on first
 * use, changed in memory, and committed after the execution, whether it succeeded or threw — as in Apps Script,
 * where writes done before an exception stay.
 *
 * Executions may run at the same time (`serve` runs them in worker threads), so a commit never overwrites what
 * another execution committed since this one read the slice: under the directory's mutex it merges its own
 * changes over the file as it is now (merge.ts). `refresh` brings others' commits into the slices this execution
 * holds, keeping its own uncommitted changes on top; the runtime calls it where Apps Script would read the server
 * again (a lock acquired, SpreadsheetApp.flush). `update` is a read-modify-write committed at once, for the
 * services whose writes Google applies at once (properties, cache, locks).
 *
 * A slice's root object keeps its identity across refreshes and commits (its content is replaced in place), so a
 * service may hold it for the whole execution; `onRefresh` tells whoever keeps something derived from it.
 */
export class StateDir {
  private readonly slices = new Map<string, Slice>();
  private readonly listeners = new Map<string, Array<() => void>>();

  constructor(readonly dir: string) {}

  static defaultDir(): string {
    return path.resolve(process.env['LOCAL_STATE_DIR'] || '.local');
  }

  exists(): boolean {
    return fs.existsSync(path.join(this.dir, 'state.json'));
  }

  /** Creates the directory and marks it as a state directory (`reset` does this). */
  init(meta: StateMeta): void {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const entry of fs.readdirSync(this.dir)) fs.rmSync(path.join(this.dir, entry), { recursive: true, force: true });
    this.slices.clear();
    this.set('state', meta);
    this.save();
  }

  meta(): StateMeta {
    return this.slice<StateMeta>('state', () => ({ version: 1, createdAt: new Date().toISOString(), network: 'real' }));
  }

  /** The slice's live object; mutate it, then call `touch(name)` (or use `set`) so `save` writes it. */
  slice<T>(name: string, init: () => T): T {
    let entry = this.slices.get(name);
    if (!entry) {
      const disk = this.read(name);
      entry = { value: disk.text === null ? init() : JSON.parse(disk.text), base: disk.text, dirty: false };
      this.slices.set(name, entry);
    }
    return entry.value as T;
  }

  /** The slice with every commit made so far by other executions (and this one's pending changes on top). */
  fresh<T>(name: string, init: () => T): T {
    const value = this.slice(name, init);
    this.refreshSlice(name);
    return value;
  }

  /** A read-modify-write of one slice, committed before it returns. Nothing is written when `change` throws. */
  update<T, R>(name: string, init: () => T, change: (value: T) => R): R {
    return withMutex(this.dir, () => {
      const value = this.fresh(name, init);
      const result = change(value);
      this.touch(name);
      this.commitSlice(name);
      return result;
    });
  }

  set<T>(name: string, value: T): void {
    const entry = this.slices.get(name);
    if (entry) {
      if (!replaceContent(entry.value, value)) entry.value = value;
      entry.dirty = true;
    } else {
      this.slices.set(name, { value, base: this.read(name).text, dirty: true });
    }
  }

  touch(name: string): void {
    const entry = this.slices.get(name);
    if (entry) entry.dirty = true;
  }

  /** Called after a refresh or commit brought another execution's changes into the slice. */
  onRefresh(name: string, listener: () => void): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener);
    this.listeners.set(name, list);
  }

  /** A sub-directory for files that are not JSON slices (the `.eml` files of sent mail). */
  subdir(name: string): string {
    const dir = path.join(this.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Commits every changed slice. */
  save(): void {
    if (![...this.slices.values()].some((e) => e.dirty)) return;
    withMutex(this.dir, () => {
      for (const [name, entry] of this.slices) if (entry.dirty) this.commitSlice(name);
    });
  }

  /** Brings other executions' commits into every slice held, keeping this execution's pending changes. */
  refresh(): void {
    for (const name of this.slices.keys()) this.refreshSlice(name);
  }

  /** Commits, then refreshes: what SpreadsheetApp.flush does to a script's view of the server. */
  sync(): void {
    withMutex(this.dir, () => {
      for (const [name, entry] of this.slices) if (entry.dirty) this.commitSlice(name);
      this.refresh();
    });
  }

  private refreshSlice(name: string): void {
    const entry = this.slices.get(name);
    if (!entry) return;
    // Read and compared whole: a file's inode, size and mtime can all repeat (inodes are reused, and mtime moves
    // with the kernel's coarse clock), and a missed commit here would be a lost update.
    const disk = this.read(name);
    if (disk.text === entry.base) return;
    const theirs: unknown = disk.text === null ? undefined : JSON.parse(disk.text);
    const next = entry.dirty ? merge3(parse(entry.base), entry.value, theirs) : theirs;
    if (next !== undefined && !replaceContent(entry.value, next)) entry.value = next;
    entry.base = disk.text;
    for (const listener of this.listeners.get(name) ?? []) listener();
  }

  /** Writes one slice, merged over the file's current content; the caller holds the mutex. */
  private commitSlice(name: string): void {
    const entry = this.slices.get(name);
    if (!entry) return;
    this.refreshSlice(name);
    const text = JSON.stringify(entry.value);
    if (text !== entry.base) {
      fs.mkdirSync(this.dir, { recursive: true });
      // Write then rename, so a crash mid-write never leaves a truncated slice behind, and a reader never sees half.
      const file = this.file(name);
      const tmp = `${file}.${process.pid}.${threadId}.tmp`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
      entry.base = text;
    }
    entry.dirty = false;
  }

  private read(name: string): { text: string | null } {
    try {
      return { text: fs.readFileSync(this.file(name), 'utf8') };
    } catch {
      return { text: null };
    }
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }
}

interface Slice {
  value: unknown;
  /** The file's text this slice was last read from or written as (null: no file yet). */
  base: string | null;
  dirty: boolean;
}

function parse(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}

/**
 * Replaces an object's or array's content, keeping its identity (services hold a slice's root); false when the two
 * are not of one kind and the root itself must change.
 */
function replaceContent(target: unknown, source: unknown): boolean {
  if (target === source) return true;
  if (Array.isArray(target) && Array.isArray(source)) {
    target.length = 0;
    for (const item of source) target.push(item);
    return true;
  }
  if (isObject(target) && isObject(source)) {
    for (const key of Object.keys(target)) delete target[key];
    Object.assign(target, source);
    return true;
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface StateMeta {
  version: 1;
  createdAt: string;
  /** `fake`: UrlFetchApp answers Slack, Discord and GitHub hosts from the built-in fake (the demo). */
  network: 'real' | 'fake';
  demo?: boolean;
}
