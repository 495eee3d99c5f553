import { defuseMentions, userMrkdwn } from '../chat/text';

/**
 * User text (PR titles, blocker descriptions, names) for each destination. Slack mrkdwn and Discord markdown give
 * meaning to different characters; in both, `@channel`/`@everyone` are defused so a title never pings a channel.
 */

/** A URL we may put in a link: http(s) only, and nothing that would end Slack's `<url|label>` or Discord's `(url)`. */
export function safeUrl(url: string | null | undefined): string | null {
  const u = (url ?? '').trim();
  return /^https?:\/\/[^\s<>|()[\]"'`]+$/i.test(u) ? u : null;
}

/** `<url|label>` with the label escaped; just the label when the URL is not one we link. */
export function slackLink(url: string | null | undefined, label: string): string {
  const u = safeUrl(url);
  const text = userMrkdwn(label);
  return u ? `<${u}|${text}>` : text;
}

/**
 * Discord markdown: a backslash before each character it reads as markup anywhere in a line, so text shows as
 * typed. (Line-start markup — `#`, `-`, `>` — cannot start user text here: every line begins with our bullet.)
 */
export function discordText(text: string): string {
  return defuseMentions(text.replace(/([\\*_~`|[\]()])/g, '\\$1'));
}

export function discordLink(url: string | null | undefined, label: string): string {
  const u = safeUrl(url);
  const text = discordText(label);
  return u ? `[${text}](${u})` : text;
}
