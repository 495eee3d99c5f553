import { retryWaitMs, type Delivery } from '../domain/chat/delivery';
import type { Locked } from '../platform/lock';
import type { OUTBOX } from '../sheets/chatTables';
import type { Row, Table } from '../sheets/table';
import type { ChatMessage, Outbox } from '../domain/chat/outbox';
import { outboxStatus, STATUS, type ChatConfig, type Destination, type SendItem, type Sender } from '../domain/chat/outboxMessages';

type OutboxKey = (typeof OUTBOX)['columns'][number]['key'];
export type OutboxTable = Table<OutboxKey>;
type OutboxRecord = Row<OutboxKey>;

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

/** When a message stops being worth posting: the earlier of its own end and its age limit (null: never). */
function expiryOf(message: ChatMessage, now: Date): Date | null {
  const ends = [message.expiresAt?.getTime(), message.maxAgeMs === undefined ? undefined : now.getTime() + message.maxAgeMs];
  const times = ends.filter((t): t is number => t !== undefined && Number.isFinite(t));
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** The Outbox rows for messages: one per configured destination; a direct message without a bot token fails at once. */
export function outboxRows(messages: ReadonlyArray<ChatMessage>, config: ChatConfig, now: Date): Array<Partial<OutboxRecord>> {
  const rows: Array<Partial<OutboxRecord>> = [];
  for (const message of messages) {
    const base = {
      key: message.dedupeKey,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      status: STATUS.pending as string,
      unconfirmed: false,
      expiresAt: expiryOf(message, now),
    };
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
    if (message.discord && (config.discord || message.discord.interaction)) {
      rows.push({
        ...base,
        destination: 'discord',
        target: message.discord.interaction ? `interaction ${message.discord.interaction.id}` : 'webhook',
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
  /** Its window passed before it could be posted (Expires At): recorded `expired`, never posted. */
  expired: number;
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
  expiresAt: Date | null;
}

const asDate = (v: unknown): Date | null => (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]' ? (v as Date) : null);
const asNumber = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const statusOf = (r: Partial<OutboxRecord>): string => outboxStatus(r.status);
/** A row's identity: the same message goes once to each destination. */
const rowId = (key: unknown, destination: unknown): string => `${String(key)}|${String(destination)}`;

/**
 * Services that failed a moment ago, and until when: while a failed message waits for its retry, the messages
 * queued behind it for the same service wait too.
 */
function coolingUntil(rows: ReadonlyArray<Partial<OutboxRecord>>, now: Date): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const r of rows) {
    const next = asDate(r.nextAttemptAt);
    if (statusOf(r) !== STATUS.pending || asNumber(r.attempts) === 0 || !next || next <= now) continue;
    const destination = String(r.destination);
    const known = out.get(destination);
    if (!known || next < known) out.set(destination, next);
  }
  return out;
}

function isDue(r: Partial<OutboxRecord>, now: Date): boolean {
  const status = statusOf(r);
  const next = asDate(r.nextAttemptAt);
  return (status === STATUS.pending || status === STATUS.sending) && (!next || next <= now);
}

const isPast = (end: Date | null, now: Date): boolean => end !== null && end.getTime() <= now.getTime();

/**
 * A waiting row whose window has passed and that no attempt may have posted: it is marked `expired` at once, with no
 * request, whatever its retry time or its service's state. One that may have been posted (a lost answer, a run cut
 * short) is not: it is looked for first, like any other, so that a message that did go out is recorded `sent`.
 */
function expiresUnsent(r: Partial<OutboxRecord>, now: Date): boolean {
  return statusOf(r) === STATUS.pending && r.unconfirmed !== true && isPast(asDate(r.expiresAt), now);
}

function expiredRow(key: string, destination: Destination, end: Date, now: Date, note = ''): Partial<OutboxRecord> {
  return {
    key,
    destination,
    status: STATUS.expired,
    nextAttemptAt: null,
    lastError: `expired at ${now.toISOString()}: its window ended at ${end.toISOString()} before it could be posted${note}`,
  };
}

/** The rows still waiting to be sent, kept up to date through a run from every read and write, for `nextDue`. */
function waitingRows() {
  const waiting = new Map<string, Partial<OutboxRecord>>();
  return {
    track(rows: ReadonlyArray<Partial<OutboxRecord>>): void {
      for (const r of rows) {
        const id = rowId(r.key, r.destination);
        const status = statusOf(r);
        if (status === STATUS.pending || status === STATUS.sending) waiting.set(id, { ...waiting.get(id), ...r });
        else if (r.status !== undefined) waiting.delete(id);
      }
    },
    clear(): void {
      waiting.clear();
    },
    /** When the earliest of them is due, counting the wait of a service that is cooling down. */
    nextDue(now: Date): Date | null {
      const rows = [...waiting.values()];
      const cooling = coolingUntil(rows, now);
      const times = rows.map((r) => {
        const next = asDate(r.nextAttemptAt)?.getTime() ?? 0;
        const when = Math.max(next, cooling.get(String(r.destination))?.getTime() ?? 0);
        // A row that expires before its turn comes is settled then, without a request.
        const end = statusOf(r) === STATUS.pending && r.unconfirmed !== true ? asDate(r.expiresAt)?.getTime() : undefined;
        return end === undefined ? when : Math.min(when, end);
      });
      return times.length > 0 ? new Date(Math.min(...times)) : null;
    },
  };
}

/** Where each message already posted went, by row id: a reply in its thread needs it. */
type Posted = Map<string, { id: string; channel: string }>;

function postedOf(rows: ReadonlyArray<Partial<OutboxRecord>>): Posted {
  const posted: Posted = new Map();
  for (const r of rows) {
    if (statusOf(r) === STATUS.sent && r.remoteId)
      posted.set(rowId(r.key, r.destination), { id: String(r.remoteId), channel: String(r.remoteChannel ?? '') });
  }
  return posted;
}

interface Claim {
  claimed: Claimed[];
  /** The rows to write back: claimed ones as `sending` with a lease, the ones that cannot be sent as `failed`. */
  updates: Array<Partial<OutboxRecord>>;
  failed: number;
  expired: number;
  deferred: number;
}

/**
 * Picks what this run sends from the due rows, oldest first: at most `maxPerRun`, none for a service that is cooling
 * down, none whose thread's first message has not gone yet (unless it goes first in this run).
 */
function claimDue(rows: ReadonlyArray<Partial<OutboxRecord>>, now: Date, deps: DeliverDeps): Claim {
  const claim: Claim = { claimed: [], updates: [], failed: 0, expired: 0, deferred: 0 };
  const cooling = coolingUntil(rows, now);
  const states = new Map(rows.map((r) => [rowId(r.key, r.destination), statusOf(r)]));
  const due = rows
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => isDue(r, now) || expiresUnsent(r, now))
    .sort((a, b) => (asDate(a.r.createdAt)?.getTime() ?? 0) - (asDate(b.r.createdAt)?.getTime() ?? 0) || a.index - b.index);
  const fail = (key: string, destination: Destination, lastError: string) => {
    claim.updates.push({ key, destination, status: STATUS.failed, lastError });
    claim.failed++;
  };

  for (const { r } of due) {
    const destination = String(r.destination) as Destination;
    const key = String(r.key);
    const expiresAt = asDate(r.expiresAt);
    const sender = deps.senders[destination];
    if (expiresAt && isPast(expiresAt, now) && (expiresUnsent(r, now) || !sender?.find)) {
      // Past its window, and either surely unsent or impossible to look for: posting it now could only be late or
      // twice, so it is given up. A message that may have gone out and can be looked for is claimed to look.
      const note = expiresUnsent(r, now) ? '' : '; an earlier attempt may have posted it (its answer was lost)';
      claim.updates.push(expiredRow(key, destination, expiresAt, now, note));
      states.set(rowId(key, destination), STATUS.expired);
      claim.expired++;
      continue;
    }
    if (!sender) {
      fail(key, destination, `${destination === 'slack' ? 'Slack' : 'Discord'} is not configured in Script Properties`);
      continue;
    }
    if (cooling.has(destination) || claim.claimed.length >= deps.maxPerRun) {
      claim.deferred++;
      continue;
    }
    const payload = payloadOf(r);
    if (!payload) {
      fail(key, destination, 'the Payload cell is not the JSON that was enqueued');
      continue;
    }
    const threadOf = destination === 'slack' && typeof payload['threadOf'] === 'string' ? payload['threadOf'] : null;
    const parentState = threadOf ? states.get(rowId(threadOf, 'slack')) : undefined;
    if (parentState === STATUS.pending || parentState === STATUS.sending) {
      // The thread's first message goes first; when it is in this batch, it is sent just before.
      if (!claim.claimed.some((c) => c.key === threadOf && c.destination === 'slack')) {
        claim.deferred++;
        continue;
      }
    }
    claim.claimed.push({
      key,
      destination,
      item: { key, payload, createdAt: asDate(r.createdAt) ?? now },
      attempts: asNumber(r.attempts),
      // A row still `sending` was claimed by a run that never reported: it may have posted.
      unconfirmed: r.unconfirmed === true || statusOf(r) === STATUS.sending,
      threadOf,
      expiresAt,
    });
    claim.updates.push({ key, destination, status: STATUS.sending, nextAttemptAt: new Date(now.getTime() + LEASE_MS) });
  }
  return claim;
}

function payloadOf(r: Partial<OutboxRecord>): Record<string, unknown> | null {
  try {
    return JSON.parse(String(r.payload ?? '')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Posts one claimed message. A row that may have been posted by a run whose answer was lost is looked for first,
 * where the service allows it; `found` says it was there. Past its window, it is only looked for: null then says
 * it was not posted, and it is not posted late.
 */
function attempt(c: Claimed, sender: Sender, now: Date): { delivery: Delivery | null; found: boolean } {
  if (c.unconfirmed && sender.find) {
    const delivery = sender.find(c.item);
    if (delivery) return { delivery, found: delivery.kind === 'sent' };
  }
  if (isPast(c.expiresAt, now)) return { delivery: null, found: false };
  return { delivery: sender.send(c.item), found: false };
}

type Outcome = 'sent' | 'found' | 'failed' | 'retrying' | 'expired';

/**
 * When a failed attempt is tried again. The back-off counts from when the attempt began, so attempts are at most its
 * cap apart however long the failed request hung, and is rounded down to the minute: the queue runs once a minute,
 * and a retry due a few seconds after a run would wait a whole minute more. A wait the service asked for is exact,
 * from its answer.
 */
function retryAt(delivery: Extract<Delivery, { kind: 'retry' }>, attempts: number, began: Date, done: Date): Date {
  const wait = retryWaitMs(attempts, delivery.retryAfterMs);
  if (delivery.retryAfterMs !== undefined) return new Date(done.getTime() + wait);
  const at = began.getTime() + wait;
  return new Date(at - (at % 60_000));
}

/** The row that records an attempt's outcome; a failure that may pass is retried after a back-off, up to `maxAttempts`. */
function recordAttempt(
  c: Claimed,
  delivery: Delivery,
  found: boolean,
  times: { began: Date; done: Date },
  maxAttempts: number,
): { row: Partial<OutboxRecord>; outcome: Outcome } {
  const { done } = times;
  const attempts = c.attempts + 1;
  const { key, destination } = c;
  if (delivery.kind === 'sent') {
    return {
      row: {
        key,
        destination,
        status: STATUS.sent,
        attempts,
        sentAt: done,
        nextAttemptAt: null,
        lastError: found ? 'posted by an earlier attempt whose answer was lost; found, not posted again' : null,
        unconfirmed: false,
        remoteId: delivery.remoteId ?? null,
        remoteChannel: delivery.remoteChannel ?? null,
      },
      outcome: found ? 'found' : 'sent',
    };
  }
  if (delivery.kind === 'failed' || attempts >= maxAttempts) {
    const reason = delivery.kind === 'failed' ? delivery.reason : `${delivery.reason}; gave up after ${attempts} attempts`;
    return { row: { key, destination, status: STATUS.failed, attempts, nextAttemptAt: null, lastError: reason.slice(0, 500) }, outcome: 'failed' };
  }
  return {
    row: {
      key,
      destination,
      status: STATUS.pending,
      attempts,
      nextAttemptAt: retryAt(delivery, attempts, times.began, done),
      lastError: delivery.reason.slice(0, 500),
      unconfirmed: c.unconfirmed || delivery.ambiguous,
    },
    outcome: 'retrying',
  };
}

/**
 * Sends the claimed messages in order, outside the lock, and returns the rows that record how each went. A service
 * that asks for a retry gets no more requests this run; what the run has no time left for goes back to `pending`.
 */
function sendClaimed(
  claimed: readonly Claimed[],
  posted: Posted,
  deps: DeliverDeps,
  started: number,
  report: DeliverReport,
): Array<Partial<OutboxRecord>> {
  const stopped = new Set<Destination>();
  const results: Array<Partial<OutboxRecord>> = [];
  const putBack = (c: Claimed, now: Date) => {
    results.push({ key: c.key, destination: c.destination, status: STATUS.pending, nextAttemptAt: now });
    report.deferred++;
  };
  for (const c of claimed) {
    const sender = deps.senders[c.destination] as Sender;
    const now = deps.now();
    if (stopped.has(c.destination) || now.getTime() - started > deps.budgetMs) {
      putBack(c, now);
      continue;
    }
    const parent = c.threadOf ? posted.get(rowId(c.threadOf, 'slack')) : undefined;
    if (c.threadOf && !parent && claimed.some((p) => p.key === c.threadOf && p.destination === 'slack')) {
      // Its thread's first message was not posted this run: the reply waits for it rather than stand alone.
      putBack(c, now);
      continue;
    }
    if (parent) c.item.thread = parent;

    const { delivery, found } = attempt(c, sender, now);
    if (!delivery) {
      results.push(expiredRow(c.key, c.destination, c.expiresAt ?? now, deps.now()));
      report.expired++;
      continue;
    }
    if (delivery.kind === 'sent' && delivery.remoteId)
      posted.set(rowId(c.key, c.destination), { id: delivery.remoteId, channel: delivery.remoteChannel ?? '' });
    const { row, outcome } = recordAttempt(c, delivery, found, { began: now, done: deps.now() }, deps.maxAttempts);
    results.push(row);
    report[outcome]++;
    if (delivery.kind === 'retry') stopped.add(c.destination);
  }
  return results;
}

/**
 * Sends what is due, in the order it was enqueued. Rows are claimed under the lock first (status `sending` with a
 * lease), so two overlapping runs never send the same message; the HTTP requests run outside the lock. A service
 * that fails (429, 5xx, timeout) gets no more requests this run, and while its failed message waits for its retry,
 * the messages queued behind it wait too — one probe at a time during an outage, not one per message.
 */
export function deliverOutbox(deps: DeliverDeps): DeliverReport {
  const report: DeliverReport = { sent: 0, found: 0, retrying: 0, failed: 0, expired: 0, deferred: 0, nextDue: null };
  const started = deps.now().getTime();
  const waiting = waitingRows();
  const finish = () => ({ ...report, nextDue: waiting.nextDue(deps.now()) });

  // Most runs find nothing to do: one read without the lock (and without its flush) settles that.
  const first = deps.now();
  const peek = deps
    .table()
    .read()
    .rows.map((r) => r.record);
  const coolingAtFirst = coolingUntil(peek, first);
  waiting.track(peek);
  if (!peek.some((r) => expiresUnsent(r, first) || (isDue(r, first) && !coolingAtFirst.has(String(r.destination))))) return finish();

  const { claimed, posted } = deps.locked(() => {
    const table = deps.table();
    const now = deps.now();
    const rows = table.read().rows.map((r) => r.record);
    waiting.clear();
    waiting.track(rows);
    const claim = claimDue(rows, now, deps);
    if (claim.updates.length > 0) table.upsert(claim.updates);
    waiting.track(claim.updates);
    report.failed += claim.failed;
    report.expired += claim.expired;
    report.deferred += claim.deferred;
    return { claimed: claim.claimed, posted: postedOf(rows) };
  });
  if (claimed.length === 0) return finish();

  const results = sendClaimed(claimed, posted, deps, started, report);
  deps.locked(() => deps.table().upsert(results));
  waiting.track(results);
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

/**
 * When the Outbox next has a message due, as the last queue run left it in the cache (a retry after a failure or a
 * `Retry-After`): the dispatcher arms a wake there, so a retry leaves at its minute, not at the next safety-net run.
 */
export function outboxNextDue(cache: HintCache): Date[] {
  try {
    const hint = JSON.parse(cache.get(HINT_KEY) ?? 'null') as { until?: unknown } | null;
    return typeof hint?.until === 'number' ? [new Date(hint.until)] : [];
  } catch {
    return [];
  }
}
