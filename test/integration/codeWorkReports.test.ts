import { readMail } from '../../local/services/mail';
import { at, chatApp, startFakeChat, type FakeChat } from '../helpers/fakeSlack';
import { appendRows } from '../helpers/sheetRows';

/** Issue 13 in the reports, through build/Code.js: Developer Metrics in /progress report, DORA levels weekly. */

let fake: FakeChat;
beforeAll(async () => {
  fake = await startFakeChat();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  await fake.reset();
});

async function replies(): Promise<Array<{ text: string; blocks: string }>> {
  const state = await fake.state();
  return state.slack.hooks.filter((h) => h.kind === 'response_url').map((h) => ({ text: h.text, blocks: JSON.stringify(h.blocks) }));
}

const METRICS = [
  // Last Monday is outside the seven days up to Monday 5 January; the rest are inside.
  { Date: '2025-12-29', Member: '佐藤 花子', Commits: 9, 'PRs Opened': 9, 'PRs Merged': 9, Reviews: 9, 'Lines Changed': 900 },
  {
    Date: '2026-01-02',
    Member: '佐藤 花子',
    Commits: 2,
    'PRs Opened': 1,
    'PRs Merged': 0,
    Reviews: 1,
    'Lines Changed': 40,
    'Median Review Hours': 3,
  },
  {
    Date: '2026-01-05',
    Member: '佐藤 花子',
    Commits: 1,
    'PRs Opened': 0,
    'PRs Merged': 1,
    Reviews: 2,
    'Lines Changed': 10,
    'Median Review Hours': 5,
  },
  { Date: '2026-01-05', Member: '@hubot', Commits: 4, 'PRs Opened': 0, 'PRs Merged': 0, Reviews: 0, 'Lines Changed': 0 },
];

describe('/progress report and Developer Metrics', () => {
  test('report @someone finds the member by name or Slack mention and shows their week; an unknown name is said', async () => {
    const t = await chatApp();
    const members = t.sheet('Members');
    const row = members.findIndex((r) => r[0] === '佐藤 花子') + 1;
    const col = String.fromCharCode(65 + (members[0] ?? []).indexOf('GitHub Login'));
    t.app.edit(`Members!${col}${row}`, 'hanako', at('08:02'));
    appendRows(t.state(), 'Developer Metrics', METRICS);
    t.slash('report @佐藤花子', { time: at('10:00') });
    t.slash('report <@U0TEST0002|hanako>', { time: at('10:00') });
    t.slash('report @hanako share', { time: at('10:00') });
    t.slash('report @nobody', { time: at('10:00') });
    t.run('processQueue', at('10:01'));
    const all = await replies();
    const hers = all.filter((r) => r.text.includes('佐藤 花子 さんの進捗'));
    expect(hers).toHaveLength(3);
    for (const r of hers) expect(r.blocks).toContain('コミット 3・PR 作成 1／マージ 1・レビュー 3・変更行 50・レビューまで中央値 4 時間');
    expect(all.some((r) => r.text.includes('「@nobody」というメンバーが Members シートに見つかりません'))).toBe(true);
  });

  test('report team lists each member with activity, unmatched logins too; report (own) shows none for a quiet member', async () => {
    const t = await chatApp();
    appendRows(t.state(), 'Developer Metrics', METRICS);
    t.slash('report team', { time: at('10:00') });
    t.slash('report', { time: at('10:00'), user: 'U0TEST0003' });
    t.run('processQueue', at('10:01'));
    const all = await replies();
    const team = all.find((r) => r.text.includes('チームの進捗'));
    expect(team?.blocks).toContain('*開発活動*（直近 7 日、Developer Metrics）');
    expect(team?.blocks).toContain('• @hubot: コミット 4・PR 作成 0／マージ 0・レビュー 0・変更行 0');
    expect(team?.blocks).toContain('• 佐藤 花子: コミット 3');
    const alex = all.find((r) => r.text.includes('Alex Kim さんの進捗'));
    expect(alex?.blocks).toContain('*開発活動*（直近 7 日、Developer Metrics）\\n記録なし');
  });

  test('DEVELOPER_METRICS FALSE: the reports show no developer activity', async () => {
    const t = await chatApp();
    appendRows(t.state(), 'Developer Metrics', METRICS);
    t.setting('DEVELOPER_METRICS', 'FALSE');
    t.slash('report team', { time: at('10:00') });
    t.run('processQueue', at('10:01'));
    const team = (await replies()).find((r) => r.text.includes('チームの進捗'));
    expect(team?.blocks).toBeDefined();
    expect(team?.blocks).not.toContain('開発活動');
  });
});

describe('the weekly report', () => {
  test("shows each DORA key's level from the reported week's GitHub Metrics row", async () => {
    const t = await chatApp();
    t.setting('REPORT_RECIPIENTS', 'team@example.com');
    appendRows(t.state(), 'GitHub Metrics', [
      { Period: '2026-W01', 'Deploy Frequency Level': 'low' },
      { Period: '2026-W02', 'Deploy Frequency Level': 'elite', 'Lead Time Level': 'high', 'Change Failure Level': 'medium', 'Restore Level': '' },
    ]);
    expect(t.run('sendWeeklyReport', at('09:00', '2026-01-12')).error).toBeUndefined();
    const mail = readMail(t.state()).at(-1);
    expect(mail?.body).toContain(
      '■ DORA パフォーマンスレベル\n  - デプロイ頻度: エリート\n  - 変更のリードタイム: 高\n  - 変更失敗率: 中\n  - 復旧時間: —',
    );
    expect(mail?.htmlBody).toContain('DORA パフォーマンスレベル');
  });
});
