import { sendReviewReminders, type ReviewReminderResult } from '../app/github/reviewReminders';
import { setupWebhooks, type SetupWebhooksResult } from '../app/github/setupWebhooks';
import { slackUserOfLogin } from '../domain/github/members';
import { CODE_REVIEW_CHANNEL } from '../settings/chat';
import { REVIEW_REMINDER_HOURS } from '../settings/codeWork';
import { PULL_REQUESTS } from '../sheets/githubTables';
import { HOLIDAYS, MEMBERS } from '../sheets/tables';
import { PROP } from '../app/properties';
import { webAppUrlProblem, webhookUrls } from '../app/webhooks';
import { ConfigError } from '../domain/errors';
import { webhookSetupText, type HookTarget } from '../domain/github/webhookSetup';
import { gitHubRest } from '../platform/githubRest';
import { webAppUrl } from '../platform/service';
import { urlFetchClient } from '../platform/urlfetch';
import { GATEWAY_URL } from '../settings/gateway';
import { GITHUB_REPOSITORIES } from '../settings/github';
import { executionContext } from './context';
import type { Language } from '../domain/messages';

/**
 * `setupWebhooks` (menu, setup sidebar, or the editor's Run list): with GATEWAY_URL the hooks point at
 * `<GATEWAY_URL>/github` with GITHUB_WEBHOOK_SECRET; otherwise at the web app's `/exec` URL with its token.
 */
export function setupWebhooksJob(): SetupWebhooksResult {
  const ctx = executionContext({ settings: 'fresh' });
  const settings = ctx.settings();
  const properties = ctx.properties();
  const language = ctx.language();
  const gateway = settings.get(GATEWAY_URL);
  const base = webAppUrl();
  let target: HookTarget | null = null;
  if (gateway) {
    const secret = properties[PROP.githubWebhookSecret];
    if (!secret) throw new ConfigError(webhookSetupText('noSecret', language));
    target = { url: `${gateway}/github`, secret, via: 'gateway' };
  } else if (base) {
    const problem = webAppUrlProblem(base);
    if (problem) throw new ConfigError(`setupWebhooks: the web app URL is not the deployment's /exec URL (${problem}): run npm run deploy`);
    if (!properties[PROP.webhookTokenGitHub]) throw new ConfigError('the GitHub webhook has no token yet: run setup first');
    target = { url: webhookUrls(base, properties).github, secret: null, via: 'webapp' };
  }
  return setupWebhooks({
    rest: () => gitHubRest(urlFetchClient(), { apiUrl: properties[PROP.githubApiUrl], token: properties[PROP.githubToken] }),
    repositories: settings.get(GITHUB_REPOSITORIES),
    target,
    ours: { webApp: base, gateway: gateway || null },
    language,
  });
}

/**
 * Setup's step: the GitHub hooks of GITHUB_REPOSITORIES, as setupWebhooks makes them. Without repositories it does
 * nothing; without a token, or refused, it says so in setup's message (the sheets, tokens and triggers are made
 * already), and setupWebhooks from the menu tries again.
 */
export function githubHooksStep(language: Language): { report: SetupWebhooksResult | null; lines: string[] } {
  const ctx = executionContext({ settings: 'fresh' });
  if (ctx.settings().get(GITHUB_REPOSITORIES).length === 0) return { report: null, lines: [] };
  if (!ctx.properties()[PROP.githubToken]) return { report: null, lines: [webhookSetupText('setupNoToken', language)] };
  try {
    const report = setupWebhooksJob();
    return { report, lines: report.lines };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { report: null, lines: [webhookSetupText('setupStep', language, { message })] };
  }
}

/** Daily at REVIEW_REMINDER_TIME on working days: PRs waiting for a first review, to their requested reviewers. */
export function reviewRemindersJob(): ReviewReminderResult {
  const ctx = executionContext({ settings: 'cached' });
  const settings = ctx.settings();
  const members = ctx.workbook().grid(MEMBERS.name) ? ctx.table(MEMBERS).read().rows : [];
  const result = sendReviewReminders({
    now: ctx.now,
    calendar: ctx.calendar(),
    language: ctx.language(),
    pulls: ctx.table(PULL_REQUESTS),
    holidays: ctx.table(HOLIDAYS),
    thresholdHours: settings.get(REVIEW_REMINDER_HOURS),
    codeReviewChannel: settings.get(CODE_REVIEW_CHANNEL),
    slackUserOf: slackUserOfLogin(members.map((r) => r.record)),
    slackUserOfGitLab: slackUserOfLogin(
      members.map(({ record: m }) => ({ githubLogin: m.gitlabUsername, slackUserId: m.slackUserId, active: m.active })),
    ),
    outbox: ctx.outbox,
  });
  console.log(`sendReviewReminders: ${result.skipped ?? `${result.reviewers} reviewer(s), ${result.pulls} PR(s)`}`);
  return result;
}
