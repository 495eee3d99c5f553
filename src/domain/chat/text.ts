import type { Language } from '../messages';
import { chatText } from './messages';

/**
 * Slack mrkdwn gives `&`, `<` and `>` a meaning (`<!channel>`, `<@U…>`, `<url|label>`); escaping just these three
 * is what Slack asks for, and makes user text unable to form a link or a mention.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slash-command text arrives with `&`, `<`, `>` escaped by Slack; the sheet keeps what the person typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A word joiner after the `@` keeps `@channel`, `@here` and `@everyone` readable but inert, whether a client links
 * names (Slack with link_names) or not (Discord pings on them in content unless told otherwise).
 */
export function defuseMentions(text: string): string {
  return text.replace(/([@＠])(channel|here|everyone)\b/gi, '$1\u2060$2');
}

/** Text a person wrote, made safe for a mrkdwn field. */
export function userMrkdwn(text: string): string {
  return defuseMentions(escapeMrkdwn(text));
}

/** Text a person wrote, for plain_text objects and Discord: no markup to escape, but no pings either. */
export function userPlain(text: string): string {
  return defuseMentions(text);
}

/**
 * Cuts a text to at most `max` UTF-16 units (the unit Slack and Discord count), ending in `…`, without splitting a
 * surrogate pair or an escaped entity such as `&amp;`.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  return `${cut}…`;
}

/**
 * Joins lines up to `max` characters; the lines that do not fit are counted in a last line "…and N more" (in the
 * team's language), so a long list never makes a message fail and never silently loses its tail.
 */
export function fitLines(lines: readonly string[], max: number, language: Language, separator = '\n'): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const rest = lines.length - i - 1;
    const more = rest > 0 ? separator.length + chatText('andMore', language, { count: rest }).length : 0;
    const cost = (out.length > 0 ? separator.length : 0) + line.length;
    if (used + cost + more > max) {
      let dropped = lines.length - i;
      for (;;) {
        const tail = chatText('andMore', language, { count: dropped });
        const joined = out.join(separator);
        if (joined.length + (out.length > 0 ? separator.length : 0) + tail.length <= max)
          return out.length > 0 ? `${joined}${separator}${tail}` : tail;
        // Even the notice must fit: give up lines for it, down to the notice alone.
        if (out.length === 0) return truncate(tail, max);
        out.pop();
        dropped++;
      }
    }
    out.push(line);
    used += cost;
  }
  return out.join(separator);
}

/** At most `max` items; the rest summed up in one last item. */
export function takeWithMore<T>(items: readonly T[], max: number, more: (count: number) => T): T[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, Math.max(0, max - 1)), more(items.length - Math.max(0, max - 1))];
}

/** A text progress bar for a fraction: `████████░░ 80%`. */
export function progressBar(fraction: number, width = 10): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(f * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(f * 100)}%`;
}
