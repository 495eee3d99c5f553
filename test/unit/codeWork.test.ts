import { developerDays, median } from '../../src/domain/code/developerMetrics';
import { doraLevels } from '../../src/domain/code/doraLevels';
import { taskIdsNamed, taskMoves, type ChangeRequest, type TaskView } from '../../src/domain/code/taskLinks';

const cr = (over: Partial<ChangeRequest> = {}): ChangeRequest => ({
  forge: 'github',
  repository: 'acme/api',
  number: 7,
  url: 'https://github.com/acme/api/pull/7',
  title: 'T-4 GitHub 連携の実装',
  branch: 'feature/T-4-github',
  body: '',
  state: 'open',
  mergedAt: null,
  author: 'octocat',
  additions: 1,
  deletions: 1,
  ...over,
});

describe('task ids a change request names', () => {
  test('the Tasks IDs as written, never inside a longer id; a pattern picks candidates that are tasks', () => {
    expect(taskIdsNamed(cr(), ['T-4', 'T-40', 'T-5'], null)).toEqual(['T-4']);
    expect(taskIdsNamed(cr({ title: 'Fix', branch: 'feature/t-40-x' }), ['T-4', 'T-40'], null)).toEqual(['T-40']);
    expect(taskIdsNamed(cr({ title: 'Fix', branch: 'main', body: 'Closes #12, see T-5' }), ['T-4', 'T-5'], /T-\d+/)).toEqual(['T-5']);
    expect(taskIdsNamed(cr({ title: 'T-99 unknown', branch: '' }), ['T-4'], /T-\d+/)).toEqual([]);
  });

  test('a GitLab merge request moves tasks the same way', () => {
    const tasks = new Map<string, TaskView>([['T-4', { id: 'T-4', status: 'todo', pullRequests: '', doneAt: null }]]);
    const moves = taskMoves(cr({ forge: 'gitlab', repository: 'group/app', number: 3 }), undefined, ['T-4'], tasks, {
      completeOnMerge: true,
      stateOf: () => undefined,
    });
    expect(moves).toEqual([{ taskId: 'T-4', pullRequests: 'group/app!3', status: 'in progress', because: 'opened' }]);
  });

  test('closing one PR keeps a task another merged PR completed', () => {
    const tasks = new Map<string, TaskView>([['T-4', { id: 'T-4', status: 'done', pullRequests: 'acme/api#6\nacme/api#7', doneAt: new Date() }]]);
    const moves = taskMoves(cr({ state: 'closed' }), 'open', ['T-4'], tasks, {
      completeOnMerge: true,
      stateOf: (l) => (l === 'acme/api#6' ? 'merged' : 'closed'),
    });
    expect(moves).toEqual([]);
  });
});

describe('developer days', () => {
  test('per member and day, unmatched logins listed under @login, the median wait of reviews', () => {
    const dayOf = (d: Date) => d.toISOString().slice(0, 10);
    const rows = developerDays(
      [
        { forge: 'github', kind: 'commit', login: 'Octocat', at: new Date('2026-01-05T01:00:00Z'), lines: 10 },
        { forge: 'github', kind: 'commit', login: 'octocat', at: new Date('2026-01-05T03:00:00Z'), lines: 5 },
        { forge: 'gitlab', kind: 'merged', login: 'oct', at: new Date('2026-01-05T04:00:00Z'), lines: 40 },
        { forge: 'github', kind: 'review', login: 'hubot', at: new Date('2026-01-05T05:00:00Z'), waitedHours: 2 },
        { forge: 'github', kind: 'review', login: 'hubot', at: new Date('2026-01-05T06:00:00Z'), waitedHours: 5 },
        { forge: 'github', kind: 'commit', login: 'octocat', at: new Date('2026-01-04T03:00:00Z') },
      ],
      [{ name: 'Tanaka', githubLogin: '@octocat', gitlabUsername: 'oct' }],
      dayOf,
      new Set(['2026-01-05']),
    );
    expect(rows.map((r) => [r.member, r.commits, r.prsMerged, r.reviews, r.linesChanged, r.medianReviewHours, r.matched])).toEqual([
      ['@hubot', 0, 0, 2, 0, 3.5, false],
      ['Tanaka', 2, 1, 0, 15, null, true],
    ]);
    expect(rows[1]?.lastCommitAt?.toISOString()).toBe('2026-01-05T03:00:00.000Z');
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('DORA levels (2024 clusters)', () => {
  test('each key on its own bands', () => {
    expect(doraLevels({ deploysPerWeek: 10, leadTimeHours: 3, changeFailureRate: 0.04, restoreHours: 0.5 })).toEqual({
      deploymentFrequency: 'elite',
      leadTime: 'elite',
      changeFailureRate: 'elite',
      timeToRestore: 'elite',
    });
    expect(doraLevels({ deploysPerWeek: 2, leadTimeHours: 48, changeFailureRate: 0.15, restoreHours: 30 })).toEqual({
      deploymentFrequency: 'high',
      leadTime: 'high',
      changeFailureRate: 'medium',
      timeToRestore: 'medium',
    });
    expect(doraLevels({ deploysPerWeek: 0.1, leadTimeHours: 2000, changeFailureRate: 0.4, restoreHours: 400 })).toEqual({
      deploymentFrequency: 'low',
      leadTime: 'low',
      changeFailureRate: 'low',
      timeToRestore: 'low',
    });
    expect(doraLevels({ deploysPerWeek: null, leadTimeHours: null, changeFailureRate: null, restoreHours: null }).leadTime).toBeNull();
  });
});
