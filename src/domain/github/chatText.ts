/**
 * Text from GitHub (titles, branch names, logins) inside chat markup. Titles are written by anyone who can open
 * a pull request, so they must not be able to form a link, a mention or a ping.
 */

/** `@channel`, `@here`, `@everyone` stay readable but inert: a word joiner after the `@`. */
function defuse(text: string): string {
  return text.replace(/([@＠])(channel|here|everyone)\b/gi, '$1\u2060$2');
}

/** Slack mrkdwn: `&`, `<` and `>` are all Slack asks to escape; without them no `<!channel>` or `<url|…>` forms. */
export function slackText(text: string): string {
  return defuse(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Discord markdown: a backslash before each markup character, so `[x](url)`, `<@id>` and `**` stay literal. */
export function discordText(text: string): string {
  return defuse(text.replace(/[\\*_~`|>#[\]()<:-]/g, '\\$&'));
}

/** Only plain web links are linked; anything else is left out rather than given to a `<url|label>`. */
export function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\/[^\s<>|"'`]+$/.test(url) ? url : null;
}

export function slackLink(url: string | null | undefined, label: string): string {
  const safe = safeUrl(url);
  return safe ? `<${safe}|${slackText(label)}>` : slackText(label);
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
