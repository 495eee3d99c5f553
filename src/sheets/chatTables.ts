import { defineTable } from './schema';

/**
 * Every outgoing Slack and Discord message, written here before it is sent: one row per message and destination,
 * keyed by the sender's dedupe key, so enqueueing the same message twice adds nothing. People can read why a
 * message failed and set its Status back to `pending` to send it again.
 */
export const OUTBOX = defineTable({
  name: 'Outbox',
  columns: [
    { key: 'key', header: 'Key', type: 'text', required: true, width: 240 },
    { key: 'destination', header: 'Destination', type: 'text', required: true, width: 90 },
    { key: 'status', header: 'Status', type: 'text', width: 80 },
    { key: 'target', header: 'Target', type: 'text', width: 130 },
    { key: 'summary', header: 'Summary', type: 'text', width: 300 },
    { key: 'createdAt', header: 'Created At', type: 'datetime', width: 130 },
    { key: 'attempts', header: 'Attempts', type: 'integer', width: 70 },
    { key: 'nextAttemptAt', header: 'Next Attempt At', type: 'datetime', width: 130 },
    { key: 'lastError', header: 'Last Error', type: 'text', width: 280 },
    /** TRUE after an attempt whose answer was lost: before posting again, look whether it went through. */
    { key: 'unconfirmed', header: 'Unconfirmed', type: 'boolean', width: 100 },
    { key: 'sentAt', header: 'Sent At', type: 'datetime', width: 130 },
    { key: 'remoteId', header: 'Remote ID', type: 'text', width: 150 },
    { key: 'remoteChannel', header: 'Remote Channel', type: 'text', width: 120 },
    { key: 'payload', header: 'Payload', type: 'text', width: 200 },
    /** After this the message is no longer worth posting: it is marked `expired` instead (empty: it never expires). */
    { key: 'expiresAt', header: 'Expires At', type: 'datetime', width: 130 },
  ],
  key: ['key', 'destination'],
});

export const CHAT_TABLES = [OUTBOX] as const;
