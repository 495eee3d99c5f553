import { deliverOutbox, outboxHint, type DeliverDeps, type DeliverReport, type HintCache } from './outbox';
import { budgetWithinRun } from './schedule';

/** One queue run sends at most this many messages, and starts none after 4 minutes (executions stop at 6). */
export const MAX_SENDS_PER_RUN = 40;
export const SEND_BUDGET_MS = 4 * 60_000;

export interface QueueRun {
  slackWork: { done: number; failed: number };
  /** 'idle': the cache says nothing in the Outbox is due, so it was not read. */
  outbox: DeliverReport | 'idle';
}

export interface ProcessQueueDeps {
  /** Does the Slack work Slack answers left (reports, blockers, summaries), adding their replies to the Outbox. */
  slackWork: () => { done: number; failed: number };
  cache: HintCache;
  /** Built only when the Outbox is read: the senders and the attempt limit cost nothing on an idle run. */
  delivery: () => Omit<DeliverDeps, 'maxPerRun' | 'budgetMs'>;
  /** The execution's deadline (src/app/schedule.ts): sending stops there even when the 4 minutes are not up. */
  deadline: Date;
}

/**
 * `processQueue`, the frequent job: the queued Slack work, then every Outbox message that is due. An idle run reads
 * Script Properties and the cache, and no sheet: the cache remembers when the next message is due.
 */
export function processQueue(deps: ProcessQueueDeps): QueueRun {
  const slackWork = deps.slackWork();
  const hint = outboxHint(deps.cache, new Date());
  if (hint.idle) return { slackWork, outbox: 'idle' };
  const delivery = deps.delivery();
  const budgetMs = budgetWithinRun(SEND_BUDGET_MS, deps.deadline, delivery.now());
  const report = deliverOutbox({ ...delivery, maxPerRun: MAX_SENDS_PER_RUN, budgetMs });
  hint.remember(report.nextDue);
  return { slackWork, outbox: report };
}
