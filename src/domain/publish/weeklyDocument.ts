import type { Language } from '../messages';
import { formatValue, kpiChange, verdictText } from '../reports/kpis';
import { reportText, weekdayName } from '../reports/messages';
import { safeUrl } from '../reports/text';
import { addDays } from '../reports/week';
import { kpiCards, weeklyAlerts, type WeeklyReportData } from '../reports/weeklyReport';
import { publishText } from './messages';

/**
 * The weekly report as a document any wiki can render: headings, tables, lists of linked text. Notion blocks,
 * Confluence storage XHTML and the CSV are made from this one value, itself made from the same `WeeklyReportData`
 * and the same KPI cards as the email, so every output says the same things. Text here is plain: each renderer
 * escapes it for its own format.
 */
export interface Span {
  text: string;
  url?: string;
  bold?: boolean;
}

export type DocBlock =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'list'; items: Span[][] };

export interface WeeklyFacts {
  /** yyyy-Www */
  week: string;
  start: string;
  end: string;
  overallProgress: number | null;
  quality: number | null;
  satisfaction: number | null;
  blockers: number | null;
}

export interface ReportDocument {
  title: string;
  facts: WeeklyFacts;
  blocks: DocBlock[];
}

/** `2026-W49` → its ISO year, number and seven days (Monday first); null when it is no such week. */
export function parseWeekKey(key: string): { year: number; number: number; days: string[]; key: string } | null {
  const m = /^(\d{4})-W(\d{1,2})$/i.exec(key.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const number = Number(m[2]);
  // Week 1 holds January 4th; its Monday is the week's start.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() || 7) - 1));
  const monday = addDays(monday1, (number - 1) * 7);
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  if (number < 1 || thursday.getUTCFullYear() !== year) return null;
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return { year, number, days, key: `${year}-W${String(number).padStart(2, '0')}` };
}

export function weekKeyOf(data: Pick<WeeklyReportData, 'week'>): string {
  return `${data.week.year}-W${String(data.week.number).padStart(2, '0')}`;
}

export function weeklyDocument(data: WeeklyReportData, language: Language): ReportDocument {
  const week = weekKeyOf(data);
  const cards = kpiCards(data, language);
  const latest = (key: string) => cards.find((c) => c.status.field.key === key)?.status.value ?? null;
  const first = data.week.days[0] ?? '';
  const last = data.week.days[data.week.days.length - 1] ?? '';
  const facts: WeeklyFacts = {
    week,
    start: first,
    end: last,
    overallProgress: data.weekly?.avgProgress ?? latest('overallProgress'),
    quality: data.weekly?.avgQuality ?? latest('qualityScore'),
    satisfaction: latest('teamSatisfaction'),
    blockers: data.weekly?.totalBlockers ?? latest('blockersCount'),
  };
  const t = (s: string): Span[] => [{ text: s }];
  const blocks: DocBlock[] = [];
  blocks.push({
    kind: 'paragraph',
    spans: t(reportText('weeklyPeriod', language, { year: data.week.year, week: data.week.number, start: short(first), end: short(last) })),
  });

  blocks.push({ kind: 'heading', level: 2, text: reportText('weeklyKpis', language) });
  const dayNames = data.week.days.map((_, i) => weekdayName(i + 1, language));
  blocks.push({
    kind: 'table',
    header: [
      publishText('colKpi', language),
      publishText('colValue', language),
      publishText('colTarget', language),
      publishText('colChange', language),
      publishText('colStatus', language),
      ...dayNames,
    ],
    rows: cards.map((c) => {
      const s = c.status;
      const moved = kpiChange(s, language);
      const change = moved === null ? '—' : [`${moved.arrow} ${moved.text}`, verdictText(moved, language)].filter((p) => p !== '').join(' ');
      const status = s.met === null ? publishText('statusNone', language) : publishText(s.met ? 'statusMet' : 'statusMissed', language);
      return [
        s.label,
        formatValue(s.field.kind, s.value, language),
        s.target === null ? reportText('weeklyNoTarget', language) : formatValue(s.field.kind, s.target, language),
        change,
        status,
        ...c.bars.map((b) => b.title),
      ];
    }),
  });
  const w = data.weekly;
  const notes: string[] = [];
  if (w && (w.avgProgress !== null || w.avgQuality !== null || w.totalBlockers !== null)) {
    notes.push(
      reportText('weeklyAverages', language, {
        progress: formatValue('rate', w.avgProgress, language),
        quality: formatValue('score', w.avgQuality, language),
        blockers: formatValue('count', w.totalBlockers, language),
      }),
    );
  }
  if (w && w.trend.trim() !== '') notes.push(reportText('weeklyTrend', language, { trend: w.trend.trim() }));
  for (const n of notes) blocks.push({ kind: 'paragraph', spans: t(n) });

  blocks.push({ kind: 'heading', level: 2, text: reportText('weeklyAchievements', language) });
  list(blocks, reportText('weeklyMerged', language, { count: data.merged.length }), data.merged.map(prSpans), language);
  list(
    blocks,
    reportText('weeklyTasks', language, { count: data.completedTasks.length }),
    data.completedTasks.map((task) => t(`${task.title || task.id}${meta([task.project, task.owner])}`)),
    language,
  );
  list(
    blocks,
    reportText('weeklyResolved', language, { count: data.resolvedBlockers.length }),
    data.resolvedBlockers.map((b) => t(`${b.description}${meta([b.member])}`)),
    language,
  );

  blocks.push({ kind: 'heading', level: 2, text: reportText('weeklyAttention', language) });
  const underTarget = cards.filter((c) => c.status.met === false);
  const alerts = weeklyAlerts(data, cards, language);
  if (underTarget.length === 0 && data.oldBlockers.length === 0 && alerts.length === 0) {
    blocks.push({ kind: 'paragraph', spans: t(reportText('weeklyAllClear', language)) });
  } else {
    list(
      blocks,
      reportText('weeklyUnderTarget', language, { count: underTarget.length }),
      underTarget.map((c) =>
        t(
          `${c.status.label} ${formatValue(c.status.field.kind, c.status.value, language)} (${reportText('target', language, { target: formatValue(c.status.field.kind, c.status.target, language) })})`,
        ),
      ),
      language,
    );
    list(
      blocks,
      reportText('weeklyOldBlockers', language, { days: data.blockerAgeDays, count: data.oldBlockers.length }),
      data.oldBlockers.map((b) => t(`${b.description}${meta([b.member])} (${reportText('blockerAge', language, { days: b.ageDays })})`)),
      language,
    );
    list(
      blocks,
      reportText('weeklyAlerts', language, { count: alerts.length }),
      alerts.map((a) => t(a)),
      language,
    );
  }

  blocks.push({ kind: 'heading', level: 2, text: publishText('github', language) });
  const repos = [...new Set(data.merged.map((p) => p.repository).filter((r) => r !== ''))];
  const authors = new Set(data.merged.map((p) => p.author).filter((a) => a !== ''));
  const githubLines = [
    publishText('githubMerged', language, { count: data.merged.length }),
    publishText('githubAuthors', language, { count: authors.size }),
    ...(repos.length ? [publishText('githubRepos', language, { repos: repos.join(', ') })] : []),
    publishText('githubReview', language, { value: formatValue('hours', latest('codeReviewTime'), language) }),
    publishText('githubDeploy', language, { value: formatValue('rate', latest('deploySuccessRate'), language) }),
  ];
  blocks.push({ kind: 'list', items: githubLines.map(t) });

  const url = safeUrl(data.sheetUrl);
  const footer: Span[] = [{ text: publishText('generated', language, { time: data.generatedAt }) }];
  if (url) footer.push({ text: ' ' }, { text: reportText('weeklyOpenSheet', language), url });
  blocks.push({ kind: 'paragraph', spans: footer });

  return { title: publishText('pageTitle', language, { week }), facts, blocks };
}

/** Lists are shown whole in a wiki page (no "…and N more": a page has room), with "none" for an empty one. */
function list(blocks: DocBlock[], title: string, items: Span[][], language: Language): void {
  blocks.push({ kind: 'heading', level: 3, text: title });
  blocks.push(items.length === 0 ? { kind: 'paragraph', spans: [{ text: reportText('none', language) }] } : { kind: 'list', items });
}

function prSpans(pr: { repository: string; number: number | null; title: string; author: string; url: string | null }): Span[] {
  const ref = `${pr.repository}${pr.number === null ? '' : `#${pr.number}`}`;
  const u = safeUrl(pr.url);
  return [u ? { text: ref, url: u } : { text: ref }, { text: ` ${pr.title}${meta([pr.author])}` }];
}

function meta(parts: readonly string[]): string {
  const shown = parts.filter((p) => p !== '');
  return shown.length ? ` — ${shown.join(' · ')}` : '';
}

function short(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}/${Number(m[2])}` : date;
}
