import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConfluenceData } from '../../local/fake/confluence';
import type { NotionData } from '../../local/fake/notion';
import { readMail } from '../../local/services/mail';
import { setScriptProperty } from '../../local/services/properties';
import { newApp, type TestApp } from '../helpers/app';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';
import { appendRows, replaceRows } from '../helpers/sheetRows';
import { checkGmail } from '../helpers/emailSafety';

/**
 * Issue 16: the weekly report as a Notion page, a Confluence page, and a PDF and CSV attached to the email — all
 * through build/Code.js, against the fake Notion and Confluence on loopback (local/fake/notion.ts, confluence.ts).
 */

/** Monday 2026-01-12, 09:00: the report of 2026-W02 (2026-01-05 … 2026-01-11). */
const MONDAY = new Date('2026-01-12T09:00:00+09:00');
const NOTION_TOKEN = 'ntn_testSecretToken1234567890abcdef';
const PARENT_PAGE = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const DATABASE = '1a1b1c1d-2222-3333-4444-5555555555ff';
const DATA_SOURCE = '99999999-8888-7777-6666-555555555555';
const CONFLUENCE = { email: 'lead@example.com', token: 'ATATT-test-secret-token-abcdef', space: '65537', parent: '4000001' };

let server: LoopbackServer;
const saved = { proxy: process.env['LOCAL_FETCH_PROXY'], timeout: process.env['LOCAL_FETCH_TIMEOUT_MS'] };

beforeAll(async () => {
  server = await startLoopbackServer({ handlerModule: path.join(__dirname, '..', 'helpers', 'fakeServices.handler.cjs') });
  process.env['LOCAL_FETCH_PROXY'] = server.url;
  process.env['LOCAL_FETCH_TIMEOUT_MS'] = '5000';
});
afterAll(async () => {
  for (const [k, v] of [
    ['LOCAL_FETCH_PROXY', saved.proxy],
    ['LOCAL_FETCH_TIMEOUT_MS', saved.timeout],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await server.close();
});

function control<T>(what: string, body: unknown = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}/__fake/${what}`,
      { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

beforeEach(async () => {
  await control('notion/reset');
  await control('confluence/reset');
  await control('notion', {
    token: NOTION_TOKEN,
    parentPages: [PARENT_PAGE],
    database: { id: DATABASE, dataSourceId: DATA_SOURCE, title: 'Reports' },
  });
  await control('confluence', {
    email: CONFLUENCE.email,
    token: CONFLUENCE.token,
    spaces: [{ id: CONFLUENCE.space, key: 'ENG', name: 'Engineering' }],
    pages: [
      {
        id: CONFLUENCE.parent,
        status: 'current',
        title: 'Weekly reports',
        spaceId: CONFLUENCE.space,
        parentId: null,
        body: '<p>parent</p>',
        version: { number: 1, createdAt: '2026-01-01T00:00:00Z', message: '' },
        createdAt: '2026-01-01T00:00:00Z',
      },
    ],
  });
});

const notionState = () => control<NotionData>('notion/state');
const confluenceState = () => control<ConfluenceData>('confluence/state');

async function team(options: { language?: 'en'; notionParent?: string; confluence?: boolean; attachments?: boolean } = {}): Promise<TestApp> {
  const t = await newApp('real');
  expect(t.app.run('setup', { at: new Date('2026-01-01T09:00:00+09:00') }).error).toBeUndefined();
  const s = t.state();
  const settings: Array<{ Key: string; Value: string }> = [{ Key: 'REPORT_RECIPIENTS', Value: 'boss@example.com' }];
  if (options.language) settings.push({ Key: 'LANGUAGE', Value: options.language });
  if (options.notionParent) settings.push({ Key: 'NOTION_PARENT', Value: options.notionParent });
  if (options.confluence) {
    settings.push(
      { Key: 'CONFLUENCE_BASE_URL', Value: 'https://acme.atlassian.net/wiki/' },
      { Key: 'CONFLUENCE_SPACE_ID', Value: CONFLUENCE.space },
      { Key: 'CONFLUENCE_PARENT_ID', Value: CONFLUENCE.parent },
    );
  }
  if (options.attachments === false) settings.push({ Key: 'WEEKLY_ATTACHMENTS', Value: 'FALSE' });
  // Setup wrote every key with its default: the values typed here replace them.
  const keys = new Set(settings.map((x) => x.Key));
  const rows = t.sheet('Settings');
  const [header, ...body] = rows;
  const kept = body.filter((r) => !keys.has(String(r[0]))).map((r) => Object.fromEntries((header ?? []).map((h, i) => [String(h), r[i] as string])));
  replaceRows(s, 'Settings', [...kept, ...settings]);
  appendRows(s, 'KPI Tracking', [
    { Date: '2026-01-02', 'Overall Progress': 0.53, 'Quality Score': 3.4, 'Team Satisfaction': 4, 'Blockers Count': 1, 'Code Review Time': 10 },
    { Date: '2026-01-05', 'Overall Progress': 0.56, 'Quality Score': 3.8, 'Team Satisfaction': 4, 'Blockers Count': 2, 'Code Review Time': 12 },
    { Date: '2026-01-07', 'Overall Progress': 0.62, 'Quality Score': 3, 'Team Satisfaction': 3.5, 'Blockers Count': 1, 'Code Review Time': 16 },
    { Date: '2026-01-09', 'Overall Progress': 0.687, 'Quality Score': 3.8, 'Team Satisfaction': 4.25, 'Blockers Count': 0, 'Code Review Time': 20 },
  ]);
  replaceRows(s, 'Targets', [{ KPI: 'Overall Progress', Target: 0.6, Direction: 'higher' }]);
  appendRows(s, 'Pull Requests', [
    {
      Repository: 'acme/app',
      Number: 7,
      Title: 'Fix <script>alert(1)</script> and ]]> in titles',
      Author: 'tanaka',
      Merged: '2026-01-08 12:00',
      URL: 'https://github.com/acme/app/pull/7',
    },
  ]);
  appendRows(s, 'Tasks', [{ ID: 'T1', Project: 'Alpha', Title: 'ログイン画面', Owner: '田中', Status: 'done', 'Done At': '2026-01-06 17:00' }]);
  s.save();
  const st = t.state();
  setScriptProperty(st, 'NOTION_TOKEN', NOTION_TOKEN);
  setScriptProperty(st, 'CONFLUENCE_EMAIL', CONFLUENCE.email);
  setScriptProperty(st, 'CONFLUENCE_API_TOKEN', CONFLUENCE.token);
  st.save();
  return t;
}

function errorsOf(t: TestApp): string[] {
  const [header, ...rows] = t.sheet('Errors');
  const fn = (header ?? []).indexOf('Function');
  const message = (header ?? []).indexOf('Message');
  return rows.map((r) => `${String(r[fn])}: ${String(r[message])}`);
}

type Block = { type: string; [k: string]: unknown };
const textOf = (b: Block): string => {
  const body = b[b.type] as {
    rich_text?: Array<{ text: { content: string } }>;
    children?: Block[];
    cells?: Array<Array<{ text: { content: string } }>>;
  };
  if (body.cells) return body.cells.map((c) => c.map((r) => r.text.content).join('')).join(' | ');
  return [...(body.rich_text ?? []).map((r) => r.text.content), ...(body.children ?? []).map(textOf)].join('\n');
};

describe('publishWeeklyReport through build/Code.js', () => {
  test('a page under a Notion page and a Confluence page; a rerun updates both, never a second page', async () => {
    const t = await team({ notionParent: `https://www.notion.so/acme/Reports-${PARENT_PAGE.replace(/-/g, '')}`, confluence: true });
    const first = t.app.run('publishWeeklyReport', { at: MONDAY });
    expect(first.error).toBeUndefined();
    const value = first.value as { week: string; title: string; outcomes: Array<{ service: string; status: string }> };
    expect(value.week).toBe('2026-W02');
    expect(value.title).toBe('週次レポート 2026-W02');
    expect(value.outcomes.map((o) => `${o.service} ${o.status}`)).toEqual(['Notion created', 'Confluence created']);

    const notion = await notionState();
    expect(notion.pages).toHaveLength(1);
    const page = notion.pages[0]!;
    expect(page.parent).toEqual({ type: 'page_id', page_id: PARENT_PAGE });
    expect(page.title).toBe('週次レポート 2026-W02');
    // Every request spoke the current Notion-Version.
    expect(new Set(notion.requests.map((r) => r.version))).toEqual(new Set(['2025-09-03']));
    const text = page.blocks.map((b) => textOf(b as Block)).join('\n');
    expect(text).toContain('全体進捗 | 68.7% | 60.0% | ↗︎ +15.7pt 改善 | 達成 | 56.0% | — | 62.0% | — | 68.7% | — | —');
    expect(text).toContain('チーム満足度 | 4.3 / 5');
    // A PR title stays text: rich text carries it as typed, nothing interprets it.
    expect(text).toContain(' Fix <script>alert(1)</script> and ]]> in titles — tanaka');
    expect(text).toContain('マージされた PR: 1 件');
    const table = page.blocks.find((b) => b.type === 'table') as Block;
    expect((table['table'] as { table_width: number }).table_width).toBe(12);

    const confluence = await confluenceState();
    const report = confluence.pages.find((p) => p.title === '週次レポート 2026-W02');
    expect(report).toMatchObject({ spaceId: CONFLUENCE.space, parentId: CONFLUENCE.parent, version: { number: 1 } });
    expect(report?.body).toContain('Fix &lt;script&gt;alert(1)&lt;/script&gt; and ]]&gt; in titles');
    expect(report?.body).not.toContain('<script>');
    expect(report?.body).toContain('<th>全体進捗</th><td>68.7%</td><td>60.0%</td>');
    expect(report?.body).toContain('<a href="https://github.com/acme/app/pull/7">acme/app#7</a>');
    expect(JSON.parse(t.prop('PUBLISHED_PAGES') ?? '{}')).toEqual({
      notion: { '2026-W02': { id: page.id, parent: expect.stringContaining(PARENT_PAGE.replace(/-/g, '')) } },
      confluence: { '2026-W02': { id: report?.id, parent: 'https://acme.atlassian.net#65537' } },
    });

    // A KPI corrected after the first run: the rerun shows it on the same pages.
    appendRows(t.state(), 'KPI Tracking', [{ Date: '2026-01-10', 'Overall Progress': 0.7 }]);
    t.state().save();
    const second = t.app.run('publishWeeklyReport', { at: new Date('2026-01-12T15:00:00+09:00') });
    expect(second.error).toBeUndefined();
    expect((second.value as typeof value).outcomes.map((o) => `${o.service} ${o.status}`)).toEqual(['Notion updated', 'Confluence updated']);
    const notion2 = await notionState();
    expect(notion2.pages).toHaveLength(1);
    expect(notion2.pages[0]?.blocks.length).toBe(page.blocks.length);
    expect(notion2.pages[0]?.blocks.map((b) => textOf(b as Block)).join('\n')).toContain('全体進捗 | 70.0%');
    const confluence2 = await confluenceState();
    expect(confluence2.pages.filter((p) => p.title === '週次レポート 2026-W02')).toHaveLength(1);
    expect(confluence2.pages.find((p) => p.id === report?.id)?.version.number).toBe(2);
    expect(confluence2.pages.find((p) => p.id === report?.id)?.body).toContain('<td>70.0%</td>');

    // Stored ids lost (a copy of the sheet): the pages are found again, by title under the parent and in the space.
    setScriptProperty(t.state(), 'PUBLISHED_PAGES', '');
    t.state().save();
    expect(t.app.run('publishWeeklyReport', { at: new Date('2026-01-12T16:00:00+09:00') }).error).toBeUndefined();
    expect((await notionState()).pages).toHaveLength(1);
    expect((await confluenceState()).pages.find((p) => p.id === report?.id)?.version.number).toBe(3);
  }, 120_000);

  test('a Notion database: properties added once and set, data_source_id parent, 429 waited out; by hand for another week, in English', async () => {
    const t = await team({ notionParent: DATABASE.replace(/-/g, ''), language: 'en' });
    await control('notion', { rateLimit: 1, retryAfter: 2 });
    const run = t.app.run('publishWeeklyReport', { at: MONDAY, args: ['2026-W01'] });
    expect(run.error).toBeUndefined();
    const value = run.value as { title: string; lines: string[] };
    expect(value.title).toBe('Weekly report 2026-W01');
    expect(value.lines[1]).toBe('Confluence: not configured, not published (CONFLUENCE_BASE_URL, CONFLUENCE_SPACE_ID)');
    // The 429's Retry-After (2 s) was waited with Utilities.sleep before the request was made again.
    expect(run.stats.calls['Utilities']?.['sleep']).toBeGreaterThanOrEqual(1);
    const notion = await notionState();
    expect(Object.keys(notion.schema).sort()).toEqual(
      ['Blockers Count', 'End', 'Name', 'Overall Progress', 'Quality Score', 'Start', 'Team Satisfaction', 'Week'].sort(),
    );
    const page = notion.pages[0]!;
    expect(page.parent).toEqual({ type: 'data_source_id', data_source_id: DATA_SOURCE, database_id: DATABASE });
    expect(page.properties['Week']).toEqual({ rich_text: [{ type: 'text', text: { content: '2026-W01' } }] });
    expect(page.properties['Start']).toEqual({ date: { start: '2025-12-29' } });
    expect(page.properties['End']).toEqual({ date: { start: '2026-01-04' } });
    expect(page.properties['Overall Progress']).toEqual({ number: 0.53 });
    expect(page.properties['Blockers Count']).toEqual({ number: 1 });
    expect(page.title).toBe('Weekly report 2026-W01');

    const bad = t.app.run('publishWeeklyReport', { at: MONDAY, args: ['week 49'] });
    expect(bad.error?.message).toContain('Cannot read the week "week 49": write it as 2026-W49.');
    expect(t.app.run('publishWeeklyReport', { at: MONDAY, args: ['2026-W03'] }).error?.message).toContain('2026-W03 has not ended yet.');
  }, 120_000);

  test('one destination failing does not stop the other; the run fails, recorded in Errors without the secrets', async () => {
    const t = await team({ notionParent: PARENT_PAGE, confluence: true });
    setScriptProperty(t.state(), 'CONFLUENCE_API_TOKEN', 'ATATT-wrong-token-secret-zzz');
    t.state().save();
    const run = t.app.run('publishWeeklyReport', { at: MONDAY });
    expect(run.error?.message).toContain('Confluence: looking for the week’s page: Unauthorized');
    expect((await notionState()).pages).toHaveLength(1);
    const errors = errorsOf(t);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('publishWeeklyReport: PublishFailedError: 週次レポート 2026-W02: Notion: 作成しました');
    expect(errors.join('\n')).not.toMatch(/ATATT-wrong|ntn_testSecret/);
  }, 120_000);

  test('nothing configured: both skipped, saying what is missing, no request made', async () => {
    const t = await team();
    setScriptProperty(t.state(), 'NOTION_TOKEN', '');
    t.state().save();
    const run = t.app.run('publishWeeklyReport', { at: MONDAY });
    expect(run.error).toBeUndefined();
    expect((run.value as { lines: string[] }).lines).toEqual([
      'Notion: 未設定のため公開しませんでした（NOTION_TOKEN, NOTION_PARENT）',
      'Confluence: 未設定のため公開しませんでした（CONFLUENCE_BASE_URL, CONFLUENCE_SPACE_ID）',
    ]);
    expect(run.stats.calls['UrlFetchApp']).toBeUndefined();
    // Nor is the report built: no table is read.
    expect(run.stats.calls['SpreadsheetApp']).toEqual({ 'Range.getValues': 1 });
  }, 60_000);
});

describe('setup sidebar live checks and the health answer', () => {
  type Answer = {
    ok: boolean;
    errors?: Array<{ field: string; message: string }>;
    checks: Array<{ service: string; ok: boolean; field: string; message: string }>;
  };
  const save = (t: TestApp, form: unknown) => {
    const r = t.app.run('saveSetup', { args: [form], at: MONDAY });
    expect(r.error).toBeUndefined();
    return r.value as Answer;
  };

  test('Notion and Confluence are tried before anything is saved; a wrong one names its field', async () => {
    const t = await team();
    setScriptProperty(t.state(), 'NOTION_TOKEN', '');
    t.state().save();
    const where = {
      NOTION_PARENT: PARENT_PAGE,
      CONFLUENCE_EMAIL: CONFLUENCE.email,
      CONFLUENCE_BASE_URL: 'https://acme.atlassian.net',
      CONFLUENCE_SPACE_ID: CONFLUENCE.space,
    };
    const bad = save(t, { ...where, NOTION_TOKEN: 'ntn_wrongtoken0123456789abcdef', CONFLUENCE_API_TOKEN: 'ATATT-wrong-token-0123456789' });
    expect(bad.ok).toBe(false);
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(['CONFLUENCE_API_TOKEN', 'NOTION_TOKEN']);
    expect(t.prop('NOTION_TOKEN')).toBe('');

    const good = save(t, { ...where, NOTION_TOKEN, CONFLUENCE_API_TOKEN: CONFLUENCE.token });
    expect(good.ok).toBe(true);
    expect(good.checks.map((c) => `${c.service} ${c.ok}`)).toEqual(['Notion true', 'Confluence true']);
    expect(t.prop('NOTION_TOKEN')).toBe(NOTION_TOKEN);

    const unshared = save(t, { NOTION_PARENT: 'ffffffff-ffff-ffff-ffff-ffffffffffff' });
    expect(unshared.errors?.map((e) => e.field)).toEqual(['NOTION_PARENT']);
  }, 120_000);

  test('health: publishing configured, not configured, failing', async () => {
    const t = await team({ notionParent: PARENT_PAGE });
    const health = () => JSON.parse(t.app.get('action=health', MONDAY).response.body) as Record<string, unknown>;
    expect(health()['publishing']).toEqual({ notion: { state: 'configured', lastRun: null }, confluence: { state: 'not configured' } });
    await control('notion', { down: true });
    expect(t.app.run('publishWeeklyReport', { at: MONDAY }).error).toBeDefined();
    const after = health();
    expect(after['publishing']).toEqual({ error: expect.stringContaining('weekly report not published: Notion (Notion: ') });
    expect(after['problems']).toEqual(expect.arrayContaining([expect.stringContaining('publishing: weekly report not published: Notion')]));
  }, 120_000);
});

/** The attachments of the one sent message, decoded from its .eml. */
function attachmentsOf(eml: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const text = fs.readFileSync(eml, 'latin1');
  for (const part of text.split(/\r\n--/)) {
    const name = /Content-Disposition: attachment; filename="([^"]+)"/i.exec(part)?.[1];
    if (!name) continue;
    const body = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/--\s*$/, '');
    out.set(name, Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  }
  return out;
}

function pdfPages(pdf: Buffer): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-pdf-test-')), 'report.pdf');
  fs.writeFileSync(file, pdf);
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'helpers', 'pdfText.mjs'), file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as { pages: string[] }).pages;
}

const haveChromium = fs.existsSync(process.env['CHROMIUM_PATH'] || '/usr/bin/chromium');

describe('the weekly email carries the report as PDF and CSV', () => {
  (haveChromium ? test : test.skip)(
    'a real PDF made from the email’s HTML (its text holds the week’s figures) and the KPI rows as CSV',
    async () => {
      const t = await team({ language: 'en' });
      const run = t.app.run('sendWeeklyReport', { at: MONDAY });
      expect(run.error).toBeUndefined();
      const [mail] = readMail(t.state());
      expect(mail?.attachments.map((a) => `${a.name} ${a.contentType}`)).toEqual([
        'shinchoku-kpi-2026-W02.csv text/csv',
        'shinchoku-weekly-2026-W02.pdf application/pdf',
      ]);
      // Files that are there need no line: the email reads as its preview.
      expect(mail?.body.startsWith('shinchoku weekly report - Week 2\n')).toBe(true);
      const files = attachmentsOf(mail?.eml ?? '');
      const pdf = files.get('shinchoku-weekly-2026-W02.pdf')!;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfPages(pdf).join('\n');
      expect(text).toContain('Weekly report');
      expect(text).toContain('Week 2, 2026 (1/5 – 1/11)');
      expect(text).toMatch(/68\.7%/);
      expect(text).toMatch(/20\.0 h/);
      expect(text).toContain('Fix <script>alert(1)</script> and ]]> in titles');
      const csv = files.get('shinchoku-kpi-2026-W02.csv')!.toString('utf8');
      expect(csv.split('\r\n')).toEqual([
        '\ufeffDate,Overall Progress,Task Completion Rate,Quality Score,Team Satisfaction,Blockers Count,Code Review Time,Deploy Success Rate',
        '2026-01-05,0.56,,3.8,4,2,12,',
        '2026-01-07,0.62,,3,3.5,1,16,',
        '2026-01-09,0.687,,3.8,4.25,0,20,',
        '',
      ]);
      expect(errorsOf(t)).toEqual([]);
    },
    120_000,
  );

  test('without Chromium the conversion fails as in Apps Script: the email goes without the PDF, says why, and Errors records it', async () => {
    const t = await team();
    const saved = process.env['CHROMIUM_PATH'];
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    try {
      const run = t.app.run('sendWeeklyReport', { at: MONDAY });
      expect(run.error).toBeUndefined();
      expect(run.value).toMatchObject({ sent: true, week: '2026-W02' });
    } finally {
      if (saved === undefined) delete process.env['CHROMIUM_PATH'];
      else process.env['CHROMIUM_PATH'] = saved;
    }
    const [mail, ...more] = readMail(t.state());
    expect(more).toEqual([]);
    expect(mail?.attachments.map((a) => a.name)).toEqual(['shinchoku-kpi-2026-W02.csv']);
    expect(mail?.body).toContain(
      '⚠️ shinchoku-weekly-2026-W02.pdf は添付できませんでした: Conversion from text/html to application/pdf failed.\n\nshinchoku 週次レポート - Week 2\n',
    );
    expect(mail?.htmlBody).toContain('shinchoku-weekly-2026-W02.pdf は添付できませんでした');
    expect(checkGmail(mail?.htmlBody ?? '')).toEqual([]);
    expect(errorsOf(t)).toEqual([
      'sendWeeklyReport: AttachmentError: shinchoku-weekly-2026-W02.pdf: Conversion from text/html to application/pdf failed.',
    ]);
  }, 60_000);

  test('WEEKLY_ATTACHMENTS FALSE: the email as before, without files', async () => {
    const t = await team({ attachments: false });
    expect(t.app.run('sendWeeklyReport', { at: MONDAY }).error).toBeUndefined();
    const [mail] = readMail(t.state());
    expect(mail?.attachments).toEqual([]);
    expect(mail?.body.startsWith('shinchoku 週次レポート - Week 2')).toBe(true);
  }, 60_000);
});
