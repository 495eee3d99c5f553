import { context, fitBlocks, header, section, type Block, type SlackContent } from '../chat/blockKit';
import { COLORS, embed, fitEmbeds, type Embed } from '../chat/discordEmbed';
import type { KpiRow, KpiTargets } from '../chat/kpi';
import { DISCORD_LIMITS, SLACK_LIMITS } from '../chat/limits';
import { fitLines, userMrkdwn } from '../chat/text';
import type { Language } from '../messages';
import { awayText } from '../members/away';
import { changeText, formatValue, kpiChange, kpiStatuses, offTarget, type KpiStatus } from './kpis';
import { reportText, weekdayName } from './messages';
import { discordLink, discordText, slackLink } from './text';

/** The day as the sheet has it, gathered by the use case: plain data, no Apps Script. */
export interface DailySummaryData {
  /** yyyy-MM-dd, the team's today. */
  date: string;
  /** ISO weekday of `date`. */
  weekday: number;
  /** The latest KPI row on or before today, and the row before it (for the change). */
  kpi: KpiRow | null;
  previousKpi: KpiRow | null;
  targets: KpiTargets;
  /** Active members, and whether each has reported today. */
  members: ReadonlyArray<{ name: string; reported: boolean }>;
  /** Who is away today, with the last day of their absence (issue 18); not counted among the members. */
  away?: ReadonlyArray<{ name: string; until: string }>;
  openBlockers: number;
  newBlockers: readonly BlockerItem[];
  ageingBlockers: readonly BlockerItem[];
  /** A blocker open this many days or more is ageing (Settings BLOCKER_AGE_DAYS). */
  blockerAgeDays: number;
  merged: readonly MergedPr[];
  /** Tasks a pull/merge request moved today (issue 13): merged → done, opened → in progress; absent: none. */
  taskMoves?: readonly TaskMoveItem[];
  deploys: readonly DeployItem[];
  /** Alerts recorded for today; when null, they are the KPIs off target and the failed deploys. */
  alerts: readonly string[] | null;
  /** Product usage from GA4 (`Analytics`), its own section; absent or null when GA4 is not in use. */
  productUsage?: { heading: string; lines: readonly string[] } | null;
  /** ISO-8601 instant the summary is made, for Discord's timestamp. */
  now: string;
}

export interface BlockerItem {
  description: string;
  member: string;
  ageDays: number;
}

export interface MergedPr {
  repository: string;
  number: number | null;
  /** A GitLab merge request is `group/project!12`; absent: GitHub's `owner/repo#12`. */
  forge?: 'github' | 'gitlab';
  title: string;
  author: string;
  url: string | null;
}

export interface TaskMoveItem {
  /** The `Tasks` ids the request names. */
  tasks: readonly string[];
  pr: MergedPr;
  merged: boolean;
}

export interface DeployItem {
  environment: string;
  sha: string;
  state: string;
  /** Whether the deploy failed (state failure or error). */
  failed: boolean;
}

export interface DailySummary {
  /** The one short message in the channel. */
  slack: SlackContent;
  /** The details, posted in the thread of `slack`. */
  thread: SlackContent;
  /** Discord has no threads here: one embed carries both. */
  discord: { embeds: Embed[] };
  counts: { kpiMet: number; kpiWithTarget: number; reported: number; members: number; alerts: number };
}

/** Lists in a message stop at this many items; the rest are counted ("…他 N 件"). */
const LIST_MAX = 10;

export function dailySummary(data: DailySummaryData, language: Language): DailySummary {
  const statuses = kpiStatuses(data.kpi, data.previousKpi, data.targets, language);
  const withTarget = statuses.filter((s) => s.met !== null);
  const met = withTarget.filter((s) => s.met).length;
  const reported = data.members.filter((m) => m.reported).length;
  const failedDeploys = data.deploys.filter((d) => d.failed);
  const moves = data.taskMoves ?? [];
  const alerts = data.alerts ?? defaultAlerts(data, statuses, language);
  const title = reportText('summaryTitle', language, { date: data.date, weekday: weekdayName(data.weekday, language) });
  const counts = { kpiMet: met, kpiWithTarget: withTarget.length, reported, members: data.members.length, alerts: alerts.length };

  const overview = [
    [
      data.kpi ? reportText('summaryKpi', language, { met, total: withTarget.length }) : reportText('summaryKpiNone', language),
      reportText('summaryReports', language, { reported, total: data.members.length }),
      reportText('summaryBlockers', language, { open: data.openBlockers, fresh: data.newBlockers.length, ageing: data.ageingBlockers.length }),
    ].join('　'),
    [
      reportText('summaryMerged', language, { count: data.merged.length }),
      failedDeploys.length > 0
        ? reportText('summaryDeploysFailed', language, { count: data.deploys.length, failed: failedDeploys.length })
        : reportText('summaryDeploys', language, { count: data.deploys.length }),
      reportText('summaryAlerts', language, { count: alerts.length }),
    ].join('　'),
  ].join('\n');

  const slack: SlackContent = {
    text: reportText('summaryNotification', language, {
      title,
      met,
      total: withTarget.length,
      reported,
      total2: data.members.length,
      alerts: alerts.length,
    }),
    blocks: [header(title), section(overview), context(reportText('summaryThreadHint', language))],
  };

  const slackSections: Block[] = [
    section(withLines(kpiHeading(data, language), kpiLines(statuses, 'slack', language), language)),
    section(
      withLines(
        reportText('reportsHeading', language, { reported, total: data.members.length }),
        participationLines(data, 'slack', language),
        language,
        language === 'ja' ? '、' : ', ',
      ),
    ),
    section(withLines(reportText('blockersHeading', language, { count: data.openBlockers }), blockerLines(data, 'slack', language), language)),
    section(
      withLines(
        reportText('mergedHeading', language, { count: data.merged.length }),
        data.merged.map((pr) => `• ${prLine(pr, 'slack')}`),
        language,
      ),
    ),
    ...(moves.length > 0
      ? [
          section(
            withLines(
              reportText('tasksMovedHeading', language, { count: moves.length }),
              moves.map((m) => `• ${moveLine(m, 'slack')}`),
              language,
            ),
          ),
        ]
      : []),
    section(
      withLines(
        reportText('deploysHeading', language, { count: data.deploys.length }),
        data.deploys.map((d) => `• ${deployLine(d, 'slack')}`),
        language,
      ),
    ),
    section(
      withLines(
        reportText('alertsHeading', language, { count: alerts.length }),
        alerts.map((a) => `• ⚠️ ${userMrkdwn(a)}`),
        language,
      ),
    ),
  ];
  if (data.productUsage)
    slackSections.push(
      section(
        withLines(
          `*${data.productUsage.heading}*`,
          data.productUsage.lines.map((l) => `• ${l}`),
          language,
        ),
      ),
    );
  const thread: SlackContent = {
    text: reportText('detailsNotification', language, { date: data.date }),
    blocks: fitBlocks(slackSections, language),
  };

  const field = (heading: string, lines: string[], separator = '\n') => ({
    name: heading.replace(/\*/g, ''),
    value: lines.length === 0 ? reportText('none', language) : fitLines(capped(lines, language), DISCORD_LIMITS.fieldValue, language, separator),
  });
  const discordEmbed = embed(
    {
      title,
      description: overview.replace(/\*([^*]+)\*/g, '**$1**'),
      color: alerts.length > 0 || failedDeploys.length > 0 ? COLORS.warn : COLORS.good,
      fields: [
        field(kpiHeading(data, language), kpiLines(statuses, 'discord', language)),
        field(reportText('reportsHeading', language, { reported, total: data.members.length }), participationLines(data, 'discord', language)),
        field(reportText('blockersHeading', language, { count: data.openBlockers }), blockerLines(data, 'discord', language)),
        field(
          reportText('mergedHeading', language, { count: data.merged.length }),
          data.merged.map((pr) => `• ${prLine(pr, 'discord')}`),
        ),
        ...(moves.length > 0
          ? [
              field(
                reportText('tasksMovedHeading', language, { count: moves.length }),
                moves.map((m) => `• ${moveLine(m, 'discord')}`),
              ),
            ]
          : []),
        field(
          reportText('deploysHeading', language, { count: data.deploys.length }),
          data.deploys.map((d) => `• ${deployLine(d, 'discord')}`),
        ),
        field(
          reportText('alertsHeading', language, { count: alerts.length }),
          alerts.map((a) => `• ⚠️ ${discordText(a)}`),
        ),
        ...(data.productUsage
          ? [
              field(
                data.productUsage.heading,
                data.productUsage.lines.map((l) => `• ${l}`),
              ),
            ]
          : []),
      ],
      footer: { text: reportText('footer', language) },
      timestamp: data.now,
    },
    language,
  );

  return { slack, thread, discord: { embeds: fitEmbeds([discordEmbed]) }, counts };
}

type Target = 'slack' | 'discord';

/** A heading and its lines in one section text, within Slack's 3,000 characters, long lists cut with "…他 N 件". */
function withLines(heading: string, lines: readonly string[], language: Language, separator = '\n'): string {
  if (lines.length === 0) return `${heading}\n${reportText('none', language)}`;
  const body = fitLines(capped(lines, language), SLACK_LIMITS.sectionText - heading.length - 1, language, separator);
  return `${heading}\n${body}`;
}

function capped(lines: readonly string[], language: Language): string[] {
  if (lines.length <= LIST_MAX) return [...lines];
  return [...lines.slice(0, LIST_MAX), reportText('andMore', language, { count: lines.length - LIST_MAX })];
}

function kpiHeading(data: DailySummaryData, language: Language): string {
  if (!data.kpi) return reportText('kpiNone', language);
  return reportText(data.kpi.date === data.date ? 'kpiHeading' : 'kpiHeadingLatest', language, { date: data.kpi.date });
}

function kpiLines(statuses: readonly KpiStatus[], to: Target, language: Language): string[] {
  if (statuses.every((s) => s.value === null)) return [];
  const bold = (s: string) => (to === 'slack' ? `*${s}*` : `**${s}**`);
  return statuses
    .filter((s) => s.value !== null)
    .map((s) => {
      const mark = s.met === null ? '▫️' : s.met ? '✅' : '⚠️';
      const target =
        s.target === null
          ? ''
          : language === 'ja'
            ? `（${reportText('target', language, { target: formatValue(s.field.kind, s.target, language) })}）`
            : ` (${reportText('target', language, { target: formatValue(s.field.kind, s.target, language) })})`;
      const moved = kpiChange(s, language);
      const change = moved === null ? '' : `　${changeText(moved, language)}`;
      return `${mark} ${bold(s.label)} ${formatValue(s.field.kind, s.value, language)}${target}${change}`;
    });
}

function participationLines(data: DailySummaryData, to: Target, language: Language): string[] {
  const away = data.away && data.away.length > 0 ? [awayText(data.away, language, to === 'slack' ? userMrkdwn : discordText)] : [];
  return [...reportLines(data, to, language), ...away];
}

function reportLines(data: DailySummaryData, to: Target, language: Language): string[] {
  if (data.members.length === 0) return [reportText('reportsNoMembers', language)];
  const missing = data.members.filter((m) => !m.reported).map((m) => (to === 'slack' ? userMrkdwn(m.name) : discordText(m.name)));
  if (missing.length === 0) return [reportText('reportsAll', language)];
  const names =
    missing.length > LIST_MAX ? [...missing.slice(0, LIST_MAX), reportText('andMore', language, { count: missing.length - LIST_MAX })] : missing;
  return [reportText('reportsMissing', language, { names: names.join(language === 'ja' ? '、' : ', ') })];
}

function blockerLines(data: DailySummaryData, to: Target, language: Language): string[] {
  const text = (s: string) => (to === 'slack' ? userMrkdwn(s) : discordText(s));
  const bold = (s: string) => (to === 'slack' ? `*${s}*` : `**${s}**`);
  const line = (b: BlockerItem, withAge: boolean) =>
    `• ${text(b.description)}${b.member ? ` — ${text(b.member)}` : ''}${withAge ? `（${reportText('blockerAge', language, { days: b.ageDays })}）` : ''}`;
  const out: string[] = [];
  if (data.newBlockers.length > 0)
    out.push(
      bold(reportText('blockersNew', language)),
      ...capped(
        data.newBlockers.map((b) => line(b, false)),
        language,
      ),
    );
  if (data.ageingBlockers.length > 0) {
    out.push(
      bold(reportText('blockersAgeing', language, { days: data.blockerAgeDays })),
      ...capped(
        data.ageingBlockers.map((b) => line(b, true)),
        language,
      ),
    );
  }
  return out;
}

function prLine(pr: MergedPr, to: Target): string {
  const ref = `${pr.repository}${pr.number === null ? '' : `${pr.forge === 'gitlab' ? '!' : '#'}${pr.number}`}`;
  if (to === 'slack') return `${slackLink(pr.url, ref)} ${userMrkdwn(pr.title)}${pr.author ? ` — ${userMrkdwn(pr.author)}` : ''}`;
  return `${discordLink(pr.url, ref)} ${discordText(pr.title)}${pr.author ? ` — ${discordText(pr.author)}` : ''}`;
}

/** `✅ T-4 ← acme/api#12 title — author`: done by a merge; 🔄 started by an opened request. */
function moveLine(m: TaskMoveItem, to: Target): string {
  const text = to === 'slack' ? userMrkdwn : discordText;
  return `${m.merged ? '✅' : '🔄'} ${text(m.tasks.join(', '))} ← ${prLine(m.pr, to)}`;
}

function deployLine(d: DeployItem, to: Target): string {
  const mark = d.failed ? '❌' : /^success/i.test(d.state) ? '✅' : '⏳';
  const text = to === 'slack' ? userMrkdwn : discordText;
  const sha = d.sha ? ` \`${d.sha.slice(0, 7).replace(/`/g, '')}\`` : '';
  return `${mark} ${text(d.environment || '—')}${sha}（${text(d.state || '—')}）`;
}

/** Without recorded alerts: each KPI off target, and each failed deploy of the day. */
function defaultAlerts(data: DailySummaryData, statuses: readonly KpiStatus[], language: Language): string[] {
  const kpis = offTarget(statuses).map((s) =>
    reportText('alertKpi', language, {
      name: s.label,
      value: formatValue(s.field.kind, s.value, language),
      target: formatValue(s.field.kind, s.target, language),
    }),
  );
  const deploys = data.deploys
    .filter((d) => d.failed)
    .map((d) => reportText('alertDeployFailed', language, { environment: d.environment || '—', sha: d.sha.slice(0, 7) }));
  return [...kpis, ...deploys];
}
