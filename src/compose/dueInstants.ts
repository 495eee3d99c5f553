import { memberReminderWakes } from '../app/memberReminders';
import { outboxNextDue } from '../app/outbox';
import type { JOBS } from '../jobs';
import type { ExecutionContext } from './context';

type Handler = (typeof JOBS)[number]['handler'];

/**
 * A job's extra due instants: the instants, besides its schedule in src/jobs.ts, at which the dispatcher must run
 * it (once each, in its minute). The dispatcher asks on every run, for planning its next wake and for deciding
 * what is due, so a hook must be cheap: read what the execution has already read (Script Properties, the cache)
 * or keep its own answer in the cache for the day — never a sheet on every run.
 *
 * Return instants from now on (those already past are ignored unless within the 15-minute grace and not yet run
 * for); a few days' worth at most. Examples: each member's local 09:00 for a reminder that reaches people in
 * their own time zone, a retry time the Outbox asked for.
 */
export type DueInstants = (ctx: ExecutionContext, now: Date) => readonly Date[];

export const EXTRA_DUE_INSTANTS: Partial<Record<Handler, DueInstants>> = {
  // A message that failed or was told to wait leaves at its retry time.
  processQueue: (ctx) => outboxNextDue(ctx.cache()),
  // Each member's own 09:00, 10:30 and 18:00 (issue 18), from the plan sendMemberReminders keeps in the cache.
  sendMemberReminders: (ctx, now) => memberReminderWakes(ctx.cache(), now),
};
