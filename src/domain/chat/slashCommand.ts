/** What `/progress <text>` asks for. Subcommands are English words, with the Japanese ones people type as well. */
export type SlashCommand =
  | { kind: 'help'; unknown?: string }
  | { kind: 'updateModal' }
  | { kind: 'updateInline'; text: string }
  | { kind: 'report'; team: boolean; share: boolean }
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
    const unknown = words.find((w) => !is(w, WORDS.team) && !is(w, WORDS.share));
    if (unknown !== undefined) return { kind: 'help', unknown: `report ${unknown}` };
    return { kind: 'report', team: words.some((w) => is(w, WORDS.team)), share: words.some((w) => is(w, WORDS.share)) };
  }
  if (is(head, WORDS.blocker)) {
    if (rest === '') return { kind: 'blockerModal' };
    const r = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    if (r && is(r[1], WORDS.resolve)) return { kind: 'resolve', id: (r[2] ?? '').trim().split(/\s+/)[0] ?? '' };
    return { kind: 'blocker', text: rest };
  }
  return { kind: 'help', unknown: head };
}
