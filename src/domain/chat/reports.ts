import type { Language } from '../messages';
import { context, divider, fitBlocks, header, section, type Block, type SlackContent } from './blockKit';
import { KPI_FIELDS, kpiLabel, kpiWithTarget, type KpiRow, type KpiTargets } from './kpi';
import { SLACK_LIMITS } from './limits';
import { chatText } from './messages';
import { fitLines, userMrkdwn } from './text';
import { awayText } from '../members/away';

export interface ReportEntry {
  date: string;
  done: string;
  planned: string;
  blockers: string;
  mood: number | null;
}

export interface BlockerEntry {
  id: string;
  member: string;
  description: string;
  /** Whole days since it was opened; null when the sheet has no date for it. */
  ageDays: number | null;
}

function kpiBlocks(today: string, kpi: KpiRow | null, targets: KpiTargets, language: Language): Block[] {
  if (!kpi) return [section(chatText('noKpi', language))];
  const title = chatText(kpi.date === today ? 'kpiToday' : 'kpiLatest', language, { date: kpi.date });
  const lines = KPI_FIELDS.filter((f) => kpi[f.key] !== null).map(
    (f) => `• ${kpiLabel(f, language)}: ${kpiWithTarget(f, kpi[f.key], targets, language)}`,
  );
  return [section(`${title}\n${lines.join('\n') || chatText('noKpi', language)}`)];
}

/** One line per blocker; `escape` makes user text safe for where it goes (mrkdwn for Slack, plain for Discord). */
export function blockerLines(blockers: readonly BlockerEntry[], language: Language, escape: (text: string) => string = userMrkdwn): string[] {
  return blockers.map(
    (b) =>
      `• ${chatText('blockerLine', language, {
        id: `\`${b.id}\``,
        description: escape(b.description),
        member: escape(b.member || '—'),
        age: b.ageDays === null ? '—' : b.ageDays <= 0 ? chatText('sinceToday', language) : chatText('daysAgo', language, { days: b.ageDays }),
      })}`,
  );
}

function blockersBlock(blockers: readonly BlockerEntry[], language: Language): Block {
  const title = chatText('openBlockers', language, { count: blockers.length });
  const body =
    blockers.length === 0
      ? chatText('none', language)
      : fitLines(blockerLines(blockers, language), SLACK_LIMITS.sectionText - title.length - 1, language);
  return section(`${title}\n${body}`);
}

function reportLine(entry: ReportEntry, language: Language): string {
  const parts: string[] = [`*${entry.date}*${entry.mood ? `  ${chatText('labelMood', language)} ${entry.mood}/5` : ''}`];
  const add = (label: Parameters<typeof chatText>[0], text: string) => {
    if (text.trim() !== '') parts.push(`_${chatText(label, language)}_: ${userMrkdwn(text.replace(/\s*\n\s*/g, ' / '))}`);
  };
  add('labelDone', entry.done);
  add('labelPlanned', entry.planned);
  add('labelBlockers', entry.blockers);
  return parts.join('\n');
}

/** `/progress report`: the team's KPIs against targets today, the caller's recent reports and open blockers. */
export function personalReport(
  data: {
    name: string;
    today: string;
    kpi: KpiRow | null;
    targets: KpiTargets;
    reports: readonly ReportEntry[];
    blockers: readonly BlockerEntry[];
    /** The member's `Developer Metrics` section (issue 13), mrkdwn; absent when DEVELOPER_METRICS is off. */
    developer?: string | null;
  },
  language: Language,
): SlackContent {
  const title = chatText('personalTitle', language, { name: data.name });
  const reportsTitle = chatText('recentReports', language);
  const reports =
    data.reports.length === 0
      ? chatText('noReports', language)
      : fitLines(
          data.reports.map((r) => reportLine(r, language)),
          SLACK_LIMITS.sectionText - reportsTitle.length - 1,
          language,
          '\n\n',
        );
  const blocks: Block[] = [
    header(title),
    ...kpiBlocks(data.today, data.kpi, data.targets, language),
    divider(),
    section(`${reportsTitle}\n${reports}`),
    blockersBlock(data.blockers, language),
    ...(data.developer ? [section(data.developer)] : []),
  ];
  return { text: title, blocks: fitBlocks(blocks, language) };
}

/** `/progress report team`: who reported today and who has not, the open blockers, and the KPIs. */
export function teamReport(
  data: {
    today: string;
    kpi: KpiRow | null;
    targets: KpiTargets;
    reported: readonly string[];
    notReported: readonly string[];
    blockers: readonly BlockerEntry[];
    /** Who is away today, with the last day of their absence (issue 18). */
    away?: ReadonlyArray<{ name: string; until: string }>;
    /** Each member's `Developer Metrics` of the week (issue 13), mrkdwn; absent when DEVELOPER_METRICS is off. */
    developers?: string | null;
  },
  language: Language,
): SlackContent {
  const title = chatText('teamTitle', language, { date: data.today });
  const names = (list: readonly string[], heading: string) =>
    section(
      `${heading}\n${
        list.length === 0
          ? chatText('none', language)
          : fitLines(
              list.map((n) => userMrkdwn(n)),
              SLACK_LIMITS.sectionText - heading.length - 1,
              language,
              language === 'ja' ? '、' : ', ',
            )
      }`,
    );
  const blocks: Block[] = [
    header(title),
    names(data.reported, chatText('reported', language, { count: data.reported.length })),
    names(data.notReported, chatText('notReported', language, { count: data.notReported.length })),
    ...(data.away && data.away.length > 0 ? [section(awayText(data.away, language, userMrkdwn))] : []),
    blockersBlock(data.blockers, language),
    ...(data.developers ? [section(data.developers)] : []),
    divider(),
    ...kpiBlocks(data.today, data.kpi, data.targets, language),
    context(chatText('footer', language)),
  ];
  return { text: title, blocks: fitBlocks(blocks, language) };
}
