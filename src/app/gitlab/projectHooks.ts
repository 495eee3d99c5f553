import { gitlabText } from '../../domain/gitlab/messages';
import type { Language } from '../../domain/messages';
import type { GitLabApi } from '../../platform/gitlab';

/**
 * Setup's GitLab project hooks: one per followed project, found again by its URL (query string aside, since the
 * direct URL carries a token that rotates) and updated in place, so running setup again never adds a second.
 * A token without the right to manage hooks (read_api only, or below Maintainer) is said, not an error: the team
 * can add the hook by hand, and the hourly sync brings everything meanwhile.
 */

/** The events a hook sends: every one the web app records. Tag pushes, jobs, wiki and the rest stay off. */
export const HOOK_EVENTS = {
  push_events: true,
  merge_requests_events: true,
  pipeline_events: true,
  deployment_events: true,
  note_events: true,
  confidential_note_events: true,
  issues_events: true,
  confidential_issues_events: true,
  tag_push_events: false,
  job_events: false,
  wiki_page_events: false,
  releases_events: false,
} as const;

export interface HookTarget {
  /** `<GATEWAY_URL>/gitlab`, or the web app's `…/exec?source=gitlab&token=…`. */
  url: string;
  /** GitLab's secret token (sent as X-Gitlab-Token): the gateway's; none for the direct path. */
  secret: string | null;
  /** Every URL a hook of ours may have had (the web app's and the gateway's): switching paths updates, never adds. */
  ours: readonly string[];
}

export interface HookReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Hooks GitLab has disabled after failures: a person re-enables them (README ▸ GitLab ▸ Failing hooks). */
  disabled: string[];
  problems: string[];
}

interface ExistingHook {
  id: number;
  url: string;
  alert_status?: string;
  [event: string]: unknown;
}

const withoutQuery = (url: string): string => url.split('?')[0] ?? url;

export function ensureProjectHooks(api: GitLabApi, projects: readonly string[], target: HookTarget, language: Language): HookReport {
  const report: HookReport = { created: [], updated: [], unchanged: [], disabled: [], problems: [] };
  const body: Record<string, unknown> = { url: target.url, enable_ssl_verification: true, ...HOOK_EVENTS };
  if (target.secret) body['token'] = target.secret;
  for (const project of projects) {
    const path = `/projects/${encodeURIComponent(project)}/hooks`;
    const list = api.get(path, { per_page: 100 });
    if (list.kind !== 'ok') {
      report.problems.push(refusal(project, list, language));
      continue;
    }
    const hooks = Array.isArray(list.data) ? (list.data as ExistingHook[]) : [];
    const ours = new Set([target.url, ...target.ours].map(withoutQuery));
    const mine = hooks.find((h) => typeof h.url === 'string' && ours.has(withoutQuery(h.url)));
    const disabled = !!mine && !!mine.alert_status && mine.alert_status !== 'executable';
    if (disabled) report.disabled.push(`${project} (${mine.alert_status})`);
    // The secret token is write-only in GitLab's API: a hook with one is updated every time, so a new secret lands;
    // a hook GitLab disabled is saved again too.
    const same = mine && !disabled && !target.secret && mine.url === target.url && Object.entries(HOOK_EVENTS).every(([k, v]) => mine[k] === v);
    if (same) {
      report.unchanged.push(project);
      continue;
    }
    const answer = mine ? api.send('put', `${path}/${mine.id}`, body) : api.send('post', path, body);
    if (answer.kind !== 'ok') report.problems.push(refusal(project, answer, language));
    else (mine ? report.updated : report.created).push(project);
  }
  return report;
}

function refusal(project: string, answer: Exclude<ReturnType<GitLabApi['get']>, { kind: 'ok' }>, language: Language): string {
  if (answer.kind === 'failed' && (answer.status === 403 || answer.status === 401)) return gitlabText('hooksRefused', language, { project });
  if (answer.kind === 'failed' && answer.status === 404) return `${project}: not found, or GITLAB_TOKEN cannot read it`;
  return `${project}: ${answer.message}`;
}

export function hookSummary(report: HookReport, language: Language): string[] {
  const lines = [
    gitlabText('hooksDone', language, {
      created: String(report.created.length),
      updated: String(report.updated.length),
      unchanged: String(report.unchanged.length),
    }),
  ];
  if (report.disabled.length > 0) lines.push(`GitLab disabled: ${report.disabled.join(', ')}`);
  return [...lines, ...report.problems];
}
