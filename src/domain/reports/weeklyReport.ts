import { usageHtml, usageLines, type UsageFigures } from '../analytics/usage';
import type { KpiKey, KpiRow, KpiTargets } from '../chat/kpi';
import { doraReportHtml, doraReportLines, doraReportNote, doraReportTitle, hasDoraLevels, type DoraWeek } from '../code/doraReport';
import { escapeHtml } from '../html';
import { memberText } from '../members/messages';
import { participationHtml, participationLines, type MemberWeek } from '../members/participation';
import type { Language } from '../messages';
import type { BlockerItem, MergedPr } from './dailySummary';
import { barChartHtml, type Bar } from './emailChart';
import { formatValue, kpiChange, kpiStatuses, verdictText, type KpiChange, type KpiStatus } from './kpis';
import { reportText, weekdayName } from './messages';
import { safeUrl } from './text';

/** The week as the sheet has it, gathered by the use case. */
export interface WeeklyReportData {
  week: {
    year: number;
    /** ISO week number. */
    number: number;
    /** The seven days, Monday first, yyyy-MM-dd. */
    days: readonly string[];
  };
  /** `KPI Tracking` rows of the week, and the last row before it (the change on the week is measured from it). */
  kpiRows: readonly KpiRow[];
  beforeWeek: KpiRow | null;
  targets: KpiTargets;
  /** The week's row of `Weekly` (the sheet's rollup), when it has one. */
  weekly: { avgProgress: number | null; avgQuality: number | null; totalBlockers: number | null; trend: string } | null;
  merged: readonly MergedPr[];
  completedTasks: ReadonlyArray<{ id: string; title: string; owner: string; project: string }>;
  resolvedBlockers: ReadonlyArray<{ description: string; member: string }>;
  oldBlockers: readonly BlockerItem[];
  blockerAgeDays: number;
  /** Alerts recorded during the week; when null, each KPI's days under target stand in. */
  alerts: readonly string[] | null;
  sheetUrl: string | null;
  /** Product usage from GA4 (`Analytics`) for the week against the one before; absent or null without GA4. */
  productUsage?: UsageFigures | null;
  /** When it was made, on the team's clock (yyyy-MM-dd HH:mm). */
  generatedAt: string;
  /** Each member's reported days ÷ working days present (issue 18); absent: the section is left out. */
  participation?: readonly MemberWeek[];
  /** DORA performance level per key over the four weeks to the week's end (issue 13); absent or empty: left out. */
  dora?: DoraWeek | null;
}

export interface WeeklyReport {
  subject: string;
  html: string;
  text: string;
}

/** Items a list shows before "…他 N 件": an email can be longer than a chat message, but not endless. */
const LIST_MAX = 15;

const COLOR = {
  page: '#f1f4f8',
  card: '#ffffff',
  border: '#dfe4ea',
  ink: '#1f2933',
  muted: '#5f6b7a',
  brand: '#1f3a5f',
  brandText: '#dbe5f1',
  good: '#1e8e3e',
  bad: '#d93025',
  link: '#1a73e8',
  met: '#34a853',
  missed: '#f29900',
  plain: '#4285f4',
  empty: '#dadce0',
  warnBg: '#fef7e0',
} as const;

const FONT = "font-family:'Hiragino Kaku Gothic ProN','Hiragino Sans','Noto Sans JP',Meiryo,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export interface KpiCard {
  status: KpiStatus;
  bars: Bar[];
  /** The days under target, as M/D. */
  daysUnder: string[];
}

export function weeklyReport(data: WeeklyReportData, language: Language): WeeklyReport {
  const subject = reportText('weeklySubject', language, { week: data.week.number });
  const first = data.week.days[0] ?? '';
  const last = data.week.days[data.week.days.length - 1] ?? '';
  const period = reportText('weeklyPeriod', language, {
    year: data.week.year,
    week: data.week.number,
    start: shortDate(first),
    end: shortDate(last),
  });
  const cards = kpiCards(data, language);
  const underTarget = cards.filter((c) => c.status.met === false);
  const alerts = weeklyAlerts(data, cards, language);

  const html = [
    `<div style="background-color:${COLOR.page};padding:24px 8px;${FONT}">`,
    `<table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" style="width:600px;max-width:600px;background-color:${COLOR.card};border:1px solid ${COLOR.border};border-collapse:collapse">`,
    row(
      `<td style="background-color:${COLOR.brand};padding:18px 28px">` +
        `<div style="font-size:12px;letter-spacing:2px;color:${COLOR.brandText}">SHINCHOKU</div>` +
        `<div style="font-size:24px;font-weight:bold;color:#ffffff;padding:4px 0 2px 0">${escapeHtml(reportText('weeklyTitle', language))}</div>` +
        `<div style="font-size:14px;color:${COLOR.brandText}">${escapeHtml(period)}</div>` +
        `</td>`,
    ),
    row(`<td style="padding:20px 22px 0 22px">${sectionTitle(reportText('weeklyKpis', language))}${cardsHtml(cards, data, language)}</td>`),
    row(
      `<td style="padding:14px 28px 0 28px">${sectionTitle(reportText('weeklyAchievements', language))}` +
        listHtml(reportText('weeklyMerged', language, { count: data.merged.length }), data.merged.map(prHtml), language) +
        listHtml(
          reportText('weeklyTasks', language, { count: data.completedTasks.length }),
          data.completedTasks.map((t) => taskHtml(t)),
          language,
        ) +
        listHtml(
          reportText('weeklyResolved', language, { count: data.resolvedBlockers.length }),
          data.resolvedBlockers.map((b) => blockerHtml(b.description, b.member, null, language)),
          language,
        ) +
        `</td>`,
    ),
    ...(data.productUsage ? [row(`<td style="padding:18px 28px 0 28px">${usageHtml(data.productUsage, language, COLOR)}</td>`)] : []),
    ...(hasDoraLevels(data.dora) ? [row(`<td style="padding:6px 28px 0 28px">${doraReportHtml(data.dora, language, COLOR)}</td>`)] : []),
    row(
      `<td style="padding:18px 28px 0 28px">${sectionTitle(reportText('weeklyAttention', language))}${attentionHtml(underTarget, data, alerts, language)}</td>`,
    ),
    data.participation ? row(`<td style="padding:18px 28px 0 28px">${participationHtml(data.participation, language)}</td>`) : '',
    sheetButton(data.sheetUrl, language),
    row(
      `<td style="padding:16px 28px 22px 28px;border-top:1px solid ${COLOR.border}"><div style="font-size:11px;line-height:16px;color:${COLOR.muted}">${escapeHtml(reportText('weeklyFooter', language, { time: data.generatedAt }))}</div></td>`,
    ),
    `</table>`,
    `</div>`,
  ].join('\n');

  const text = plainText(data, cards, underTarget, alerts, subject, period, language);
  return { subject, html, text };
}

function row(cell: string): string {
  return `<tr>${cell}</tr>`;
}

function sectionTitle(title: string): string {
  return `<div style="font-size:17px;font-weight:bold;color:${COLOR.brand};padding:0 0 10px 0;border-bottom:2px solid ${COLOR.brand}">${escapeHtml(title)}</div>`;
}

function shortDate(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}/${Number(m[2])}` : date;
}

/** The week's alert lines: those the alerts sheet recorded, or else one per KPI that was under target some days. */
export function weeklyAlerts(data: WeeklyReportData, cards: readonly KpiCard[], language: Language): readonly string[] {
  return (
    data.alerts ??
    cards
      .filter((c) => c.daysUnder.length > 0)
      .map((c) => reportText('weeklyAlertLine', language, { name: c.status.label, days: c.daysUnder.length, dates: c.daysUnder.join(', ') }))
  );
}

export function kpiCards(data: WeeklyReportData, language: Language): KpiCard[] {
  const byDate = new Map(data.kpiRows.map((r) => [r.date, r] as const));
  const latestIn = (key: KpiKey) => {
    for (let i = data.week.days.length - 1; i >= 0; i--) {
      const r = byDate.get(data.week.days[i] ?? '');
      if (r && r[key] !== null) return r;
    }
    return null;
  };
  // Statuses from the latest value of each KPI in the week, compared with the last value before the week (or,
  // without one, the week's first).
  const base = kpiStatuses(null, null, data.targets, language);
  return base.map((empty) => {
    const key = empty.field.key;
    const latest = latestIn(key);
    const firstInWeek = data.week.days.map((d) => byDate.get(d)).find((r) => r && r[key] !== null) ?? null;
    const earlier = data.beforeWeek && data.beforeWeek[key] !== null ? data.beforeWeek : firstInWeek !== latest ? firstInWeek : null;
    const status = kpiStatuses(latest, earlier, data.targets, language).find((s) => s.field.key === key) ?? empty;
    const target = data.targets.get(empty.field.header);
    const bars: Bar[] = data.week.days.map((day, i) => {
      const value = byDate.get(day)?.[key] ?? null;
      const met = value === null || !target ? null : target.higherIsBetter ? value >= target.target : value <= target.target;
      return {
        label: weekdayName(i + 1, language),
        value,
        color: value === null ? COLOR.empty : met === null ? COLOR.plain : met ? COLOR.met : COLOR.missed,
        title: value === null ? '—' : formatValue(empty.field.kind, value, language),
      };
    });
    const daysUnder = data.week.days.filter((day) => {
      const value = byDate.get(day)?.[key] ?? null;
      return value !== null && target !== undefined && !(target.higherIsBetter ? value >= target.target : value <= target.target);
    });
    return { status, bars, daysUnder: daysUnder.map(shortDate) };
  });
}

/** The top of a KPI's scale: rates to 100%, scores to 5, counts and hours to the largest value or target. */
function scaleMax(card: KpiCard): number {
  switch (card.status.field.kind) {
    case 'rate':
      return 1;
    case 'score':
      return 5;
    default:
      return Math.max(1, card.status.target ?? 0, ...card.bars.map((b) => b.value ?? 0));
  }
}

function cardsHtml(cards: readonly KpiCard[], data: WeeklyReportData, language: Language): string {
  const cells = cards.map((c) => cardHtml(c, language));
  // An odd number of cards leaves a cell: the week's summary and how to read the bars go there, else below.
  const notes = notesHtml(data, language);
  if (cells.length % 2 === 1) cells.push(notes);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    rows.push(
      `<tr><td width="50%" valign="top" style="padding:6px">${cells[i]}</td><td width="50%" valign="top" style="padding:6px">${cells[i + 1] ?? ''}</td></tr>`,
    );
  }
  const table = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse">${rows.join('')}</table>`;
  return cards.length % 2 === 1 ? table : `${table}<div style="padding:0 6px">${notes}</div>`;
}

/** The `Weekly` rollup's line (when the sheet has one) and the legend of the bars. */
function notesHtml(data: WeeklyReportData, language: Language): string {
  return `<div style="padding:6px 4px">${weeklyRowHtml(data, language)}<div style="font-size:11px;line-height:16px;color:${COLOR.muted};padding:8px 0 0 0">${escapeHtml(reportText('weeklyLegend', language))}</div></div>`;
}

function cardHtml(card: KpiCard, language: Language): string {
  const s = card.status;
  const kind = s.field.kind;
  const value = s.value === null ? '—' : formatValue(kind, s.value, language);
  const badge =
    s.met === null
      ? ''
      : s.met
        ? `<span style="color:${COLOR.good};font-size:14px">&#10004;</span>`
        : `<span style="color:${COLOR.bad};font-size:14px">&#9888;</span>`;
  const target =
    s.target === null ? reportText('weeklyNoTarget', language) : reportText('target', language, { target: formatValue(kind, s.target, language) });
  const moved = kpiChange(s, language);
  // The arrow follows the number; the colour and the word say whether that is good for this KPI (a rise in
  // blockers is red), so colour is never the only sign.
  const change = moved === null ? reportText('weeklyNoChange', language) : weekChange(moved, language);
  const changeColor = moved?.better == null ? COLOR.muted : moved.better ? COLOR.good : COLOR.bad;
  const chart =
    s.value === null && card.bars.every((b) => b.value === null)
      ? `<div style="font-size:12px;color:${COLOR.muted};padding:14px 0">${escapeHtml(reportText('weeklyNoData', language))}</div>`
      : barChartHtml(card.bars, scaleMax(card), { height: 36, labelColor: COLOR.muted, emptyColor: COLOR.empty });
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="width:100%;border:1px solid ${COLOR.border};border-radius:6px;border-collapse:separate">` +
    `<tr><td style="padding:10px 14px 2px 14px">` +
    `<div style="font-size:12px;color:${COLOR.muted}">${escapeHtml(s.label)}</div>` +
    `<div style="font-size:24px;font-weight:bold;color:${COLOR.ink};line-height:32px">${escapeHtml(value)} ${badge}</div>` +
    `<div style="font-size:12px;line-height:18px;color:${COLOR.muted}">${escapeHtml(target)}　<span style="color:${changeColor}">${escapeHtml(change)}</span></div>` +
    `</td></tr>` +
    `<tr><td style="padding:4px 14px 10px 14px">${chart}</td></tr>` +
    `</table>`
  );
}

/** `先週比 ↗︎ +1（悪化）` / `↗︎ +1 on the week (worse)`. */
function weekChange(moved: KpiChange, language: Language): string {
  const verdict = verdictText(moved, language);
  const change = reportText('weeklyChange', language, { change: `${moved.arrow} ${moved.text}` });
  return verdict === '' ? change : reportText('changeVerdict', language, { change, verdict });
}

function weeklyRowHtml(data: WeeklyReportData, language: Language): string {
  const w = data.weekly;
  if (!w) return '';
  const lines: string[] = [];
  if (w.avgProgress !== null || w.avgQuality !== null || w.totalBlockers !== null) {
    lines.push(
      reportText('weeklyAverages', language, {
        progress: formatValue('rate', w.avgProgress, language),
        quality: formatValue('score', w.avgQuality, language),
        blockers: formatValue('count', w.totalBlockers, language),
      }),
    );
  }
  if (w.trend.trim() !== '') lines.push(reportText('weeklyTrend', language, { trend: w.trend.trim() }));
  if (lines.length === 0) return '';
  return `<div style="font-size:13px;line-height:20px;color:${COLOR.ink}">${lines.map(escapeHtml).join('<br>')}</div>`;
}

function listHtml(title: string, items: readonly string[], language: Language, empty = reportText('none', language)): string {
  const shown =
    items.length > LIST_MAX ? [...items.slice(0, LIST_MAX), escapeHtml(reportText('andMore', language, { count: items.length - LIST_MAX }))] : items;
  const rows =
    shown.length === 0
      ? `<tr><td colspan="2" style="font-size:13px;color:${COLOR.muted};padding:2px 0 2px 14px">${escapeHtml(empty)}</td></tr>`
      : shown
          .map(
            (item) =>
              `<tr><td width="14" valign="top" style="font-size:14px;line-height:20px;color:${COLOR.brand}">&#8226;</td><td style="font-size:14px;line-height:20px;color:${COLOR.ink}">${item}</td></tr>`,
          )
          .join('');
  return (
    `<div style="font-size:14px;font-weight:bold;color:${COLOR.ink};padding:12px 0 4px 0">${escapeHtml(title)}</div>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse">${rows}</table>`
  );
}

function link(url: string | null, label: string): string {
  const u = safeUrl(url);
  return u ? `<a href="${escapeHtml(u)}" style="color:${COLOR.link}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

function muted(text: string): string {
  return `<span style="color:${COLOR.muted}">${escapeHtml(text)}</span>`;
}

function prHtml(pr: MergedPr): string {
  const ref = `${pr.repository}${pr.number === null ? '' : `${pr.forge === 'gitlab' ? '!' : '#'}${pr.number}`}`;
  return `${link(pr.url, ref)} ${escapeHtml(pr.title)}${pr.author ? ` ${muted(`— ${pr.author}`)}` : ''}`;
}

function taskHtml(task: { id: string; title: string; owner: string; project: string }): string {
  const meta = [task.project, task.owner].filter((s) => s !== '').join(' · ');
  return `${escapeHtml(task.title || task.id)}${meta ? ` ${muted(`— ${meta}`)}` : ''}`;
}

function blockerHtml(description: string, member: string, ageDays: number | null, language: Language): string {
  const age = ageDays === null ? '' : paren(reportText('blockerAge', language, { days: ageDays }), language);
  return `${escapeHtml(description)}${member ? ` ${muted(`— ${member}`)}` : ''}${age ? `<span style="color:${COLOR.bad}">${escapeHtml(age)}</span>` : ''}`;
}

function attentionHtml(underTarget: readonly KpiCard[], data: WeeklyReportData, alerts: readonly string[], language: Language): string {
  if (underTarget.length === 0 && data.oldBlockers.length === 0 && alerts.length === 0) {
    return `<div style="font-size:14px;color:${COLOR.good};padding:10px 0">${escapeHtml(reportText('weeklyAllClear', language))}</div>`;
  }
  const kpiLine = (c: KpiCard) =>
    `<strong>${escapeHtml(c.status.label)}</strong> ${escapeHtml(formatValue(c.status.field.kind, c.status.value, language))}${muted(paren(reportText('target', language, { target: formatValue(c.status.field.kind, c.status.target, language) }), language))}`;
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="width:100%;background-color:${COLOR.warnBg};border-collapse:collapse"><tr><td style="padding:2px 14px 12px 14px">` +
    listHtml(reportText('weeklyUnderTarget', language, { count: underTarget.length }), underTarget.map(kpiLine), language) +
    listHtml(
      reportText('weeklyOldBlockers', language, { days: data.blockerAgeDays, count: data.oldBlockers.length }),
      data.oldBlockers.map((b) => blockerHtml(b.description, b.member, b.ageDays, language)),
      language,
    ) +
    listHtml(
      reportText('weeklyAlerts', language, { count: alerts.length }),
      alerts.map((a) => escapeHtml(a)),
      language,
    ) +
    `</td></tr></table>`
  );
}

/** An aside in brackets: full-width ones close up in Japanese, ASCII ones after a space in English. */
function paren(text: string, language: Language): string {
  return language === 'ja' ? `（${text}）` : ` (${text})`;
}

function sheetButton(url: string | null, language: Language): string {
  const u = safeUrl(url);
  if (!u) return '';
  return row(
    `<td align="center" style="padding:24px 28px 24px 28px">` +
      `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:separate"><tr>` +
      `<td align="center" style="background-color:${COLOR.brand};border-radius:6px;padding:12px 26px">` +
      `<a href="${escapeHtml(u)}" style="color:#ffffff;font-size:15px;font-weight:bold;text-decoration-line:none">${escapeHtml(reportText('weeklyOpenSheet', language))}</a>` +
      `</td></tr></table></td>`,
  );
}

function plainText(
  data: WeeklyReportData,
  cards: readonly KpiCard[],
  underTarget: readonly KpiCard[],
  alerts: readonly string[],
  subject: string,
  period: string,
  language: Language,
): string {
  const lines: string[] = [subject, period, ''];
  const list = (title: string, items: readonly string[]) => {
    lines.push(title);
    const shown =
      items.length > LIST_MAX ? [...items.slice(0, LIST_MAX), reportText('andMore', language, { count: items.length - LIST_MAX })] : items;
    if (shown.length === 0) lines.push(`  ${reportText('none', language)}`);
    for (const item of shown) lines.push(`  - ${item}`);
  };
  lines.push(`■ ${reportText('weeklyKpis', language)}`);
  for (const c of cards) {
    const s = c.status;
    const kind = s.field.kind;
    const mark = s.met === null ? '' : s.met ? ' ✔' : ' ⚠';
    const target =
      s.target === null ? reportText('weeklyNoTarget', language) : reportText('target', language, { target: formatValue(kind, s.target, language) });
    const moved = kpiChange(s, language);
    // The verdict is one more item of the list, not brackets within brackets.
    const parts = [
      target,
      moved === null ? reportText('weeklyNoChange', language) : reportText('weeklyChange', language, { change: `${moved.arrow} ${moved.text}` }),
      ...(moved ? [verdictText(moved, language)] : []),
    ].filter((p) => p !== '');
    const detail = language === 'ja' ? `（${parts.join('、')}）` : ` (${parts.join(', ')})`;
    lines.push(`- ${s.label}: ${formatValue(kind, s.value, language)}${mark}${detail}`);
    lines.push(`    ${c.bars.map((b) => `${b.label} ${b.title}`).join(' | ')}`);
  }
  const w = data.weekly;
  if (w && (w.avgProgress !== null || w.avgQuality !== null || w.totalBlockers !== null)) {
    lines.push(
      reportText('weeklyAverages', language, {
        progress: formatValue('rate', w.avgProgress, language),
        quality: formatValue('score', w.avgQuality, language),
        blockers: formatValue('count', w.totalBlockers, language),
      }),
    );
  }
  if (w && w.trend.trim() !== '') lines.push(reportText('weeklyTrend', language, { trend: w.trend.trim() }));
  lines.push('', `■ ${reportText('weeklyAchievements', language)}`);
  list(
    reportText('weeklyMerged', language, { count: data.merged.length }),
    data.merged.map(
      (pr) =>
        `${pr.repository}${pr.number === null ? '' : `${pr.forge === 'gitlab' ? '!' : '#'}${pr.number}`} ${pr.title}${pr.author ? ` — ${pr.author}` : ''}${safeUrl(pr.url) ? ` <${safeUrl(pr.url)}>` : ''}`,
    ),
  );
  list(
    reportText('weeklyTasks', language, { count: data.completedTasks.length }),
    data.completedTasks.map(
      (t) => `${t.title || t.id}${[t.project, t.owner].filter(Boolean).length ? ` — ${[t.project, t.owner].filter(Boolean).join(' · ')}` : ''}`,
    ),
  );
  list(
    reportText('weeklyResolved', language, { count: data.resolvedBlockers.length }),
    data.resolvedBlockers.map((b) => `${b.description}${b.member ? ` — ${b.member}` : ''}`),
  );
  if (data.productUsage) {
    const usage = usageLines(data.productUsage, language);
    lines.push('', `■ ${usage.heading}`, ...usage.lines.map((l) => `  - ${l}`));
  }
  if (hasDoraLevels(data.dora)) {
    lines.push('', `■ ${doraReportTitle(language)}`, ...doraReportLines(data.dora, language).map((l) => `  - ${l}`), `  ${doraReportNote(language)}`);
  }
  lines.push('', `■ ${reportText('weeklyAttention', language)}`);
  if (underTarget.length === 0 && data.oldBlockers.length === 0 && alerts.length === 0) {
    lines.push(`  ${reportText('weeklyAllClear', language)}`);
  } else {
    list(
      reportText('weeklyUnderTarget', language, { count: underTarget.length }),
      underTarget.map(
        (c) =>
          `${c.status.label} ${formatValue(c.status.field.kind, c.status.value, language)}${paren(reportText('target', language, { target: formatValue(c.status.field.kind, c.status.target, language) }), language)}`,
      ),
    );
    list(
      reportText('weeklyOldBlockers', language, { days: data.blockerAgeDays, count: data.oldBlockers.length }),
      data.oldBlockers.map(
        (b) => `${b.description}${b.member ? ` — ${b.member}` : ''}${paren(reportText('blockerAge', language, { days: b.ageDays }), language)}`,
      ),
    );
    list(reportText('weeklyAlerts', language, { count: alerts.length }), alerts);
  }
  if (data.participation) {
    lines.push('', `■ ${memberText('participationTitle', language)}`, ...participationLines(data.participation, language).map((l) => `  ${l}`));
  }
  const url = safeUrl(data.sheetUrl);
  if (url) lines.push('', `${reportText('weeklyOpenSheet', language)}: ${url}`);
  lines.push('', reportText('weeklyFooter', language, { time: data.generatedAt }));
  return lines.join('\n');
}
