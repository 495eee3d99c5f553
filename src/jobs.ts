/**
 * The time-driven jobs, declared once: the handler names here are both exported from main.ts and given to
 * ScriptApp.newTrigger, so a rename cannot silently orphan a trigger. Each area adds its jobs to this table.
 */
export type Schedule =
  /** Runs on every dispatcher tick (the outbox, deferred work). */
  | { readonly kind: 'frequent' }
  | { readonly kind: 'hourly' }
  /** `setting`: the Settings key holding the time of day (HH:mm); `time` its default. */
  | { readonly kind: 'daily'; readonly setting: string; readonly time: string; readonly workdaysOnly: boolean }
  | { readonly kind: 'weekly'; readonly weekday: 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY'; readonly setting: string; readonly time: string };

export interface Job {
  readonly handler: string;
  readonly schedule: Schedule;
}

export const JOBS: readonly Job[] = [];
