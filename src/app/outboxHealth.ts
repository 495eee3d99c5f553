import { outboxStatus, STATUS } from '../domain/chat/outboxMessages';
import type { OutboxTable } from './outbox';

const DAY_MS = 86_400_000;

/**
 * The health answer's Outbox section: what waits, what failed lately. A failure in the last 7 days makes the
 * answer unhealthy, so it throws with the section in its message. `table` is null when there is no Outbox sheet.
 */
export function outboxHealth(table: OutboxTable | null, slackWorkWaiting: number, now: number): Record<string, unknown> {
  if (!table) return { pending: 0, failed: 0, expired: 0, slackWorkWaiting };
  const rows = table.read().rows.map((r) => r.record);
  const status = (r: (typeof rows)[number]) => outboxStatus(r.status);
  const pending = rows.filter((r) => status(r) === STATUS.pending || status(r) === STATUS.sending);
  const failed = rows.filter((r) => status(r) === STATUS.failed);
  // Expired messages were given up on purpose (their window passed in an outage): counted, not a health problem.
  const expired = rows.filter((r) => status(r) === STATUS.expired).length;
  const time = (v: unknown) => (v instanceof Date ? v.getTime() : NaN);
  const oldest = Math.min(...pending.map((r) => time(r.createdAt)).filter(Number.isFinite));
  const recentFailures = failed.filter((r) => now - time(r.createdAt) < 7 * DAY_MS).length;
  const section = {
    pending: pending.length,
    oldestPendingMinutes: Number.isFinite(oldest) ? Math.floor((now - oldest) / 60_000) : null,
    failed: failed.length,
    failedLast7Days: recentFailures,
    expired,
    slackWorkWaiting,
  };
  if (recentFailures > 0)
    throw new Error(`${recentFailures} chat message(s) failed in the last 7 days: see the Outbox sheet (${JSON.stringify(section)})`);
  return section;
}
