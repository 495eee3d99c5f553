import { defineTable } from './schema';

/**
 * The team's own calendar and questions (issue 18): who is away when, what the progress form asks, and how often
 * each member reported. The Members columns for time zones and calendars are in tables.ts with the others.
 */

/** One row per absence: `From`–`To` are whole days, both included (an empty `To` is the one day `From`). */
export const ABSENCES = defineTable({
  name: 'Absences',
  columns: [
    { key: 'member', header: 'Member', type: 'text', required: true, width: 140 },
    { key: 'from', header: 'From', type: 'date', required: true, width: 100 },
    { key: 'to', header: 'To', type: 'date', width: 100 },
    { key: 'reason', header: 'Reason', type: 'text', width: 260 },
  ],
  key: ['member', 'from'],
});

/**
 * What the progress form asks, in `Order`. `Column` is the `Daily Reports` header the answers land in: setup
 * fills it once from the question's text and never changes it, so rewording a question keeps its answers together
 * and a removed question leaves its column and answers where they are.
 */
export const QUESTIONS = defineTable({
  name: 'Questions',
  columns: [
    { key: 'order', header: 'Order', type: 'number', required: true, width: 60 },
    { key: 'textJa', header: 'Text (ja)', type: 'text', width: 260 },
    { key: 'textEn', header: 'Text (en)', type: 'text', width: 260 },
    { key: 'kind', header: 'Kind', type: 'text', width: 80 },
    { key: 'required', header: 'Required', type: 'boolean', width: 80 },
    { key: 'column', header: 'Column', type: 'text', width: 160 },
  ],
  key: ['order'],
});

/** Reported days ÷ working days present, per member and ISO week; written by recordParticipation. */
export const PARTICIPATION = defineTable({
  name: 'Participation',
  columns: [
    { key: 'weekStart', header: 'Week Start', type: 'date', required: true, width: 100 },
    { key: 'member', header: 'Member', type: 'text', required: true, width: 140 },
    { key: 'reportedDays', header: 'Reported Days', type: 'integer', width: 110 },
    { key: 'workingDays', header: 'Working Days', type: 'integer', width: 110 },
    { key: 'participation', header: 'Participation', type: 'percent', width: 110 },
    { key: 'daysAway', header: 'Days Away', type: 'integer', width: 90 },
  ],
  key: ['weekStart', 'member'],
});

export const MEMBER_TABLES = [ABSENCES, QUESTIONS, PARTICIPATION] as const;
