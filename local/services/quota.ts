import type { Execution } from '../runtime/execution';
import type { StateDir } from '../runtime/state';
import { zonedParts } from './timezone';

/** Daily quotas from the quotas page, per account kind (env LOCAL_QUOTA=workspace for Google Workspace). */
const LIMITS = {
  consumer: { urlfetch: 20000, email: 100 },
  workspace: { urlfetch: 100000, email: 1500 },
} as const;

export type QuotaName = keyof (typeof LIMITS)['consumer'];

type QuotaSlice = Record<string, Partial<Record<QuotaName, number>>>;

export function dailyLimit(name: QuotaName): number {
  return LIMITS[process.env['LOCAL_QUOTA'] === 'workspace' ? 'workspace' : 'consumer'][name];
}

/** Quotas are counted per Pacific-time day, the day Google resets them on. */
function dayKey(ms: number): string {
  const p = zonedParts(ms, 'America/Los_Angeles');
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function counters(state: StateDir, ms: number): Partial<Record<QuotaName, number>> {
  const slice = state.slice<QuotaSlice>('quota', () => ({}));
  const key = dayKey(ms);
  // Old days are dropped so the slice stays small.
  for (const day of Object.keys(slice)) if (day !== key) delete slice[day];
  return (slice[key] ??= {});
}

export function used(exec: Execution, name: QuotaName): number {
  return counters(exec.state, exec.now())[name] ?? 0;
}

/**
 * Takes `count` units of the day's quota, or throws Apps Script's "Service invoked too many times for one day"
 * without taking any.
 */
export function consume(exec: Execution, name: QuotaName, count: number): void {
  const c = counters(exec.state, exec.now());
  const now = c[name] ?? 0;
  if (now + count > dailyLimit(name)) throw exec.realm.exception(`Service invoked too many times for one day: ${name}.`);
  c[name] = now + count;
  exec.state.touch('quota');
}

/** For tests and the bench: sets the count of the day holding `at` (e.g. to just under the limit). */
export function setQuotaUsed(state: StateDir, name: QuotaName, value: number, at: Date): void {
  counters(state, at.getTime())[name] = value;
  state.touch('quota');
  state.save();
}
