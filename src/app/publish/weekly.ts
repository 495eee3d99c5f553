import type { Language } from '../../domain/messages';
import { publishText } from '../../domain/publish/messages';
import { weeklyDocument } from '../../domain/publish/weeklyDocument';
import { lastCompleteWeek } from '../../domain/reports/week';
import { buildWeeklyReport, type WeeklyReportDeps } from '../weeklyReport';
import { PublishError, type ApiDeps } from './apiClient';
import { publishToConfluence, type ConfluenceTarget } from './confluence';
import { publishToNotion, type NotionTarget, type PublishedPage } from './notion';

/** Where each week was published, per destination, so a rerun updates that page (Script Property PUBLISHED_PAGES). */
export type PublishedPages = Partial<Record<'notion' | 'confluence', Record<string, { id: string; parent: string }>>>;

/** Weeks remembered per destination: a year and more, well inside a Script Property's 9 KB. */
const KEEP_WEEKS = 60;

export type Destination<T> = { target: T } | { missing: string[] };

export interface PublishDeps extends WeeklyReportDeps {
  api: ApiDeps;
  notion: Destination<NotionTarget>;
  confluence: Destination<ConfluenceTarget>;
  pages: { read(): PublishedPages; write(pages: PublishedPages): void };
  /** Keeps how each destination fared, for the health answer (also when the run then fails). */
  recordOutcomes?: (outcomes: readonly PublishOutcome[]) => void;
}

export type PublishOutcome =
  | { service: 'Notion' | 'Confluence'; status: 'created' | 'updated'; url: string; id: string }
  | { service: 'Notion' | 'Confluence'; status: 'skipped'; reason: string }
  | { service: 'Notion' | 'Confluence'; status: 'failed'; reason: string };

export interface PublishResult {
  week: string;
  title: string;
  outcomes: PublishOutcome[];
  /** One line per destination, in the team's language, for the log and a toast. */
  lines: string[];
}

/** Publishing failed somewhere; the other destination was still tried, and the message names each failure. */
export class PublishFailedError extends Error {
  override readonly name = 'PublishFailedError';
}

/**
 * The week's report (the last complete week, or the one asked for) as a Notion page and a Confluence page, from the
 * same model as the email. A destination that is not configured is skipped and says what it lacks; one that fails
 * does not stop the other, and the run fails at the end naming both, so `Errors` and the job's health record it.
 */
export function publishWeeklyReport(deps: PublishDeps): PublishResult {
  if ('missing' in deps.notion && 'missing' in deps.confluence) {
    // Nothing to publish to: the report is not even built (building it refreshes the `Weekly` rollup).
    const week = deps.week ?? lastCompleteWeek(deps.calendar.dateKey(deps.now));
    const outcomes: PublishOutcome[] = [
      {
        service: 'Notion',
        status: 'skipped',
        reason: publishText('notConfigured', deps.language, { service: 'Notion', missing: deps.notion.missing.join(', ') }),
      },
      {
        service: 'Confluence',
        status: 'skipped',
        reason: publishText('notConfigured', deps.language, { service: 'Confluence', missing: deps.confluence.missing.join(', ') }),
      },
    ];
    return {
      week: week.key,
      title: publishText('pageTitle', deps.language, { week: week.key }),
      outcomes,
      lines: outcomes.map((o) => outcomeLine(o, deps.language)),
    };
  }
  const report = buildWeeklyReport(deps);
  const doc = weeklyDocument(report.data, deps.language);
  const stored = deps.pages.read();
  const outcomes: PublishOutcome[] = [];
  const run = <T>(
    service: 'Notion' | 'Confluence',
    key: 'notion' | 'confluence',
    dest: Destination<T>,
    parentOf: (t: T) => string,
    publish: (t: T, storedId: string | null) => PublishedPage,
  ) => {
    if ('missing' in dest) {
      outcomes.push({
        service,
        status: 'skipped',
        reason: publishText('notConfigured', deps.language, { service, missing: dest.missing.join(', ') }),
      });
      return;
    }
    const parent = parentOf(dest.target);
    const known = stored[key]?.[doc.facts.week];
    try {
      const page = publish(dest.target, known && known.parent === parent ? known.id : null);
      outcomes.push({ service, status: page.action, url: page.url, id: page.id });
      const map = { ...(stored[key] ?? {}), [doc.facts.week]: { id: page.id, parent } };
      const weeks = Object.keys(map).sort().slice(-KEEP_WEEKS);
      stored[key] = Object.fromEntries(weeks.map((w) => [w, map[w] as { id: string; parent: string }]));
      deps.pages.write(stored);
    } catch (error) {
      if (!(error instanceof PublishError)) throw error;
      outcomes.push({ service, status: 'failed', reason: error.message });
    }
  };
  run(
    'Notion',
    'notion',
    deps.notion,
    (t) => t.parent,
    (t, id) => publishToNotion(deps.api, t, doc, id),
  );
  run(
    'Confluence',
    'confluence',
    deps.confluence,
    (t) => `${t.baseUrl}#${t.spaceId}`,
    (t, id) => publishToConfluence(deps.api, t, doc, id),
  );
  deps.recordOutcomes?.(outcomes);
  const lines = outcomes.map((o) => outcomeLine(o, deps.language));
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) throw new PublishFailedError(`${doc.title}: ${lines.join(' / ')}`);
  return { week: doc.facts.week, title: doc.title, outcomes, lines };
}

function outcomeLine(o: PublishOutcome, language: Language): string {
  if (o.status === 'skipped' || o.status === 'failed') return o.reason;
  return publishText(o.service === 'Notion' ? 'notionPublished' : 'confluencePublished', language, {
    action: publishText(o.status, language),
    url: o.url,
  });
}

/** The health answer's publishing section: each destination configured or not, and failing when its last run failed. */
export function publishingHealth(
  configured: Readonly<Record<'Notion' | 'Confluence', boolean>>,
  last: { at: string; outcomes: ReadonlyArray<{ service: string; status: string; reason?: string }> } | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const failing: string[] = [];
  for (const service of ['Notion', 'Confluence'] as const) {
    const outcome = last?.outcomes.find((o) => o.service === service);
    if (!configured[service]) out[service.toLowerCase()] = { state: 'not configured' };
    else if (outcome?.status === 'failed') {
      out[service.toLowerCase()] = { state: 'failing', lastRun: last?.at, reason: outcome.reason ?? '' };
      failing.push(`${service} (${outcome.reason ?? ''})`);
    } else out[service.toLowerCase()] = { state: 'configured', lastRun: outcome && outcome.status !== 'skipped' ? last?.at : null };
  }
  if (failing.length > 0) throw new Error(`weekly report not published: ${failing.join('; ')}`);
  return out;
}
