import type { Delivery } from '../../src/domain/chat/delivery';
import { chatOutbox, deliverOutbox, markOutboxChanged, outboxHint, type HintCache } from '../../src/app/outbox';
import type { ChatMessage } from '../../src/domain/chat/outbox';
import type { ChatConfig, SendItem, Sender } from '../../src/domain/chat/outboxMessages';
import { OUTBOX } from '../../src/sheets/chatTables';
import { Table } from '../../src/sheets/table';
import { MemoryWorkbook } from '../helpers/memoryWorkbook';

const T0 = new Date('2026-01-05T00:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function setUp(config: ChatConfig = { slack: 'api', discord: true }) {
  const wb = new MemoryWorkbook();
  const table = () => new Table(OUTBOX, wb, { dateKey: (d) => d.toISOString().slice(0, 10) });
  let clock = T0;
  const locked = <T>(work: () => T) => work();
  const cache = memoryCache();
  const outbox = chatOutbox({ table, locked, now: () => clock, config, cache });
  const rows = () =>
    table()
      .read()
      .rows.map((r) => r.record);
  const row = (key: string, destination = 'slack') => rows().find((r) => r.key === key && r.destination === destination);
  /** A sender whose answers the test scripts; it records what it was asked to post. */
  const scripted = (answers: Array<Delivery | ((item: SendItem) => Delivery)>, find?: (item: SendItem) => Delivery | null) => {
    const posted: SendItem[] = [];
    const sender: Sender = {
      send(item) {
        posted.push(JSON.parse(JSON.stringify(item)) as SendItem);
        const next = answers.length > 1 ? answers.shift() : answers[0];
        if (!next) throw new Error('no answer scripted');
        return typeof next === 'function' ? next(item) : next;
      },
    };
    if (find) sender.find = find;
    return { sender, posted };
  };
  const deliver = (senders: Partial<Record<'slack' | 'discord', Sender>>, at: Date, maxAttempts = 5) => {
    clock = at;
    return deliverOutbox({ table, locked, now: () => clock, senders, maxAttempts, maxPerRun: 40, budgetMs: 240_000 });
  };
  return { wb, outbox, rows, row, scripted, deliver, cache, setClock: (d: Date) => (clock = d) };
}

function memoryCache(): HintCache & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k) ?? null, put: (k, v) => void data.set(k, v) };
}

const msg = (key: string, extra: Partial<NonNullable<ChatMessage['slack']>> = {}): ChatMessage => ({
  dedupeKey: key,
  slack: { channel: '#progress', text: key, ...extra },
});
const SENT: Delivery = { kind: 'sent', remoteId: '1.0', remoteChannel: 'C1' };

describe('the outbox', () => {
  test('one row per message and destination; enqueueing a key again adds nothing', () => {
    const t = setUp();
    t.outbox.enqueue([{ dedupeKey: 'a', slack: { channel: '#x', text: 'hi' }, discord: { content: 'hi' } }, msg('b')]);
    t.outbox.enqueue([msg('a'), msg('b'), msg('c')]);
    expect(t.rows().map((r) => `${String(r.key)}|${String(r.destination)}|${String(r.status)}`)).toEqual([
      'a|slack|pending',
      'a|discord|pending',
      'b|slack|pending',
      'c|slack|pending',
    ]);
  });

  test('a destination that is not configured gets no row; a DM with only a webhook fails at once, saying why', () => {
    const t = setUp({ slack: 'webhook', discord: false });
    t.outbox.enqueue([{ dedupeKey: 'dm', slack: { channel: 'U0ABCDEF1', text: 'hi' }, discord: { content: 'x' } }]);
    expect(t.rows()).toHaveLength(1);
    expect(t.row('dm')).toMatchObject({ status: 'failed', lastError: expect.stringContaining('SLACK_BOT_TOKEN') });
  });

  test('sent rows record the remote id; nothing is sent twice', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a'), msg('b')]);
    const { sender, posted } = t.scripted([SENT]);
    expect(t.deliver({ slack: sender }, minutes(1))).toMatchObject({ sent: 2 });
    expect(t.deliver({ slack: sender }, minutes(2))).toMatchObject({ sent: 0 });
    expect(posted.map((p) => p.key)).toEqual(['a', 'b']);
    expect(t.row('a')).toMatchObject({ status: 'sent', attempts: 1, remoteId: '1.0', remoteChannel: 'C1' });
  });

  test('a failing service gets one probe per retry, not one request per message, and order is kept', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a'), msg('b'), msg('c')]);
    const down: Delivery = { kind: 'retry', reason: 'Slack answered HTTP 503', ambiguous: true };
    const { sender, posted } = t.scripted([down]);
    t.deliver({ slack: sender }, minutes(0));
    expect(posted.map((p) => p.key)).toEqual(['a']);
    expect(t.row('a')).toMatchObject({ status: 'pending', attempts: 1, unconfirmed: true, nextAttemptAt: minutes(1) });
    expect(t.row('b')).toMatchObject({ status: 'pending', attempts: 0 });
    // Before a's retry is due, b and c wait behind it.
    t.deliver({ slack: sender }, minutes(0.5));
    expect(posted).toHaveLength(1);
    t.deliver({ slack: sender }, minutes(1));
    expect(posted.map((p) => p.key)).toEqual(['a', 'a']);
    expect(t.row('a')).toMatchObject({ attempts: 2, nextAttemptAt: minutes(3) });
  });

  test('429 waits exactly as long as Retry-After says', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a')]);
    const { sender } = t.scripted([{ kind: 'retry', reason: 'rate limited', ambiguous: false, retryAfterMs: 7000 }, SENT]);
    t.deliver({ slack: sender }, minutes(0));
    expect(t.row('a')).toMatchObject({ status: 'pending', nextAttemptAt: new Date(T0.getTime() + 7000), unconfirmed: false });
  });

  test('after the last attempt the message is failed, with the reason', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a')]);
    const { sender } = t.scripted([{ kind: 'retry', reason: 'unreachable: could not connect', ambiguous: false }]);
    for (let m = 0; m < 120; m++) t.deliver({ slack: sender }, minutes(m), 3);
    expect(t.row('a')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'unreachable: could not connect; gave up after 3 attempts' });
  });

  test('after a lost answer the sender is asked to look before posting again', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a'), msg('b')]);
    const lost: Delivery = { kind: 'retry', reason: 'timeout: no answer in time', ambiguous: true };
    const found = jest.fn((item: SendItem): Delivery | null => (item.key === 'a' ? { kind: 'sent', remoteId: '9.9', remoteChannel: 'C9' } : null));
    const { sender, posted } = t.scripted([lost, SENT], found);
    t.deliver({ slack: sender }, minutes(0));
    const report = t.deliver({ slack: sender }, minutes(1));
    expect(report).toMatchObject({ found: 1, sent: 1 });
    expect(found).toHaveBeenCalledTimes(1);
    expect(posted.map((p) => p.key)).toEqual(['a', 'b']);
    expect(t.row('a')).toMatchObject({ status: 'sent', remoteId: '9.9', unconfirmed: false, lastError: expect.stringContaining('not posted again') });
  });

  test('a run that died after claiming leaves rows that are looked up once their lease ends', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a')]);
    // Claimed by a run that never reported back.
    const crash: Sender = {
      send() {
        throw new Error('execution killed');
      },
    };
    expect(() => t.deliver({ slack: crash }, minutes(0))).toThrow('execution killed');
    expect(t.row('a')).toMatchObject({ status: 'sending' });
    const find = jest.fn(() => null);
    const { sender, posted } = t.scripted([SENT], find);
    t.deliver({ slack: sender }, minutes(5));
    expect(posted).toHaveLength(0);
    t.deliver({ slack: sender }, minutes(11));
    expect(find).toHaveBeenCalledTimes(1);
    expect(posted).toHaveLength(1);
  });

  test('a reply in a thread waits for its parent and is posted with the parent ts', () => {
    const t = setUp();
    t.outbox.enqueue([msg('parent'), msg('child', { threadOf: 'parent' })]);
    const fail: Delivery = { kind: 'retry', reason: 'x', ambiguous: false };
    const { sender, posted } = t.scripted([
      fail,
      (item) => ({ kind: 'sent', remoteId: item.key === 'parent' ? '100.1' : '100.2', remoteChannel: 'C7' }),
    ]);
    t.deliver({ slack: sender }, minutes(0));
    expect(posted.map((p) => p.key)).toEqual(['parent']);
    expect(t.row('child')).toMatchObject({ status: 'pending', attempts: 0 });
    t.deliver({ slack: sender }, minutes(1));
    expect(posted.map((p) => [p.key, p.thread])).toEqual([
      ['parent', undefined],
      ['parent', undefined],
      ['child', { id: '100.1', channel: 'C7' }],
    ]);
  });

  test('a service that is not configured any more fails its rows, saying so', () => {
    const t = setUp();
    t.outbox.enqueue([{ dedupeKey: 'd', discord: { content: 'x' } }]);
    t.deliver({}, minutes(0));
    expect(t.row('d', 'discord')).toMatchObject({ status: 'failed', lastError: 'Discord is not configured in Script Properties' });
  });

  test('an idle run reads the Outbox once and writes nothing', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a')]);
    t.deliver({ slack: t.scripted([SENT]).sender }, minutes(0));
    t.wb.calls.length = 0;
    t.deliver({ slack: t.scripted([SENT]).sender }, minutes(1));
    expect(t.wb.calls).toEqual(['readAll Outbox']);
  });

  test("nextDue: when the earliest waiting message is due, a failing service's queue counted from its retry", () => {
    const t = setUp();
    t.outbox.enqueue([msg('a'), msg('b')]);
    const { sender } = t.scripted([{ kind: 'retry', reason: 'down', ambiguous: false }]);
    expect(t.deliver({ slack: sender }, minutes(0)).nextDue).toEqual(minutes(1));
    // Before the retry: nothing is due, and the report says when something will be.
    expect(t.deliver({ slack: sender }, minutes(0.5))).toMatchObject({ sent: 0, nextDue: minutes(1) });
    const ok = t.scripted([SENT]);
    expect(t.deliver({ slack: ok.sender }, minutes(1)).nextDue).toBeNull();
  });
});

describe('after an outage', () => {
  const down: Delivery = { kind: 'retry', reason: 'Slack answered HTTP 503', ambiguous: false };

  test('retries are never more than ten minutes apart, so a recovered service gets the message within ten minutes', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a')]);
    const tries: number[] = [];
    const sender: Sender = {
      send() {
        tries.push((t.rows()[0]?.nextAttemptAt as Date).getTime());
        return tries.length <= 6 ? down : SENT;
      },
    };
    for (let m = 0; m <= 120; m++) t.deliver({ slack: sender }, minutes(m), 45);
    const gaps = tries.slice(1).map((at, i) => (at - (tries[i] ?? 0)) / 60_000);
    expect(gaps).toEqual([1, 2, 4, 8, 10, 10]);
    expect(t.row('a')).toMatchObject({ status: 'sent', attempts: 7 });
  });

  test("a service's own Retry-After beyond ten minutes is honoured, up to an hour", () => {
    const t = setUp();
    t.outbox.enqueue([msg('a'), msg('b')]);
    const { sender } = t.scripted([
      { kind: 'retry', reason: 'rate limited', ambiguous: false, retryAfterMs: 20 * 60_000 },
      { kind: 'retry', reason: 'rate limited', ambiguous: false, retryAfterMs: 5 * 86_400_000 },
    ]);
    t.deliver({ slack: sender }, minutes(0));
    expect(t.row('a')).toMatchObject({ nextAttemptAt: minutes(20) });
    t.deliver({ slack: sender }, minutes(20));
    expect(t.row('a')).toMatchObject({ nextAttemptAt: minutes(80) });
  });

  test('a message past its window is recorded expired, not posted, and never posted later', () => {
    const t = setUp();
    t.outbox.enqueue([{ ...msg('standup'), expiresAt: minutes(30) }, { ...msg('alert'), maxAgeMs: 24 * 60 * 60_000 }, msg('reply')]);
    expect(t.row('standup')).toMatchObject({ expiresAt: minutes(30) });
    expect(t.row('alert')).toMatchObject({ expiresAt: minutes(24 * 60) });
    expect(t.row('reply')).toMatchObject({ expiresAt: null });
    const { sender } = t.scripted([down]);
    for (let m = 0; m < 40; m++) t.deliver({ slack: sender }, minutes(m), 45);
    expect(t.row('standup')).toMatchObject({ status: 'expired', lastError: expect.stringContaining('window ended') });
    const ok = t.scripted([SENT]);
    const report = t.deliver({ slack: ok.sender }, minutes(50));
    expect(ok.posted.map((p) => p.key)).toEqual(['alert', 'reply']);
    expect(report).toMatchObject({ sent: 2, expired: 0 });
    t.deliver({ slack: ok.sender }, minutes(24 * 60 + 10));
    expect(ok.posted).toHaveLength(2);
    expect(t.row('standup')).toMatchObject({ status: 'expired' });
  });

  test('expired rows are counted in the report, without a request, even while the service cools down', () => {
    const t = setUp();
    t.outbox.enqueue([msg('first'), { ...msg('late'), expiresAt: minutes(3) }]);
    const { sender, posted } = t.scripted([down]);
    t.deliver({ slack: sender }, minutes(0));
    t.deliver({ slack: sender }, minutes(1));
    // 'first' waits until minute 3 for its retry; 'late' expires at 3 whatever the service does.
    expect(t.deliver({ slack: sender }, minutes(2)).nextDue).toEqual(minutes(3));
    const report = t.deliver({ slack: sender }, minutes(3));
    expect(report.expired).toBe(1);
    expect(posted.map((p) => p.key)).toEqual(['first', 'first', 'first']);
  });

  test('an expired message a dead run may have posted is looked for: found, it is sent; else expired, not posted', () => {
    const t = setUp();
    t.outbox.enqueue([
      { ...msg('a'), expiresAt: minutes(1) },
      { ...msg('b'), expiresAt: minutes(1) },
    ]);
    const crash: Sender = {
      send() {
        throw new Error('execution killed');
      },
    };
    expect(() => t.deliver({ slack: crash }, minutes(0))).toThrow('execution killed');
    expect(t.rows().map((r) => r.status)).toEqual(['sending', 'sending']);
    const find = jest.fn((item: SendItem): Delivery | null => (item.key === 'a' ? SENT : null));
    const { sender, posted } = t.scripted([SENT], find);
    // Past the window but still leased: left alone, the run that holds it may be posting it right now.
    expect(t.deliver({ slack: sender }, minutes(5))).toMatchObject({ expired: 0, found: 0 });
    const report = t.deliver({ slack: sender }, minutes(11));
    expect(find).toHaveBeenCalledTimes(2);
    expect(posted).toHaveLength(0);
    expect(report).toMatchObject({ found: 1, expired: 1 });
    expect(t.row('a')).toMatchObject({ status: 'sent' });
    expect(t.row('b')).toMatchObject({ status: 'expired' });
  });

  test('past its window, a message that may have been posted but cannot be looked for is expired, not posted again', () => {
    const t = setUp();
    t.outbox.enqueue([{ dedupeKey: 'd', discord: { content: 'x' }, expiresAt: minutes(1) }]);
    const lost: Delivery = { kind: 'retry', reason: 'timeout: no answer in time', ambiguous: true };
    t.deliver({ discord: t.scripted([lost]).sender }, minutes(0));
    const { sender, posted } = t.scripted([SENT]);
    t.deliver({ discord: sender }, minutes(2));
    expect(posted).toHaveLength(0);
    expect(t.row('d', 'discord')).toMatchObject({ status: 'expired', lastError: expect.stringContaining('may have posted') });
  });

  test('a message that expires while the run is sending is not posted', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a'), { ...msg('b'), expiresAt: minutes(1) }]);
    const slow: Sender = {
      send() {
        t.setClock(minutes(2));
        return SENT;
      },
    };
    const report = t.deliver({ slack: slow }, minutes(0));
    expect(report).toMatchObject({ sent: 1, expired: 1 });
    expect(t.row('b')).toMatchObject({ status: 'expired' });
  });
});

describe('the idle hint', () => {
  test('a run may skip the Outbox until the next due time, unless a message was enqueued since', () => {
    const cache = memoryCache();
    const first = outboxHint(cache, minutes(0));
    expect(first.idle).toBe(false);
    first.remember(minutes(5));
    expect(outboxHint(cache, minutes(1)).idle).toBe(true);
    expect(outboxHint(cache, minutes(5)).idle).toBe(false);
    outboxHint(cache, minutes(2)).remember(null);
    expect(outboxHint(cache, minutes(60)).idle).toBe(true);
    markOutboxChanged(cache);
    expect(outboxHint(cache, minutes(61)).idle).toBe(false);
  });

  test('enqueueing marks a change; enqueueing nothing new does not', () => {
    const t = setUp();
    t.outbox.enqueue([msg('a')]);
    const mark = t.cache.data.get('outbox:changed');
    expect(mark).toBeDefined();
    t.outbox.enqueue([msg('a')]);
    expect(t.cache.data.get('outbox:changed')).toBe(mark);
  });
});
