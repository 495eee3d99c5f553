import { discordFormNote, discordProgressForm, discordQuestions, questionsBeyondDiscord } from '../../domain/chat/discordForm';
import type { Language } from '../../domain/messages';
import type { Question } from '../../domain/members/questions';
import { RawAnswer } from '../webApp';

/** What the web app tells the gateway about the Discord form (the `questions` forward); the Worker caches it. */
export interface DiscordFormReply {
  ok: true;
  form: ReturnType<typeof discordProgressForm>;
  /** The Questions the form asks (Order) and how many it leaves to the Slack form. */
  asked: number[];
  beyond: number;
}

/** The team's questions as the Discord modal, in the team's LANGUAGE; read from the cached team profile. */
export function discordFormReply(questions: readonly Question[], language: Language): RawAnswer {
  const reply: DiscordFormReply = {
    ok: true,
    form: discordProgressForm(questions, language),
    asked: discordQuestions(questions).map((q) => q.order),
    beyond: questionsBeyondDiscord(questions),
  };
  return new RawAnswer(JSON.stringify(reply));
}

/**
 * The health answer's `discordForm` section: what `/progress update` asks in Discord, and what it leaves out
 * (Discord shows 5 questions in one modal; the Slack form asks them all).
 */
export function discordFormHealth(questions: readonly Question[], language: Language): Record<string, unknown> {
  const form = discordProgressForm(questions, language);
  const beyond = questionsBeyondDiscord(questions);
  return {
    asks: form.components.map((row) => row.components[0].label),
    questions: questions.length,
    ...(beyond > 0 ? { notAsked: questions.slice(form.components.length).map((q) => q.column), note: discordFormNote(beyond, language) } : {}),
  };
}
