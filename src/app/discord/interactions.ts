import { fitEmbeds, type Embed } from '../../domain/chat/discordEmbed';
import { readDiscordProgress } from '../../domain/chat/discordForm';
import { parseDiscordInteraction, type DiscordRequest } from '../../domain/chat/discordInteraction';
import { discordText } from '../../domain/chat/discordMessages';
import type { ChatMessage } from '../../domain/chat/outbox';
import { kpiDashboardEmbed, memberProgressEmbed, teamStatusEmbed } from '../../domain/chat/reminderMessages';
import { developerTotals, memberActivity } from '../../domain/code/developerSummary';
import type { Language } from '../../domain/messages';
import type { Locked } from '../../platform/lock';
import type { Calendar } from '../../platform/timeZone';
import { kpiTargets, latestKpi, openBlockers, participation, recentReports, text, type ChatTables } from '../chatData';
import type { Question } from '../../domain/members/questions';
import { fileBlocker, reportEntryOf, writeReport, type SlackWorkDeps } from '../slack/work';
import type { WebAnswer } from '../webApp';

/** An interaction token is valid for 15 minutes; the answer is not worth sending after that. */
export const INTERACTION_TOKEN_SECONDS = 15 * 60;

export interface DiscordInteractionDeps {
  now: Date;
  calendar: () => Calendar;
  language: () => Language;
  tables: () => ChatTables;
  locked: Locked;
  /** Keeps the interaction's token out of the sheet: the Outbox row names the interaction, the cache holds the token. */
  rememberToken: (interactionId: string, token: string) => void;
  enqueue: (messages: ChatMessage[]) => void;
  /** Sends what was just enqueued, in this execution: a person is watching Discord's "thinking…". */
  deliverNow: () => void;
  /** The team's questions (the cached team profile), which the form asked. */
  questions: () => readonly Question[];
  /** As for Slack: `Daily Reports` with the asked columns, and the member's own day. */
  reportsWith: NonNullable<SlackWorkDeps['reportsWith']>;
  memberDay: NonNullable<SlackWorkDeps['memberDay']>;
  /** `Developer Metrics` rows for `/progress report`; null when DEVELOPER_METRICS is off. */
  developerMetrics: NonNullable<SlackWorkDeps['developerMetrics']>;
}

/**
 * `source=discord` through the gateway: a slash command or the progress form, already verified and acknowledged
 * with a deferred response. The work is done here; the answer edits that response through the Outbox.
 */
export function handleDiscordInteraction(deps: DiscordInteractionDeps, body: string): WebAnswer {
  const request = parseDiscordInteraction(body);
  const language = deps.language();
  const answer = deps.locked(() => answerOf(deps, request, language));
  deps.rememberToken(request.id, request.token);
  deps.enqueue([
    {
      dedupeKey: `discord-interaction:${request.id}`,
      discord: { ...answer, interaction: { applicationId: request.applicationId, id: request.id } },
      maxAgeMs: INTERACTION_TOKEN_SECONDS * 1000,
    },
  ]);
  deps.deliverNow();
  return { ok: true, interaction: request.id, command: request.kind };
}

/** The `Members` row with this Discord user id; someone without one goes by their Discord name. */
function memberOf(tables: ChatTables, userId: string, userName: string): { name: string; slackUserId: string; known: boolean } {
  // An id pasted without a leading ' becomes a number and loses its last digits; it still matches the same rounding.
  const matches = (cell: unknown) => (typeof cell === 'number' ? cell === Number(userId) : text(cell as string) === userId);
  const row = tables.members.read().rows.find((r) => matches(r.record.discordUserId));
  if (row) return { name: text(row.record.name), slackUserId: text(row.record.slackUserId), known: true };
  return { name: userName || userId, slackUserId: '', known: false };
}

function answerOf(deps: DiscordInteractionDeps, request: DiscordRequest, language: Language): { content?: string; embeds?: Embed[] } {
  const tables = deps.tables();
  const calendar = deps.calendar();
  const today = calendar.dateKey(deps.now);
  const timestamp = deps.now.toISOString();
  switch (request.kind) {
    case 'kpi':
      return { embeds: fitEmbeds([kpiDashboardEmbed(latestKpi(tables, today, calendar), kpiTargets(tables), timestamp, language)]) };
    case 'team': {
      const { reported, notReported } = participation(tables, today, calendar);
      const status = {
        date: today,
        reported: reported.map((m) => m.name),
        notReported: notReported.map((m) => m.name),
        blockers: openBlockers(tables, today, calendar),
      };
      return { embeds: fitEmbeds([teamStatusEmbed(status, timestamp, language)]) };
    }
    case 'blocker': {
      const member = memberOf(tables, request.userId, request.userName);
      const id = fileBlocker({ calendar, tables }, member.name, request.text, '', deps.now, 'discord');
      return { content: discordText('blockersFiled', language, { ids: `\`${id}\`` }) + note(member, request, language) };
    }
    case 'progress': {
      const self = request.memberId === request.userId;
      const member = memberOf(tables, request.memberId, request.memberName);
      // Someone else must be in Members to be found; the caller's own reports are kept under their Discord name.
      if (!member.known && !self) return { content: discordText('memberNotFound', language, { name: request.memberName, user: request.memberId }) };
      const metrics = deps.developerMetrics();
      const totals = metrics ? developerTotals(metrics, today) : null;
      const progress = memberProgressEmbed(
        {
          name: member.name,
          reports: recentReports(tables, { name: member.name, slackUserId: member.slackUserId, active: true }, calendar, 3),
          blockers: openBlockers(tables, today, calendar, member.name),
          developer: totals ? memberActivity(totals, member.name, language) : null,
        },
        timestamp,
        language,
      );
      return { embeds: fitEmbeds([progress]), ...(member.known ? {} : { content: note(member, request, language).trim() }) };
    }
    case 'report': {
      // Read as the Slack form is read: the same checks, the same messages, nothing written when one fails.
      const read = readDiscordProgress(deps.questions(), request.values, language);
      if (!read.ok) return { content: read.message };
      const member = memberOf(tables, request.userId, request.userName);
      const written = writeReport(
        { calendar, tables, reportsWith: deps.reportsWith, memberDay: deps.memberDay },
        { name: member.name, slackUserId: member.slackUserId, active: true },
        member.slackUserId,
        deps.now,
        reportEntryOf(read.value, read.asked),
        'discord',
      );
      const out = [discordText(written.created ? 'reportSaved' : 'reportUpdated', language, { date: written.date })];
      if (written.blockerIds.length > 0)
        out.push(discordText('blockersFiled', language, { ids: written.blockerIds.map((id) => `\`${id}\``).join(', ') }));
      return { content: out.join('\n') + note(member, request, language) };
    }
  }
}

function note(member: { name: string; known: boolean }, request: DiscordRequest, language: Language): string {
  return member.known ? '' : `\n${discordText('notInMembers', language, { user: request.userId, name: member.name })}`;
}
