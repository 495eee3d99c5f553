import { backoffMs, discordDelivery, retryAfterMs, retryWaitMs, slackApiDelivery, slackHookDelivery } from '../../src/domain/chat/delivery';
import { blockerId, normalizeBlockerId } from '../../src/domain/chat/ids';
import { parseInlineReport } from '../../src/domain/chat/inlineReport';
import { readTargets } from '../../src/domain/chat/kpi';
import { readProgressSubmission } from '../../src/domain/chat/modals';
import { parseSlashCommand } from '../../src/domain/chat/slashCommand';
import { InputError } from '../../src/domain/errors';

describe('inline reports', () => {
  test('emoji markers on one line or many', () => {
    expect(parseInlineReport('✅ ログイン画面 📋 API 設計 🚫 レビュー待ち 🚫 CI が遅い', 'ja')).toEqual({
      done: ['ログイン画面'],
      planned: ['API 設計'],
      blockers: ['レビュー待ち', 'CI が遅い'],
    });
    expect(parseInlineReport('✅ a\n続き\n📋 b', 'ja')).toEqual({ done: ['a', '続き'], planned: ['b'], blockers: [] });
  });

  test("Slack's short names for the emoji, and its escaping of &, <, >", () => {
    expect(parseInlineReport(':white_check_mark: fix &lt;Button&gt; &amp; tests :clipboard: deploy :no_entry_sign: waiting', 'en')).toEqual({
      done: ['fix <Button> & tests'],
      planned: ['deploy'],
      blockers: ['waiting'],
    });
  });

  test('完了: / 予定: / ブロッカー: and done: / planned: / blocker:', () => {
    expect(parseInlineReport('完了: A 予定：B ブロッカー: C', 'ja')).toEqual({ done: ['A'], planned: ['B'], blockers: ['C'] });
    expect(parseInlineReport('done: A\nplanned: B\nblocker: C', 'en')).toEqual({ done: ['A'], planned: ['B'], blockers: ['C'] });
    // English words are markers at the start of a line only: in the middle they are prose.
    expect(parseInlineReport('done: I am done: really', 'en').done).toEqual(['I am done: really']);
  });

  test('text before any marker, or nothing at all, is refused with the reason', () => {
    expect(() => parseInlineReport('ログイン画面を作った', 'ja')).toThrow(
      new InputError('各行は ✅ / 📋 / 🚫（または 完了: / 予定: / ブロッカー:）で始めてください。分からなかった行: 「ログイン画面を作った」'),
    );
    expect(() => parseInlineReport('✅', 'en')).toThrow(/The report is empty/);
  });
});

describe('/progress subcommands', () => {
  test.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['update', { kind: 'updateModal' }],
    ['update ✅ a', { kind: 'updateInline', text: '✅ a' }],
    ['report', { kind: 'report', team: false, share: false }],
    ['report team', { kind: 'report', team: true, share: false }],
    ['report team share', { kind: 'report', team: true, share: true }],
    ['REPORT 共有', { kind: 'report', team: false, share: true }],
    ['report @田中 太郎', { kind: 'report', team: false, share: false, who: '@田中 太郎' }],
    ['report <@U0TEST0002|hanako> share', { kind: 'report', team: false, share: true, who: '<@U0TEST0002|hanako>' }],
    ['blocker', { kind: 'blockerModal' }],
    ['blocker waiting for review', { kind: 'blocker', text: 'waiting for review' }],
    ['blocker resolve b-12ab34', { kind: 'resolve', id: 'b-12ab34' }],
    ['blocker resolve', { kind: 'resolve', id: '' }],
    ['report everything', { kind: 'help', unknown: 'report everything' }],
    ['dance', { kind: 'help', unknown: 'dance' }],
  ])('%j', (text, expected) => {
    expect(parseSlashCommand(text)).toEqual(expected);
  });
});

describe('blocker ids', () => {
  test('stable, short, and the same for the same blocker', () => {
    const id = blockerId('田中', 'review waiting');
    expect(id).toMatch(/^B-[0-9A-Z]{6}$/);
    expect(blockerId('田中', 'review waiting')).toBe(id);
    expect(blockerId('佐藤', 'review waiting')).not.toBe(id);
    expect(normalizeBlockerId('b-3k9f2a')).toBe('B-3K9F2A');
    expect(normalizeBlockerId('3K9F2A')).toBe('B-3K9F2A');
  });
});

describe('delivery outcomes', () => {
  const now = new Date('2026-01-05T00:00:00Z');
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    text: typeof body === 'string' ? body : JSON.stringify(body),
  });

  test('backoff doubles from a minute and stops at ten, so a recovered service gets its messages within ten minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 12, 200].map((n) => backoffMs(n) / 60000)).toEqual([1, 2, 4, 8, 10, 10, 10, 10]);
  });

  test("a service's Retry-After is honoured past the backoff cap, up to an hour", () => {
    expect(retryWaitMs(6, undefined)).toBe(10 * 60000);
    expect(retryWaitMs(1, 30_000)).toBe(30_000);
    expect(retryWaitMs(1, 25 * 60000)).toBe(25 * 60000);
    expect(retryWaitMs(1, 4 * 86_400_000)).toBe(60 * 60000);
  });

  test('Retry-After in seconds or as a date; Discord retry_after with fractions wins', () => {
    expect(retryAfterMs({ 'retry-after': '30' }, now)).toBe(30000);
    expect(retryAfterMs({ 'retry-after': 'Mon, 05 Jan 2026 00:01:00 GMT' }, now)).toBe(60000);
    expect(retryAfterMs({ 'retry-after': '2' }, now, 1.234)).toBe(1234);
    expect(retryAfterMs({}, now)).toBeNull();
  });

  test('Slack Web API answers', () => {
    expect(slackApiDelivery(reply(200, { ok: true, channel: 'C1', ts: '1.2' }), now)).toMatchObject({
      kind: 'sent',
      remoteId: '1.2',
      remoteChannel: 'C1',
    });
    expect(slackApiDelivery(reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' }), now)).toEqual({
      kind: 'retry',
      reason: 'rate limited (HTTP 429, retry after 7 s)',
      ambiguous: false,
      retryAfterMs: 7000,
    });
    expect(slackApiDelivery(reply(503, '<html>'), now)).toMatchObject({ kind: 'retry', ambiguous: true });
    expect(slackApiDelivery({ failure: 'timeout' }, now)).toMatchObject({ kind: 'retry', ambiguous: true });
    expect(slackApiDelivery({ failure: 'unreachable' }, now)).toMatchObject({ kind: 'retry', ambiguous: false });
    expect(slackApiDelivery(reply(200, { ok: false, error: 'channel_not_found' }), now)).toEqual({
      kind: 'failed',
      reason: 'Slack: channel_not_found',
    });
    expect(slackApiDelivery(reply(200, { ok: false, error: 'internal_error' }), now)).toMatchObject({ kind: 'retry', ambiguous: true });
  });

  test('webhooks and response_url', () => {
    expect(slackHookDelivery(reply(200, 'ok'), now)).toEqual({ kind: 'sent' });
    expect(slackHookDelivery(reply(404, 'expired_url'), now)).toEqual({ kind: 'failed', reason: 'Slack answered HTTP 404: expired_url' });
    expect(slackHookDelivery({ failure: 'invalid' }, now)).toMatchObject({ kind: 'failed' });
  });

  test('Discord: only the created message proves it was posted', () => {
    expect(discordDelivery(reply(200, { id: '9', channel_id: '8' }), now)).toEqual({ kind: 'sent', remoteId: '9', remoteChannel: '8' });
    expect(discordDelivery(reply(429, { retry_after: 1.5, global: false }, { 'retry-after': '2' }), now)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 1500,
    });
    expect(discordDelivery(reply(400, { code: 50035, message: 'Invalid Form Body' }), now)).toEqual({
      kind: 'failed',
      reason: 'Discord answered HTTP 400: Invalid Form Body (code 50035)',
    });
    expect(discordDelivery(reply(502, 'bad gateway'), now)).toMatchObject({ kind: 'retry', ambiguous: true });
  });
});

describe('targets and submissions', () => {
  test('a rate target typed as a percentage is read as a fraction; direction from the sheet or the KPI', () => {
    const t = readTargets([
      { kpi: 'Overall Progress', target: 80, direction: '' },
      { kpi: 'code review time', target: 8, direction: 'lower' },
      { kpi: 'Unknown', target: 1, direction: '' },
      { kpi: 'Quality Score', target: null, direction: '' },
    ]);
    expect([...t.entries()]).toEqual([
      ['Overall Progress', { target: 0.8, higherIsBetter: true }],
      ['Code Review Time', { target: 8, higherIsBetter: false }],
    ]);
  });

  test('a progress form needs one field and a mood', () => {
    expect(readProgressSubmission({ done: { value: { value: ' ' } }, mood: { value: { selected_option: null } } }, 'ja')).toEqual({
      ok: false,
      errors: { done: '少なくとも 1 つの欄に記入してください', mood: '気分は 1〜5 から選んでください' },
    });
    expect(
      readProgressSubmission({ blockers: { value: { value: 'a\n\n b ' } }, mood: { value: { selected_option: { value: '4' } } } }, 'en'),
    ).toEqual({
      ok: true,
      value: { done: '', planned: '', blockers: ['a', 'b'], mood: 4 },
    });
  });
});
