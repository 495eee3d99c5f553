import { catalog, type Language } from '../messages';

/**
 * `Developer Metrics` in the chat reports (`/progress report @someone`, `/progress report team`): each member's
 * last seven days summed, one line each. Review hours are the median of the days' medians — a day's figure is
 * already a median, and the sheet keeps no single waits.
 */

export interface DeveloperDayRow {
  /** yyyy-MM-dd */
  date: string;
  member: string;
  commits: number;
  prsOpened: number;
  prsMerged: number;
  reviews: number;
  linesChanged: number;
  medianReviewHours: number | null;
}

/** A member's days added up (the median of the days' medians). */
export type DeveloperTotals = Omit<DeveloperDayRow, 'date'>;

/** The days the reports sum: the week up to today. */
export const DEVELOPER_REPORT_DAYS = 7;

export const developerText = catalog({
  personalHeading: { ja: '*開発活動*（直近 {days} 日、Developer Metrics）', en: '*Developer activity* (last {days} days, Developer Metrics)' },
  teamHeading: { ja: '*開発活動*（直近 {days} 日、Developer Metrics）', en: '*Developer activity* (last {days} days, Developer Metrics)' },
  none: { ja: '記録なし', en: 'Nothing recorded' },
  line: {
    ja: 'コミット {commits}・PR 作成 {opened}／マージ {merged}・レビュー {reviews}・変更行 {lines}{wait}',
    en: 'commits {commits} · PRs opened {opened} / merged {merged} · reviews {reviews} · lines changed {lines}{wait}',
  },
  wait: { ja: '・レビューまで中央値 {hours} 時間', en: ' · median review wait {hours} h' },
  memberLine: { ja: '{member}: {line}', en: '{member}: {line}' },
  memberNotFound: {
    ja: '「{who}」というメンバーが Members シートに見つかりません（名前、Slack、GitHub Login、GitLab Username で探しました）。',
    en: 'No member "{who}" in the Members sheet (looked up by name, Slack user, GitHub Login and GitLab Username).',
  },
});

/** Sums each member's rows of the `days` days up to `today`; members with nothing are left out. Sorted by name. */
export function developerTotals(rows: ReadonlyArray<DeveloperDayRow>, today: string, days = DEVELOPER_REPORT_DAYS): DeveloperTotals[] {
  const from = shiftDay(today, -(days - 1));
  const byMember = new Map<string, { totals: DeveloperTotals; waits: number[] }>();
  for (const r of rows) {
    if (r.date < from || r.date > today || r.member === '') continue;
    const entry = byMember.get(r.member) ?? {
      totals: { member: r.member, commits: 0, prsOpened: 0, prsMerged: 0, reviews: 0, linesChanged: 0, medianReviewHours: null },
      waits: [],
    };
    entry.totals.commits += r.commits;
    entry.totals.prsOpened += r.prsOpened;
    entry.totals.prsMerged += r.prsMerged;
    entry.totals.reviews += r.reviews;
    entry.totals.linesChanged += r.linesChanged;
    if (r.medianReviewHours !== null) entry.waits.push(r.medianReviewHours);
    byMember.set(r.member, entry);
  }
  return [...byMember.values()]
    .map(({ totals, waits }) => ({ ...totals, medianReviewHours: median(waits) }))
    .filter((t) => t.commits + t.prsOpened + t.prsMerged + t.reviews + t.linesChanged > 0 || t.medianReviewHours !== null)
    .sort((a, b) => a.member.localeCompare(b.member));
}

export function developerLine(t: DeveloperTotals | undefined, language: Language): string {
  if (!t) return developerText('none', language);
  const n = (v: number) => v.toLocaleString('en-US');
  return developerText('line', language, {
    commits: n(t.commits),
    opened: n(t.prsOpened),
    merged: n(t.prsMerged),
    reviews: n(t.reviews),
    lines: n(t.linesChanged),
    wait: t.medianReviewHours === null ? '' : developerText('wait', language, { hours: Math.round(t.medianReviewHours * 10) / 10 }),
  });
}

/** One member's section of a progress report: its heading (mrkdwn) and their line, from the week's totals. */
export function memberActivity(totals: readonly DeveloperTotals[], member: string, language: Language): { heading: string; line: string } {
  return {
    heading: developerText('personalHeading', language, { days: DEVELOPER_REPORT_DAYS }),
    line: developerLine(
      totals.find((t) => t.member === member),
      language,
    ),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
