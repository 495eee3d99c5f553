import * as crypto from 'node:crypto';
import type { ServiceFactory } from '../runtime/api';
import type { Execution } from '../runtime/execution';
import { isDate } from '../runtime/realm';
import type { StateDir } from '../runtime/state';
import { countedAs } from './counted';
import { enumMember, enumObject } from './implemented';
import {
  computeFirings,
  describeClock,
  onceFiresAt,
  WEEK_DAYS,
  type ClockSpec,
  type ClockTrigger,
  type Firing,
  type WeekDay,
} from './triggerSchedule';
import { isIanaZone, zonedParts, zonedToEpoch } from './timezone';

type EventType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

interface TriggerRecord {
  id: string;
  handlerFunction: string;
  eventType: EventType;
  source: 'CLOCK' | 'SPREADSHEETS';
  sourceId: string | null;
  createdAt: number;
  timeZone?: string;
  clock?: ClockSpec;
}

interface ScriptSlice {
  scriptId: string;
}

const TRIGGERS = 'triggers';
/** How many triggers the project has created: the sequence seeded trigger ids are drawn from. */
const TRIGGER_SEQUENCE = 'triggerSequence';
/** Quotas page: 20 triggers per user per script. */
const MAX_TRIGGERS = 20;
const TOO_MANY = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const MINUTE_STEPS = [1, 5, 10, 15, 30];
const HOUR_STEPS = [1, 2, 4, 6, 8, 12];

function triggers(state: StateDir): TriggerRecord[] {
  return state.slice<TriggerRecord[]>(TRIGGERS, () => []);
}

type Script = typeof GoogleAppsScript.Script;
type Trigger = GoogleAppsScript.Script.Trigger;
type SpreadsheetTriggerBuilder = GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
type ClockTriggerBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;

export const scriptAppService: ServiceFactory = (exec) => {
  const realm = exec.realm;
  const list = triggers(exec.state);
  const enumOf = (names: readonly string[]) => realm.toScript(Object.fromEntries(names.map((n) => [n, n])));
  consumeFiredOneOffs(exec);

  const triggerObject = (t: TriggerRecord): Trigger =>
    countedAs<Trigger>(exec, 'Trigger', {
      getHandlerFunction: () => t.handlerFunction,
      getUniqueId: () => t.id,
      getEventType: () => enumMember<GoogleAppsScript.Script.EventType>(t.eventType),
      getTriggerSource: () => enumMember<GoogleAppsScript.Script.TriggerSource>(t.source),
      // A time-driven trigger has no source id and answers null; the typings leave null out.
      getTriggerSourceId: () => t.sourceId as string,
      toString: () => 'Trigger',
    });

  const create = (record: Omit<TriggerRecord, 'id' | 'createdAt'>): Trigger => {
    if (list.length >= MAX_TRIGGERS) throw realm.exception(TOO_MANY);
    const t: TriggerRecord = { ...record, id: newTriggerId(exec, list), createdAt: exec.now() };
    list.push(t);
    exec.state.touch(TRIGGERS);
    return triggerObject(t);
  };

  const newTrigger = (functionName: unknown) => {
    if (typeof functionName !== 'string' || functionName === '') throw realm.exception('Invalid argument: functionName');
    return countedAs<GoogleAppsScript.Script.TriggerBuilder>(exec, 'TriggerBuilder', {
      timeBased: () => clockBuilder(exec, functionName, create),
      forSpreadsheet(sheet: unknown) {
        const id = typeof sheet === 'string' ? sheet : spreadsheetId(sheet);
        if (!id) throw realm.exception('Invalid argument: key');
        const on = (eventType: EventType) => () => create({ handlerFunction: functionName, eventType, source: 'SPREADSHEETS', sourceId: id });
        // onOpen() and its kind answer a builder whose only method is create(), as the event is then fixed.
        const creating = (eventType: EventType) => countedAs<SpreadsheetTriggerBuilder>(exec, 'SpreadsheetTriggerBuilder', { create: on(eventType) });
        const builder = countedAs<SpreadsheetTriggerBuilder>(exec, 'SpreadsheetTriggerBuilder', {
          onOpen: () => creating('ON_OPEN'),
          onEdit: () => creating('ON_EDIT'),
          onChange: () => creating('ON_CHANGE'),
          onFormSubmit: () => creating('ON_FORM_SUBMIT'),
        });
        return builder;
      },
      toString: () => 'TriggerBuilder',
    });
  };

  let fresh = false;
  const scriptId = exec.state.slice<ScriptSlice>('script', () => {
    fresh = true;
    return { scriptId: `1${crypto.randomBytes(42).toString('base64url').slice(0, 56)}` };
  }).scriptId;
  if (fresh) exec.state.touch('script');

  const ScriptApp = countedAs<GoogleAppsScript.Script.ScriptApp>(exec, 'ScriptApp', {
    EventType: enumObject<Script['EventType']>(enumOf(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED'])),
    TriggerSource: enumObject<Script['TriggerSource']>(enumOf(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'])),
    WeekDay: enumObject<typeof GoogleAppsScript.Base.Weekday>(enumOf(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'])),
    AuthMode: enumObject<Script['AuthMode']>(enumOf(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'])),
    AuthorizationStatus: enumObject<Script['AuthorizationStatus']>(enumOf(['REQUIRED', 'NOT_REQUIRED'])),
    newTrigger,
    getProjectTriggers: () => realm.toScript(list.map(triggerObject)),
    getUserTriggers(container: unknown) {
      const id = typeof container === 'string' ? container : spreadsheetId(container);
      return realm.toScript(list.filter((t) => t.sourceId === id).map(triggerObject));
    },
    getScriptTriggers: () => realm.toScript(list.filter((t) => t.source === 'CLOCK').map(triggerObject)),
    deleteTrigger(trigger: unknown) {
      const id = (trigger as { getUniqueId?: () => unknown } | null)?.getUniqueId?.();
      const index = list.findIndex((t) => t.id === id);
      if (index >= 0) {
        list.splice(index, 1);
        exec.state.touch(TRIGGERS);
      }
    },
    getService: () =>
      countedAs<GoogleAppsScript.Script.Service>(exec, 'Service', { getUrl: () => exec.webAppUrl, isEnabled: () => true, toString: () => 'Service' }),
    // Opaque, stable per user and state dir; nothing local checks it.
    getOAuthToken: () => `ya29.local-${crypto.createHash('sha256').update(`${scriptId}\0${exec.userEmail}`).digest('base64url').slice(0, 40)}`,
    getScriptId: () => scriptId,
    getAuthorizationInfo: () =>
      countedAs<GoogleAppsScript.Script.AuthorizationInfo>(exec, 'AuthorizationInfo', {
        getAuthorizationStatus: () => enumMember<GoogleAppsScript.Script.AuthorizationStatus>('NOT_REQUIRED'),
        // No authorisation is ever needed locally, so there is no URL to ask for it; the typings leave null out.
        getAuthorizationUrl: () => null as unknown as string,
        // Apps Script answers this; @types/google-apps-script does not declare it, so nothing checks it.
        ...{ getAuthorizedScopes: () => realm.toScript([] as string[]) },
      }),
    toString: () => 'ScriptApp',
  });
  return { ScriptApp };
};

function spreadsheetId(sheet: unknown): string | undefined {
  const s = sheet as { getId?: () => unknown } | null;
  return typeof s?.getId === 'function' ? String(s.getId()) : undefined;
}

/** Seeds trigger ids (see newTriggerId); the tests set it per test file. */
const SEED_VARIABLE = 'SHINCHOKU_LOCAL_SEED';

/**
 * Trigger ids look like Google's: a long decimal number. Random, as Google's are, unless SHINCHOKU_LOCAL_SEED is
 * set: then the n-th trigger a project creates gets the same id on every run. The modeled firing times come from
 * the ids (triggerSchedule.ts), so with a seed a run that went wrong goes wrong again the same way.
 */
function newTriggerId(exec: Execution, existing: readonly TriggerRecord[]): string {
  const seed = process.env[SEED_VARIABLE];
  const digits = (bytes: Buffer) => (bytes.readBigUInt64BE() % 10n ** 19n).toString().padStart(19, '1');
  if (!seed) return digits(crypto.randomBytes(8));
  for (;;) {
    // Drawn under the state directory's mutex: executions running at once (the pool, `serve`) get different numbers.
    const n = exec.state.update<{ created: number }, number>(
      TRIGGER_SEQUENCE,
      () => ({ created: 0 }),
      (sequence) => ++sequence.created,
    );
    const id = digits(crypto.createHash('sha256').update(`${seed}\0${n}`).digest());
    if (!existing.some((t) => t.id === id)) return id;
  }
}

interface ClockDraft {
  minutes?: number;
  hours?: number;
  days?: number;
  weeks?: number;
  weekDay?: WeekDay;
  monthDay?: number;
  hour?: number;
  nearMinute?: number;
  at?: number;
  atDate?: { year: number; month: number; day: number };
  timeZone?: string;
}

function clockBuilder(
  exec: Execution,
  handlerFunction: string,
  create: (r: Omit<TriggerRecord, 'id' | 'createdAt'>) => Trigger,
): ClockTriggerBuilder {
  const realm = exec.realm;
  const draft: ClockDraft = {};
  const int = (value: unknown, name: string, ok: (n: number) => boolean): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || !ok(n)) throw realm.exception(`Invalid argument: ${name}`);
    return n;
  };
  const builder: ClockTriggerBuilder = countedAs<ClockTriggerBuilder>(exec, 'ClockTriggerBuilder', {
    everyMinutes(n: unknown) {
      draft.minutes = int(n, 'minutes', (x) => MINUTE_STEPS.includes(x));
      return builder;
    },
    everyHours(n: unknown) {
      draft.hours = int(n, 'hours', (x) => HOUR_STEPS.includes(x));
      return builder;
    },
    everyDays(n: unknown) {
      draft.days = int(n, 'days', (x) => x >= 1);
      return builder;
    },
    everyWeeks(n: unknown) {
      draft.weeks = int(n, 'weeks', (x) => x >= 1);
      return builder;
    },
    onWeekDay(day: unknown) {
      const name = String(day) as WeekDay;
      if (!WEEK_DAYS.includes(name)) throw realm.exception('Invalid argument: day');
      draft.weekDay = name;
      return builder;
    },
    onMonthDay(day: unknown) {
      draft.monthDay = int(day, 'day', (x) => x >= 1 && x <= 31);
      return builder;
    },
    atHour(hour: unknown) {
      draft.hour = int(hour, 'hour', (x) => x >= 0 && x <= 23);
      return builder;
    },
    nearMinute(minute: unknown) {
      draft.nearMinute = int(minute, 'minute', (x) => x >= 0 && x <= 59);
      return builder;
    },
    at(date: unknown) {
      if (!isDate(date)) throw realm.exception('Invalid argument: date');
      draft.at = date.getTime();
      return builder;
    },
    atDate(year: unknown, month: unknown, day: unknown) {
      // Midnight of that date in the trigger's zone, which is only known at create().
      draft.atDate = {
        year: int(year, 'year', () => true),
        month: int(month, 'month', (x) => x >= 1 && x <= 12),
        day: int(day, 'day', (x) => x >= 1 && x <= 31),
      };
      return builder;
    },
    after(durationMilliseconds: unknown) {
      draft.at = exec.now() + int(durationMilliseconds, 'durationMilliseconds', (x) => x >= 0);
      return builder;
    },
    inTimezone(timezone: unknown) {
      if (typeof timezone !== 'string' || !isIanaZone(timezone)) throw realm.exception('Invalid argument: timezone');
      draft.timeZone = timezone;
      return builder;
    },
    create() {
      const zone = draft.timeZone ?? exec.timeZone;
      const clock = toSpec(exec, draft, zone);
      const record: Omit<TriggerRecord, 'id' | 'createdAt'> = { handlerFunction, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, clock };
      if (draft.timeZone) record.timeZone = draft.timeZone;
      return create(record);
    },
    toString: () => 'ClockTriggerBuilder',
  });
  return builder;
}

function toSpec(exec: Execution, draft: ClockDraft, zone: string): ClockSpec {
  const fail = (message: string) => exec.realm.exception(message);
  if (draft.atDate) return { kind: 'once', at: zonedToEpoch(draft.atDate, zone), nearMidnight: true };
  if (draft.at !== undefined) return { kind: 'once', at: draft.at };
  const timed = draft.hour !== undefined || draft.nearMinute !== undefined;
  if (draft.minutes !== undefined || draft.hours !== undefined) {
    if (timed || draft.weekDay || draft.monthDay !== undefined) {
      throw fail('Invalid argument: atHour(), nearMinute(), onWeekDay() and onMonthDay() cannot be combined with everyMinutes() or everyHours()');
    }
    return draft.minutes !== undefined ? { kind: 'minutes', n: draft.minutes } : { kind: 'hours', n: draft.hours ?? 1 };
  }
  // Without atHour, a day-based trigger keeps the hour it was created in.
  const created = zonedParts(exec.now(), zone);
  const hour = draft.hour ?? created.hour;
  const near = draft.nearMinute === undefined ? {} : { nearMinute: draft.nearMinute };
  if (draft.monthDay !== undefined) return { kind: 'monthly', day: draft.monthDay, hour, ...near };
  if (draft.weekDay || draft.weeks !== undefined) {
    return { kind: 'weeks', n: draft.weeks ?? 1, weekDay: draft.weekDay ?? (WEEK_DAYS[created.weekday] as WeekDay), hour, ...near };
  }
  if (draft.days !== undefined || timed) return { kind: 'days', n: draft.days ?? 1, hour, ...near };
  throw fail(
    'Invalid argument: the trigger has no schedule; call everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay, at, atDate or after before create()',
  );
}

/**
 * One-off triggers are deleted once they have fired. A trigger execution starting at T is the firing of every
 * one-off due at or before T (firings are run in time order), so those are removed when it starts.
 */
function consumeFiredOneOffs(exec: Execution): void {
  if (exec.kind !== 'trigger') return;
  const list = triggers(exec.state);
  const start = exec.now();
  const kept = list.filter((t) => !(t.clock?.kind === 'once' && onceFiresAt({ id: t.id, clock: t.clock }) <= start));
  if (kept.length === list.length) return;
  list.splice(0, list.length, ...kept);
  exec.state.touch(TRIGGERS);
}

export interface TriggerListing {
  handlerFunction: string;
  /** The event type: 'CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_CHANGE' or 'ON_FORM_SUBMIT'. */
  type: EventType;
  schedule: string;
  id: string;
  timeZone?: string;
  sourceId?: string;
}

/** Host view for `local triggers`. */
export function listTriggers(state: StateDir): TriggerListing[] {
  return triggers(state).map((t) => {
    const item: TriggerListing = {
      handlerFunction: t.handlerFunction,
      type: t.eventType,
      schedule: t.clock ? describeClock(t.clock) : (SPREADSHEET_SCHEDULE[t.eventType] ?? t.eventType),
      id: t.id,
    };
    if (t.timeZone) item.timeZone = t.timeZone;
    if (t.sourceId) item.sourceId = t.sourceId;
    return item;
  });
}

const SPREADSHEET_SCHEDULE: Partial<Record<EventType, string>> = {
  ON_OPEN: 'on open',
  ON_EDIT: 'on edit',
  ON_CHANGE: 'on change',
  ON_FORM_SUBMIT: 'on form submit',
};

// Keyed by directory, not by StateDir object: callers make a fresh StateDir per execution. The key below holds the
// triggers themselves, so a stale entry can never be served.
const dueCache = new Map<string, { key: string; from: number; firings: Firing[] }>();
const DUE_CACHE_SIZE = 8;

/**
 * Every firing of the time-driven triggers in [from, to), in time order, with the event Apps Script passes
 * (see triggerSchedule.ts for how firing times are modeled). Pure: it removes nothing; a one-off disappears when
 * its execution runs. Callers that ask again with a later `from` (one firing at a time) reuse the computed list.
 */
export function dueTriggers(state: StateDir, from: Date, to: Date, scriptTimeZone: string): Firing[] {
  const clocks: ClockTrigger[] = [];
  for (const t of triggers(state)) {
    if (!t.clock) continue;
    const c: ClockTrigger = { id: t.id, handlerFunction: t.handlerFunction, createdAt: t.createdAt, clock: t.clock };
    if (t.timeZone) c.timeZone = t.timeZone;
    clocks.push(c);
  }
  const key = `${JSON.stringify(clocks)}|${to.getTime()}|${scriptTimeZone}`;
  const start = from.getTime();
  const cached = dueCache.get(state.dir);
  if (cached && cached.key === key && cached.from <= start && !clocks.some((c) => c.clock.kind === 'once' && onceFiresAt(c) < start)) {
    let lo = 0;
    let hi = cached.firings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cached.firings[mid] as Firing).at.getTime() < start) lo = mid + 1;
      else hi = mid;
    }
    return cached.firings.slice(lo);
  }
  const firings = computeFirings(clocks, start, to.getTime(), scriptTimeZone);
  dueCache.delete(state.dir);
  dueCache.set(state.dir, { key, from: start, firings });
  if (dueCache.size > DUE_CACHE_SIZE) dueCache.delete(dueCache.keys().next().value as string);
  return firings.slice();
}
