import type { Language } from '../messages';
import { actions, button, context, fields, header, section, type SlackContent } from './blockKit';
import { COLORS, embed, type Embed } from './discordEmbed';
import { KPI_FIELDS, kpiLabel, kpiWithTarget, meetsTarget, type KpiField, type KpiRow, type KpiTargets } from './kpi';
import { DISCORD_LIMITS } from './limits';
import { chatText } from './messages';
import { ACTION_REPORT_BLOCKER, ACTION_REPORT_PROGRESS } from './modals';
import { blockerLines, type BlockerEntry, type ReportEntry } from './reports';
import { fitLines, progressBar, userMrkdwn, userPlain } from './text';

function reportButtons(language: Language) {
  return actions('shinchoku_report', [
    button(chatText('buttonReportProgress', language), ACTION_REPORT_PROGRESS, { style: 'primary', value: 'progress' }),
    button(chatText('buttonReportBlocker', language), ACTION_REPORT_BLOCKER, { style: 'danger', value: 'blocker' }),
  ]);
}

/** 09:00: the standup in the team's three parts, with the two buttons that open the report forms. */
export function standupReminder(date: string, language: Language): SlackContent {
  const title = chatText('standupHeader', language);
  return {
    text: `${title} (${date})`,
    blocks: [
      header(title),
      section(
        [
          chatText('standupIntro', language, { date }),
          `✅ *${chatText('standupYesterday', language)}*`,
          `📋 *${chatText('standupToday', language)}*`,
          `🚫 *${chatText('standupBlockers', language)}*`,
        ].join('\n'),
      ),
      reportButtons(language),
      context(chatText('standupHint', language)),
    ],
  };
}

/** 18:00: time to update the day's progress, with how many have reported so far. */
export function progressReminder(date: string, reported: number, total: number, language: Language): SlackContent {
  const title = chatText('progressReminderHeader', language);
  return {
    text: `${title} (${date})`,
    blocks: [header(title), section(chatText('progressReminderBody', language, { reported, total })), reportButtons(language)],
  };
}

/** The direct nudge to a member who has not reported by the nudge time. */
export function nudge(name: string, date: string, language: Language): SlackContent {
  return {
    text: chatText('nudgeText', language, { name: userPlain(name), date }),
    blocks: [section(chatText('nudgeText', language, { name: userMrkdwn(name), date })), reportButtons(language)],
  };
}

export interface ProjectStatus {
  name: string;
  /** Σ weight of done tasks ÷ Σ weight of all tasks; null without tasks. */
  progress: number | null;
  doneTasks: number;
  totalTasks: number;
  deadline: string | null;
  /** Calendar days from today to the deadline (negative when past). */
  daysLeft: number | null;
  /** The team's latest quality score (KPI Tracking). */
  quality: number | null;
  /** Tasks moved by pull/merge requests (issue 13): `✅ T-4 title ← acme/api#12`, one per task. */
  pullRequests?: string[];
}

function deadlineText(status: ProjectStatus, language: Language): string {
  if (!status.deadline || status.daysLeft === null) return chatText('noDeadline', language);
  if (status.daysLeft > 0) return chatText('daysLeft', language, { days: status.daysLeft, date: status.deadline });
  if (status.daysLeft === 0) return chatText('dueToday', language, { date: status.deadline });
  return chatText('overdue', language, { days: -status.daysLeft, date: status.deadline });
}

/** `📊 <project> 進捗更新` with 進捗率, 期限まで, 完了タスク, 品質スコア and a text progress bar. */
export function projectUpdate(status: ProjectStatus, language: Language): SlackContent {
  const title = chatText('projectHeader', language, { project: userPlain(status.name) });
  const progress = status.progress === null ? '—' : `${(status.progress * 100).toFixed(1)}%`;
  return {
    text: `${title}: ${progress}`,
    blocks: [
      header(title),
      fields(
        [
          [chatText('fieldProgress', language), progress],
          [chatText('fieldDeadline', language), deadlineText(status, language)],
          [
            chatText('fieldDoneTasks', language),
            status.totalTasks === 0
              ? chatText('noTasks', language)
              : chatText('tasksDone', language, { done: status.doneTasks, total: status.totalTasks }),
          ],
          [chatText('fieldQuality', language), status.quality === null ? '—' : `${status.quality.toFixed(1)} / 5`],
        ],
        language,
      ),
      section(`\`${progressBar(status.progress ?? 0, 20)}\``),
      ...(status.pullRequests && status.pullRequests.length > 0
        ? [
            context(
              `${chatText('projectPullRequests', language)}\n${fitLines(
                status.pullRequests.map((l) => userMrkdwn(l)),
                2900,
                language,
              )}`,
            ),
          ]
        : []),
    ],
  };
}

const field = (key: KpiField['key']) => KPI_FIELDS.find((f) => f.key === key) as KpiField;

/**
 * The Discord KPI dashboard: 全体進捗 with its target, 生産性スコア (the task completion rate), 品質スコア and
 * チーム満足度, the day's timestamp and the footer. Green when every KPI with a target meets it, yellow otherwise.
 */
export function kpiDashboardEmbed(kpi: KpiRow | null, targets: KpiTargets, timestamp: string, language: Language): Embed {
  const value = (key: KpiField['key']) => kpiWithTarget(field(key), kpi ? kpi[key] : null, targets, language);
  const checked = kpi
    ? KPI_FIELDS.filter((f) => kpi[f.key] !== null && targets.has(f.header)).map((f) =>
        meetsTarget(kpi[f.key] as number, targets.get(f.header) as NonNullable<ReturnType<KpiTargets['get']>>),
      )
    : [];
  return embed(
    {
      title: chatText('dashboardTitle', language),
      description: kpi ? chatText('dashboardDescription', language, { date: kpi.date }) : chatText('noKpi', language),
      color: !kpi ? COLORS.info : checked.every(Boolean) ? COLORS.good : COLORS.warn,
      fields: [
        { name: kpiLabel(field('overallProgress'), language), value: value('overallProgress'), inline: true },
        { name: chatText('kpiProductivity', language), value: value('taskCompletionRate'), inline: true },
        { name: kpiLabel(field('qualityScore'), language), value: value('qualityScore'), inline: true },
        { name: kpiLabel(field('teamSatisfaction'), language), value: value('teamSatisfaction'), inline: true },
      ],
      footer: { text: chatText('footer', language) },
      timestamp,
    },
    language,
  );
}

/** The team status embed: who reported today, who has not, and the open blockers. */
/** A catalog heading written for Slack's mrkdwn (`*bold*`) as an embed field's name, which shows no markup. */
const strip = (s: string) => s.replace(/\*/g, '');

export function teamStatusEmbed(
  data: { date: string; reported: readonly string[]; notReported: readonly string[]; blockers: readonly BlockerEntry[] },
  timestamp: string,
  language: Language,
): Embed {
  const names = (list: readonly string[]) =>
    list.length === 0
      ? chatText('none', language)
      : fitLines(list.map(userPlain), DISCORD_LIMITS.fieldValue, language, language === 'ja' ? '、' : ', ');
  const blockers = blockerLines(data.blockers, language, userPlain);
  return embed(
    {
      title: chatText('teamStatusTitle', language, { date: data.date }),
      color: data.blockers.length > 0 || data.notReported.length > 0 ? COLORS.warn : COLORS.good,
      fields: [
        { name: strip(chatText('reported', language, { count: data.reported.length })), value: names(data.reported) },
        { name: strip(chatText('notReported', language, { count: data.notReported.length })), value: names(data.notReported) },
        {
          name: strip(chatText('openBlockers', language, { count: data.blockers.length })),
          value: data.blockers.length === 0 ? chatText('none', language) : fitLines(blockers, DISCORD_LIMITS.fieldValue, language),
        },
      ],
      footer: { text: chatText('footer', language) },
      timestamp,
    },
    language,
  );
}

/**
 * `/progress report [member]` on Discord: a member's recent reports, their open blockers and, when Developer Metrics
 * are on, their developer activity — what Slack's `/progress report @someone` shows, as one embed.
 */
export function memberProgressEmbed(
  data: {
    name: string;
    reports: readonly ReportEntry[];
    blockers: readonly BlockerEntry[];
    /** The heading and the line of the member's Developer Metrics; absent when DEVELOPER_METRICS is off. */
    developer?: { heading: string; line: string } | null;
  },
  timestamp: string,
  language: Language,
): Embed {
  const reportText = (r: ReportEntry) => {
    const lines = [`**${r.date}**${r.mood ? `  ${chatText('labelMood', language)} ${r.mood}/5` : ''}`];
    const add = (label: 'labelDone' | 'labelPlanned' | 'labelBlockers', text: string) => {
      if (text.trim() !== '') lines.push(`${chatText(label, language)}: ${userPlain(text.replace(/\s*\n\s*/g, ' / '))}`);
    };
    add('labelDone', r.done);
    add('labelPlanned', r.planned);
    add('labelBlockers', r.blockers);
    return lines.join('\n');
  };
  const blockers = blockerLines(data.blockers, language, userPlain);
  return embed(
    {
      title: chatText('personalTitle', language, { name: userPlain(data.name) }),
      color: data.blockers.length > 0 ? COLORS.warn : COLORS.good,
      fields: [
        {
          name: strip(chatText('recentReports', language)),
          value:
            data.reports.length === 0
              ? chatText('noReports', language)
              : fitLines(data.reports.map(reportText), DISCORD_LIMITS.fieldValue, language, '\n\n'),
        },
        {
          name: strip(chatText('openBlockers', language, { count: data.blockers.length })),
          value: data.blockers.length === 0 ? chatText('none', language) : fitLines(blockers, DISCORD_LIMITS.fieldValue, language),
        },
        ...(data.developer ? [{ name: strip(data.developer.heading), value: data.developer.line }] : []),
      ],
      footer: { text: chatText('footer', language) },
      timestamp,
    },
    language,
  );
}
