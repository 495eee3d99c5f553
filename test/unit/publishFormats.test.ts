import { answerConfluence, freshConfluenceData, storageProblem } from '../../local/fake/confluence';
import { answerNotion, freshNotionData } from '../../local/fake/notion';
import type { FakeRequest } from '../../local/fake/types';
import { basicAuth } from '../../src/domain/publish/basicAuth';
import { confluenceStorage, xmlText } from '../../src/domain/publish/confluenceStorage';
import { notionBatches, notionBlocks, notionId, richText, type NotionBlock } from '../../src/domain/publish/notionBlocks';
import { weeklyKpiCsv } from '../../src/domain/publish/weeklyCsv';
import { parseWeekKey, type ReportDocument } from '../../src/domain/publish/weeklyDocument';

const doc = (blocks: ReportDocument['blocks']): ReportDocument => ({
  title: 'T',
  facts: { week: '2026-W49', start: '', end: '', overallProgress: null, quality: null, satisfaction: null, blockers: null },
  blocks,
});

describe('Notion blocks within Notion’s limits', () => {
  test('a rich text over 2,000 characters is cut into items of 2,000, never inside a surrogate pair', () => {
    const items = richText([{ text: `${'a'.repeat(1999)}😀${'b'.repeat(2500)}`, url: 'https://example.com/x' }]);
    // Notion counts UTF-16 units: the emoji (two) does not fit after 1,999 and starts the next item whole.
    expect(items.map((i) => i.text.content.length)).toEqual([1999, 2000, 502]);
    expect(items[1]?.text.content.startsWith('😀')).toBe(true);
    expect(items.every((i) => i.text.link?.url === 'https://example.com/x')).toBe(true);
  });

  test('more than 100 rich-text items: the rest joined into the last, within 2,000 characters', () => {
    const items = richText(Array.from({ length: 150 }, (_, i) => ({ text: `w${i} ` })));
    expect(items).toHaveLength(100);
    expect(items[99]?.text.content.startsWith('w99 w100 ')).toBe(true);
    expect(items[99]?.text.content.endsWith('w149 ')).toBe(true);
    const long = richText(Array.from({ length: 120 }, () => ({ text: 'z'.repeat(1500) })));
    expect(long.every((i) => i.text.content.length <= 2000)).toBe(true);
  });

  test('requests of at most 100 blocks, a table counted with its rows, a long table split', () => {
    const paragraphs = notionBlocks(doc(Array.from({ length: 150 }, (_, i) => ({ kind: 'paragraph' as const, spans: [{ text: `p${i}` }] }))));
    expect(notionBatches(paragraphs).map((b) => b.length)).toEqual([100, 50]);
    const table = notionBlocks(doc([{ kind: 'table', header: ['a', 'b'], rows: Array.from({ length: 150 }, (_, i) => [`r${i}`, 'x']) }]));
    const weight = (b: NotionBlock) => 1 + ((b[b.type] as { children?: unknown[] }).children?.length ?? 0);
    expect(table.map(weight)).toEqual([100, 54]);
    for (const batch of notionBatches(table)) expect(batch.reduce((n, b) => n + weight(b), 0)).toBeLessThanOrEqual(100);
  });

  test('ids from URLs and ids, dashed or not', () => {
    expect(notionId('https://www.notion.so/acme/Weekly-Reports-1f2e3d4c5b6a79881f2e3d4c5b6a7988?pvs=4')).toBe('1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988');
    expect(notionId('1F2E3D4C-5B6A-7988-1F2E-3D4C5B6A7988')).toBe('1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988');
    expect(notionId('Weekly reports')).toBeNull();
  });
});

describe('Confluence storage format', () => {
  test('text from people stays text: <script>, ]]> and & escaped, the page well-formed', () => {
    expect(xmlText('<script>x</script> ]]> & "q"')).toBe('&lt;script&gt;x&lt;/script&gt; ]]&gt; &amp; &quot;q&quot;');
    const storage = confluenceStorage(
      doc([
        { kind: 'heading', level: 2, text: 'A <b>' },
        { kind: 'list', items: [[{ text: 'acme#1', url: 'https://x.test/?a=1&b=2' }, { text: ' ]]><script>' }]] },
        { kind: 'table', header: ['K', 'V'], rows: [['<', '&']] },
      ]),
    );
    expect(storageProblem(storage)).toBeNull();
    expect(storage).toContain('<a href="https://x.test/?a=1&amp;b=2">acme#1</a> ]]&gt;&lt;script&gt;');
  });

  test('the fake refuses what Confluence cannot parse', () => {
    expect(storageProblem('<p>a <b>b</p></b>')).toMatch(/closes nothing/);
    expect(storageProblem('<p>a & b</p>')).toMatch(/unescaped "&"/);
    expect(storageProblem('<p>x ]]> y</p>')).toMatch(/CDATA/);
  });
});

test('week keys: ISO weeks, with years of 53 weeks', () => {
  expect(parseWeekKey('2026-W49')?.days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  expect(parseWeekKey('2026-w1')?.days[0]).toBe('2025-12-29');
  expect(parseWeekKey('2020-W53')?.days[0]).toBe('2020-12-28');
  expect(parseWeekKey('2021-W53')).toBeNull();
  expect(parseWeekKey('2026-W00')).toBeNull();
  expect(parseWeekKey('week 49')).toBeNull();
});

test('the KPI CSV: the sheet’s headers, one row a recorded day, fractions kept, quoted when needed', () => {
  const csv = weeklyKpiCsv(
    ['2026-01-05', '2026-01-06'],
    [
      {
        date: '2026-01-06',
        overallProgress: 0.5,
        taskCompletionRate: null,
        qualityScore: 4,
        teamSatisfaction: 3.5,
        blockersCount: 1,
        codeReviewTime: 2.25,
        deploySuccessRate: 1,
      },
    ],
  );
  expect(csv).toBe(
    '\ufeffDate,Overall Progress,Task Completion Rate,Quality Score,Team Satisfaction,Blockers Count,Code Review Time,Deploy Success Rate\r\n2026-01-06,0.5,,4,3.5,1,2.25,1\r\n',
  );
});

test('Basic credentials as RFC 7617 builds them, UTF-8 included', () => {
  for (const [user, pass] of [
    ['lead@example.com', 'ATATT3x-token'],
    ['山田@example.jp', 'pä$$😀'],
    ['a', ''],
  ] as const) {
    expect(basicAuth(user, pass)).toBe(`Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`);
  }
});

describe('the fakes refuse what Notion and Confluence refuse', () => {
  const req = (method: string, url: string, body: unknown, headers: Array<[string, string]>): FakeRequest => ({
    method,
    url: new URL(url),
    headers,
    text: body === undefined ? '' : JSON.stringify(body),
    contentType: 'application/json',
    now: Date.parse('2026-01-12T00:00:00Z'),
    seq: 0,
  });

  test('Notion: version, token, database_id parent, 100 blocks, 2,000 characters', () => {
    const data = freshNotionData();
    data.mode.parentPages = ['aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'];
    data.mode.database = { id: 'dddddddd-bbbb-cccc-dddd-eeeeeeeeeeee', dataSourceId: 'ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee', title: 'R' };
    const auth: [string, string] = ['Authorization', `Bearer ${data.mode.token}`];
    const v: [string, string] = ['Notion-Version', '2025-09-03'];
    const create = (body: unknown, headers = [auth, v]) => answerNotion(data, req('POST', 'https://api.notion.com/v1/pages', body, headers));
    const para = (text: string) => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: text } }] } });
    const parent = { page_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' };
    expect(create({ parent }, [auth]).status).toBe(400);
    expect(create({ parent }, [['Authorization', 'Bearer nope'], v]).status).toBe(401);
    expect(JSON.parse(create({ parent: { database_id: 'dddddddd-bbbb-cccc-dddd-eeeeeeeeeeee' } }).body).message).toMatch(/data_source_id/);
    expect(JSON.parse(create({ parent, children: Array.from({ length: 101 }, () => para('x')) }).body).message).toMatch(/≤ `100`/);
    expect(JSON.parse(create({ parent, children: [para('x'.repeat(2001))] }).body).message).toMatch(/≤ `2000`/);
    expect(create({ parent, children: Array.from({ length: 100 }, () => para('x'.repeat(2000))) }).status).toBe(200);
    data.mode.rateLimit = 1;
    const limited = create({ parent });
    expect([limited.status, limited.headers['Retry-After']]).toEqual([429, '1']);
  });

  test('Confluence: Basic credentials, duplicate titles, version +1 on update', () => {
    const data = freshConfluenceData();
    data.mode.spaces = [{ id: '1', key: 'K', name: 'K' }];
    const auth: [string, string] = ['Authorization', `Basic ${Buffer.from(`${data.mode.email}:${data.mode.token}`).toString('base64')}`];
    const call = (method: string, path: string, body?: unknown, headers = [auth]) =>
      answerConfluence(data, req(method, `https://acme.atlassian.net/wiki/api/v2${path}`, body, headers));
    const body = { representation: 'storage', value: '<p>x</p>' };
    expect(call('POST', '/pages', { spaceId: '1', title: 'A', body }, []).status).toBe(401);
    const made = JSON.parse(call('POST', '/pages', { spaceId: '1', status: 'current', title: 'A', body }).body) as { id: string };
    expect(call('POST', '/pages', { spaceId: '1', title: 'A', body }).status).toBe(400);
    expect(call('POST', '/pages', { spaceId: '1', title: 'B', body: { representation: 'storage', value: '<p>' } }).status).toBe(400);
    expect(call('PUT', `/pages/${made.id}`, { id: made.id, status: 'current', title: 'A', body, version: { number: 1 } }).status).toBe(409);
    expect(call('PUT', `/pages/${made.id}`, { id: made.id, status: 'current', title: 'A', body, version: { number: 2 } }).status).toBe(200);
  });
});
