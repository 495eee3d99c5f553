import { readOutbound } from '../../local/fake';
import type { TickFiring } from '../../local/app';
import { readMail } from '../../local/services/mail';
import { setScriptProperty } from '../../local/services/properties';
import { listTriggers } from '../../local/services/script';
import { newApp, type TestApp } from '../helpers/app';
import { appendRows, replaceRows } from '../helpers/sheetRows';

/**
 * A simulated week: Monday 2026-01-05 00:00 to Sunday 2026-01-11 23:59 in Tokyo, with Wednesday 2026-01-07 a
 * holiday in `Holidays`. The dispatcher's safety net and its wakes fire as Apps Script fires them; every job runs
 * from them.
 *
 * Ticking every minute of the week is 10,080 executions (about 15 ms each here: 2.5 minutes). By default the test
 * ticks each day's windows where jobs are due — 08:30–11:00, 17:00–19:30 and 23:20–23:45, about five and a half
 * hours a day, 2,275 executions — which is enough, since nothing but the hourly sync and the every-minute queues is
 * scheduled outside them; `SHINCHOKU_FULL_WEEK=1` ticks the whole week instead, with the same expectations.
 */
const FULL_WEEK = process.env['SHINCHOKU_FULL_WEEK'] === '1';
const DAYS = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11'];
const WORKDAYS = ['2026-01-05', '2026-01-06', '2026-01-08', '2026-01-09'];
const WINDOWS: Array<[string, string]> = [
  ['08:30', '11:00'],
  ['17:00', '19:30'],
  ['23:20', '23:45'],
];

const at = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);
/** An instant as the team's clock shows it: `2026-01-05 18:30`. */
const tokyo = (instant: Date | string) => new Date(new Date(instant).getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

async function team(): Promise<TestApp> {
  const t = await newApp('fake');
  expect(t.app.run('setup', { at: new Date('2026-01-04T20:00:00+09:00') }).error).toBeUndefined();
  // Setup run twice (it also writes default targets for KPIs without one: the ones below replace them).
  expect(t.app.run('setup', { at: new Date('2026-01-04T20:01:00+09:00') }).error).toBeUndefined();
  const s = t.state();
  setScriptProperty(s, 'SLACK_BOT_TOKEN', 'xoxb-test-token');
  setScriptProperty(s, 'DISCORD_WEBHOOK_URL', 'https://discord.com/api/webhooks/1/test-hook');
  appendRows(s, 'Settings', [{ Key: 'REPORT_RECIPIENTS', Value: 'boss@example.com' }]);
  appendRows(s, 'Members', [
    { Name: '田中 太郎', 'Slack User ID': 'U0000001', Active: true },
    { Name: '佐藤 花子', 'Slack User ID': 'U0000002', Active: true },
  ]);
  // Last week's figures, for the Monday email (ISO week 1 of 2026: 2025-12-29 … 2026-01-04).
  appendRows(s, 'KPI Tracking', [
    { Date: '2025-12-26', 'Overall Progress': 0.5, 'Quality Score': 3.6 },
    { Date: '2025-12-29', 'Overall Progress': 0.52, 'Quality Score': 3.8 },
    { Date: '2025-12-30', 'Overall Progress': 0.55, 'Quality Score': 3.4 },
    { Date: '2026-01-02', 'Overall Progress': 0.58, 'Quality Score': 4.1 },
  ]);
  replaceRows(s, 'Targets', [{ KPI: 'Quality Score', Target: 3.5, Direction: 'higher' }]);
  appendRows(s, 'Pull Requests', [
    {
      Repository: 'acme/app',
      Number: 3,
      Title: '年末の修正',
      Author: 'tanaka',
      Merged: '2025-12-30 11:00',
      URL: 'https://github.com/acme/app/pull/3',
    },
  ]);
  // The team's own day off, on Wednesday.
  appendRows(s, 'Holidays', [{ Date: '2026-01-07', Name: '創立記念日' }]);
  return t;
}

describe('a simulated week', () => {
  test(
    'sends exactly the expected messages at the expected times, none on the holiday or the weekend',
    async () => {
      const t = await team();
      // Setup ran twice: one safety net, and one wake at the next due minute (23:30, the KPIs). Fill holidays twice:
      // the second fill adds nothing.
      expect(listTriggers(t.state()).map((x) => [x.handlerFunction, x.schedule])).toEqual([
        ['dispatch', 'every 10 minutes'],
        // Armed WAKE_LEAD_MS (15 s) before the minute: the run waits for 23:30 if the trigger comes early.
        ['dispatchWake', 'once at 2026-01-04T14:29:45.000Z'],
      ]);
      const fill = t.app.run('fillHolidays', { at: new Date('2026-01-04T21:05:00+09:00') });
      expect(fill.value).toMatchObject({ years: [2026, 2027], kept: 0 });
      const holidays = t.sheet('Holidays');
      expect(t.app.run('fillHolidays', { at: new Date('2026-01-04T21:06:00+09:00') }).value).toMatchObject({ added: [] });
      expect(t.sheet('Holidays')).toEqual(holidays);

      // What the dispatcher ran, job by job, at which minute on the team's clock.
      const ran: string[] = [];
      const errors: string[] = [];
      const record = (f: TickFiring) => {
        if (f.result.error) errors.push(`${tokyo(f.at)} ${f.handlerFunction}: ${f.result.error.message}`);
        for (const r of (f.result.value ?? []) as Array<{ handler: string; outcome: string; message?: string; startedAt?: string }>) {
          if (r.outcome !== 'ok') errors.push(`${tokyo(f.at)} ${r.handler}: ${r.message ?? r.outcome}`);
          // When the job started: a wake that fired before its minute waited for it.
          ran.push(`${tokyo(r.startedAt ?? f.at)} ${r.handler}`);
        }
      };
      if (FULL_WEEK) {
        // Hour by hour: tick() keeps each firing's result until it returns, and a week of them would not fit in memory.
        const start = at(DAYS[0] as string, '00:00').getTime();
        for (let h = 0; h < 7 * 24; h++) t.app.tick(new Date(start + h * 3_600_000), new Date(start + (h + 1) * 3_600_000), record);
      } else {
        for (const day of DAYS) for (const [from, to] of WINDOWS) t.app.tick(at(day, from), at(day, to), record);
      }
      expect(errors).toEqual([]);
      const runsOf = (handler: string) => ran.filter((r) => r.endsWith(` ${handler}`)).map((r) => r.slice(0, 16));

      // ── The weekly report: Monday 09:00, exactly once, one email whose content matches the sheet. ──
      expect(runsOf('sendWeeklyReport')).toEqual(['2026-01-05 09:00']);
      const mail = readMail(t.state());
      expect(mail.map((m) => [tokyo(m.sentAt), m.to, m.subject])).toEqual([
        ['2026-01-05 09:00', 'boss@example.com', 'shinchoku 週次レポート - Week 1'],
      ]);
      expect(mail[0]?.body).toContain('2026 年 第 1 週（12/29 〜 1/4）');
      expect(mail[0]?.body).toContain('- 全体進捗: 58.0%（目標なし、先週比 ↗︎ +8.0pt、改善）');
      expect(mail[0]?.body).toContain('    月 52.0% | 火 55.0% | 水 — | 木 — | 金 58.0% | 土 — | 日 —');
      expect(mail[0]?.body).toContain('- 品質スコア: 4.1 / 5 ✔（目標 3.5 / 5、先週比 ↗︎ +0.5、改善）');
      expect(mail[0]?.body).toContain('  - 品質スコア: 1 日が目標未達（12/30）');
      expect(mail[0]?.body).toContain('  - acme/app#3 年末の修正 — tanaka <https://github.com/acme/app/pull/3>');

      // ── The daily summary: the dispatcher calls it at 18:30 every day; it posts on workdays only. ──
      expect(runsOf('sendDailySummary')).toEqual(DAYS.map((d) => `${d} 18:30`));
      const outbox = t.sheet('Outbox');
      const header = outbox[0] ?? [];
      const col = (name: string) => header.indexOf(name);
      const summaryRows = outbox.slice(1).filter((r) => String(r[col('Key')]).startsWith('daily-summary:'));
      expect(summaryRows.map((r) => [r[col('Key')], r[col('Destination')], r[col('Status')]])).toEqual(
        WORKDAYS.flatMap((d) => [
          [`daily-summary:${d}`, 'slack', 'sent'],
          [`daily-summary:${d}`, 'discord', 'sent'],
          [`daily-summary:${d}:details`, 'slack', 'sent'],
        ]),
      );
      // Delivered within the minute: the parent and its thread to Slack, the embed to Discord.
      const delivered = readOutbound(t.state())
        .map((r) => ({ at: tokyo(r.at), service: r.service, body: r.body as Record<string, unknown> }))
        .filter(
          (r) =>
            r.service === 'discord' ||
            String((r.body['metadata'] as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '').startsWith('daily-summary:'),
        )
        .filter(
          (r) =>
            r.service !== 'discord' ||
            String((r.body['embeds'] as Array<{ title?: string }> | undefined)?.[0]?.title ?? '').startsWith('📊 進捗サマリー'),
        );
      expect(delivered.map((d) => `${d.at} ${d.service}${d.body['thread_ts'] ? ' thread' : ''}`)).toEqual(
        WORKDAYS.flatMap((d) => [`${d} 18:30 slack`, `${d} 18:30 discord`, `${d} 18:30 slack thread`]),
      );

      // ── The chat reminders: run by the dispatcher every day at their minute, sent on workdays only. ──
      expect(runsOf('sendStandupReminder')).toEqual(DAYS.map((d) => `${d} 09:00`));
      expect(runsOf('sendProgressReminder')).toEqual(DAYS.map((d) => `${d} 18:00`));
      expect(runsOf('sendNudges')).toEqual(DAYS.map((d) => `${d} 10:30`));
      const sentKeys = (prefix: string) =>
        outbox
          .slice(1)
          .filter((r) => String(r[col('Key')]).startsWith(prefix))
          .map((r) => [String(r[col('Key')]), r[col('Status')]]);
      expect(sentKeys('standup:')).toEqual(WORKDAYS.map((d) => [`standup:${d}`, 'sent']));
      expect(sentKeys('progress-reminder:')).toEqual(WORKDAYS.map((d) => [`progress-reminder:${d}`, 'sent']));
      expect(sentKeys('discord-dashboard:')).toEqual(WORKDAYS.map((d) => [`discord-dashboard:${d}`, 'sent']));
      // The standup reminder reached Slack at 09:00 on each workday, with its two buttons.
      const standups = readOutbound(t.state()).filter((r) =>
        String((r.body as { metadata?: { event_payload?: { key?: string } } } | undefined)?.metadata?.event_payload?.key ?? '').startsWith(
          'standup:',
        ),
      );
      expect(standups.map((r) => tokyo(r.at))).toEqual(WORKDAYS.map((d) => `${d} 09:00`));
      expect(JSON.stringify(standups[0]?.body)).toContain('report_progress');
      expect(JSON.stringify(standups[0]?.body)).toContain('report_blocker');

      // ── Nothing was queued for the holiday or the weekend. ──
      const offDays = ['2026-01-07', '2026-01-10', '2026-01-11'];
      expect(outbox.slice(1).filter((r) => offDays.some((d) => String(r[col('Key')]).includes(d)))).toEqual([]);
    },
    FULL_WEEK ? 600_000 : 180_000,
  );
});
