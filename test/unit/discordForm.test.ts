import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { isProgressForm, progressForm } from '../../gateway/src/discord';
import { discordInputId, discordProgressForm, readDiscordProgress, type DiscordModal } from '../../src/domain/chat/discordForm';
import { DEFAULT_QUESTIONS, type Question } from '../../src/domain/members/questions';

// The form's own type is written out in src/ (no npm package there); Discord's published one must accept it.
const asDiscords = (m: DiscordModal): APIModalInteractionResponseCallbackData => m;

const q = (order: number, textJa: string, textEn: string, kind: Question['kind'], column: string, required = false): Question => ({
  order,
  textJa,
  textEn,
  kind,
  required,
  column,
});
const team: Question[] = [
  ...DEFAULT_QUESTIONS,
  q(5, '今日のレビュー件数', 'Reviews today', 'number', 'Q: Reviews today', true),
  q(6, 'ペアプロしましたか', 'Paired today?', 'yes-no', 'Q: Paired today?'),
  q(7, '集中度', 'Focus', 'scale', 'Q: Focus'),
];
const labels = (m: DiscordModal) => m.components.map((r) => r.components[0].label);
const ids = (m: DiscordModal) => m.components.map((r) => r.components[0].custom_id);

describe('the Discord form from the Questions', () => {
  test("the default set is the gateway's own fallback form, in both languages", () => {
    for (const language of ['ja', 'en'] as const) {
      const form = asDiscords(discordProgressForm(DEFAULT_QUESTIONS, language));
      expect(form).toEqual(progressForm(language));
      expect(isProgressForm(form)).toBe(true);
    }
  });

  test("asks the first 5 by Order, in the team's language, with Discord's limits kept", () => {
    const en = discordProgressForm(team, 'en');
    expect(labels(en)).toEqual([
      'What you finished',
      'What you plan today',
      'Blockers and issues (one a line)',
      'Your mood today (1–5)',
      'Reviews today',
    ]);
    expect(ids(en)).toEqual(['done', 'planned', 'blockers', 'mood', 'q:Q: Reviews today']);
    expect(en.components[4]?.components[0]).toMatchObject({ style: 1, required: true, placeholder: 'A number' });
    expect(labels(discordProgressForm(team, 'ja'))[4]).toBe('今日のレビュー件数');

    const long = q(1, 'あ'.repeat(60), '', 'text', `Q: ${'x'.repeat(120)}`);
    const form = discordProgressForm([long], 'en');
    expect(labels(form)[0]).toHaveLength(45);
    expect(labels(form)[0]?.endsWith('…')).toBe(true);
    expect(ids(form)).toEqual(['q#1']);
    expect(isProgressForm(form)).toBe(true);
    // The Worker serves nothing Discord would refuse.
    expect(
      isProgressForm({
        ...form,
        components: [...form.components, ...form.components, ...form.components, ...form.components, ...form.components, ...form.components],
      }),
    ).toBe(false);
    expect(isProgressForm({ ...form, custom_id: 'other' })).toBe(false);
  });
});

describe('reading a submitted Discord form', () => {
  const values = (v: Record<string, string>) => new Map(Object.entries(v));

  test('answers by input id, as the Slack form reads them; full-width digits count', () => {
    const read = readDiscordProgress(
      team,
      values({ done: 'API', planned: '', blockers: 'CI 落ち\nレビュー待ち', mood: '４', 'q:Q: Reviews today': '３' }),
      'ja',
    );
    expect(read).toMatchObject({
      ok: true,
      value: { done: 'API', planned: '', blockers: ['CI 落ち', 'レビュー待ち'], mood: 4, answers: { 'Q: Reviews today': 3 } },
    });
    expect(read.ok && read.asked.map((x) => x.column)).toEqual(['Done', 'Planned', 'Blockers', 'Mood', 'Q: Reviews today']);
  });

  test('a bad or missing answer is said by the question it belongs to, and nothing is read', () => {
    const read = readDiscordProgress(team, values({ done: 'API', mood: '9', 'q:Q: Reviews today': 'many' }), 'en');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.question.column)).toEqual(['Mood', 'Q: Reviews today']);
    expect(read.message.split('\n')[0]).toBe('⚠️ Nothing was recorded. Fix these and send again:');
    expect(read.message).toContain('• Reviews today: Enter a number');
    expect(read.message).toContain('• Your mood today (1–5): Answer with a number from 1 to 5');
    const yesNo = [q(1, '作業', 'Work', 'text', 'Q: Work'), q(2, 'ペアプロしましたか', 'Paired today?', 'yes-no', 'Q: Paired today?')];
    const maybe = readDiscordProgress(yesNo, values({ 'q:Q: Work': 'API', 'q:Q: Paired today?': 'たぶん' }), 'ja');
    expect(!maybe.ok && maybe.message).toContain('• ペアプロしましたか: 「はい」か「いいえ」で答えてください');
    expect(readDiscordProgress(yesNo, values({ 'q:Q: Work': 'API', 'q:Q: Paired today?': 'はい' }), 'ja')).toMatchObject({
      ok: true,
      value: { answers: { 'Q: Work': 'API', 'Q: Paired today?': true } },
    });
    const missing = readDiscordProgress(team, values({ done: 'API', mood: '3' }), 'ja');
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toContain('今日のレビュー件数');
  });

  test("a default form (the web app was slow) is read as the default set, not against the team's", () => {
    const read = readDiscordProgress(team, values({ done: 'API', planned: 'x', blockers: '', mood: '3' }), 'ja');
    expect(read.ok && read.asked).toEqual([...DEFAULT_QUESTIONS]);
    // The team's own form, sent with an empty answer to its required question, is read as the team's.
    const own = readDiscordProgress(team, values({ done: 'API', planned: 'x', blockers: '', mood: '3', 'q:Q: Reviews today': '' }), 'ja');
    expect(own.ok).toBe(false);
    expect(discordInputId(team[4] as Question, 4)).toBe('q:Q: Reviews today');
  });
});
