import { raiseAlerts, recordedAlertTexts, type AlertDeps } from '../../src/app/alerts';
import type { ChatMessage } from '../../src/domain/chat/outbox';
import { findAlerts, pruneFired, type FiredAlert } from '../../src/domain/kpi/alerts';
import type { KpiValues } from '../../src/domain/kpi/fields';
import type { OutgoingMail } from '../../src/platform/mail';

const thresholds = { taskCompletionBelow: 0.8, satisfactionBelow: 4, blockersAbove: 3, errorRateAbove: 0.05 };
const values: KpiValues = {
  overallProgress: 0.5,
  taskCompletionRate: 0.72,
  qualityScore: 4,
  teamSatisfaction: 3.6,
  blockersCount: 4,
  codeReviewTime: 5,
  deploySuccessRate: 1,
};

function deps(over: Partial<AlertDeps> = {}) {
  const sent: ChatMessage[] = [];
  const mails: OutgoingMail[] = [];
  let fired: FiredAlert[] = [];
  let quota = 100;
  const d: AlertDeps = {
    day: '2026-01-05',
    values,
    reports: 5,
    thresholds,
    errorRate: null,
    language: 'ja',
    channel: '#progress',
    managers: ['boss@example.com'],
    outbox: { enqueue: (m) => sent.push(...m) },
    mailer: { remainingQuota: () => quota, send: (m) => mails.push(m) },
    fired: { read: () => fired, write: (f) => (fired = f) },
    ...over,
  };
  return { d, sent, mails, fired: () => fired, setQuota: (n: number) => (quota = n) };
}

describe('alert rules', () => {
  test("the seed's rules with their thresholds; the error rate only once a source gives one", () => {
    expect(findAlerts(values, thresholds).map((f) => f.rule)).toEqual(['taskCompletion', 'satisfaction', 'blockers']);
    expect(findAlerts({ ...values, taskCompletionRate: 0.8, teamSatisfaction: 4, blockersCount: 3 }, thresholds)).toEqual([]);
    expect(
      findAlerts({ ...values, taskCompletionRate: null, teamSatisfaction: null, blockersCount: null }, thresholds, 0.06).map((f) => f.rule),
    ).toEqual(['errorRate']);
  });

  test('each rule fires once a day per value: chat through the outbox, the satisfaction drop also by email', () => {
    const t = deps();
    const first = raiseAlerts(t.d);
    expect(first.raised.map((r) => `${r.rule}/${r.via}`)).toEqual([
      'taskCompletion/chat',
      'satisfaction/chat',
      'satisfaction/email',
      'blockers/chat',
    ]);
    expect(t.sent.map((m) => m.dedupeKey)).toEqual([
      'kpi-alert:taskCompletion:team:2026-01-05:72.0%',
      'kpi-alert:satisfaction:team:2026-01-05:3.6',
      'kpi-alert:blockers:team:2026-01-05:4',
    ]);
    expect(t.sent[0]?.slack).toMatchObject({
      channel: '#progress',
      text: '⚠️ shinchoku アラート（2026-01-05）\nタスク完了率 72.0% が基準 80.0% を下回っています',
    });
    expect(t.sent[2]?.discord?.content).toContain('未解決のブロッカーが 4 件あります（基準 3 件）');
    expect(t.mails).toHaveLength(1);
    expect(t.mails[0]).toMatchObject({ to: ['boss@example.com'], subject: '[shinchoku] チーム満足度が低下しています（2026-01-05）' });
    expect(t.mails[0]?.html).toContain('3.6 / 5');

    const again = raiseAlerts(t.d);
    expect(again).toEqual({ raised: [], repeated: 4, unsent: 0 });
    expect(t.sent).toHaveLength(3);
    expect(t.mails).toHaveLength(1);
    // A difference below what the alert shows is the same alert.
    expect(raiseAlerts({ ...t.d, values: { ...values, taskCompletionRate: 0.72004 } }).raised).toEqual([]);
    // The next day is a new day.
    expect(raiseAlerts({ ...t.d, day: '2026-01-06' }).raised).toHaveLength(4);
  });

  test("an early computation does not stand for the day: the day's real figure is alerted too, and reported", () => {
    const t = deps({ managers: [] });
    // In the morning nothing is done yet: 0 % task completion breaks the rule.
    const morning = raiseAlerts({ ...t.d, values: { ...values, taskCompletionRate: 0, teamSatisfaction: 4.5, blockersCount: 0 } });
    expect(morning.raised.map((r) => r.text)).toEqual(['タスク完了率 0.0% が基準 80.0% を下回っています']);
    // In the evening 72 % still breaks it: that is the alert people need, not "repeated".
    const evening = raiseAlerts({ ...t.d, values: { ...values, teamSatisfaction: 4.5, blockersCount: 0 } });
    expect(evening).toEqual({
      raised: [{ rule: 'taskCompletion', via: 'chat', text: 'タスク完了率 72.0% が基準 80.0% を下回っています' }],
      repeated: 0,
      unsent: 0,
    });
    expect(t.sent.map((m) => m.dedupeKey)).toEqual([
      'kpi-alert:taskCompletion:team:2026-01-05:0.0%',
      'kpi-alert:taskCompletion:team:2026-01-05:72.0%',
    ]);
    // The summary and the weekly report show the day's latest figure once.
    expect(recordedAlertTexts(t.fired(), ['2026-01-05'])).toEqual(['タスク完了率 72.0% が基準 80.0% を下回っています']);
    // A record kept before values were part of the key still counts as sent: an upgrade repeats nothing.
    const old = deps({ managers: [] });
    old.d.fired.write([{ day: '2026-01-05', rule: 'taskCompletion', subject: 'team', via: 'chat', text: 'old' }]);
    expect(raiseAlerts({ ...old.d, values: { ...values, teamSatisfaction: 4.5, blockersCount: 0 } })).toMatchObject({ raised: [], repeated: 1 });
  });

  test('a satisfaction from a snapshot, not from reports: the email gives no report count', () => {
    const t = deps({ reports: null });
    raiseAlerts(t.d);
    expect(t.mails[0]?.text).toContain('3.6 / 5');
    expect(t.mails[0]?.text).not.toContain('日報の数');
  });

  test('English with LANGUAGE=en; no managers, no email', () => {
    const t = deps({ language: 'en', managers: [] });
    const run = raiseAlerts(t.d);
    expect(run.raised.map((r) => r.text)).toEqual([
      'Task completion rate 72.0% is below 80.0%',
      'Team satisfaction 3.6 is below 4.0',
      '4 open blockers, more than 3',
    ]);
    expect(t.mails).toEqual([]);
  });

  test('without chat configured nothing is marked, so a later run still sends; a short email quota sends no email and says so', () => {
    const t = deps({ outbox: null });
    t.setQuota(0);
    expect(() => raiseAlerts(t.d)).toThrow("the satisfaction alert was not emailed: 1 recipient(s), but only 0 email(s) are left in today's quota");
    expect(t.fired()).toEqual([]);
    expect(t.mails).toEqual([]);
  });

  test('what fired is kept two weeks, and the reports read it back', () => {
    const fired: FiredAlert[] = [
      { day: '2025-12-20', rule: 'blockers', subject: 'team', via: 'chat', text: 'old' },
      { day: '2026-01-05', rule: 'satisfaction', subject: 'team', via: 'chat', text: 'satisfaction low' },
      { day: '2026-01-05', rule: 'satisfaction', subject: 'team', via: 'email', text: 'satisfaction low' },
      { day: '2026-01-06', rule: 'blockers', subject: 'team', via: 'chat', text: 'blockers' },
    ];
    expect(pruneFired(fired, '2026-01-06', '2025-12-24').map((f) => f.day)).toEqual(['2026-01-05', '2026-01-05', '2026-01-06']);
    expect(recordedAlertTexts(fired, ['2026-01-05'])).toEqual(['satisfaction low']);
    expect(recordedAlertTexts(fired, ['2026-01-05', '2026-01-06'])).toEqual(['2026-01-05: satisfaction low', '2026-01-06: blockers']);
  });
});
