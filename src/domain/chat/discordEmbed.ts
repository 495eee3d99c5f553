import type { Language } from '../messages';
import { DISCORD_LIMITS } from './limits';
import { chatText } from './messages';
import { truncate } from './text';

/**
 * Discord embeds within Discord's limits: each part cut to its own limit, at most 25 fields (the rest summed up in a
 * last field), at most 10 embeds, and 6,000 characters over all embeds of a message — past any of these Discord
 * refuses the whole message.
 */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}
export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
  /** ISO-8601. */
  timestamp?: string;
}
export interface DiscordContent {
  content?: string;
  embeds?: Embed[];
}

export const COLORS = { good: 0x2eb67d, warn: 0xecb22e, bad: 0xe01e5a, info: 0x36c5f0 } as const;

// Discord refuses empty field names and values.
const nonEmpty = (text: string) => (text.trim() === '' ? '—' : text);

export function embed(spec: Embed, language: Language): Embed {
  const out: Embed = {};
  if (spec.title !== undefined) out.title = truncate(spec.title, DISCORD_LIMITS.title);
  if (spec.description !== undefined) out.description = truncate(spec.description, DISCORD_LIMITS.description);
  if (spec.color !== undefined) out.color = spec.color;
  if (spec.fields) {
    let list = spec.fields;
    if (list.length > DISCORD_LIMITS.fields) {
      const kept = list.slice(0, DISCORD_LIMITS.fields - 1);
      list = [...kept, { name: '…', value: chatText('andMore', language, { count: list.length - kept.length }) }];
    }
    out.fields = list.map((f) => {
      const field: EmbedField = {
        name: truncate(nonEmpty(f.name), DISCORD_LIMITS.fieldName),
        value: truncate(nonEmpty(f.value), DISCORD_LIMITS.fieldValue),
      };
      if (f.inline !== undefined) field.inline = f.inline;
      return field;
    });
  }
  if (spec.footer) out.footer = { text: truncate(spec.footer.text, DISCORD_LIMITS.footer) };
  if (spec.timestamp !== undefined) out.timestamp = spec.timestamp;
  return out;
}

/** The characters Discord counts against the 6,000 of a message. */
export function embedsLength(embeds: readonly Embed[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length;
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

/** At most 10 embeds and 6,000 characters: the longest texts are shortened first, as they say the least per character. */
export function fitEmbeds(embeds: readonly Embed[]): Embed[] {
  const out = embeds.slice(0, DISCORD_LIMITS.embeds).map((e) => ({ ...e, ...(e.fields ? { fields: e.fields.map((f) => ({ ...f })) } : {}) }));
  for (let guard = 0; guard < 200; guard++) {
    const excess = embedsLength(out) - DISCORD_LIMITS.total;
    if (excess <= 0) break;
    let longest: { length: number; cut: (max: number) => void } | null = null;
    for (const e of out) {
      if (e.description && (!longest || e.description.length > longest.length)) {
        longest = { length: e.description.length, cut: (max) => (e.description = truncate(e.description ?? '', max)) };
      }
      for (const f of e.fields ?? []) {
        if (!longest || f.value.length > longest.length) longest = { length: f.value.length, cut: (max) => (f.value = truncate(f.value, max)) };
      }
    }
    if (!longest || longest.length <= 16) {
      // Nothing long is left to shorten: drop the last field or, failing that, the last embed.
      const last = out[out.length - 1];
      if (last?.fields && last.fields.length > 0) last.fields.pop();
      else out.pop();
      continue;
    }
    longest.cut(Math.max(16, longest.length - excess));
  }
  return out;
}
