import { defineTable } from './schema';

/**
 * Every table of the workbook, declared once. Sheet names and headers are contracts with the people who use
 * the sheet and with outside checks: columns may be added, never renamed. Columns are found by header, so people
 * may reorder them or insert their own.
 */

export const KPI_TRACKING = defineTable({
  name: 'KPI Tracking',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true, width: 100 },
    { key: 'overallProgress', header: 'Overall Progress', type: 'percent', width: 120 },
    { key: 'taskCompletionRate', header: 'Task Completion Rate', type: 'percent', width: 150 },
    { key: 'qualityScore', header: 'Quality Score', type: 'score', width: 110 },
    { key: 'teamSatisfaction', header: 'Team Satisfaction', type: 'score', width: 130 },
    { key: 'blockersCount', header: 'Blockers Count', type: 'integer', width: 120 },
    { key: 'codeReviewTime', header: 'Code Review Time', type: 'hours', width: 130 },
    { key: 'deploySuccessRate', header: 'Deploy Success Rate', type: 'percent', width: 150 },
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
  ],
  key: ['name'],
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
export const ALL_TABLES = [KPI_TRACKING, SETTINGS, MEMBERS, ERRORS] as const;
