import type { PushFact } from '../../domain/github/facts';
import { NOTICE_WINDOW_MS } from '../../domain/github/notices';
import type { GitHubRest } from '../../platform/githubRest';

/**
 * A push payload carries no line counts (PLATFORM.md), so the large-push alert asks GitHub: the compare of the
 * push's `before...after` (the files' additions and deletions, summed), or the one commit's stats for a push of
 * one commit or a new branch. Bounded: the recent pushes of one run, at most MAX_PUSHES, in one fetchAll; a push
 * GitHub will not compare (a force-push, a repository the token cannot read) is left without counts.
 */
export const MAX_PUSHES = 10;

const ZERO = /^0+$/;

export function fillPushLines(rest: GitHubRest, pushes: PushFact[], now: Date): number {
  const wanted = pushes.filter((p) => p.additions === undefined && now.getTime() - Date.parse(p.at) <= NOTICE_WINDOW_MS).slice(0, MAX_PUSHES);
  if (wanted.length === 0) return 0;
  const paths = wanted.map((p) =>
    p.commits === 1 || ZERO.test(p.before) || p.before === ''
      ? `/repos/${p.repository}/commits/${p.after}`
      : `/repos/${p.repository}/compare/${p.before}...${p.after}`,
  );
  const answers = rest.getAll(paths);
  let filled = 0;
  wanted.forEach((push, i) => {
    const answer = answers[i];
    if (!answer || answer.status !== 200) return;
    try {
      const body = JSON.parse(answer.text) as {
        stats?: { additions?: number; deletions?: number };
        files?: Array<{ additions?: number; deletions?: number }>;
      };
      if (body.stats && typeof body.stats.additions === 'number' && typeof body.stats.deletions === 'number') {
        push.additions = body.stats.additions;
        push.deletions = body.stats.deletions;
      } else if (Array.isArray(body.files)) {
        push.additions = body.files.reduce((s, f) => s + (f.additions ?? 0), 0);
        push.deletions = body.files.reduce((s, f) => s + (f.deletions ?? 0), 0);
      } else return;
      filled++;
    } catch {
      // Not JSON (a proxy's error page): no counts, no alert, as before.
    }
  });
  return filled;
}
