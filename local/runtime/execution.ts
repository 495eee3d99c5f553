import { createRealm, type Realm } from './realm';
import type { StateDir } from './state';

/** Modeled Apps Script latency per call, from the cost table in shared/PLATFORM.md. */
export const COST_MS = {
  scriptStart: 800,
  spreadsheetCall: 60,
  sheetsApiRequest: 80,
  spreadsheetFlush: 30,
  urlFetch: 300,
  urlFetchAllBase: 300,
  urlFetchAllPerRequest: 20,
  cacheGet: 5,
  cachePut: 90,
  propertiesGet: 30,
  propertiesSet: 60,
  lockAcquire: 50,
  mailSend: 500,
  calendarRead: 200,
} as const;

/** Apps Script stops an execution after 6 minutes. */
export const MAX_EXECUTION_MS = 6 * 60 * 1000;

export interface ExecutionStats {
  calls: Record<string, Record<string, number>>;
  modeledMs: number;
}

export interface ExecutionOptions {
  state: StateDir;
  /** The instant the execution starts at; `new Date()` inside follows it, advanced by the modeled latency. */
  at: Date;
  /** The script's time zone (appsscript.json), for `Session.getScriptTimeZone` and the trigger schedule. */
  timeZone: string;
  /** What kind of run this is, for Session and the trigger's event: 'web' | 'trigger' | 'manual' | 'simple'. */
  kind?: 'web' | 'trigger' | 'manual' | 'simple';
  /** Where Logger and console lines go. */
  log?: (line: string) => void;
  /** The web app's URL, for ScriptApp.getService().getUrl(). */
  webAppUrl?: string;
  /** The user running the script (Session.getActiveUser / getEffectiveUser). */
  userEmail?: string;
  /** LockService grants every lock at once and holds nothing: for tests that show what the locks protect. */
  withoutLocks?: boolean;
}

/**
 * One run of one function, as Apps Script runs it: a fresh realm, a clock that starts at `at` and moves with
 * the modeled latency of every service call, per-call accounting, and the 6-minute limit.
 */
export class Execution {
  readonly realm: Realm;
  readonly state: StateDir;
  readonly startedAt: number;
  readonly timeZone: string;
  readonly kind: NonNullable<ExecutionOptions['kind']>;
  readonly webAppUrl: string;
  readonly userEmail: string;
  readonly withoutLocks: boolean;
  readonly log: (line: string) => void;
  readonly stats: ExecutionStats = { calls: {}, modeledMs: 0 };
  /** Work to do once the execution is over, after its state is committed (e.g. releasing locks Apps Script frees). */
  private readonly finishers: Array<() => void> = [];

  constructor(options: ExecutionOptions) {
    this.state = options.state;
    this.startedAt = options.at.getTime();
    this.timeZone = options.timeZone;
    this.kind = options.kind ?? 'manual';
    this.webAppUrl = options.webAppUrl ?? 'https://script.google.com/macros/s/LOCAL_DEPLOYMENT_ID/exec';
    this.userEmail = options.userEmail ?? 'owner@example.com';
    this.withoutLocks = options.withoutLocks ?? false;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.realm = createRealm(() => this.now());
    this.stats.modeledMs = COST_MS.scriptStart;
  }

  /** The execution's clock: its start instant plus the modeled time spent in services so far. */
  now(): number {
    return this.startedAt + (this.stats.modeledMs - COST_MS.scriptStart);
  }

  /**
   * Counts one service call and adds its modeled latency (0 for calls the cost table does not price).
   * SpreadsheetApp handles (getSheetByName, getRange, …) are never charged, so they do not show in the stats.
   */
  charge(service: string, method: string, ms: number, count = 1): void {
    this.checkTime();
    const perService = (this.stats.calls[service] ??= {});
    perService[method] = (perService[method] ?? 0) + count;
    this.stats.modeledMs += ms;
    this.checkTime();
  }

  /** Throws Apps Script's own error once the modeled clock has run past 6 minutes. */
  checkTime(): void {
    if (this.stats.modeledMs > MAX_EXECUTION_MS) throw this.realm.exception('Exceeded maximum execution time');
  }

  /** Adds time spent without a service call (Utilities.sleep). */
  advance(ms: number): void {
    this.stats.modeledMs += ms;
    this.checkTime();
  }

  onFinish(fn: () => void): void {
    this.finishers.push(fn);
  }

  /** Commits what the execution wrote, then lets go of what it held: a waiting execution reads the commit. */
  finish(): void {
    try {
      this.state.save();
    } finally {
      for (const fn of this.finishers.splice(0)) fn();
    }
  }
}
