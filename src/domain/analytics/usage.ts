import { escapeHtml } from '../html';
import { catalog, type Language } from '../messages';

/**
 * The product-usage part of the daily summary and the weekly report, from `Analytics`: average daily active users,
 * engagement rate (weighted by active users) and key events, each against the period before. Self-contained — one
 * heading and its lines — so each report places it as a section of its own.
 */
export const usageText = catalog({
  heading: { ja: '📈 プロダクト利用状況（{start}〜{end}）', en: '📈 Product usage ({start} – {end})' },
  activeUsers: { ja: 'アクティブユーザー（日平均）: {value}{change}', en: 'Active users (daily average): {value}{change}' },
  engagement: { ja: 'エンゲージメント率: {value}{change}', en: 'Engagement rate: {value}{change}' },
  keyEvent: { ja: 'キーイベント {name}: {value}{change}', en: 'Key event {name}: {value}{change}' },
  versus: { ja: '（前週比 {change}）', en: ' (vs previous week: {change})' },
  processing: { ja: '※ 直近 2 日分は GA4 で集計中のため変わることがあります', en: 'The last 2 days are still being processed by GA4 and may change' },
});

export interface AnalyticsDay {
  day: string;
  dimension: string;
  activeUsers: number | null;
  engagementRate: number | null;
  keyEvents: number | null;
  eventCount: number | null;
  status: string;
}

export interface UsageFigures {
  start: string;
  end: string;
  activeUsers: number | null;
  engagementRate: number | null;
  keyEvents: Array<{ name: string; count: number }>;
  previous: { activeUsers: number | null; engagementRate: number | null; keyEvents: Record<string, number> };
  processing: boolean;
}

function figuresOf(rows: readonly AnalyticsDay[], days: ReadonlySet<string>) {
  const usage = rows.filter((r) => days.has(r.day) && r.dimension.startsWith('newVsReturning:'));
  const perDay = new Map<string, number>();
  let weighted = 0;
  let users = 0;
  for (const r of usage) {
    if (r.activeUsers === null) continue;
    perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.activeUsers);
    if (r.engagementRate !== null) {
      weighted += r.engagementRate * r.activeUsers;
      users += r.activeUsers;
    }
  }
  const totals = [...perDay.values()];
  const keyEvents: Record<string, number> = {};
  for (const r of rows) {
    if (!days.has(r.day) || !r.dimension.startsWith('eventName:')) continue;
    const name = r.dimension.slice('eventName:'.length);
    keyEvents[name] = (keyEvents[name] ?? 0) + (r.keyEvents ?? r.eventCount ?? 0);
  }
  return {
    activeUsers: totals.length > 0 ? Math.round(totals.reduce((a, b) => a + b, 0) / totals.length) : null,
    engagementRate: users > 0 ? weighted / users : null,
    keyEvents,
    processing: rows.some((r) => days.has(r.day) && r.status === 'processing'),
  };
}

/** The period's figures against the one before it (same length); null when `Analytics` has nothing for either. */
export function usageFigures(rows: readonly AnalyticsDay[], period: readonly string[], before: readonly string[]): UsageFigures | null {
  const now = figuresOf(rows, new Set(period));
  const prev = figuresOf(rows, new Set(before));
  if (now.activeUsers === null && Object.keys(now.keyEvents).length === 0 && prev.activeUsers === null) return null;
  return {
    start: period[0] ?? '',
    end: period[period.length - 1] ?? '',
    activeUsers: now.activeUsers,
    engagementRate: now.engagementRate,
    keyEvents: Object.entries(now.keyEvents)
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1)),
    previous: { activeUsers: prev.activeUsers, engagementRate: prev.engagementRate, keyEvents: prev.keyEvents },
    processing: now.processing,
  };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function change(now: number | null, before: number | null | undefined, kind: 'count' | 'rate', language: Language): string {
  if (now === null || before === null || before === undefined) return '';
  let text: string;
  if (kind === 'rate') {
    const points = (now - before) * 100;
    text = `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}pt`;
  } else if (before === 0) {
    text = now === 0 ? '±0' : `+${now}`;
  } else {
    const ratio = ((now - before) / before) * 100;
    text = `${ratio >= 0 ? '+' : '−'}${Math.abs(ratio).toFixed(0)}%`;
  }
  return usageText('versus', language, { change: text });
}

/** Heading and lines, as plain text (the chat and email builders escape them for their own formats). */
export function usageLines(f: UsageFigures, language: Language): { heading: string; lines: string[] } {
  const short = (d: string) => d.slice(5).replace('-', '/');
  const lines = [
    usageText('activeUsers', language, {
      value: f.activeUsers === null ? '—' : f.activeUsers.toLocaleString('en-US'),
      change: change(f.activeUsers, f.previous.activeUsers, 'count', language),
    }),
    usageText('engagement', language, {
      value: f.engagementRate === null ? '—' : pct(f.engagementRate),
      change: change(f.engagementRate, f.previous.engagementRate, 'rate', language),
    }),
    ...f.keyEvents.map((e) =>
      usageText('keyEvent', language, {
        name: e.name,
        value: String(e.count),
        change: change(e.count, f.previous.keyEvents[e.name] ?? 0, 'count', language),
      }),
    ),
  ];
  if (f.processing) lines.push(usageText('processing', language));
  return { heading: usageText('heading', language, { start: short(f.start), end: short(f.end) }), lines };
}

/** The email's section: a title row and one line each, escaped. */
export function usageHtml(f: UsageFigures, language: Language, color: { brand: string; ink: string }): string {
  const { heading, lines } = usageLines(f, language);
  return (
    `<div style="font-size:17px;font-weight:bold;color:${color.brand};padding:0 0 10px 0;border-bottom:2px solid ${color.brand}">${escapeHtml(heading)}</div>` +
    `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 0 0">` +
    lines.map((l) => `<tr><td style="font-size:14px;line-height:20px;color:${color.ink};padding:1px 0">${escapeHtml(l)}</td></tr>`).join('') +
    `</table>`
  );
}
