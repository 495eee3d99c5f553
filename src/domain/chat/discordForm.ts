import { catalog, type Language } from '../messages';
import { blockIdOf, DEFAULT_QUESTIONS, questionLabel, type Question } from '../members/questions';
import { readProgressSubmission, type ProgressSubmission, type ViewValues } from './modals';
import { PROGRESS_FORM_ID } from './discordInteraction';

/**
 * The Discord progress form built from the team's Questions. The gateway must answer `/progress update` with the
 * modal itself within Discord's 3 seconds, so the web app hands it this definition (signed, `source: questions`)
 * and the Worker keeps it in its cache. The submission comes back here and is read by the Slack form's own
 * readProgressSubmission, so both forms accept and refuse the same answers.
 */

/**
 * Discord's modal as the interaction response carries it (type 9's data). Written out because src/ takes no npm
 * package; test/unit/discordForm.test.ts assigns it to discord-api-types' own type, so a drift fails the build.
 */
export interface DiscordModal {
  custom_id: string;
  title: string;
  components: Array<{
    type: 1;
    components: [{ type: 4; custom_id: string; label: string; style: 1 | 2; required: boolean; max_length: number; placeholder?: string }];
  }>;
}

/** Discord's limits on a modal (discord.com/developers/docs/interactions/message-components#text-input). */
export const DISCORD_FORM_LIMITS = { rows: 5, label: 45, customId: 100, title: 45, placeholder: 100, value: 4000 } as const;

const formText = catalog({
  title: { ja: '今日の進捗', en: "Today's progress" },
  number: { ja: '数値', en: 'A number' },
  scale: { ja: '1〜5', en: '1–5' },
  yesNo: { ja: 'はい / いいえ', en: 'yes / no' },
  // Slack offers a scale and a yes-no as choices; in Discord they are typed, so the words say what to type.
  typeScale: { ja: '1〜5 の数字で答えてください', en: 'Answer with a number from 1 to 5' },
  typeYesNo: { ja: '「はい」か「いいえ」で答えてください', en: 'Answer "yes" or "no"' },
  notRecorded: { ja: '⚠️ 報告は記録していません。次の項目を直してもう一度送ってください:', en: '⚠️ Nothing was recorded. Fix these and send again:' },
  more: {
    ja: '（Discord のフォームは 5 問までです。残り {count} 問は Slack のフォームで答えられます）',
    en: '(A Discord form holds 5 questions; the other {count} are asked by the Slack form)',
  },
});

/** What Discord asks: the first five questions by Order (Discord shows no more in one modal). */
export function discordQuestions(questions: readonly Question[]): Question[] {
  return questions.slice(0, DISCORD_FORM_LIMITS.rows);
}

/**
 * A question's input id: the Slack form's block id (done, planned, blockers, mood, `q:<Column>`), so one reading
 * serves both; a column too long for Discord's 100 characters is named by its place in the form instead.
 */
export function discordInputId(q: Pick<Question, 'column'>, index: number): string {
  const id = blockIdOf(q);
  return id.length <= DISCORD_FORM_LIMITS.customId ? id : `q#${index + 1}`;
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Full-width digits as typed on a Japanese keyboard read as numbers in a number, scale or yes-no answer. */
const halfWidth = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** The modal Discord opens for `/progress update`, in the team's language; discord-api-types' own shape. */
export function discordProgressForm(questions: readonly Question[], language: Language): DiscordModal {
  const asked = discordQuestions(questions.length > 0 ? questions : DEFAULT_QUESTIONS);
  return {
    custom_id: PROGRESS_FORM_ID,
    title: clip(formText('title', language), DISCORD_FORM_LIMITS.title),
    components: asked.map((q, i): DiscordModal['components'][number] => {
      const hint = q.kind === 'number' ? 'number' : q.kind === 'scale' ? 'scale' : q.kind === 'yes-no' ? 'yesNo' : null;
      return {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: discordInputId(q, i),
            label: clip(questionLabel(q, language), DISCORD_FORM_LIMITS.label),
            // A text answer may run to several lines (blockers are one a line); the others are a word or a digit.
            style: q.kind === 'text' ? 2 : 1,
            required: q.required,
            max_length: q.kind === 'text' ? 1000 : q.kind === 'scale' ? 1 : q.kind === 'yes-no' ? 5 : 30,
            ...(hint ? { placeholder: formText(hint, language) } : {}),
          },
        ],
      };
    }),
  };
}

/** How many questions the team has beyond what a Discord form shows (0 when all fit). */
export function questionsBeyondDiscord(questions: readonly Question[]): number {
  return Math.max(0, questions.length - DISCORD_FORM_LIMITS.rows);
}

export const discordFormNote = (count: number, language: Language): string => formText('more', language, { count });

export type DiscordProgress =
  { ok: true; value: ProgressSubmission; asked: Question[] } | { ok: false; message: string; problems: Array<{ question: Question; error: string }> };

/**
 * Reads a submitted form: its values by input id, against the questions it asked. A form the gateway opened from
 * its built-in default (the web app was slow) has exactly the default set's ids; it is read as that set, not as
 * the team's questions, so what was asked is what is read.
 */
export function readDiscordProgress(teamQuestions: readonly Question[], values: ReadonlyMap<string, string>, language: Language): DiscordProgress {
  const idsOf = (qs: readonly Question[]) => new Set(discordQuestions(qs).map((q, i) => discordInputId(q, i)));
  const team = discordQuestions(teamQuestions.length > 0 ? teamQuestions : DEFAULT_QUESTIONS);
  // Discord sends every input of the modal, answered or not: the ids say which form it was.
  const sent = [...values.keys()];
  const same = (ids: ReadonlySet<string>) => sent.length === ids.size && sent.every((id) => ids.has(id));
  const asked = same(idsOf(DEFAULT_QUESTIONS)) && !same(idsOf(team)) ? [...DEFAULT_QUESTIONS] : team;
  const view: ViewValues = {};
  asked.forEach((q, i) => {
    const raw = values.get(discordInputId(q, i)) ?? '';
    view[blockIdOf(q)] = { value: { value: q.kind === 'text' ? raw : halfWidth(raw) } };
  });
  const read = readProgressSubmission(view, language, asked);
  if (read.ok) return { ok: true, value: read.value, asked };
  const problems = asked
    .filter((q) => read.errors[blockIdOf(q)])
    .map((q) => {
      const typed = (values.get(discordInputId(q, asked.indexOf(q))) ?? '').trim() !== '';
      const error =
        q.kind === 'scale'
          ? formText('typeScale', language)
          : q.kind === 'yes-no' && typed
            ? formText('typeYesNo', language)
            : (read.errors[blockIdOf(q)] ?? '');
      return { question: q, error };
    });
  const lines = problems.map((p) => `• ${questionLabel(p.question, language)}: ${p.error}`);
  return { ok: false, message: [formText('notRecorded', language), ...lines].join('\n'), problems };
}
