import { header, section, type Block, type ModalView } from '../../domain/chat/blockKit';
import { slackApiDelivery } from '../../domain/chat/delivery';
import { parseInlineReport } from '../../domain/chat/inlineReport';
import { chatText } from '../../domain/chat/messages';
import {
  ACTION_REPORT_BLOCKER,
  ACTION_REPORT_PROGRESS,
  BLOCKER_MODAL,
  PROGRESS_MODAL,
  blockerModal,
  progressModal,
  readBlockerSubmission,
  readOrigin,
  readProgressSubmission,
  type ModalOrigin,
  type ProgressDraft,
  type ViewValues,
} from '../../domain/chat/modals';
import { parseSlashCommand } from '../../domain/chat/slashCommand';
import { DEFAULT_QUESTIONS, type Question } from '../../domain/members/questions';
import { userMrkdwn } from '../../domain/chat/text';
import { AuthError, ConfigError, InputError } from '../../domain/errors';
import type { Language } from '../../domain/messages';
import { isSlackResponseUrl } from '../../domain/gateway';
import { secureEquals } from '../../domain/secureCompare';
import type { SlackClient } from '../../platform/slack';
import { PROP } from '../properties';
import { RawAnswer, type WebRequest } from '../webApp';
import { reportEntryOf, type SlackUser, type SlackWork } from './work';

/** What Slack is answered: a JSON body in Slack's own shapes, or an empty body (which closes a submitted modal). */
export type SlackAnswer = { json: unknown } | { empty: true };

export interface SlackInboundDeps {
  properties: Readonly<Record<string, string>>;
  now: Date;
  /** The team's language (Settings, through the cache); asked only when an answer has words in it. */
  language: () => Language;
  /** Stores work for the queue processor; false when it is too large for the queue and must be done at once. */
  enqueue: (work: SlackWork) => boolean;
  doNow: (work: SlackWork) => void;
  /** The Web API with the bot token, or null when only an incoming webhook is configured. */
  slack: SlackClient | null;
  /** Today's report of a Slack user, to fill the form with (a second report updates the day's row). */
  todaysReport: (slackUserId: string) => ProgressDraft | null;
  /** The gateway checked Slack's signing secret: the verification token (which Slack is retiring) is not needed. */
  signedByGateway?: boolean;
  /** The team's questions (`Questions`, or the default set): what the progress form asks. */
  questions?: () => readonly Question[];
}

const EMPTY: SlackAnswer = { empty: true };
const ephemeral = (text: string, blocks?: Block[]): SlackAnswer => ({
  json: blocks ? { response_type: 'ephemeral', text, blocks } : { response_type: 'ephemeral', text },
});

function verify(deps: SlackInboundDeps, token: unknown, teamId: unknown, teamRequired: boolean): void {
  const properties = deps.properties;
  const expected = properties[PROP.slackVerificationToken];
  if (deps.signedByGateway) {
    // The signature proved it is Slack; the workspace check below still applies.
  } else if (!expected)
    throw new ConfigError(
      'Slack is not set up: add SLACK_VERIFICATION_TOKEN (Basic Information ▸ App Credentials of the Slack app) to Script Properties',
    );
  else if (typeof token !== 'string' || !secureEquals(token, expected)) throw new AuthError('wrong Slack verification token');
  if (!teamRequired && (teamId === undefined || teamId === '')) return;
  const team = properties[PROP.slackTeamId];
  if (!team) throw new ConfigError('Slack is not set up: add SLACK_TEAM_ID (the workspace id, T…) to Script Properties');
  if (teamId !== team) throw new AuthError('this Slack workspace is not the one shinchoku is set up for');
}

function slackResponseUrl(url: string): string {
  if (!isSlackResponseUrl(url)) throw new InputError('response_url must be a https://hooks.slack.com/ URL: replies are never sent anywhere else');
  return url;
}

function parseJson(text: string, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // said below
  }
  throw new InputError(`${what} is not a JSON object`);
}

function help(language: Language, unknown?: string): SlackAnswer {
  const title = chatText('helpTitle', language);
  const lead = unknown ? `${chatText('unknownCommand', language, { command: userMrkdwn(unknown) })}\n\n` : '';
  return ephemeral(title, [header(title), section(lead + chatText('helpBody', language))]);
}

/**
 * The web app's answer to Slack, in Slack's own shapes. A wrong token or workspace fails the request (it is
 * recorded, and Slack shows its own error); a mistake in what a person typed is said to them alone; anything else
 * is ours: recorded, and said in one line, in Japanese unless the language was already read.
 */
export function slackAnswer(deps: SlackInboundDeps, request: WebRequest, reportFailure: (error: unknown) => void): RawAnswer {
  let language: Language | null = null;
  const languageOnce = () => (language ??= deps.language());
  try {
    const answer = handleSlack({ ...deps, language: languageOnce }, request);
    return new RawAnswer('json' in answer ? JSON.stringify(answer.json) : '');
  } catch (error) {
    if (error instanceof AuthError || error instanceof ConfigError) throw error;
    if (error instanceof InputError) return new RawAnswer(JSON.stringify({ response_type: 'ephemeral', text: `⚠️ ${error.message}` }));
    reportFailure(error);
    return new RawAnswer(JSON.stringify({ response_type: 'ephemeral', text: chatText('internalError', language ?? 'ja') }));
  }
}

/**
 * `POST …/exec?source=slack`: slash commands, interactions (`payload=`) and the Events API. The verification token
 * and the workspace are checked before anything else; then the answer is built from Script Properties alone, or
 * with one `views.open`, and the rest is queued — so it stays inside Slack's 3 seconds.
 */
export function handleSlack(deps: SlackInboundDeps, request: WebRequest): SlackAnswer {
  const p = request.parameter;
  if (p['payload'] !== undefined) {
    const payload = parseJson(p['payload'] ?? '', 'the interaction payload');
    const team = (payload['team'] as { id?: unknown } | undefined)?.id ?? (payload['user'] as { team_id?: unknown } | undefined)?.team_id;
    verify(deps, payload['token'], team, true);
    return interaction(deps, payload);
  }
  // Slack checks the certificate of a slash command URL now and then with this request, which names no team.
  if (p['ssl_check'] === '1') {
    verify(deps, p['token'], p['team_id'], false);
    return EMPTY;
  }
  if (p['command'] !== undefined) {
    verify(deps, p['token'], p['team_id'], true);
    return command(deps, p);
  }
  const contents = request.postData?.contents ?? '';
  if (/json/i.test(request.postData?.type ?? '') || contents.trim().startsWith('{')) {
    const event = parseJson(contents, 'the Events API body');
    verify(deps, event['token'], event['team_id'], false);
    if (event['type'] === 'url_verification') return { json: { challenge: String(event['challenge'] ?? '') } };
    return EMPTY;
  }
  throw new InputError('not a Slack request: expected a slash command, an interaction (payload=) or an Events API body');
}

function openModal(deps: SlackInboundDeps, triggerId: unknown, view: () => ModalView, language: Language): SlackAnswer {
  if (!deps.slack) return ephemeral(chatText('modalNeedsBot', language));
  if (typeof triggerId !== 'string' || triggerId === '') throw new InputError('the request has no trigger_id to open the form with');
  const delivery = slackApiDelivery(deps.slack.call('views.open', { trigger_id: triggerId, view: view() }), deps.now);
  if (delivery.kind === 'sent') return EMPTY;
  return ephemeral(chatText('modalFailed', language, { error: delivery.reason }));
}

function questionsOf(deps: SlackInboundDeps): readonly Question[] {
  return deps.questions ? deps.questions() : DEFAULT_QUESTIONS;
}

function queue(deps: SlackInboundDeps, work: SlackWork): void {
  if (!deps.enqueue(work)) deps.doNow(work);
}

function command(deps: SlackInboundDeps, p: Record<string, string | undefined>): SlackAnswer {
  const language = deps.language();
  const user: SlackUser = { id: p['user_id'] ?? '', name: p['user_name'] ?? '' };
  if (!user.id) throw new InputError('the slash command has no user_id');
  const origin: ModalOrigin = {};
  if (p['channel_id']) origin.channel = p['channel_id'];
  if (p['response_url']) origin.responseUrl = slackResponseUrl(p['response_url']);
  const base = { at: deps.now.toISOString(), user, origin };
  const cmd = parseSlashCommand(p['text'] ?? '');
  switch (cmd.kind) {
    case 'help':
      return help(language, cmd.unknown);
    case 'updateModal':
      return openModal(deps, p['trigger_id'], () => progressModal(language, origin, deps.todaysReport(user.id), questionsOf(deps)), language);
    case 'blockerModal':
      return openModal(deps, p['trigger_id'], () => blockerModal(language, origin), language);
    case 'updateInline': {
      let sections;
      try {
        sections = parseInlineReport(cmd.text, language);
      } catch (e) {
        if (e instanceof InputError) return ephemeral(`⚠️ ${e.message}`);
        throw e;
      }
      queue(deps, { ...base, kind: 'report', whole: false, ...sections, mood: null });
      const lines = [
        ...sections.done.map((l) => `✅ ${userMrkdwn(l)}`),
        ...sections.planned.map((l) => `📋 ${userMrkdwn(l)}`),
        ...sections.blockers.map((l) => `🚫 ${userMrkdwn(l)}`),
      ];
      const received = chatText('received', language);
      return ephemeral(received, [section(received), section(lines.join('\n'))]);
    }
    case 'blocker':
      queue(deps, { ...base, kind: 'blocker', description: cmd.text, project: '' });
      return ephemeral(chatText('received', language));
    case 'resolve':
      if (!cmd.id) return ephemeral(`⚠️ ${chatText('resolveNoId', language)}`);
      queue(deps, { ...base, kind: 'resolve', id: cmd.id });
      return ephemeral(chatText('received', language));
    case 'report':
      queue(deps, { ...base, kind: 'summary', team: cmd.team, share: cmd.share, ...(cmd.who ? { who: cmd.who } : {}) });
      return ephemeral(chatText('reportQueued', language));
  }
}

function interaction(deps: SlackInboundDeps, payload: Record<string, unknown>): SlackAnswer {
  const userData = (payload['user'] ?? {}) as { id?: unknown; username?: unknown; name?: unknown };
  const user: SlackUser = { id: String(userData.id ?? ''), name: String(userData.username ?? userData.name ?? '') };
  if (!user.id) throw new InputError('the interaction has no user');
  switch (payload['type']) {
    case 'block_actions': {
      const language = deps.language();
      const action = (Array.isArray(payload['actions']) ? payload['actions'][0] : undefined) as { action_id?: unknown } | undefined;
      const origin: ModalOrigin = {};
      const channel = (payload['channel'] as { id?: unknown } | undefined)?.id;
      if (typeof channel === 'string' && channel) origin.channel = channel;
      if (typeof payload['response_url'] === 'string' && payload['response_url']) origin.responseUrl = slackResponseUrl(payload['response_url']);
      let answer: SlackAnswer = EMPTY;
      if (action?.action_id === ACTION_REPORT_PROGRESS)
        answer = openModal(
          deps,
          payload['trigger_id'],
          () => progressModal(language, origin, deps.todaysReport(user.id), questionsOf(deps)),
          language,
        );
      else if (action?.action_id === ACTION_REPORT_BLOCKER)
        answer = openModal(deps, payload['trigger_id'], () => blockerModal(language, origin), language);
      // Slack shows nothing of a button's answer body: a form that did not open is said in the log.
      if ('json' in answer) console.warn(`Slack button ${String(action?.action_id)}: ${JSON.stringify(answer.json)}`);
      return EMPTY;
    }
    case 'view_submission': {
      const view = (payload['view'] ?? {}) as { callback_id?: unknown; private_metadata?: unknown; state?: { values?: ViewValues } };
      const values = view.state?.values ?? {};
      const origin = readOrigin(typeof view.private_metadata === 'string' ? view.private_metadata : undefined);
      const base = { at: deps.now.toISOString(), user, origin };
      const language = deps.language();
      if (view.callback_id === PROGRESS_MODAL) {
        const questions = questionsOf(deps);
        const read = readProgressSubmission(values, language, questions);
        if (!read.ok) return { json: { response_action: 'errors', errors: read.errors } };
        queue(deps, { ...base, kind: 'report', ...reportEntryOf(read.value, questions) });
        return EMPTY;
      }
      if (view.callback_id === BLOCKER_MODAL) {
        const read = readBlockerSubmission(values, language);
        if (!read.ok) return { json: { response_action: 'errors', errors: read.errors } };
        queue(deps, { ...base, kind: 'blocker', description: read.value.description, project: read.value.project });
        return EMPTY;
      }
      return EMPTY;
    }
    default:
      return EMPTY;
  }
}
