import { discordProgressForm, discordQuestions, questionsBeyondDiscord } from '../../domain/chat/discordForm';
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
