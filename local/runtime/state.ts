import { randomBytes } from 'node:crypto';
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
 *
 * A workbook is kept in parts, one file per sheet (`PARTS`): a commit rewrites the sheets it changed and a small
 * main file naming them, and a refresh reads only the sheets others changed, so a tick that writes one cell of a
 * workbook of years of rows does not rewrite, or read back, tens of megabytes.
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
      entry = {
        value: disk.text === null ? init() : disk.value,
        base: disk.text,
        stamp: disk.stamp,
        parts: disk.parts,
        dirty: false,
        dirtyParts: new Set(),
      };
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
      entry.dirtyParts = 'all';
    } else {
      const disk = this.read(name);
      this.slices.set(name, { value, base: disk.text, stamp: disk.stamp, parts: disk.parts, dirty: true, dirtyParts: 'all' });
    }
  }

  /**
   * Marks a slice changed. `part` (a sheet's id, for a slice kept in parts) says that only that part changed, so
   * the commit need not serialise the others; without it, every part is compared with what was read.
   */
  touch(name: string, part?: string): void {
    const entry = this.slices.get(name);
    if (!entry) return;
    entry.dirty = true;
    if (part === undefined) entry.dirtyParts = 'all';
    else if (entry.dirtyParts !== 'all') entry.dirtyParts.add(part);
  }

  /**
   * The execution is over and this view will not be used again: the parts it read or wrote, unchanged since,
   * go to the next view of this directory in this thread, which takes them instead of reading and parsing the
   * same files again (a commit names each part's file afresh, so a file name stands for one content).
   */
  release(): void {
    for (const [name, entry] of this.slices) {
      const spec = PARTS.find((p) => p.slice.test(name));
      const list = spec && isObject(entry.value) ? entry.value[spec.field] : undefined;
      if (!spec || entry.dirty || !entry.parts || !Array.isArray(list)) continue;
      const handed = new Map<string, { text: string; value: unknown }>();
      for (const item of list) {
        const part = entry.parts.get(partKey(item, spec));
        if (!part || part.file === null) continue;
        if (process.env['LOCAL_STATE_CHECK'] === '1' && JSON.stringify(item) !== part.text) {
          throw new Error(`local state: a part of slice ${name} was changed without touch()`);
        }
        handed.set(part.file, { text: part.text, value: item });
      }
      RELEASED.set(this.file(name), handed);
    }
    this.slices.clear();
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
    // Every commit writes a new stamp beside the slice, after the slice itself: an unchanged stamp means an
    // unchanged file, and saves reading tens of megabytes at every lock and flush. A file's inode, size and mtime
    // cannot stand in for it: they can all repeat (inodes are reused, mtime moves with the kernel's coarse clock),
    // and a missed commit here would be a lost update. Without a stamp (a state written before stamps), the file
    // is read and compared whole.
    const stamp = this.readStamp(name);
    if (stamp !== null && stamp === entry.stamp) return;
    // Parts whose file is unchanged are the objects this view holds already, unless it changed them.
    const disk = this.read(name, stamp, entry.dirty ? undefined : entry);
    entry.stamp = disk.stamp;
    if (disk.text === entry.base) return;
    const theirs = disk.value;
    const next = entry.dirty ? merge3(this.baseValue(name, entry), entry.value, theirs) : theirs;
    if (next !== undefined && !replaceContent(entry.value, next)) entry.value = next;
    entry.base = disk.text;
    entry.parts = disk.parts;
    if (entry.dirty) entry.dirtyParts = 'all';
    for (const listener of this.listeners.get(name) ?? []) listener();
  }

  /** The slice as this view last read or wrote it (for a three-way merge). */
  private baseValue(name: string, entry: Slice): unknown {
    if (entry.base === null) return undefined;
    const root = JSON.parse(entry.base) as unknown;
    const spec = PARTS.find((p) => p.slice.test(name));
    const list = spec && isObject(root) ? root[spec.field] : undefined;
    if (!spec || !entry.parts || !Array.isArray(list)) return root;
    const texts = new Map([...entry.parts.values()].filter((p) => p.file !== null).map((p) => [p.file, p.text] as const));
    for (let i = 0; i < list.length; i++) {
      const ref = partRef(list[i]);
      const text = ref === null ? undefined : texts.get(ref);
      if (text !== undefined) list[i] = JSON.parse(text);
    }
    return root;
  }

  /** Writes one slice, merged over the file's current content; the caller holds the mutex. */
  private commitSlice(name: string): void {
    const entry = this.slices.get(name);
    if (!entry) return;
    this.refreshSlice(name);
    if (this.commitParts(name, entry)) return;
    const text = JSON.stringify(entry.value);
    if (text !== entry.base) {
      fs.mkdirSync(this.dir, { recursive: true });
      writeAtomically(this.file(name), text);
      // The stamp goes second, so a reader that sees it sees the slice it stands for.
      const stamp = newStamp();
      writeAtomically(this.stampFile(name), stamp);
      entry.base = text;
      entry.stamp = stamp;
    }
    entry.parts = undefined;
    entry.dirty = false;
    entry.dirtyParts = new Set();
  }

  /**
   * Commits a slice kept in parts: each changed part to a file of its own under a new name, then the main file
   * naming them, then the stamp; the files no longer named are removed. A reader without the mutex reads the main
   * file first, so it either finds every part it names or, when a commit removed one meanwhile, reads again.
   * False when the slice is not kept in parts.
   */
  private commitParts(name: string, entry: Slice): boolean {
    const spec = PARTS.find((p) => p.slice.test(name));
    const root = entry.value;
    const list = spec && isObject(root) ? root[spec.field] : undefined;
    if (!spec || !isObject(root) || !Array.isArray(list)) return false;
    const parts = new Map<string, Part>();
    const refs: Array<{ $part: string }> = [];
    fs.mkdirSync(this.dir, { recursive: true });
    // Parts are found by key: a list whose keys repeat is kept whole.
    const keys = list.map((item) => partKey(item, spec));
    if (new Set(keys).size !== keys.length) return false;
    for (const item of list) {
      const key = partKey(item, spec);
      const old = entry.parts?.get(key);
      const unchanged = old !== undefined && old.file !== null && entry.dirtyParts !== 'all' && !entry.dirtyParts.has(key);
      let part = unchanged ? old : undefined;
      if (!part) {
        const text = JSON.stringify(item);
        if (old && old.file !== null && old.text === text) part = old;
        else {
          // A fresh name each time: the main file still names the old one until it is replaced.
          const file = `${name}.${key.replace(/[^A-Za-z0-9_-]/g, '_')}.${newStamp()}.json`;
          fs.writeFileSync(path.join(this.dir, file), text);
          part = { file, text };
        }
      }
      parts.set(key, part);
      refs.push({ $part: part.file as string });
    }
    const text = JSON.stringify({ ...root, [spec.field]: refs });
    if (text !== entry.base) {
      writeAtomically(this.file(name), text);
      const stamp = newStamp();
      writeAtomically(this.stampFile(name), stamp);
      const kept = new Set([...parts.values()].map((p) => p.file));
      for (const old of entry.parts?.values() ?? [])
        if (old.file !== null && !kept.has(old.file)) fs.rmSync(path.join(this.dir, old.file), { force: true });
      entry.base = text;
      entry.stamp = stamp;
    }
    entry.parts = parts;
    entry.dirty = false;
    entry.dirtyParts = new Set();
    return true;
  }

  /**
   * The slice's file with the stamp read before it (or given, read just before): a commit landing in between
   * leaves an older stamp with newer text, which only costs one more read later, never a missed commit.
   */
  private read(name: string, stamp = this.readStamp(name), held?: Slice): Stored {
    const spec = PARTS.find((p) => p.slice.test(name));
    for (let attempt = 1; ; attempt++) {
      let text: string;
      try {
        text = fs.readFileSync(this.file(name), 'utf8');
      } catch {
        return { text: null, stamp, value: undefined, parts: undefined };
      }
      if (held && text === held.base) return { text, stamp, value: held.value, parts: held.parts };
      const root = JSON.parse(text) as unknown;
      const list = spec && isObject(root) ? root[spec.field] : undefined;
      if (!spec || !Array.isArray(list)) return { text, stamp, value: root, parts: undefined };
      const missing: string[] = [];
      const parts = this.readParts(name, list, spec, held, missing);
      // A commit replaced a part since the main file was read: read the new main file.
      if (parts) return { text, stamp, value: root, parts };
      // A commit takes milliseconds; a part still missing after this many reads was removed by something else.
      if (attempt >= 1000) throw new Error(`local state: ${name}.json names ${missing.join(', ')}, which is gone from ${this.dir}`);
    }
  }

  /** Puts each part the main file names in its place; undefined when one is gone. */
  private readParts(name: string, list: unknown[], spec: PartSpec, held?: Slice, missing: string[] = []): Map<string, Part> | undefined {
    const heldByFile = new Map<string, { text: string; value: unknown }>();
    const heldList = held && isObject(held.value) ? held.value[spec.field] : undefined;
    if (held?.parts && Array.isArray(heldList)) {
      for (const item of heldList) {
        const part = held.parts.get(partKey(item, spec));
        if (part && part.file !== null) heldByFile.set(part.file, { text: part.text, value: item });
      }
    }
    const handed = RELEASED.get(this.file(name));
    const parts = new Map<string, Part>();
    for (let i = 0; i < list.length; i++) {
      const ref = partRef(list[i]);
      if (ref === null) {
        // A workbook saved whole, before it was kept in parts: its sheets are inline, and go to files at the next commit.
        parts.set(partKey(list[i], spec), { file: null, text: JSON.stringify(list[i]) });
        continue;
      }
      let got = heldByFile.get(ref) ?? handed?.get(ref);
      handed?.delete(ref);
      if (!got) {
        try {
          const text = fs.readFileSync(path.join(this.dir, ref), 'utf8');
          got = { text, value: JSON.parse(text) };
        } catch {
          missing.push(ref);
          return undefined;
        }
      }
      list[i] = got.value;
      parts.set(partKey(got.value, spec), { file: ref, text: got.text });
    }
    return parts;
  }

  private readStamp(name: string): string | null {
    try {
      return fs.readFileSync(this.stampFile(name), 'utf8');
    } catch {
      return null;
    }
  }

  private stampFile(name: string): string {
    return path.join(this.dir, `${name}.stamp`);
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }
}

interface PartSpec {
  slice: RegExp;
  /** The list in the slice's root whose elements are kept one file each. */
  field: string;
  /** What names an element (it stays the same while the element lives). */
  key: string;
}

/** Slices kept in parts: the bound workbook and the spreadsheets a script created, one file per sheet. */
const PARTS: readonly PartSpec[] = [{ slice: /^(workbook|spreadsheet-.+)$/, field: 'sheets', key: 'id' }];

/** Parts a finished view of a directory left to the next one in this thread, by main file, then part file. */
const RELEASED = new Map<string, Map<string, { text: string; value: unknown }>>();

interface Part {
  /** null: inline in a main file saved before parts. */
  file: string | null;
  text: string;
}

interface Stored {
  text: string | null;
  stamp: string | null;
  value: unknown;
  parts: Map<string, Part> | undefined;
}

function partKey(item: unknown, spec: PartSpec): string {
  return isObject(item) ? String(item[spec.key]) : '';
}

function partRef(item: unknown): string | null {
  return isObject(item) && typeof item['$part'] === 'string' && Object.keys(item).length === 1 ? item['$part'] : null;
}

interface Slice {
  value: unknown;
  /** The file's text this slice was last read from or written as (null: no file yet). */
  base: string | null;
  /** The stamp that file had when it was read or written (null: unknown, so the next refresh reads the file). */
  stamp: string | null;
  /** For a slice kept in parts, each part's file and text as last read or written, by the element's key. */
  parts: Map<string, Part> | undefined;
  dirty: boolean;
  /** The parts touched since the last commit, or all of them. */
  dirtyParts: Set<string> | 'all';
}

let stamps = 0;

/** Unique to one commit, across threads and processes. */
function newStamp(): string {
  return `${process.pid}.${threadId}.${++stamps}.${randomBytes(6).toString('hex')}`;
}

/** Write then rename, so a crash mid-write never leaves a truncated file behind, and a reader never sees half. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${threadId}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
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
