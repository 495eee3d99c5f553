import { actions, button, header, section, type SlackContent } from '../domain/chat/blockKit';
import { chatText } from '../domain/chat/messages';
import { ACTION_REPORT_BLOCKER, ACTION_REPORT_PROGRESS } from '../domain/chat/modals';
import type { ChatMessage, Outbox } from '../domain/chat/outbox';
import type { ChatConfig } from '../domain/chat/outboxMessages';
import { nudge, standupReminder } from '../domain/chat/reminderMessages';
import { userMrkdwn, userPlain } from '../domain/chat/text';
import { memberText } from '../domain/members/messages';
import { addDays, dueNow, memberReminderInstants, wallTime, type MemberDue, type MemberReminderKind, type ZoneOffset } from '../domain/members/team';
import type { Language } from '../domain/messages';
import { GRACE_MINUTES, type TimeOfDay } from '../domain/schedule';
import type { Cache } from '../platform/cache';
import type { Calendar } from '../platform/timeZone';
import type { Team } from './team';

/**
 * The reminders that follow each member's own clock (issue 18), run by a frequent job. Each tick costs one cache
 * read: the plan of the next hour's due instants is kept in the script cache, and only a tick at a due instant
 * reads the sheets (again, so an absence typed a minute ago still counts) and queues the direct messages. The
 * Outbox key (member, kind, member's day) makes a message go once, however often a plan is made.
 */

export interface MemberReminderDeps {
  now: Date;
  calendar: Calendar;
  cache: Pick<Cache, 'get' | 'put'>;
  /** The team over the days [first, last] (Members, Absences, Holidays, calendars). */
  team(first: string, last: string): Team;
  times(): Readonly<Record<MemberReminderKind, TimeOfDay>>;
  offset: ZoneOffset;
  /** Whether the member has a report for their own day (Daily Reports, read on first use). */
  reported(member: { name: string; slackUserId: string }, date: string): boolean;
  /** Asked only when a message is made: an idle tick reads nothing but the cache. */
  language(): Language;
  outbox: Outbox;
  config: ChatConfig;
  /** Called when the hourly plan is made: a moment to renew what other parts cache of the team. */
  onPlan?: () => void;
}

export interface MemberReminderResult {
  /** 'idle': nothing due this tick (the plan said so); 'sent': messages queued. */
  state: 'idle' | 'sent' | 'skipped';
  enqueued: number;
  planned: number;
  skipped?: string;
}

interface Plan {
  builtAt: number;
  due: Array<{ key: string; at: number }>;
  done: string[];
}

const PLAN_KEY = 'memberReminders:plan:v1';
const PLAN_MS = 60 * 60_000;
const GRACE_MS = GRACE_MINUTES * 60_000;
/** The plan outlives its hour so a late tick still finds what was done; a newer plan replaces it. */
const PLAN_SECONDS = 6 * 3600;

function readPlan(cache: Pick<Cache, 'get'>): Plan | null {
  try {
    const plan = JSON.parse(cache.get(PLAN_KEY) ?? 'null') as Plan | null;
    return plan && Array.isArray(plan.due) && Array.isArray(plan.done) ? plan : null;
  } catch {
    return null;
  }
}

/** The members' own reminders due in [from, to), from the sheets as they are now; with the team they came from. */
export function plannedReminders(deps: MemberReminderDeps, from: Date, to: Date): { due: MemberDue[]; team: Team } {
  const first = deps.calendar.dateKey(new Date(from.getTime() - 86_400_000));
  const last = deps.calendar.dateKey(new Date(to.getTime() + 86_400_000));
  const team = deps.team(first, last);
  const due = memberReminderInstants({
    members: team.members,
    teamZone: deps.calendar.timeZone,
    times: deps.times(),
    absences: team.absences,
    holidaysOf: team.holidaysOf,
    offset: deps.offset,
    from,
    to,
  });
  return { due, team };
}

function reportButtons(language: Language) {
  return actions('shinchoku_report', [
    button(chatText('buttonReportProgress', language), ACTION_REPORT_PROGRESS, { style: 'primary', value: 'progress' }),
    button(chatText('buttonReportBlocker', language), ACTION_REPORT_BLOCKER, { style: 'danger', value: 'blocker' }),
  ]);
}

export function memberProgressReminder(name: string, date: string, language: Language): SlackContent {
  const title = memberText('memberProgressHeader', language);
  return {
    text: `${title} — ${memberText('memberProgressBody', language, { name: userPlain(name), date })}`,
    blocks: [header(title), section(memberText('memberProgressBody', language, { name: userMrkdwn(name), date })), reportButtons(language)],
  };
}

function message(deps: MemberReminderDeps, due: MemberDue, zone: string): ChatMessage | null {
  const endOfDay = wallTime(addDays(due.date, 1), { hour: 0, minute: 0 }, zone, deps.offset);
  const member = { name: due.member, slackUserId: due.slackUserId };
  switch (due.kind) {
    case 'standup': {
      const noon = wallTime(due.date, { hour: 12, minute: 0 }, zone, deps.offset).getTime();
      const expiresAt = new Date(Math.max(noon, deps.now.getTime() + 3_600_000));
      return { dedupeKey: due.key, slack: { channel: due.slackUserId, ...standupReminder(due.date, deps.language()) }, expiresAt };
    }
    case 'nudge':
      if (deps.reported(member, due.date)) return null;
      return { dedupeKey: due.key, slack: { channel: due.slackUserId, ...nudge(due.member, due.date, deps.language()) }, expiresAt: endOfDay };
    case 'progress':
      if (deps.reported(member, due.date)) return null;
      return {
        dedupeKey: due.key,
        slack: { channel: due.slackUserId, ...memberProgressReminder(due.member, due.date, deps.language()) },
        expiresAt: endOfDay,
      };
  }
}

export function sendMemberReminders(deps: MemberReminderDeps): MemberReminderResult {
  const now = deps.now.getTime();
  let plan = readPlan(deps.cache);
  let fresh = false;
  if (!plan || now - plan.builtAt >= PLAN_MS || now < plan.builtAt) {
    const { due } = plannedReminders(deps, new Date(now - GRACE_MS), new Date(now + PLAN_MS + GRACE_MS));
    plan = { builtAt: now, due: due.map((d) => ({ key: d.key, at: d.at.getTime() })), done: plan?.done ?? [] };
    fresh = true;
    deps.onPlan?.();
  }
  const done = new Set(plan.done);
  const waiting = plan.due.filter((d) => dueNow({ at: new Date(d.at) }, deps.now) && !done.has(d.key));
  if (waiting.length === 0) {
    if (fresh) deps.cache.put(PLAN_KEY, JSON.stringify(keepRecent(plan, now)), PLAN_SECONDS);
    return { state: 'idle', enqueued: 0, planned: plan.due.length };
  }
  // A fresh look at the sheets before sending: someone may have typed an absence since the plan was made.
  const { due, team } = plannedReminders(deps, new Date(now - GRACE_MS), new Date(now + 60_000));
  const sendable = due.filter((d) => dueNow(d, deps.now) && !done.has(d.key));
  const zones = new Map(team.members.map((m) => [m.name, m.timeZone] as const));
  const messages = sendable.map((d) => message(deps, d, zones.get(d.member) ?? deps.calendar.timeZone)).filter((m): m is ChatMessage => m !== null);
  for (const d of [...sendable, ...waiting]) done.add(d.key);
  plan.done = [...done];
  deps.cache.put(PLAN_KEY, JSON.stringify(keepRecent(plan, now)), PLAN_SECONDS);
  if (messages.length === 0) return { state: 'sent', enqueued: 0, planned: plan.due.length };
  if (deps.config.slack !== 'api')
    return { state: 'skipped', enqueued: 0, planned: plan.due.length, skipped: 'direct messages need SLACK_BOT_TOKEN in Script Properties' };
  deps.outbox.enqueue(messages);
  return { state: 'sent', enqueued: messages.length, planned: plan.due.length };
}

/** Keys of the last two days are enough to send nothing twice; older ones would only grow the cache value. */
function keepRecent(plan: Plan, now: number): Plan {
  const cutoff = new Date(now - 2 * 86_400_000).toISOString().slice(0, 10);
  return { ...plan, done: plan.done.filter((k) => (k.split(':')[1] ?? '') >= cutoff) };
}

/**
 * The dispatcher's wakes for the members' reminders (src/compose/dueInstants.ts): the instants of the cached plan
 * not yet sent. One cache read; with no plan yet, none — the next dispatcher run makes one.
 */
export function memberReminderWakes(cache: Pick<Cache, 'get'>, now: Date): Date[] {
  const plan = readPlan(cache);
  if (!plan) return [];
  const done = new Set(plan.done);
  return plan.due.filter((d) => !done.has(d.key) && d.at + GRACE_MS > now.getTime()).map((d) => new Date(d.at));
}
