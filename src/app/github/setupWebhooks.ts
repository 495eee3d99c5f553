import { ConfigError } from '../../domain/errors';
import { hookConfig, isOurHook, scopesLackWrite, webhookSetupText, type HookTarget, type OurUrls } from '../../domain/github/webhookSetup';
import type { Language } from '../../domain/messages';
import type { GitHubRest } from '../../platform/githubRest';
import type { HttpResponse } from '../../platform/urlfetch';

/**
 * `setupWebhooks`: the webhook on every repository of GITHUB_REPOSITORIES, created, or updated when one of ours
 * is there (found by URL). Every repository's hooks are read first, so a token that may not manage hooks is
 * named before anything changes; a write refused midway removes the hooks this run created, so a run leaves all
 * repositories done or none newly hooked.
 */

export interface SetupWebhooksDeps {
  rest: () => GitHubRest;
  repositories: readonly string[];
  target: HookTarget | null;
  ours: OurUrls;
  language: Language;
}

export interface SetupWebhooksResult {
  repositories: Array<{ repository: string; action: 'created' | 'updated'; hookId: number }>;
  lines: string[];
}

interface Hook {
  id: number;
  config?: { url?: string };
}

export function setupWebhooks(deps: SetupWebhooksDeps): SetupWebhooksResult {
  const { language } = deps;
  if (deps.repositories.length === 0) throw new ConfigError(webhookSetupText('noRepositories', language));
  if (!deps.target) throw new ConfigError(webhookSetupText('noTarget', language));
  const target = deps.target;
  const rest = deps.rest();

  const listed = rest.getAll(deps.repositories.map((r) => `/repos/${r}/hooks?per_page=100`));
  const plans = deps.repositories.map((repository, i) => {
    const answer = listed[i] as HttpResponse;
    if (answer.status !== 200 || scopesLackWrite(answer.headers['x-oauth-scopes'])) throw refused(repository, answer, language);
    const hooks = parse<Hook[]>(answer) ?? [];
    const mine = hooks.find((h) => typeof h.config?.url === 'string' && isOurHook(h.config.url, deps.ours));
    return { repository, existing: mine?.id ?? null };
  });

  const done: SetupWebhooksResult['repositories'] = [];
  for (const plan of plans) {
    const body = hookConfig(target);
    const answer =
      plan.existing === null
        ? rest.call('post', `/repos/${plan.repository}/hooks`, body)
        : rest.call('patch', `/repos/${plan.repository}/hooks/${plan.existing}`, { active: true, events: body['events'], config: body['config'] });
    if (answer.status !== 200 && answer.status !== 201) {
      const created = done.filter((d) => d.action === 'created');
      for (const d of created) rest.call('delete', `/repos/${d.repository}/hooks/${d.hookId}`);
      if (answer.status === 403 || answer.status === 404) throw refused(plan.repository, answer, language);
      throw new ConfigError(
        webhookSetupText('failed', language, {
          repository: plan.repository,
          status: String(answer.status),
          message: messageOf(answer),
          undone: created.length > 0 ? webhookSetupText('undone', language) : '',
        }).trim(),
      );
    }
    const id = parse<{ id?: number }>(answer)?.id ?? plan.existing ?? 0;
    done.push({ repository: plan.repository, action: plan.existing === null ? 'created' : 'updated', hookId: id });
  }
  const via = webhookSetupText(target.via === 'gateway' ? 'viaGateway' : 'viaWebApp', language);
  return { repositories: done, lines: done.map((d) => webhookSetupText(d.action, language, { repository: d.repository, via })) };
}

function refused(repository: string, answer: HttpResponse, language: Language): ConfigError {
  return new ConfigError(webhookSetupText('permission', language, { repository, status: String(answer.status), message: messageOf(answer) }));
}

function messageOf(answer: HttpResponse): string {
  const body = parse<{ message?: unknown }>(answer);
  return typeof body?.message === 'string' ? body.message.slice(0, 200) : `HTTP ${answer.status}`;
}

function parse<T>(answer: HttpResponse): T | null {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    return null;
  }
}
