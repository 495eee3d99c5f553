import type { Language } from '../messages';
import { escapeHtml } from '../html';
import type { KpiValues } from './fields';
import { kpiText } from './messages';

/**
 * Alert rules over the day's KPIs, with thresholds from Settings. A finding is raised once per day, subject,
 * delivery (Slack/Discord through the outbox, and the managers' email for a satisfaction drop) and value as shown:
 * what fired is remembered, so recomputing the day, the menu and the trigger both running, or a snapshot posted
 * again sends nothing twice. The value is part of it because a day is computed more than once: a morning recompute
 * that saw 0 % task completion must not stand as the day's only alert when the evening's figure, 72 %, breaks the
 * rule too — people act on the number they are shown, so a different number is a new alert.
 */

export type AlertRule = 'taskCompletion' | 'satisfaction' | 'blockers' | 'errorRate';
export type AlertVia = 'chat' | 'email';

export interface Thresholds {
  taskCompletionBelow: number;
  satisfactionBelow: number;
  blockersAbove: number;
  errorRateAbove: number;
}

export interface Finding {
  rule: AlertRule;
  /** What the alert is about; the team's KPIs are about the team. */
  subject: string;
  value: number;
  threshold: number;
}

export interface FiredAlert {
  day: string;
  rule: AlertRule;
  subject: string;
  via: AlertVia;
  text: string;
  /** The value as the alert showed it; absent in records kept before it was part of the key (they match any). */
  shown?: string;
}

export const TEAM = 'team';

/**
 * The rules that hold on the day's values. The error rate comes from `Service Health` (New Relic or Datadog, the
 * worst of those connected); it is null, and checks nothing, while no monitoring service reported today.
 */
export function findAlerts(values: KpiValues, thresholds: Thresholds, errorRate: number | null = null): Finding[] {
  const out: Finding[] = [];
  if (values.taskCompletionRate !== null && values.taskCompletionRate < thresholds.taskCompletionBelow) {
    out.push({ rule: 'taskCompletion', subject: TEAM, value: values.taskCompletionRate, threshold: thresholds.taskCompletionBelow });
  }
  if (values.teamSatisfaction !== null && values.teamSatisfaction < thresholds.satisfactionBelow) {
    out.push({ rule: 'satisfaction', subject: TEAM, value: values.teamSatisfaction, threshold: thresholds.satisfactionBelow });
  }
  if (values.blockersCount !== null && values.blockersCount > thresholds.blockersAbove) {
    out.push({ rule: 'blockers', subject: TEAM, value: values.blockersCount, threshold: thresholds.blockersAbove });
  }
  if (errorRate !== null && errorRate > thresholds.errorRateAbove) {
    out.push({ rule: 'errorRate', subject: TEAM, value: errorRate, threshold: thresholds.errorRateAbove });
  }
  return out;
}

/** The deliveries a finding gets: every alert goes to chat; a satisfaction drop and an error-rate rise also to the managers. */
export function deliveriesOf(finding: Finding, hasManagers: boolean): AlertVia[] {
  return (finding.rule === 'satisfaction' || finding.rule === 'errorRate') && hasManagers ? ['chat', 'email'] : ['chat'];
}

export function firedKey(day: string, rule: AlertRule, subject: string, via: AlertVia): string {
  return `${day}|${rule}|${subject}|${via}`;
}

export function alreadyFired(fired: readonly FiredAlert[], day: string, finding: Finding, via: AlertVia): boolean {
  const key = firedKey(day, finding.rule, finding.subject, via);
  const value = shownValue(finding);
  return fired.some((f) => firedKey(f.day, f.rule, f.subject, f.via) === key && (f.shown === undefined || f.shown === value));
}

/** Keeps the log small (Script Properties hold 9 KB a value): the last two weeks are enough for the reports. */
export function pruneFired(fired: readonly FiredAlert[], today: string, keepFrom: string, max = 60): FiredAlert[] {
  return fired.filter((f) => f.day >= keepFrom && f.day <= today).slice(-max);
}

export function parseFired(text: string | undefined): FiredAlert[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed)
      ? (parsed.filter((f) => f && typeof f === 'object' && typeof (f as FiredAlert).day === 'string') as FiredAlert[])
      : [];
  } catch {
    return [];
  }
}

/** The finding's value as its alert shows it: rounding noise below what is shown raises nothing new. */
export function shownValue(finding: Finding): string {
  return shown(finding.rule, finding.value);
}

function shown(rule: AlertRule, value: number): string {
  switch (rule) {
    case 'taskCompletion':
    case 'errorRate':
      return `${(value * 100).toFixed(1)}%`;
    case 'satisfaction':
      return value.toFixed(1);
    case 'blockers':
      return String(Math.round(value));
  }
}

const TEXT_ID = {
  taskCompletion: 'alertTaskCompletion',
  satisfaction: 'alertSatisfaction',
  blockers: 'alertBlockers',
  errorRate: 'alertErrorRate',
} as const;

/** One line, in the team's language: `タスク完了率 72.0% が基準 80.0% を下回っています`. */
export function alertText(finding: Finding, language: Language): string {
  return kpiText(TEXT_ID[finding.rule], language, { value: shown(finding.rule, finding.value), threshold: shown(finding.rule, finding.threshold) });
}

/** Slack and Discord parts of an alert (plain data; the outbox adds the dedupe key). */
export function alertChat(
  finding: Finding,
  day: string,
  channel: string,
  language: Language,
): { slack: { channel: string; text: string; blocks: unknown[] }; discord: { content: string } } {
  const title = kpiText('alertTitle', language, { day });
  const line = alertText(finding, language);
  const hint = kpiText('alertSheetHint', language);
  // Nothing here comes from a person, but mrkdwn still gets only escaped text.
  const mrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    slack: {
      channel,
      text: `${title}\n${line}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${mrkdwn(title)}*\n${mrkdwn(line)}` } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn(hint) }] },
      ],
    },
    discord: { content: `**${title}**\n${line}\n${hint}` },
  };
}

export function alertDedupeKey(day: string, finding: Finding): string {
  return `kpi-alert:${finding.rule}:${finding.subject}:${day}:${shownValue(finding)}`;
}

/**
 * The managers' email for a satisfaction drop: plain text and HTML, every value escaped. `reports` is null when
 * the value came in a KPI snapshot rather than from the day's reports.
 */
export function satisfactionEmail(
  finding: Finding,
  day: string,
  reports: number | null,
  language: Language,
): { subject: string; text: string; html: string } {
  const subject = kpiText('emailSatisfactionSubject', language, { day });
  const intro = kpiText('emailSatisfactionIntro', language, { day });
  const rows: Array<[string, string]> = [
    [kpiText('emailValue', language), `${finding.value.toFixed(1)} / 5`],
    [kpiText('emailThreshold', language), finding.threshold.toFixed(1)],
  ];
  if (reports !== null) rows.push([kpiText('emailReports', language), String(reports)]);
  const outro = kpiText('emailOutro', language);
  return figuresEmail(subject, intro, rows, outro);
}

/**
 * The managers' email for an error rate above the threshold, with the figures of each monitoring service that
 * reported the day (`Service Health`); every value escaped.
 */
export function errorRateEmail(
  finding: Finding,
  day: string,
  services: ReadonlyArray<{ service: string; errorCount: number | null; requestCount: number | null; errorRate: number | null }>,
  language: Language,
): { subject: string; text: string; html: string } {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const subject = kpiText('emailErrorRateSubject', language, { day, value: pct(finding.value) });
  const intro = kpiText('emailErrorRateIntro', language, { day });
  const rows: Array<[string, string]> = [
    [kpiText('emailErrorRateValue', language), pct(finding.value)],
    [kpiText('emailThreshold', language), pct(finding.threshold)],
    ...services.map((s): [string, string] => [
      s.service,
      `${s.errorRate === null ? '—' : pct(s.errorRate)} (${s.errorCount ?? '—'} / ${s.requestCount ?? '—'})`,
    ]),
  ];
  const outro = kpiText('emailErrorRateOutro', language);
  return figuresEmail(subject, intro, rows, outro);
}

/** A managers' alert email: an intro, label/value rows and a closing line, as plain text and as escaped HTML. */
function figuresEmail(subject: string, intro: string, rows: ReadonlyArray<[string, string]>, outro: string) {
  const text = [intro, '', ...rows.map(([k, v]) => `${k}: ${v}`), '', outro].join('\n');
  const html =
    `<p>${escapeHtml(intro)}</p>` +
    `<table role="presentation" cellpadding="4" cellspacing="0" style="border-collapse:collapse">` +
    rows.map(([k, v]) => `<tr><td style="color:#5f6368">${escapeHtml(k)}</td><td style="font-weight:bold">${escapeHtml(v)}</td></tr>`).join('') +
    `</table><p style="color:#5f6368">${escapeHtml(outro)}</p>`;
  return { subject, text, html };
}
