import type * as vm from 'node:vm';
import type { Execution } from './runtime/execution';
import { runFunction, type RunResult } from './runtime/runner';
import { StateDir } from './runtime/state';
import { buildWebAppEvent, webAppResponse, type WebAppResponse } from './runtime/webapp';
import { servicesFor } from './services';
import { dueTriggers, listTriggers } from './services/script';
import { editEventFor, typeIntoCell } from './services/spreadsheet';

export interface LocalAppOptions {
  script: vm.Script;
  stateDir: string;
  timeZone: string;
  log?: (line: string) => void;
  webAppUrl?: string;
  /** LockService grants every lock at once and holds nothing: only for tests that show what the locks protect. */
  withoutLocks?: boolean;
  /**
   * The advanced services the project's manifest enables (their userSymbols, e.g. `BigQuery`); the others are
   * absent, as in Apps Script. Omitted: every emulated service is there.
   */
  advancedServices?: readonly string[];
}

export interface CallOptions {
  at?: Date;
  args?: unknown[];
  kind?: 'web' | 'trigger' | 'manual' | 'simple';
  argsFor?: (exec: Execution) => unknown[];
}

export interface TickFiring {
  at: Date;
  handlerFunction: string;
  result: RunResult;
}

/**
 * The deployed script as the local runtime runs it: build/Code.js bound to one state directory. Every call is
 * one Apps Script execution with its own fresh context, run on the calling thread; state is re-read from disk
 * each time, so other executions (the CLI beside `serve`, the pool's worker threads) may change it in between.
 */
export class LocalApp {
  constructor(private readonly options: LocalAppOptions) {}

  state(): StateDir {
    return new StateDir(this.options.stateDir);
  }

  run(fn: string, call: CallOptions = {}): RunResult {
    const args = call.args ?? [];
    const state = this.state();
    const base = {
      state,
      script: this.options.script,
      fn,
      at: call.at ?? new Date(),
      timeZone: this.options.timeZone,
      kind: call.kind ?? 'manual',
      services: servicesFor(this.options.advancedServices),
      ...(this.options.log ? { log: this.options.log } : {}),
      ...(this.options.webAppUrl ? { webAppUrl: this.options.webAppUrl } : {}),
      ...(this.options.withoutLocks ? { withoutLocks: true } : {}),
    };
    try {
      return runFunction(call.argsFor ? { ...base, argsFor: call.argsFor } : { ...base, args });
    } finally {
      // Nothing outside this call holds the execution's view: what it read goes to the next execution's.
      state.release();
    }
  }

  /** A POST to the web app: doPost's answer, as the caller reads it after following Apps Script's redirect. */
  post(queryString: string, body: string, contentType: string, at?: Date): { response: WebAppResponse; result: RunResult } {
    const event = buildWebAppEvent(queryString, { contents: body, type: contentType });
    const result = this.run('doPost', { args: [event], kind: 'web', ...(at ? { at } : {}) });
    return { response: webAppResponse(result.value, result.error), result };
  }

  get(queryString: string, at?: Date): { response: WebAppResponse; result: RunResult } {
    const result = this.run('doGet', { args: [buildWebAppEvent(queryString)], kind: 'web', ...(at ? { at } : {}) });
    return { response: webAppResponse(result.value, result.error), result };
  }

  /**
   * Fires the time-driven triggers due in [from, to), one execution each, in time order. Triggers a handler
   * installs or removes on the way count from the next firing on. With `onFiring`, each firing goes to it and
   * none is kept (a week of ticks is 10,080 firings); without, they are returned.
   */
  tick(from: Date, to: Date, onFiring?: (firing: TickFiring) => void): TickFiring[] {
    const firings: TickFiring[] = [];
    let cursor = from;
    for (;;) {
      const due = dueTriggers(this.state(), cursor, to, this.options.timeZone);
      const first = due[0];
      if (!first) break;
      // Every trigger due at that instant fires, each in its own execution, before time moves on.
      for (const next of due.filter((d) => d.at.getTime() === first.at.getTime())) {
        const result = this.run(next.handlerFunction, { at: next.at, args: [next.event], kind: 'trigger' });
        const firing = { at: next.at, handlerFunction: next.handlerFunction, result };
        if (onFiring) onFiring(firing);
        else firings.push(firing);
      }
      cursor = new Date(first.at.getTime() + 1);
    }
    return firings;
  }

  /**
   * Types into a cell as a person would, then fires the simple `onEdit` (when the script has one) and any
   * installable edit triggers, each with the edit event.
   */
  edit(ref: string, text: string, at?: Date): { edited: ReturnType<typeof typeIntoCell>; results: RunResult[] } {
    const state = this.state();
    const edited = typeIntoCell(state, ref, text, at ? { now: at } : {});
    state.save();
    const results: RunResult[] = [];
    const argsFor = (exec: Execution) => [editEventFor(exec, edited)];
    const simple = this.run('onEdit', { argsFor, kind: 'simple', ...(at ? { at } : {}) });
    if (!/Script function not found/.test(simple.error?.message ?? '')) results.push(simple);
    for (const trigger of listTriggers(this.state()).filter((t) => t.type === 'ON_EDIT')) {
      results.push(this.run(trigger.handlerFunction, { argsFor, kind: 'trigger', ...(at ? { at } : {}) }));
    }
    return { edited, results };
  }
}
