/**
 * The team's chat as every area speaks to it: a message, and the Outbox port it goes through. The Outbox is
 * implemented once (src/app/outbox.ts) and handed in by the composition root.
 */

/** A message for the team's chat. Slack and Discord parts are optional: each goes where it is configured. */
export interface ChatMessage {
  /** The same key is sent once, however often it is enqueued (a retried webhook, a rerun job). */
  dedupeKey: string;
  slack?: {
    /** A channel name (`#progress`), a channel id, or a member's Slack user id for a direct message. */
    channel: string;
    text: string;
    blocks?: unknown[];
    /** Post in the thread of an earlier message of ours, named by that message's dedupe key. */
    threadOf?: string;
    /**
     * Answer through a slash command's or a button's response_url (valid 30 minutes, 5 replies): ephemeral unless
     * `share`. When it has expired, the message goes to `channel` instead (a user id: a direct message).
     */
    responseUrl?: string;
    share?: boolean;
  };
  /**
   * `interaction`: the answer to a Discord slash command or form, which edits the deferred response
   * (`PATCH /webhooks/{application_id}/{token}/messages/@original`) instead of posting through the webhook. The
   * token itself (valid 15 minutes) never reaches the sheet: it waits in the cache under the interaction's id.
   */
  discord?: { content?: string; embeds?: unknown[]; interaction?: { applicationId: string; id: string } };
  /**
   * A message that only makes sense in its window (a standup reminder, a past day's summary) is not posted after
   * this: after an outage it is recorded `expired` instead of going out late. Absent: it waits as long as it takes.
   */
  expiresAt?: Date;
  /** The same, counted from when it is enqueued, for a job that knows how long its message stays useful. */
  maxAgeMs?: number;
}

/** Outgoing chat goes through a durable outbox: written first, sent after, retried, never posted twice. */
export interface Outbox {
  enqueue(messages: ReadonlyArray<ChatMessage>): void;
}
