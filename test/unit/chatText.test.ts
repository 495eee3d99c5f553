import type { KnownBlock, View } from '@slack/types';
import { EmbedBuilder, embedLength } from '@discordjs/builders';
import { button, fields, fitBlocks, header, section, type Block } from '../../src/domain/chat/blockKit';
import { embed, fitEmbeds, type Embed } from '../../src/domain/chat/discordEmbed';
import { blockerModal, progressModal } from '../../src/domain/chat/modals';
import { kpiDashboardEmbed, memberProgressEmbed, projectUpdate, standupReminder, teamStatusEmbed } from '../../src/domain/chat/reminderMessages';
import { parseDiscordInteraction } from '../../src/domain/chat/discordInteraction';
import { personalReport } from '../../src/domain/chat/reports';
import { defuseMentions, escapeMrkdwn, fitLines, progressBar, truncate, userMrkdwn } from '../../src/domain/chat/text';
import { readTargets } from '../../src/domain/chat/kpi';

// Compile-time: what the builders make is Block Kit as Slack's own type definitions (@slack/types) describe it.
const asKnown = (blocks: Block[]): KnownBlock[] => blocks;
const asView = (view: ReturnType<typeof progressModal>): View => view;

describe('mrkdwn safety', () => {
  test('escapes exactly &, < and >, so user text cannot form a link or a mention', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U123|x> >quote')).toBe('a &amp; b &lt;!channel&gt; &lt;@U123|x&gt; &gt;quote');
    expect(escapeMrkdwn('*bold* _it_ `code`')).toBe('*bold* _it_ `code`');
  });

  test('@channel, @here and @everyone stay readable but never ping', () => {
    const out = defuseMentions('hey @channel and @HERE, ＠everyone; email a@channelfoo.com');
    expect(out).not.toMatch(/@(channel|here|everyone)\b/i);
    expect(out).not.toMatch(/＠everyone/);
    expect(out.replace(/\u2060/g, '')).toBe('hey @channel and @HERE, ＠everyone; email a@channelfoo.com');
    expect(userMrkdwn('<!here> @here')).toBe('&lt;!here&gt; @\u2060here');
  });
});

describe('cutting to limits', () => {
  test('truncate keeps surrogate pairs and entities whole', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('a &amp; b', 5)).toBe('a …');
    expect(truncate('short', 10)).toBe('short');
  });

  test('long lists end with "…他 N 件" (ja) or "…and N more" (en) and fit the limit', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1} ${'x'.repeat(20)}`);
    const ja = fitLines(lines, 300, 'ja');
    expect(ja.length).toBeLessThanOrEqual(300);
    const kept = ja.split('\n').length - 1;
    expect(ja.endsWith(`…他 ${100 - kept} 件`)).toBe(true);
    const en = fitLines(lines, 300, 'en');
    expect(en).toMatch(/…and \d+ more$/);
    expect(fitLines(['a', 'b'], 300, 'en')).toBe('a\nb');
  });

  test('progress bar', () => {
    expect(progressBar(0.8)).toBe('████████░░ 80%');
    expect(progressBar(1.7)).toBe('██████████ 100%');
    expect(progressBar(Number.NaN)).toBe('░░░░░░░░░░ 0%');
  });
});

describe('Block Kit builders respect Slack limits', () => {
  test('header 150, section 3,000, 10 fields of 2,000, button 75, 50 blocks', () => {
    expect(header('h'.repeat(400)).text.text).toHaveLength(150);
    expect(section('s'.repeat(5000)).text?.text).toHaveLength(3000);
    const f = fields(
      Array.from({ length: 14 }, (_, i) => [`k${i}`, 'v'.repeat(3000)] as const),
      'ja',
    );
    expect(f.fields).toHaveLength(10);
    expect(f.fields?.every((x) => x.text.length <= 2000)).toBe(true);
    expect(f.fields?.[9]?.text).toBe('…他 5 件');
    expect(button('b'.repeat(100), 'act').text.text).toHaveLength(75);
    const many = fitBlocks(
      Array.from({ length: 80 }, () => section('x')),
      'en',
    );
    expect(many).toHaveLength(50);
    expect(JSON.stringify(many[49])).toContain('…and 31 more');
    expect(asKnown(many)).toHaveLength(50);
  });

  test('empty texts become a dash: Slack refuses empty text objects', () => {
    expect(section('').text?.text).toBe('—');
  });

  test('the standup reminder has the three parts and the two buttons', () => {
    const { blocks, text } = standupReminder('2026-01-05', 'ja');
    expect(text).toContain('スタンドアップ');
    const all = JSON.stringify(asKnown(blocks));
    for (const part of ['昨日完了したこと', '今日実行予定のこと', 'ブロッカー・課題']) expect(all).toContain(part);
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions && 'elements' in actions ? actions.elements.map((e) => e.action_id) : []).toEqual(['report_progress', 'report_blocker']);
    // The seed's styles: reporting progress is the main action, a blocker the alarming one.
    expect(actions && 'elements' in actions ? actions.elements.map((e) => ('style' in e ? e.style : undefined)) : []).toEqual(['primary', 'danger']);
  });

  test('modals are valid views and carry where to answer', () => {
    const view = asView(
      progressModal('en', { channel: 'C1', responseUrl: 'https://hooks.slack.com/commands/1' }, { done: 'a', planned: '', blockers: '', mood: 4 }),
    );
    expect(view.type).toBe('modal');
    // The seed's 完了事項; the plan is the day's (the form answers the morning standup, README ▸ /progress).
    const ja = JSON.stringify(asView(progressModal('ja', { channel: 'C1', responseUrl: '' }, null)));
    expect(ja).toContain('完了事項');
    expect(ja).toContain('今日実行予定のこと');
    expect(JSON.parse(String(view.private_metadata))).toEqual({ c: 'C1', r: 'https://hooks.slack.com/commands/1' });
    expect(JSON.stringify(view)).toContain('"initial_value":"a"');
    expect(asView(blockerModal('ja', {})).blocks).toHaveLength(2);
  });

  test('a personal report with a huge history stays inside the limits', () => {
    const reports = Array.from({ length: 3 }, (_, i) => ({ date: `2026-01-0${i + 1}`, done: 'd'.repeat(2500), planned: 'p', blockers: '', mood: 3 }));
    const blockers = Array.from({ length: 200 }, (_, i) => ({ id: `B-${i}`, member: 'm', description: `<!channel> blocker ${i}`, ageDays: i }));
    const { blocks } = personalReport({ name: 'A & B', today: '2026-01-05', kpi: null, targets: new Map(), reports, blockers }, 'ja');
    const json = JSON.stringify(blocks);
    expect(json).not.toContain('<!channel>');
    // The header is plain_text (shown as typed); mrkdwn texts are escaped.
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '📈 A & B さんの進捗', emoji: true } });
    for (const b of blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(json).toMatch(/…他 \d+ 件/);
  });

  test('the project update: header, the four fields, a progress bar', () => {
    const { blocks } = projectUpdate(
      { name: 'Alpha', progress: 0.625, doneTasks: 5, totalTasks: 8, deadline: '2026-01-20', daysLeft: 15, quality: 4.23 },
      'ja',
    );
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '📊 Alpha 進捗更新', emoji: true } });
    const text = JSON.stringify(blocks);
    for (const part of [
      '*進捗率*\\n62.5%',
      '*期限まで*\\nあと 15 日（2026-01-20）',
      '*完了タスク*\\n5 / 8 件',
      '*品質スコア*\\n4.2 / 5',
      '`█████████████░░░░░░░ 63%`',
    ])
      expect(text).toContain(part);
  });
});

/** Discord's own validators (discord.js builders) accept what the embed builders make. */
function discordAccepts(embeds: Embed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(10);
  expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
  for (const e of embeds) {
    const b = new EmbedBuilder();
    if (e.title !== undefined) b.setTitle(e.title);
    if (e.description !== undefined) b.setDescription(e.description);
    if (e.fields) b.addFields(...e.fields);
    if (e.footer) b.setFooter(e.footer);
    for (const f of e.fields ?? []) expect(f.name.trim() && f.value.trim()).toBeTruthy();
  }
}

describe('Discord embeds respect Discord limits', () => {
  test('each part is cut, 25 fields at most, and 6,000 characters over all embeds', () => {
    const big = embed(
      {
        title: 't'.repeat(300),
        description: 'd'.repeat(5000),
        fields: Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(2000) })),
        footer: { text: 'f' },
      },
      'ja',
    );
    expect(big.title).toHaveLength(256);
    expect(big.description).toHaveLength(4096);
    expect(big.fields).toHaveLength(25);
    expect(big.fields?.[24]?.value).toBe('…他 6 件');
    const fitted = fitEmbeds([big, big, big]);
    discordAccepts(fitted);
  });

  test('the KPI dashboard: 全体進捗 with its target, 生産性スコア, 品質スコア, チーム満足度, timestamp, footer', () => {
    const targets = readTargets([
      { kpi: 'Overall Progress', target: 80, direction: 'higher' },
      { kpi: 'Quality Score', target: 4, direction: '' },
    ]);
    const kpi = {
      date: '2026-01-05',
      overallProgress: 0.72,
      taskCompletionRate: 0.85,
      qualityScore: 4.2,
      teamSatisfaction: 4,
      blockersCount: 2,
      codeReviewTime: 5.5,
      deploySuccessRate: 0.95,
    };
    const e = kpiDashboardEmbed(kpi, targets, '2026-01-05T09:00:00.000Z', 'ja');
    expect(e.fields?.map((f) => [f.name, f.value])).toEqual([
      ['全体進捗', '72.0%（目標 80.0%）⚠️'],
      ['生産性スコア', '85.0%'],
      ['品質スコア', '4.2 / 5（目標 4.0 / 5）✅'],
      ['チーム満足度', '4.0 / 5'],
    ]);
    expect(e.timestamp).toBe('2026-01-05T09:00:00.000Z');
    expect(e.footer?.text).toBe('shinchoku 進捗管理システム');
    const status = teamStatusEmbed(
      { date: '2026-01-05', reported: ['a'], notReported: Array.from({ length: 400 }, (_, i) => `member ${i}`), blockers: [] },
      'x',
      'en',
    );
    discordAccepts(fitEmbeds([e, status]));
    expect(status.fields?.[1]?.value).toMatch(/…and \d+ more$/);
  });

  test("a member's progress: reports cut to the field, mentions defused, no activity field when metrics are off", () => {
    const report = (day: number) => ({
      date: `2026-01-0${day}`,
      done: `@everyone ${'x'.repeat(600)}`,
      planned: 'tests\nand docs',
      blockers: '',
      mood: 3,
    });
    const e = memberProgressEmbed({ name: 'Taro', reports: [report(5), report(4), report(3)], blockers: [], developer: null }, 'x', 'en');
    expect(e.title).toBe('📈 Progress of Taro');
    expect(e.fields?.map((f) => f.name)).toEqual(['Recent reports', 'Open blockers (0)']);
    expect(e.fields?.[0]?.value).toContain('**2026-01-05**  Mood 3/5\nDone: @\u2060everyone');
    expect(e.fields?.[0]?.value).toContain('Planned: tests / and docs');
    expect(e.fields?.[0]?.value).toMatch(/…and 2 more$/);
    discordAccepts(fitEmbeds([e]));
  });
});

describe('Discord interactions the web app answers', () => {
  const base = { id: '1', token: 'tok', application_id: 'app', type: 2, member: { user: { id: '11', username: 'hanako', global_name: 'Hanako' } } };
  const report = (options?: unknown[], resolved?: unknown) =>
    parseDiscordInteraction(JSON.stringify({ ...base, data: { name: 'progress', options: [{ type: 1, name: 'report', options }], resolved } }));

  test('/progress report: the caller, or the member picked by the name the server shows', () => {
    expect(report()).toMatchObject({ kind: 'progress', memberId: '11', memberName: 'Hanako' });
    const users = { '22': { id: '22', username: 'taro', global_name: 'Taro Y' } };
    expect(report([{ type: 6, name: 'member', value: '22' }], { users })).toMatchObject({ kind: 'progress', memberId: '22', memberName: 'Taro Y' });
    expect(report([{ type: 6, name: 'member', value: '22' }], { users, members: { '22': { nick: 'たろう' } } })).toMatchObject({
      memberName: 'たろう',
    });
    expect(report([{ type: 6, name: 'member', value: '33' }])).toMatchObject({ memberId: '33', memberName: '33' });
    expect(() => parseDiscordInteraction(JSON.stringify({ ...base, data: { name: 'progress', options: [{ type: 1, name: 'nope' }] } }))).toThrow(
      'expected update, kpi, team, report or blocker',
    );
  });
});
