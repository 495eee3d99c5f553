import { backoffMs, type Delivery } from '../domain/chat/delivery';
import type { Locked } from '../platform/lock';
import type { OUTBOX } from '../sheets/chatTables';
import type { Row, Table } from '../sheets/table';
import type { ChatMessage, Outbox } from './ports';

type OutboxKey = (typeof OUTBOX)['columns'][number]['key'];
export type OutboxTable = Table<OutboxKey>;
type OutboxRecord = Row<OutboxKey>;

export type Destination = 'slack' | 'discord';

/** Where chat can go, from Script Properties: Slack by bot token (Web API) or by incoming webhook only. */
export interface ChatConfig {
  slack: 'api' | 'webhook' | null;
  discord: boolean;
}

export const STATUS = { pending: 'pending', sending: 'sending', sent: 'sent', failed: 'failed' } as const;

/** A claimed row no run has reported on after this long was interrupted (an execution lasts 6 minutes at most). */
const LEASE_MS = 10 * 60_000;
/** Sheets holds 50,000 characters a cell; a Block Kit message can reach 150,000, so the tail gives way first. */
const MAX_PAYLOAD = 45_000;

const USER_ID = /^[UW][A-Z0-9]{6,}$/;

function summaryOf(message: ChatMessage, destination: Destination): string {
  const text =
    destination === 'slack'
      ? (message.slack?.text ?? '')
      : message.discord?.content || String((message.discord?.embeds?.[0] as { title?: unknown } | undefined)?.title ?? '');
  return text.replace(/\s+/g, ' ').slice(0, 120);
}

function slackPayload(part: NonNullable<ChatMessage['slack']>): string {
  let payload = { ...part };
  let text = JSON.stringify(payload);
  while (text.length > MAX_PAYLOAD && payload.blocks && payload.blocks.length > 0) {
    payload = { ...payload, blocks: payload.blocks.slice(0, Math.floor(payload.blocks.length * 0.8)) };
    text = JSON.stringify(payload);
  }
  return text;
}

/** The Outbox rows for messages: one per configured destination; a direct message without a bot token fails at once. */
export function outboxRows(messages: ReadonlyArray<ChatMessage>, config: ChatConfig, now: Date): Array<Partial<OutboxRecord>> {
  const rows: Array<Partial<OutboxRecord>> = [];
  for (const message of messages) {
    const base = { key: message.dedupeKey, createdAt: now, attempts: 0, nextAttemptAt: now, status: STATUS.pending as string, unconfirmed: false };
    if (message.slack && config.slack) {
      const part = message.slack;
      const row: Partial<OutboxRecord> = {
        ...base,
        destination: 'slack',
        target: part.responseUrl ? `reply to ${part.channel}` : part.channel,
        summary: summaryOf(message, 'slack'),
        payload: slackPayload(part),
      };
      if (config.slack === 'webhook' && !part.responseUrl && USER_ID.test(part.channel)) {
        Object.assign(row, {
          status: STATUS.failed,
          lastError: 'a direct message needs SLACK_BOT_TOKEN (an incoming webhook posts to one channel only)',
        });
      }
      rows.push(row);
    }
    if (message.discord && config.discord) {
      rows.push({
        ...base,
        destination: 'discord',
        target: 'webhook',
        summary: summaryOf(message, 'discord'),
        payload: JSON.stringify(message.discord),
      });
    }
  }
  return rows;
}

/**
 * Adds messages to the Outbox, under a lock the caller holds. A key already there (in any state) is left alone: the
 * same message enqueued again — a rerun job, a retried webhook — is sent once.
 */
export function enqueueMessages(table: OutboxTable, messages: ReadonlyArray<ChatMessage>, config: ChatConfig, now: Date): number {
  const seen = new Set(table.read().rows.map((r) => table.keyOf(r.record)));
  const fresh = outboxRows(messages, config, now).filter((row) => {
    const key = table.keyOf(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return fresh.length === 0 ? 0 : table.upsert(fresh).created;
}

/** The Outbox port other areas enqueue through. */
export function chatOutbox(deps: { table: () => OutboxTable; locked: Locked; now: () => Date; config: ChatConfig; cache: HintCache }): Outbox {
  return {
    enqueue(messages) {
      if (messages.length === 0) return;
      const added = deps.locked(() => enqueueMessages(deps.table(), messages, deps.config, deps.now()));
      if (added > 0) markOutboxChanged(deps.cache);
    },
  };
}

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

export interface DeliverDeps {
  /** A fresh view of the Outbox each time (a run reads it again under the lock before writing). */
  table: () => OutboxTable;
  locked: Locked;
  now: () => Date;
  senders: Partial<Record<Destination, Sender>>;
  maxAttempts: number;
  /** At most this many messages a run, and none started after this many ms, well inside the 6-minute limit. */
  maxPerRun: number;
  budgetMs: number;
}

export interface DeliverReport {
  sent: number;
  /** Found posted by an earlier attempt whose answer was lost: marked sent, not posted again. */
  found: number;
  retrying: number;
  failed: number;
  /** Due, but left for the next run (the service is cooling down, the run is out of time, a thread parent waits). */
  deferred: number;
  /** When the earliest message still waiting is due (null: none waits), for the idle hint. */
  nextDue: Date | null;
}

interface Claimed {
  key: string;
  destination: Destination;
  item: SendItem;
  attempts: number;
  unconfirmed: boolean;
  threadOf: string | null;
}

const asDate = (v: unknown): Date | null => (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]' ? (v as Date) : null);
const asNumber = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Services that failed a moment ago, and until when: while a failed message waits for its retry, the messages
 * queued behind it for the same service wait too.
 */
function coolingUntil(rows: ReadonlyArray<Partial<OutboxRecord>>, now: Date): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const r of rows) {
    const status =
      String(r.status ?? STATUS.pending)
        .trim()
        .toLowerCase() || STATUS.pending;
    const next = asDate(r.nextAttemptAt);
    if (status !== STATUS.pending || asNumber(r.attempts) === 0 || !next || next <= now) continue;
    const destination = String(r.destination);
    const known = out.get(destination);
    if (!known || next < known) out.set(destination, next);
  }
  return out;
}

function isDue(r: Partial<OutboxRecord>, now: Date): boolean {
  const status =
    String(r.status ?? '')
      .trim()
      .toLowerCase() || STATUS.pending;
  const next = asDate(r.nextAttemptAt);
  return (status === STATUS.pending || status === STATUS.sending) && (!next || next <= now);
}

/**
 * Sends what is due, in the order it was enqueued. Rows are claimed under the lock first (status `sending` with a
 * lease), so two overlapping runs never send the same message; the HTTP requests run outside the lock. A service
 * that fails (429, 5xx, timeout) gets no more requests this run, and while its failed message waits for its retry,
 * the messages queued behind it wait too — one probe at a time during an outage, not one per message.
 */
export function deliverOutbox(deps: DeliverDeps): DeliverReport {
  const report: DeliverReport = { sent: 0, found: 0, retrying: 0, failed: 0, deferred: 0, nextDue: null };
  const started = deps.now().getTime();
  const claimed: Claimed[] = [];
  const remote = new Map<string, { id: string; channel: string }>();
  /** Each waiting row's next attempt, kept up to date through the run, for `nextDue`. */
  const waiting = new Map<string, Partial<OutboxRecord>>();
  const track = (rows: ReadonlyArray<Partial<OutboxRecord>>) => {
    for (const r of rows) {
      const key = `${String(r.key)}|${String(r.destination)}`;
      const status =
        String(r.status ?? STATUS.pending)
          .trim()
          .toLowerCase() || STATUS.pending;
      if (status === STATUS.pending || status === STATUS.sending) waiting.set(key, { ...waiting.get(key), ...r });
      else if (r.status !== undefined) waiting.delete(key);
    }
  };
  const finish = () => {
    const now = deps.now();
    const rows = [...waiting.values()];
    const cooling = coolingUntil(rows, now);
    const times = rows.map((r) => {
      const next = asDate(r.nextAttemptAt)?.getTime() ?? 0;
      return Math.max(next, cooling.get(String(r.destination))?.getTime() ?? 0);
    });
    report.nextDue = times.length > 0 ? new Date(Math.min(...times)) : null;
    return report;
  };
  // Most runs find nothing to do: one read without the lock (and without its flush) settles that.
  const first = deps.now();
  const peek = deps
    .table()
    .read()
    .rows.map((r) => r.record);
  const coolingAtFirst = coolingUntil(peek, first);
  track(peek);
  if (!peek.some((r) => isDue(r, first) && !coolingAtFirst.has(String(r.destination)))) return finish();

  deps.locked(() => {
    const table = deps.table();
    const now = deps.now();
    const rows = table.read().rows.map((r) => r.record);
    const cooling = coolingUntil(rows, now);
    waiting.clear();
    track(rows);
    const states = new Map<string, string>();
    for (const r of rows) {
      const destination = String(r.destination);
      const status =
        String(r.status ?? STATUS.pending)
          .trim()
          .toLowerCase() || STATUS.pending;
      states.set(`${String(r.key)}|${destination}`, status);
      if (status === STATUS.sent && r.remoteId)
        remote.set(`${String(r.key)}|${destination}`, { id: String(r.remoteId), channel: String(r.remoteChannel ?? '') });
    }
    const due = rows
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => isDue(r, now))
      .sort((a, b) => (asDate(a.r.createdAt)?.getTime() ?? 0) - (asDate(b.r.createdAt)?.getTime() ?? 0) || a.index - b.index);

    const updates: Array<Partial<OutboxRecord>> = [];
    for (const { r } of due) {
      const destination = String(r.destination) as Destination;
      const key = String(r.key);
      if (!deps.senders[destination]) {
        updates.push({
          key,
          destination,
          status: STATUS.failed,
          lastError: `${destination === 'slack' ? 'Slack' : 'Discord'} is not configured in Script Properties`,
        });
        report.failed++;
        continue;
      }
      if (cooling.has(destination) || claimed.length >= deps.maxPerRun) {
        report.deferred++;
        continue;
      }
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(String(r.payload ?? '')) as Record<string, unknown>;
      } catch {
        updates.push({ key, destination, status: STATUS.failed, lastError: 'the Payload cell is not the JSON that was enqueued' });
        report.failed++;
        continue;
      }
      const threadOf = destination === 'slack' && typeof payload['threadOf'] === 'string' ? payload['threadOf'] : null;
      const parentState = threadOf ? states.get(`${threadOf}|slack`) : undefined;
      if (parentState === STATUS.pending || parentState === STATUS.sending) {
        // The thread's first message goes first; when it is in this batch, it is sent just before.
        if (!claimed.some((c) => c.key === threadOf && c.destination === 'slack')) {
          report.deferred++;
          continue;
        }
      }
      claimed.push({
        key,
        destination,
        item: { key, payload, createdAt: asDate(r.createdAt) ?? now },
        attempts: asNumber(r.attempts),
        // A row still `sending` was claimed by a run that never reported: it may have posted.
        unconfirmed: r.unconfirmed === true || String(r.status).trim().toLowerCase() === STATUS.sending,
        threadOf,
      });
      updates.push({ key, destination, status: STATUS.sending, nextAttemptAt: new Date(now.getTime() + LEASE_MS) });
    }
    if (updates.length > 0) table.upsert(updates);
    track(updates);
  });
  if (claimed.length === 0) return finish();

  const stopped = new Set<Destination>();
  const results: Array<Partial<OutboxRecord>> = [];
  for (const c of claimed) {
    const sender = deps.senders[c.destination] as Sender;
    const now = deps.now();
    if (stopped.has(c.destination) || now.getTime() - started > deps.budgetMs) {
      results.push({ key: c.key, destination: c.destination, status: STATUS.pending, nextAttemptAt: now });
      report.deferred++;
      continue;
    }
    const parent = c.threadOf ? remote.get(`${c.threadOf}|slack`) : undefined;
    if (c.threadOf && !parent && claimed.some((p) => p.key === c.threadOf && p.destination === 'slack')) {
      // Its thread's first message was not posted this run: the reply waits for it rather than stand alone.
      results.push({ key: c.key, destination: c.destination, status: STATUS.pending, nextAttemptAt: now });
      report.deferred++;
      continue;
    }
    if (parent) c.item.thread = parent;

    let delivery: Delivery | null = null;
    let found = false;
    if (c.unconfirmed && sender.find) {
      delivery = sender.find(c.item);
      found = delivery?.kind === 'sent';
    }
    delivery ??= sender.send(c.item);

    const done = deps.now();
    const attempts = c.attempts + 1;
    if (delivery.kind === 'sent') {
      if (delivery.remoteId) remote.set(`${c.key}|${c.destination}`, { id: delivery.remoteId, channel: delivery.remoteChannel ?? '' });
      results.push({
        key: c.key,
        destination: c.destination,
        status: STATUS.sent,
        attempts,
        sentAt: done,
        nextAttemptAt: null,
        lastError: found ? 'posted by an earlier attempt whose answer was lost; found, not posted again' : null,
        unconfirmed: false,
        remoteId: delivery.remoteId ?? null,
        remoteChannel: delivery.remoteChannel ?? null,
      });
      if (found) report.found++;
      else report.sent++;
    } else if (delivery.kind === 'failed' || attempts >= deps.maxAttempts) {
      const reason = delivery.kind === 'failed' ? delivery.reason : `${delivery.reason}; gave up after ${attempts} attempts`;
      results.push({ key: c.key, destination: c.destination, status: STATUS.failed, attempts, nextAttemptAt: null, lastError: reason.slice(0, 500) });
      report.failed++;
      if (delivery.kind === 'retry') stopped.add(c.destination);
    } else {
      const wait = Math.max(delivery.retryAfterMs ?? 0, delivery.retryAfterMs === undefined ? backoffMs(attempts) : 0);
      results.push({
        key: c.key,
        destination: c.destination,
        status: STATUS.pending,
        attempts,
        nextAttemptAt: new Date(done.getTime() + wait),
        lastError: delivery.reason.slice(0, 500),
        unconfirmed: c.unconfirmed || delivery.ambiguous,
      });
      report.retrying++;
      stopped.add(c.destination);
    }
  }
  deps.locked(() => deps.table().upsert(results));
  track(results);
  return finish();
}

/**
 * A hint in the script cache that spares idle runs their Outbox read (the queue runs every minute): "as of change
 * `gen`, nothing is due before `until`". Every enqueue marks a change, after its write is flushed; a run that sees
 * the same change mark and an `until` still ahead has nothing to do. The hint lasts 10 minutes, so a row a person
 * set back to `pending` in the sheet is picked up within that time.
 */
export interface HintCache {
  get(key: string): string | null;
  put(key: string, value: string, seconds: number): void;
}

const GEN_KEY = 'outbox:changed';
const HINT_KEY = 'outbox:idle';
const HINT_SECONDS = 600;
const GEN_SECONDS = 6 * 3600;

const changeMark = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function markOutboxChanged(cache: HintCache): void {
  cache.put(GEN_KEY, changeMark(), GEN_SECONDS);
}

export function outboxHint(cache: HintCache, now: Date): { idle: boolean; remember(nextDue: Date | null): void } {
  let gen = cache.get(GEN_KEY);
  if (!gen) {
    // Set before the Outbox is read: a change marked in between is then either seen by the read or changes the mark.
    gen = changeMark();
    cache.put(GEN_KEY, gen, GEN_SECONDS);
  }
  let idle = false;
  try {
    const hint = JSON.parse(cache.get(HINT_KEY) ?? 'null') as { gen?: unknown; until?: unknown } | null;
    idle = hint?.gen === gen && (hint.until === null || (typeof hint.until === 'number' && now.getTime() < hint.until));
  } catch {
    idle = false;
  }
  return {
    idle,
    remember(nextDue) {
      cache.put(HINT_KEY, JSON.stringify({ gen, until: nextDue ? nextDue.getTime() : null }), HINT_SECONDS);
    },
  };
}
