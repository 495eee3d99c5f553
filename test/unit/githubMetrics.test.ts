import { isoWeek, metricsFor, metricsForPeriods, recentPeriods, weekOf, type MetricsInput } from '../../src/domain/github/metrics';
import { workingHoursBetween } from '../../src/domain/workingHours';
import type { CommitRow, DeploymentRow, IncidentRow, PullRow, ReviewRow } from '../../src/domain/github/rows';

const d = (iso: string) => new Date(iso);
/** The team's day in Tokyo, as the sheet's calendar gives it. */
const dayOf = (instant: Date) => new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

function pull(n: number, f: Partial<PullRow>): PullRow {
  return {
    repository: 'a/b',
    number: n,
    title: `PR ${n}`,
    author: 'me',
    state: 'open',
    draft: false,
    created: null,
    readyForReview: null,
    firstReview: null,
    approved: null,
    merged: null,
    closed: null,
    additions: null,
    deletions: null,
    changedFiles: null,
    reviews: null,
    updatedAt: null,
    url: null,
    forge: 'github',
    branch: null,
    tasks: null,
    requestedReviewers: null,
    ...f,
  };
}
function commit(sha: string, at: string, add = 10, del = 5): CommitRow {
  return {
    repository: 'a/b',
    sha,
    author: 'me',
    message: sha,
    committedAt: d(at),
    additions: add,
    deletions: del,
    url: null,
    push: null,
    forge: 'github',
  };
}
function deploy(id: string, sha: string, finished: string, state = 'success', environment = 'production'): DeploymentRow {
  return {
    repository: 'a/b',
    deploymentId: id,
    environment,
    sha,
    state,
    created: d(finished),
    finished: ['success', 'failure', 'error'].includes(state) ? d(finished) : null,
    statusAt: d(finished),
    source: 'deployment',
    workflow: null,
    url: null,
    forge: 'github',
  };
}
function review(id: string, at: string, state = 'COMMENTED'): ReviewRow {
  return { repository: 'a/b', number: 1, reviewId: id, reviewer: 'you', state, submittedAt: d(at), forge: 'github' };
}
function incident(n: number, opened: string, closed: string | null, rootCause: string | null = null): IncidentRow {
  return {
    repository: 'a/b',
    number: n,
    title: 'down',
    opened: d(opened),
    closed: closed ? d(closed) : null,
    url: null,
    rootCause,
    updatedAt: null,
    forge: 'github',
  };
}

const day = { from: '2026-01-05', to: '2026-01-05' };

function input(over: Partial<MetricsInput>): MetricsInput {
  return { pulls: [], reviews: [], deployments: [], commits: [], incidents: [], dayOf, productionEnvironments: ['production'], ...over };
}

describe("development metrics of a day (the team's calendar day)", () => {
  test('commits, PRs opened and merged, reviews, lines changed', () => {
    const m = metricsFor(
      input({
        commits: [
          commit('c1', '2026-01-05T00:30:00+09:00', 100, 20),
          commit('c2', '2026-01-05T23:59:00+09:00', 1, 1),
          commit('c0', '2026-01-04T23:59:00+09:00'),
        ],
        pulls: [
          pull(1, { created: d('2026-01-05T10:00:00+09:00') }),
          pull(2, { created: d('2026-01-04T10:00:00+09:00'), merged: d('2026-01-05T09:00:00+09:00') }),
        ],
        reviews: [
          review('1', '2026-01-05T11:00:00+09:00'),
          review('2', '2026-01-05T12:00:00+09:00', 'PENDING'),
          review('3', '2026-01-06T00:00:00+09:00'),
        ],
      }),
      day,
    );
    expect(m).toMatchObject({ commits: 2, prsOpened: 1, prsMerged: 1, reviews: 1, linesChanged: 122 });
  });

  test('Code Review Time: median hours ready → first review of the PRs first reviewed that day; cycle time: created → merged', () => {
    const m = metricsFor(
      input({
        pulls: [
          pull(1, { created: d('2026-01-05T00:00:00Z'), readyForReview: d('2026-01-05T01:00:00Z'), firstReview: d('2026-01-05T03:00:00Z') }),
          pull(2, { created: d('2026-01-05T00:00:00Z'), firstReview: d('2026-01-05T04:00:00Z'), merged: d('2026-01-05T06:00:00Z') }),
          pull(3, {
            created: d('2026-01-04T20:00:00Z'),
            readyForReview: d('2026-01-04T21:00:00Z'),
            firstReview: d('2026-01-05T09:00:00Z'),
            merged: d('2026-01-05T10:00:00Z'),
          }),
          pull(4, { created: d('2026-01-01T00:00:00Z'), firstReview: d('2026-01-02T00:00:00Z') }),
        ],
      }),
      day,
    );
    expect(m.codeReviewTime).toBe(4);
    expect(m.prCycleTime).toBe(10);
  });

  test('review time and lead time leave out weekends and holidays when working hours are given', () => {
    // Ready on Friday 2026-01-09 18:00 in Tokyo, first review Tuesday 01-13 10:00; Monday 01-12 is a holiday.
    const pulls = [
      pull(1, {
        created: d('2026-01-09T18:00:00+09:00'),
        readyForReview: d('2026-01-09T18:00:00+09:00'),
        firstReview: d('2026-01-13T10:00:00+09:00'),
      }),
    ];
    const tuesday = { from: '2026-01-13', to: '2026-01-13' };
    expect(metricsFor(input({ pulls }), tuesday).codeReviewTime).toBe(88);
    const workingHours = (start: Date, end: Date) => workingHoursBetween(start, end, new Set(['2026-01-12']), 9 * 60);
    // Friday 18:00–24:00 and Tuesday 00:00–10:00.
    expect(metricsFor(input({ pulls, workingHours }), tuesday).codeReviewTime).toBe(16);
  });

  test('no data: counts are 0 and times are empty, never a made-up zero', () => {
    expect(metricsFor(input({}), day)).toEqual({
      commits: 0,
      prsOpened: 0,
      prsMerged: 0,
      reviews: 0,
      linesChanged: 0,
      codeReviewTime: null,
      prCycleTime: null,
      deploySuccessRate: null,
      deployments: 0,
      leadTime: null,
      changeFailureRate: null,
      timeToRestore: null,
    });
  });
});

describe('DORA keys as fourkeys defines them', () => {
  const commits = [
    commit('a1', '2026-01-04T10:00:00Z'),
    commit('a2', '2026-01-04T20:00:00Z'),
    commit('b1', '2026-01-04T22:00:00Z'),
    commit('b2', '2026-01-04T23:00:00Z'),
  ];
  const deployments = [
    deploy('1', 'a2', '2026-01-05T00:00:00Z'),
    deploy('2', 'b2', '2026-01-05T02:00:00Z'),
    deploy('3', 'b2', '2026-01-05T03:00:00Z', 'failure'),
    deploy('4', 'b2', '2026-01-05T04:00:00Z', 'success', 'staging'),
  ];
  const range = { from: '2026-01-05', to: '2026-01-05' };

  test('deployment frequency and Deploy Success Rate', () => {
    const m = metricsFor(input({ commits, deployments }), range);
    // Successful production deploys only; the success rate counts every finished deployment.
    expect(m.deployments).toBe(2);
    expect(m.deploySuccessRate).toBe(0.75);
  });

  test('lead time for changes: median of commit → its deploy over the changes each deploy shipped', () => {
    const m = metricsFor(input({ commits, deployments }), range);
    // Deploy 1 (first in the tables) shipped a2 alone: 4 h. Deploy 2 shipped b1, b2 (after a2): 4 h and 3 h.
    expect(m.leadTime).toBe(4);
  });

  test('change failure rate: an incident names its cause (root cause: sha), or falls on the last deploy before it', () => {
    const byCause = metricsFor(input({ commits, deployments, incidents: [incident(1, '2026-01-06T00:00:00Z', null, 'b1')] }), range);
    expect(byCause.changeFailureRate).toBe(0.5);
    const byTime = metricsFor(input({ commits, deployments, incidents: [incident(1, '2026-01-05T01:00:00Z', null)] }), range);
    expect(byTime.changeFailureRate).toBe(0.5);
    expect(metricsFor(input({ commits, deployments }), range).changeFailureRate).toBe(0);
  });

  test('time to restore: median hours open, from the cause when it is known and earlier', () => {
    const m = metricsFor(
      input({
        commits,
        deployments,
        incidents: [
          incident(1, '2026-01-05T05:00:00Z', '2026-01-05T07:00:00Z'),
          incident(2, '2026-01-05T06:00:00Z', '2026-01-05T10:00:00Z', 'a2'),
          incident(3, '2026-01-05T06:00:00Z', null),
        ],
      }),
      range,
    );
    // #1: 2 h; #2: caused by deploy 1 at 00:00 → 10 h; #3 still open: not counted.
    expect(m.timeToRestore).toBe(6);
  });

  test('a team without GitHub deployments: its deploy workflows count instead', () => {
    const runs = [
      { ...deploy('run-1', 'a2', '2026-01-05T00:00:00Z'), source: 'workflow', environment: '' },
      { ...deploy('run-2', 'b2', '2026-01-05T02:00:00Z', 'failure'), source: 'workflow', environment: '' },
    ];
    const m = metricsFor(input({ commits, deployments: runs }), range);
    expect(m).toMatchObject({ deployments: 1, deploySuccessRate: 0.5 });
    expect(metricsFor(input({ commits, deployments: [...deployments, ...runs] }), range)).toMatchObject({ deployments: 2, deploySuccessRate: 0.75 });
  });
});

describe('periods', () => {
  test('ISO weeks: Monday first, week 1 holds the first Thursday', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(weekOf('2026-01-07')).toEqual({ week: '2026-W02', from: '2026-01-05', to: '2026-01-11' });
  });

  test('a sync refreshes each recent day and the ISO weeks they touch', () => {
    const periods = recentPeriods('2026-01-07', 10);
    expect(periods.map((p) => p.period)).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-W01',
      '2026-W02',
    ]);
    expect(periods.find((p) => p.period === '2026-W02')?.range).toEqual({ from: '2026-01-05', to: '2026-01-11' });
  });
});

describe('the periods of a sync at once, over months of rows', () => {
  // Five months of a busy repository: commits, PRs opened, reviewed and merged, deploys and now and then an incident.
  const start = Date.parse('2025-04-01T00:00:00Z');
  const at = (day: number, hour: number) => new Date(start + day * 86_400_000 + hour * 3_600_000).toISOString();
  const commits: CommitRow[] = [];
  const pulls: PullRow[] = [];
  const reviews: ReviewRow[] = [];
  const deployments: DeploymentRow[] = [];
  const incidents: IncidentRow[] = [];
  for (let day = 0; day < 150; day++) {
    for (let k = 0; k < 4; k++) commits.push(commit(`c${day}x${k}`, at(day, 1 + k * 5), k + 1, day % 7));
    pulls.push(pull(day, { created: d(at(day, 2)), readyForReview: d(at(day, 3)), firstReview: d(at(day + 1, 1)), merged: d(at(day + 1, 6)) }));
    reviews.push(review(String(day), at(day, 13), day % 5 === 0 ? 'PENDING' : 'APPROVED'));
    deployments.push(deploy(`d${day}`, `c${day}x${day % 4}`, at(day, 20), day % 9 === 0 ? 'failure' : 'success'));
    if (day % 11 === 0) incidents.push(incident(day, at(day, 21), at(day, 23), day % 22 === 0 ? `c${day}x0` : null));
  }
  const ranges = recentPeriods(dayOf(new Date(at(149, 0))), 35).map((p) => p.range);

  test('each period gets what it gets alone', () => {
    const all = input({ commits, pulls, reviews, deployments, incidents, workingHours: (a, b) => workingHoursBetween(a, b, new Set(), 540) });
    const together = metricsForPeriods(all, ranges);
    expect(together).toHaveLength(ranges.length);
    expect(together).toEqual(ranges.map((r) => metricsFor(all, r)));
    expect(together[ranges.length - 1]?.commits).toBeGreaterThan(0);
    expect(together.some((m) => m.leadTime !== null && m.changeFailureRate !== null)).toBe(true);
  });

  test('rows far from the periods never ask the calendar for their day', () => {
    let asked = 0;
    const counted = input({ commits, pulls, reviews, deployments, incidents, dayOf: (i: Date) => (asked++, dayOf(i)) });
    metricsForPeriods(counted, ranges);
    // Seven columns of dates over roughly the last 45 days, against some 1,500 dated cells in all.
    expect(asked).toBeLessThan(45 * 12);
  });
});
