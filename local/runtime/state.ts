import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Everything that outlives one execution (workbook, properties, cache, triggers, sent mail, UI, quotas) lives
 * in one directory, one JSON file per slice. Slices are loaded on first use and written back after the
 * execution, whether it succeeded or threw — as in Apps Script, where writes done before an exception stay.
 */
export class StateDir {
  private readonly slices = new Map<string, { value: unknown; dirty: boolean }>();

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
      const file = this.file(name);
      const value = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : init();
      entry = { value, dirty: false };
      this.slices.set(name, entry);
    }
    return entry.value as T;
  }

  set<T>(name: string, value: T): void {
    this.slices.set(name, { value, dirty: true });
  }

  touch(name: string): void {
    const entry = this.slices.get(name);
    if (entry) entry.dirty = true;
  }

  /** A sub-directory for files that are not JSON slices (the `.eml` files of sent mail). */
  subdir(name: string): string {
    const dir = path.join(this.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  save(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const [name, entry] of this.slices) {
      if (!entry.dirty) continue;
      // Write then rename, so a crash mid-write never leaves a truncated slice behind.
      const file = this.file(name);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(entry.value));
      fs.renameSync(`${file}.tmp`, file);
      entry.dirty = false;
    }
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }
}

export interface StateMeta {
  version: 1;
  createdAt: string;
  /** `fake`: UrlFetchApp answers Slack, Discord and GitHub hosts from the built-in fake (the demo). */
  network: 'real' | 'fake';
  demo?: boolean;
}
