import { addDays } from '../domain/kpi/days';
import type { KpiValues } from '../domain/kpi/fields';
import {
  alertChat,
  alertDedupeKey,
  alertText,
  alreadyFired,
  deliveriesOf,
  errorRateEmail,
  findAlerts,
  pruneFired,
  satisfactionEmail,
  shownValue,
  type AlertVia,
  type FiredAlert,
  type Thresholds,
} from '../domain/kpi/alerts';
import type { Language } from '../domain/messages';
import type { Mailer } from '../platform/mail';
import type { ChatMessage, Outbox } from '../domain/chat/outbox';

export interface FiredStore {
  read(): FiredAlert[];
  write(fired: FiredAlert[]): void;
}

export interface AlertDeps {
  day: string;
  values: KpiValues;
  /** How many daily reports the satisfaction is the mean of (said in the managers' email); null for a snapshot. */
  reports: number | null;
  thresholds: Thresholds;
  /** The day's worst error rate in `Service Health`; null while no monitoring service reported the day. */
  errorRate: number | null;
  /** Each monitoring service's figures of the day, for the error-rate email. */
  serviceHealth?: ReadonlyArray<{ service: string; errorCount: number | null; requestCount: number | null; errorRate: number | null }>;
  language: Language;
  channel: string;
  managers: readonly string[];
  /** Null until chat is configured: chat alerts then wait, unsent and not marked, for a later run that can send. */
  outbox: Outbox | null;
  mailer: Mailer;
  fired: FiredStore;
}

export interface AlertRun {
  raised: Array<{ rule: string; via: AlertVia; text: string }>;
  /** Findings already sent today with the same value (a rule fires once a day per subject and value shown). */
  repeated: number;
  /** Chat alerts not sent because no outbox was given. */
  unsent: number;
}

/** An alert still unsent a day after it was raised (a chat outage) is stale: it expires rather than go out late. */
const ALERT_MAX_AGE_MS = 24 * 3_600_000;

/** Kept for the daily summary and the weekly report: two weeks. */
const KEEP_DAYS = 14;

/**
 * Raises the day's alerts: each rule once a day per subject, delivery and value shown (src/domain/kpi/alerts.ts). What fired is written down
 * before this returns; a message goes through the outbox (durable, deduplicated by key) and an email is sent only
 * when today's quota covers every manager, else nothing is mailed and the error says why.
 */
export function raiseAlerts(deps: AlertDeps): AlertRun {
  const run: AlertRun = { raised: [], repeated: 0, unsent: 0 };
  const fired = deps.fired.read();
  const findings = findAlerts(deps.values, deps.thresholds, deps.errorRate);
  const messages: ChatMessage[] = [];
  const newly: FiredAlert[] = [];
  let mailProblem: string | null = null;
  for (const finding of findings) {
    const text = alertText(finding, deps.language);
    for (const via of deliveriesOf(finding, deps.managers.length > 0)) {
      if (alreadyFired(fired, deps.day, finding, via)) {
        run.repeated++;
        continue;
      }
      if (via === 'chat') {
        if (!deps.outbox) {
          run.unsent++;
          continue;
        }
        const chat = alertChat(finding, deps.day, deps.channel, deps.language);
        messages.push({ dedupeKey: alertDedupeKey(deps.day, finding), ...chat, maxAgeMs: ALERT_MAX_AGE_MS });
      } else {
        const left = deps.mailer.remainingQuota();
        if (left < deps.managers.length) {
          const what = finding.rule === 'errorRate' ? 'error-rate' : 'satisfaction';
          mailProblem = `the ${what} alert was not emailed: ${deps.managers.length} recipient(s), but only ${left} email(s) are left in today's quota`;
          continue;
        }
        const mail =
          finding.rule === 'errorRate'
            ? errorRateEmail(finding, deps.day, deps.serviceHealth ?? [], deps.language)
            : satisfactionEmail(finding, deps.day, deps.reports, deps.language);
        deps.mailer.send({ to: deps.managers, subject: mail.subject, text: mail.text, html: mail.html, name: 'shinchoku' });
      }
      newly.push({ day: deps.day, rule: finding.rule, subject: finding.subject, via, text, shown: shownValue(finding) });
      run.raised.push({ rule: finding.rule, via, text });
    }
  }
  if (messages.length > 0 && deps.outbox) deps.outbox.enqueue(messages);
  if (newly.length > 0) deps.fired.write(pruneFired([...fired, ...newly], deps.day, addDays(deps.day, 1 - KEEP_DAYS)));
  if (mailProblem) throw new Error(mailProblem);
  return run;
}

/**
 * The alerts the KPI job recorded on these days, when it recorded any. It runs at 23:30, after the 18:30 summary:
 * until then a day has none recorded, and null says "the KPIs off target stand in".
 */
export function recordedAlertsOrNone(fired: readonly FiredAlert[], days: readonly string[]): string[] | null {
  const recorded = recordedAlertTexts(fired, days);
  return recorded.length > 0 ? recorded : null;
}

/**
 * The alert texts raised on the given days, for the daily summary and the weekly report: one per day, rule and
 * subject, the latest raised (an alert raised again with a new value replaces the earlier figure).
 */
export function recordedAlertTexts(fired: readonly FiredAlert[], days: readonly string[]): string[] {
  const wanted = new Set(days);
  const latest = new Map<string, string>();
  for (const f of fired) {
    if (!wanted.has(f.day)) continue;
    const key = `${f.day}|${f.rule}|${f.subject}`;
    latest.set(key, days.length > 1 ? `${f.day}: ${f.text}` : f.text);
  }
  return [...latest.values()];
}
