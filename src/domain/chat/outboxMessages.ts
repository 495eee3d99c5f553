import type { Delivery } from './delivery';

/**
 * A chat message once it is in the Outbox: where it goes, the states its row goes through, and how it is handed
 * to the sender that posts it. The message itself (ChatMessage) and the Outbox port are in ./outbox.ts; the Outbox
 * is implemented in src/app/outbox.ts, the senders in src/app/slack/sender.ts and src/app/discordSender.ts.
 */

/** One Outbox row per destination a message goes to. */
export type Destination = 'slack' | 'discord';

/** Where chat can go, from Script Properties: Slack by bot token (Web API) or by incoming webhook only. */
export interface ChatConfig {
  slack: 'api' | 'webhook' | null;
  discord: boolean;
}

/**
 * The Status column's words: `pending` waits (for its first attempt or a retry), `sending` is claimed by a run,
 * `sent`, `failed` and `expired` (its window passed before it could be posted, so it never will be) are final.
 * People may set a row back to `pending` by hand.
 */
export const STATUS = { pending: 'pending', sending: 'sending', sent: 'sent', failed: 'failed', expired: 'expired' } as const;

/** A Status cell as a run reads it: people may type it in any case, and an empty cell waits to be sent. */
export function outboxStatus(cell: unknown): string {
  return (
    String(cell ?? '')
      .trim()
      .toLowerCase() || STATUS.pending
  );
}

/** A message as a sender posts it: its payload as enqueued, and its thread once the parent is posted. */
export interface SendItem {
  key: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** The parent message (its remote id and channel) when this one goes in a thread. */
  thread?: { id: string; channel: string };
}

/** Posts one kind of message. `find` looks whether an earlier attempt went through after all (null: it did not). */
export interface Sender {
  send(item: SendItem): Delivery;
  find?(item: SendItem): Delivery | null;
}
