import { PROP } from '../app/properties';
import type { ConfluenceTarget } from '../app/publish/confluence';
import type { NotionTarget } from '../app/publish/notion';
import { publishingHealth, publishWeeklyReport, type Destination, type PublishedPages, type PublishResult } from '../app/publish/weekly';
import { publishText } from '../domain/publish/messages';
import { parseWeekKey } from '../domain/publish/weeklyDocument';
import { base64, sleep } from '../platform/attachments';
import { urlFetchClient } from '../platform/urlfetch';
import { CONFLUENCE_BASE_URL, CONFLUENCE_PARENT_ID, CONFLUENCE_SPACE_ID, NOTION_PARENT } from '../settings/publishing';
import { executionContext, type ExecutionContext } from './context';
import { weeklyDeps } from './reports';

function notionDestination(ctx: ExecutionContext): Destination<NotionTarget> {
  const token = ctx.properties()[PROP.notionToken] ?? '';
  const parent = ctx.settings().get(NOTION_PARENT).trim();
  const missing = [...(token ? [] : [PROP.notionToken]), ...(parent ? [] : [NOTION_PARENT.key])];
  return missing.length ? { missing } : { target: { token, parent } };
}

function confluenceDestination(ctx: ExecutionContext): Destination<ConfluenceTarget> {
  const p = ctx.properties();
  const s = ctx.settings();
  const target: ConfluenceTarget = {
    baseUrl: s.get(CONFLUENCE_BASE_URL),
    email: p[PROP.confluenceEmail] ?? '',
    apiToken: p[PROP.confluenceApiToken] ?? '',
    spaceId: s.get(CONFLUENCE_SPACE_ID),
    parentId: s.get(CONFLUENCE_PARENT_ID),
  };
  const missing = [
    ...(target.baseUrl ? [] : [CONFLUENCE_BASE_URL.key]),
    ...(target.spaceId ? [] : [CONFLUENCE_SPACE_ID.key]),
    ...(target.email ? [] : [PROP.confluenceEmail]),
    ...(target.apiToken ? [] : [PROP.confluenceApiToken]),
  ];
  return missing.length ? { missing } : { target };
}

const apiDeps = () => ({ http: urlFetchClient(), sleep, now: () => new Date(), base64 });

/** After the weekly email (and by hand, `publishWeeklyReport("2026-W49")`): the week's Notion and Confluence pages. */
export function publishWeeklyReportJob(weekArg?: unknown): PublishResult {
  const ctx = executionContext({ settings: 'fresh' });
  const language = ctx.language();
  let week: ReturnType<typeof parseWeekKey> | undefined;
  // A trigger hands its event object: only a string names a week.
  if (typeof weekArg === 'string' && weekArg.trim() !== '') {
    week = parseWeekKey(weekArg);
    if (!week) throw new Error(publishText('badWeek', language, { week: weekArg }));
    if ((week.days[6] ?? '') >= ctx.calendar().dateKey(ctx.now)) throw new Error(publishText('futureWeek', language, { week: week.key }));
  }
  const result = publishWeeklyReport({
    ...weeklyDeps(ctx),
    ...(week ? { week } : {}),
    api: apiDeps(),
    notion: notionDestination(ctx),
    confluence: confluenceDestination(ctx),
    pages: {
      read: () => {
        try {
          return JSON.parse(ctx.propertyStore.all()[PROP.publishedPages] ?? '{}') as PublishedPages;
        } catch {
          return {};
        }
      },
      write: (pages) => ctx.propertyStore.set({ [PROP.publishedPages]: JSON.stringify(pages) }),
    },
    recordOutcomes: (outcomes) =>
      ctx.propertyStore.set({
        [PROP.publishStatus]: JSON.stringify({
          at: new Date().toISOString(),
          outcomes: outcomes.map((o) => ({ service: o.service, status: o.status, ...('reason' in o ? { reason: o.reason.slice(0, 300) } : {}) })),
        }),
      }),
  });
  console.log(`publishWeeklyReport ${result.week}: ${result.lines.join(' / ')}`);
  return result;
}

/** The health answer's publishing section, from the Script Properties and Settings already read: no live call. */
export function publishingHealthSection(ctx: ExecutionContext): Record<string, unknown> {
  let last = null;
  try {
    last = JSON.parse(ctx.properties()[PROP.publishStatus] ?? 'null') as Parameters<typeof publishingHealth>[1];
  } catch {
    last = null;
  }
  return publishingHealth({ Notion: !('missing' in notionDestination(ctx)), Confluence: !('missing' in confluenceDestination(ctx)) }, last);
}
