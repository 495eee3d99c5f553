import { dispatchDueJobs, installTriggers, type DispatchResult, type InstallReport, type JobRuns } from '../app/schedule';
import { PROP } from '../app/properties';
import { readSettings } from '../app/settings';
import type { TimeOfDay } from '../domain/schedule';
import { JOBS, type Job } from '../jobs';
import { scriptCache } from '../platform/cache';
import { calendarIn } from '../platform/timeZone';
import { globalFunction } from '../platform/globals';
import { scriptLock } from '../platform/lock';
import { scriptProperties } from '../platform/properties';
import { scriptTriggers } from '../platform/triggers';
import { boundWorkbook } from '../platform/spreadsheet';
import { Settings, parse, setting } from '../settings';
import { Table } from '../sheets/table';
import { SETTINGS } from '../sheets/tables';

/** Settings are read through the cache by the dispatcher: a change in the sheet applies within this time. */
const SETTINGS_CACHE_SECONDS = 600;
const SETTINGS_CACHE_KEY = 'settings:v1';

export function installTriggersJob(): InstallReport {
  return installTriggers({ triggers: scriptTriggers(), jobs: JOBS, handlerExists: (name) => globalFunction(name) !== null });
}

export function dispatchJob(): DispatchResult[] {
  const now = new Date();
  const store = scriptProperties();
  let properties = store.all();
  const workbook = boundWorkbook();
  const calendar = calendarIn(properties[PROP.sheetTimeZone] || workbook.timeZone());
  const settings = cachedSettings(workbook);
  const parseRuns = (text: string | undefined): JobRuns => {
    try {
      return text ? (JSON.parse(text) as JobRuns) : {};
    } catch {
      return {};
    }
  };
  let runs = parseRuns(properties[PROP.jobRuns]);
  return dispatchDueJobs({
    jobs: JOBS,
    now,
    local: calendar.local(now),
    timeOf: (job) => settings.get(timeSetting(job)),
    readRuns: () => runs,
    updateRuns: (update) =>
      scriptLock(() => undefined)(() => {
        properties = store.all();
        runs = update(parseRuns(properties[PROP.jobRuns]));
        store.set({ [PROP.jobRuns]: JSON.stringify(runs) });
        return runs;
      }),
    run: (handler) => {
      const fn = globalFunction(handler);
      if (!fn) throw new Error(`job ${handler} has no function of that name in the project`);
      fn();
    },
  });
}

function timeSetting(job: Job) {
  const schedule = job.schedule;
  if (schedule.kind !== 'daily' && schedule.kind !== 'weekly') throw new Error(`job ${job.handler} has no time of day`);
  return setting<TimeOfDay>(schedule.setting, schedule.time, '', parse.time);
}

/** After setup or the sidebar changed Settings, the next reader reads the sheet again. */
export function forgetCachedSettings(): void {
  scriptCache().remove(SETTINGS_CACHE_KEY);
}

/** The Settings sheet through the script cache (one read per 10 minutes): jobs and fast answers share it. */
export function cachedSettings(workbook: ReturnType<typeof boundWorkbook>): Settings {
  const cache = scriptCache();
  const hit = cache.get(SETTINGS_CACHE_KEY);
  if (hit) return new Settings(new Map(JSON.parse(hit) as Array<[string, string]>));
  const settings = readSettings(new Table(SETTINGS, workbook, { dateKey: (d) => d.toISOString() }));
  cache.put(SETTINGS_CACHE_KEY, JSON.stringify([...settings.entries()]), SETTINGS_CACHE_SECONDS);
  return settings;
}
