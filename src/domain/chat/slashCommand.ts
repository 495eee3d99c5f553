/** What `/progress <text>` asks for. Subcommands are English words, with the Japanese ones people type as well. */
export type SlashCommand =
  | { kind: 'help'; unknown?: string }
  | { kind: 'updateModal' }
  | { kind: 'updateInline'; text: string }
  | { kind: 'report'; team: boolean; share: boolean; who?: string }
  | { kind: 'blockerModal' }
  | { kind: 'blocker'; text: string }
  | { kind: 'resolve'; id: string };

const WORDS = {
  help: ['help', 'ヘルプ', '?', '？'],
  update: ['update', '更新', '報告'],
  report: ['report', 'レポート'],
  blocker: ['blocker', 'ブロッカー'],
  resolve: ['resolve', '解決'],
  team: ['team', 'チーム'],
  share: ['share', '共有'],
} as const;

const is = (word: string | undefined, list: readonly string[]) => word !== undefined && list.includes(word.toLowerCase());

export function parseSlashCommand(raw: string): SlashCommand {
  const text = raw.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m) return { kind: 'help' };
  const head = m[1] as string;
  const rest = (m[2] ?? '').trim();
  if (is(head, WORDS.help)) return { kind: 'help' };
  if (is(head, WORDS.update)) return rest === '' ? { kind: 'updateModal' } : { kind: 'updateInline', text: rest };
  if (is(head, WORDS.report)) {
    const words = rest === '' ? [] : rest.split(/\s+/);
    const share = words.some((w) => is(w, WORDS.share));
    const others = words.filter((w) => !is(w, WORDS.team) && !is(w, WORDS.share));
    // `report @someone`: Slack sends `<@U123|name>` when the command escapes users, else the text as typed — a
    // name may have a space (`@田中 太郎`), so everything but `share` is the name.
    if (others.length > 0 && /^(@|<@)/.test(others[0] ?? '')) {
      const who = words
        .filter((w) => !is(w, WORDS.share))
        .join(' ')
        .trim();
      return { kind: 'report', team: false, share, who };
    }
    const unknown = others[0];
    if (unknown !== undefined) return { kind: 'help', unknown: `report ${unknown}` };
    return { kind: 'report', team: words.some((w) => is(w, WORDS.team)), share };
  }
  if (is(head, WORDS.blocker)) {
    if (rest === '') return { kind: 'blockerModal' };
    const r = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    if (r && is(r[1], WORDS.resolve)) return { kind: 'resolve', id: (r[2] ?? '').trim().split(/\s+/)[0] ?? '' };
    return { kind: 'blocker', text: rest };
  }
  return { kind: 'help', unknown: head };
}
