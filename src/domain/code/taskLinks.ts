/**
 * How a change request (a GitHub pull request or a GitLab merge request) moves the tasks it names. Forge-neutral:
 * each forge's adapter describes its change request in these terms and gets the same moves, so a team on both
 * forges sees one behaviour.
 *
 * Tasks move only at the change request's own transitions (first seen open, merged, closed without merge): a
 * later event about the same change request (a review, an edit) moves nothing, so a status a person typed after
 * the transition stays as they left it.
 */

export type Forge = 'github' | 'gitlab';

export interface ChangeRequest {
  forge: Forge;
  /** `owner/name` on GitHub, the project path on GitLab. */
  repository: string;
  /** The PR number or the MR iid. */
  number: number;
  url: string;
  title: string;
  /** The source branch. */
  branch: string;
  /** The description; may be clipped. */
  body: string;
  state: 'open' | 'closed' | 'merged';
  /** ISO time of the merge, or null. */
  mergedAt: string | null;
  author: string;
  additions: number | null;
  deletions: number | null;
}

/** The label a task shows for a change request: `owner/name#12` (GitHub) or `group/project!12` (GitLab). */
export function changeLabel(cr: Pick<ChangeRequest, 'forge' | 'repository' | 'number'>): string {
  return `${cr.repository}${cr.forge === 'gitlab' ? '!' : '#'}${cr.number}`;
}

export interface TaskView {
  id: string;
  status: string;
  /** The change requests already linked, one label per line (the `Pull Requests` cell). */
  pullRequests: string;
  doneAt: Date | null;
}

export interface TaskMove {
  taskId: string;
  /** The new `Pull Requests` cell. */
  pullRequests: string;
  /** Set when the status changes. */
  status?: string;
  /** Set (a Date, or null to clear) when Done At changes. */
  doneAt?: Date | null;
  /** What moved it, for the summaries: `opened`, `merged` or `closed`. */
  because: 'opened' | 'merged' | 'closed' | 'linked';
}

export const TASK_STATUS = { todo: 'todo', inProgress: 'in progress', done: 'done' } as const;

const TODO = /^(|todo|to do|open|new|未着手|未対応|todo)$/i;
const DONE = /^(done|completed?|closed|finished|resolved|完了|済み?|終了|クローズ)$/i;

/**
 * Finds the task ids a change request names, in its title, branch and body. With no pattern, every id of the
 * `Tasks` sheet is looked for as written (case-insensitive, not inside a longer word or number: `T-4` is not in
 * `T-40`). With a pattern (a regular expression), its matches are the candidates, kept when they are a task's id.
 */
export function taskIdsNamed(cr: Pick<ChangeRequest, 'title' | 'branch' | 'body'>, taskIds: ReadonlyArray<string>, pattern: RegExp | null): string[] {
  const text = `${cr.title}\n${cr.branch}\n${cr.body}`;
  const byLower = new Map(taskIds.filter((id) => id.trim() !== '').map((id) => [id.trim().toLowerCase(), id.trim()] as const));
  const found: string[] = [];
  const add = (id: string | undefined) => {
    if (id !== undefined && !found.includes(id)) found.push(id);
  };
  if (pattern) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const m of text.matchAll(global)) add(byLower.get((m[1] ?? m[0]).toLowerCase()));
    return found;
  }
  const lower = text.toLowerCase();
  for (const [key, id] of byLower) {
    let at = lower.indexOf(key);
    while (at >= 0) {
      const before = lower[at - 1] ?? '';
      const after = lower[at + key.length] ?? '';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
        add(id);
        break;
      }
      at = lower.indexOf(key, at + 1);
    }
  }
  return found;
}

export interface MoveOptions {
  /** Whether a merge marks the task done (the setting); when not, people complete it. */
  completeOnMerge: boolean;
  /** The state of every known change request by label, to keep a task another merged one completed. */
  stateOf: (label: string) => ChangeRequest['state'] | undefined;
}

/**
 * The moves of one change request's transition. `previous` is its state before this batch (undefined when it
 * is new); equal states move nothing but link a task that is not linked yet.
 */
export function taskMoves(
  cr: ChangeRequest,
  previous: ChangeRequest['state'] | undefined,
  linkedIds: ReadonlyArray<string>,
  tasks: ReadonlyMap<string, TaskView>,
  options: MoveOptions,
): TaskMove[] {
  const label = changeLabel(cr);
  const moves: TaskMove[] = [];
  for (const id of linkedIds) {
    const task = tasks.get(id);
    if (!task) continue;
    const lines = task.pullRequests
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const linked = lines.includes(label);
    const pullRequests = linked ? task.pullRequests : [...lines, label].join('\n');
    const status = task.status.trim();
    const move: TaskMove = { taskId: task.id, pullRequests, because: 'linked' };
    if (cr.state !== previous) {
      if (cr.state === 'open' && TODO.test(status)) {
        move.status = TASK_STATUS.inProgress;
        move.because = 'opened';
      } else if (cr.state === 'merged' && options.completeOnMerge && !DONE.test(status)) {
        move.status = TASK_STATUS.done;
        move.doneAt = cr.mergedAt ? new Date(cr.mergedAt) : null;
        move.because = 'merged';
      } else if (cr.state === 'merged' && !options.completeOnMerge && TODO.test(status)) {
        move.status = TASK_STATUS.inProgress;
        move.because = 'merged';
      } else if (cr.state === 'closed' && previous !== undefined && (DONE.test(status) || TODO.test(status))) {
        // Another linked change request that was merged keeps the task done: only this one was abandoned.
        const otherMerged = lines.some((l) => l !== label && options.stateOf(l) === 'merged');
        if (!otherMerged) {
          move.status = TASK_STATUS.inProgress;
          if (task.doneAt !== null) move.doneAt = null;
          move.because = 'closed';
        }
      }
    }
    if (move.status !== undefined || !linked) moves.push(move);
  }
  return moves;
}
