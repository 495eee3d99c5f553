import { CHAT_TABLES } from './chatTables';
import { GITHUB_TABLES } from './githubTables';
import { GITLAB_TABLES } from './gitlabTables';
import { KPI_COLUMNS } from './kpiColumns';
import { MEMBER_TABLES } from './memberTables';
import { defineTable } from './schema';
import { OBSERVABILITY_TABLES } from './observabilityTables';

/**
 * Every table of the workbook, declared once. Sheet names and headers are contracts with the people who use
 * the sheet and with outside checks: columns may be added, never renamed. Columns are found by header, so people
 * may reorder them or insert their own.
 */

export const KPI_TRACKING = defineTable({
  name: 'KPI Tracking',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true, width: 100 },
    ...KPI_COLUMNS,
    /** The KPIs of the row a person (or the KPI webhook) entered, which the daily computation keeps. */
    { key: 'overrides', header: 'Overrides', type: 'text', width: 160 },
    /** Hidden: the values the daily computation last wrote (JSON), so it can tell them from typed ones. */
    { key: 'computed', header: 'Computed', type: 'text', width: 60 },
  ],
  key: ['date'],
});

export const SETTINGS = defineTable({
  name: 'Settings',
  columns: [
    { key: 'key', header: 'Key', type: 'text', required: true, width: 220 },
    { key: 'value', header: 'Value', type: 'text', width: 260 },
    { key: 'description', header: 'Description', type: 'text', width: 420 },
  ],
  key: ['key'],
});

export const MEMBERS = defineTable({
  name: 'Members',
  columns: [
    { key: 'name', header: 'Name', type: 'text', required: true, width: 140 },
    { key: 'email', header: 'Email', type: 'text', width: 220 },
    { key: 'slackUserId', header: 'Slack User ID', type: 'text', width: 130 },
    { key: 'githubLogin', header: 'GitHub Login', type: 'text', width: 130 },
    { key: 'active', header: 'Active', type: 'boolean', width: 70 },
    { key: 'gitlabUsername', header: 'GitLab Username', type: 'text', width: 130 },
    { key: 'discordUserId', header: 'Discord User ID', type: 'text', width: 150 },
    // Issue 18: the member's own clock and calendars (src/app/team.ts); empty means the team's.
    { key: 'timeZone', header: 'Time Zone', type: 'text', width: 150 },
    { key: 'calendar', header: 'Calendar', type: 'text', width: 200 },
    { key: 'holidayCalendar', header: 'Holiday Calendar', type: 'text', width: 220 },
  ],
  key: ['name'],
});

export const PROJECTS = defineTable({
  name: 'Projects',
  columns: [
    { key: 'name', header: 'Name', type: 'text', required: true, width: 180 },
    { key: 'deadline', header: 'Deadline', type: 'date', width: 100 },
    { key: 'owner', header: 'Owner', type: 'text', width: 140 },
    { key: 'active', header: 'Active', type: 'boolean', width: 70 },
    { key: 'slackChannel', header: 'Slack Channel', type: 'text', width: 140 },
  ],
  key: ['name'],
});

/** Weight: how much of the project a task is (Overall Progress weighs done tasks by it); 1 when empty. */
export const TASKS = defineTable({
  name: 'Tasks',
  columns: [
    { key: 'id', header: 'ID', type: 'text', required: true, width: 80 },
    { key: 'project', header: 'Project', type: 'text', width: 160 },
    { key: 'title', header: 'Title', type: 'text', width: 280 },
    { key: 'owner', header: 'Owner', type: 'text', width: 120 },
    { key: 'status', header: 'Status', type: 'text', width: 100 },
    { key: 'weight', header: 'Weight', type: 'number', width: 70 },
    { key: 'plannedDate', header: 'Planned Date', type: 'date', width: 100 },
    { key: 'dueDate', header: 'Due Date', type: 'date', width: 100 },
    { key: 'doneAt', header: 'Done At', type: 'datetime', width: 130 },
    /** The pull / merge requests that name the task, one `owner/name#12` (GitLab `group/project!12`) per line. */
    { key: 'pullRequests', header: 'Pull Requests', type: 'text', width: 200 },
  ],
  key: ['id'],
});

/** One row per member per day; a second report the same day updates it. */
export const DAILY_REPORTS = defineTable({
  name: 'Daily Reports',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true, width: 100 },
    { key: 'member', header: 'Member', type: 'text', required: true, width: 140 },
    { key: 'slackUserId', header: 'Slack User ID', type: 'text', width: 120 },
    { key: 'done', header: 'Done', type: 'text', width: 300 },
    { key: 'planned', header: 'Planned', type: 'text', width: 300 },
    { key: 'blockers', header: 'Blockers', type: 'text', width: 240 },
    { key: 'mood', header: 'Mood', type: 'integer', width: 60 },
    { key: 'updatedAt', header: 'Updated At', type: 'datetime', width: 130 },
  ],
  key: ['date', 'member'],
});

export const BLOCKERS = defineTable({
  name: 'Blockers',
  columns: [
    { key: 'id', header: 'ID', type: 'text', required: true, width: 80 },
    { key: 'openedAt', header: 'Opened At', type: 'datetime', width: 130 },
    { key: 'member', header: 'Member', type: 'text', width: 140 },
    { key: 'description', header: 'Description', type: 'text', width: 360 },
    { key: 'project', header: 'Project', type: 'text', width: 140 },
    { key: 'status', header: 'Status', type: 'text', width: 90 },
    { key: 'resolvedAt', header: 'Resolved At', type: 'datetime', width: 130 },
    { key: 'source', header: 'Source', type: 'text', width: 80 },
  ],
  key: ['id'],
});

/** One row per KPI (by its `KPI Tracking` header); Direction says whether higher or lower is better. */
export const TARGETS = defineTable({
  name: 'Targets',
  columns: [
    { key: 'kpi', header: 'KPI', type: 'text', required: true, width: 180 },
    { key: 'target', header: 'Target', type: 'number', width: 90 },
    { key: 'direction', header: 'Direction', type: 'text', width: 90 },
  ],
  key: ['kpi'],
});

export const HOLIDAYS = defineTable({
  name: 'Holidays',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true, width: 100 },
    { key: 'name', header: 'Name', type: 'text', width: 200 },
  ],
  key: ['date'],
});

/** One row per ISO week (`2026-W02`), written by the weekly rollup; the weekly email reads it. */
export const WEEKLY = defineTable({
  name: 'Weekly',
  columns: [
    { key: 'week', header: 'Week', type: 'text', required: true, width: 90 },
    { key: 'start', header: 'Start', type: 'date', width: 100 },
    { key: 'end', header: 'End', type: 'date', width: 100 },
    { key: 'avgProgress', header: 'Average Progress', type: 'percent', width: 130 },
    { key: 'avgQuality', header: 'Average Quality', type: 'score', width: 120 },
    { key: 'totalBlockers', header: 'Total Blockers', type: 'integer', width: 110 },
    { key: 'trend', header: 'Trend', type: 'text', width: 240 },
    // The sheet area's rollup adds these (src/app/weeklyRollup.ts); GitHub figures come from `GitHub Metrics`.
    { key: 'progressChange', header: 'Progress Change', type: 'percent', width: 120 },
    { key: 'avgCompletion', header: 'Average Completion', type: 'percent', width: 140 },
    { key: 'avgSatisfaction', header: 'Average Satisfaction', type: 'score', width: 140 },
    { key: 'prsMerged', header: 'PRs Merged', type: 'integer', width: 90 },
    { key: 'codeReviewTime', header: 'Code Review Time', type: 'hours', width: 130 },
    { key: 'deployments', header: 'Deployments', type: 'integer', width: 100 },
    { key: 'deploySuccessRate', header: 'Deploy Success Rate', type: 'percent', width: 150 },
    { key: 'leadTime', header: 'Lead Time For Changes', type: 'hours', width: 160 },
    { key: 'changeFailureRate', header: 'Change Failure Rate', type: 'percent', width: 150 },
    { key: 'timeToRestore', header: 'Time To Restore', type: 'hours', width: 120 },
    { key: 'commits', header: 'Commits', type: 'integer', width: 80 },
    { key: 'linesChanged', header: 'Lines Changed', type: 'integer', width: 110 },
  ],
  key: ['week'],
});

/** Every failed execution (trigger, web app, menu), with secrets taken out, newest last. */
export const ERRORS = defineTable({
  name: 'Errors',
  columns: [
    { key: 'time', header: 'Time', type: 'datetime', required: true, width: 140 },
    { key: 'function', header: 'Function', type: 'text', required: true, width: 160 },
    { key: 'message', header: 'Message', type: 'text', width: 420 },
    { key: 'stack', header: 'Stack', type: 'text', width: 420 },
    { key: 'id', header: 'ID', type: 'text', width: 100 },
  ],
  key: ['id'],
});

/** The tables setup creates, in the order their tabs appear. */
export const ALL_TABLES = [
  KPI_TRACKING,
  SETTINGS,
  MEMBERS,
  PROJECTS,
  TASKS,
  DAILY_REPORTS,
  BLOCKERS,
  TARGETS,
  HOLIDAYS,
  WEEKLY,
  ...GITHUB_TABLES,
  ...GITLAB_TABLES,
  ...CHAT_TABLES,
  ...OBSERVABILITY_TABLES,
  ...MEMBER_TABLES,
  ERRORS,
] as const;
