import { MAX_DATA_CHARS, type DeliveryRecord } from '../deliveryRecord';
import type { CommitFact, Facts } from '../facts';
import type { PayloadReader } from '../payloadReader';

const firstLine = (text: string): string => (text.split(/\r?\n/)[0] ?? '').slice(0, 200);

/** A push: the commits it brought to the default branch. */
export function pushRecord(r: PayloadReader): DeliveryRecord {
  const repository = r.repository();
  const ref = r.text('ref');
  const after = r.text('after');
  const deleted = r.get('deleted') === true || /^0+$/.test(after);
  const defaultBranch = r.optText('repository.default_branch') ?? r.optText('repository.master_branch');
  const commits: CommitFact[] = [];
  let total = 0;
  // Commits count on the default branch only: that is where changes reach production (DORA) and where the
  // sync reads their line counts.
  if (!deleted && defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`) {
    let size = 0;
    const list = r.array('commits');
    total = list.length;
    for (let i = 0; i < list.length; i++) {
      const c = r.item('commits', i);
      const commit: CommitFact = {
        repository,
        sha: c.text('id'),
        author: c.optText('author.username') ?? c.optText('author.name') ?? '',
        message: firstLine(c.optText('message') ?? ''),
        committedAt: c.time('timestamp'),
        url: c.optText('url') ?? '',
        push: after,
      };
      size += JSON.stringify(commit).length;
      // A huge push keeps its first commits here; the sync brings the rest from the branch's history.
      if (size > MAX_DATA_CHARS) break;
      commits.push(commit);
    }
  }
  const headline = r.has('head_commit.message') ? firstLine(r.text('head_commit.message')) : '';
  const facts: Facts = commits.length > 0 ? { commits } : {};
  const brought = deleted ? 0 : r.array('commits').length;
  const before = r.optText('before') ?? '';
  const pushedAt = r.has('head_commit.timestamp') ? r.time('head_commit.timestamp') : undefined;
  // Any branch: a large change is worth a look before it reaches the default branch.
  if (brought > 0 && pushedAt !== undefined) {
    facts.pushes = [{ repository, before, after, ref, commits: brought, at: pushedAt, url: r.optText('compare') ?? '' }];
  }
  // Commits a Data cell cannot hold are said on the row: the sync brings them for the repositories in Settings;
  // for others they are recorded here and not counted.
  const kept = total > commits.length ? ` (${commits.length}/${total} commits kept)` : '';
  return {
    event: 'push',
    action: deleted ? 'deleted' : r.get('created') === true ? 'created' : r.get('forced') === true ? 'forced' : '',
    repository,
    actor: r.optText('pusher.name') ?? r.actor(),
    ref: after,
    title: (headline ? `${ref.replace(/^refs\/(heads|tags)\//, '')}: ${headline}` : ref.replace(/^refs\/(heads|tags)\//, '')) + kept,
    url: r.optText('compare') ?? '',
    dedupeKey: `push:${repository}:${ref}:${after}`,
    facts,
  };
}
