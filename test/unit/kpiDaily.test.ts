import {
  blockersCount,
  computeKpis,
  deploySuccessRate,
  overallProgress,
  qualityScore,
  taskCompletionRate,
  type DailyInputs,
  type TaskFact,
} from '../../src/domain/kpi/daily';
import { addDays, isoWeekOf, isoWeekday } from '../../src/domain/kpi/days';
import { mergeComputed, overridesText, parseComputedCopy } from '../../src/domain/kpi/overrides';

const task = (t: Partial<TaskFact>): TaskFact => ({ project: '', status: '', weight: null, planned: null, due: null, doneDay: null, ...t });
const none: DailyInputs = { tasks: [], projects: [], reports: [], blockers: [], deployments: [], github: [] };

describe('KPI definitions', () => {
  test('Overall Progress weighs done tasks, empty weight is 1, closed projects do not count', () => {
    const tasks = [
      task({ project: 'A', status: 'done', weight: 3, doneDay: '2026-01-05' }),
      task({ project: 'A', status: '完了' }),
      task({ project: 'A', status: 'in progress', weight: 4 }),
      task({ project: 'Old', status: 'done', weight: 100 }),
    ];
    expect(computeKpis({ ...none, tasks, projects: [{ name: 'old', active: false }] }, '2026-01-05').overallProgress).toBe(
      Math.round(((3 + 1) / (3 + 1 + 4)) * 1e4) / 1e4,
    );
    // As of an earlier day, a task done later was not yet done.
    expect(overallProgress(tasks.slice(0, 3), '2026-01-04')).toBe(1 / 8);
    expect(overallProgress([], '2026-01-05')).toBeNull();
  });

  test('Task Completion Rate: tasks due or planned that day, done by its end', () => {
    const tasks = [
      task({ due: '2026-01-05', status: 'done', doneDay: '2026-01-05' }),
      task({ planned: '2026-01-05', status: 'done', doneDay: '2026-01-06' }),
      task({ planned: '2026-01-05', due: '2026-01-05', status: 'todo' }),
      task({ due: '2026-01-06', status: 'done' }),
    ];
    expect(taskCompletionRate(tasks, '2026-01-05')).toBe(1 / 3);
    expect(taskCompletionRate(tasks, '2026-01-07')).toBeNull();
  });

  test('Blockers Count: open at the end of the day', () => {
    const b = (openedDay: string | null, resolvedDay: string | null, status = 'open') => ({ openedDay, resolvedDay, status });
    expect(
      blockersCount(
        [
          b('2026-01-01', null),
          b('2026-01-06', null),
          b('2026-01-02', '2026-01-05'),
          b('2026-01-02', '2026-01-06'),
          b(null, null, 'Resolved'),
          b(null, null),
        ],
        '2026-01-05',
      ),
    ).toBe(3);
  });

  test('Deploy Success Rate: the 7 days ending that day; workflow runs only for teams without deployments', () => {
    const d = (state: string, finishedDay: string | null, source = 'deployment') => ({ state, finishedDay, source });
    const rows = [
      d('success', '2025-12-30'),
      d('success', '2025-12-31'),
      d('failure', '2026-01-06'),
      d('error', '2026-01-06'),
      d('success', '2026-01-07'),
      d('pending', null),
      d('failure', '2026-01-07', 'workflow'),
    ];
    expect(deploySuccessRate(rows, '2026-01-06')).toBe(1 / 3);
    expect(deploySuccessRate(rows, '2026-01-10')).toBe(1 / 3);
    expect(deploySuccessRate([d('success', '2026-01-07', 'workflow'), d('failure', '2026-01-06', 'workflow')], '2026-01-07')).toBe(0.5);
    expect(deploySuccessRate(rows, '2026-02-01')).toBeNull();
  });

  test('Quality Score maps deploy success and change failure rate onto 1–5', () => {
    expect(qualityScore(1, 0)).toBe(5);
    expect(qualityScore(0, 0)).toBe(1);
    expect(qualityScore(0.9, 0.25)).toBe(3.7);
    expect(qualityScore(0.9, null)).toBe(4.6);
    expect(qualityScore(null, 0)).toBeNull();
  });

  test('Team Satisfaction and the GitHub figures; nothing to measure is null', () => {
    const values = computeKpis(
      {
        ...none,
        reports: [
          { day: '2026-01-05', mood: 5 },
          { day: '2026-01-05', mood: 2 },
          { day: '2026-01-05', mood: null },
          { day: '2026-01-04', mood: 1 },
        ],
        github: [{ day: '2026-01-05', codeReviewTime: 7.5, deployments: 0, changeFailureRate: null }],
      },
      '2026-01-05',
    );
    expect(values).toEqual({
      overallProgress: null,
      taskCompletionRate: null,
      qualityScore: null,
      teamSatisfaction: 3.5,
      blockersCount: 0,
      codeReviewTime: 7.5,
      deploySuccessRate: null,
    });
  });
});

describe('days', () => {
  test('ISO weeks: week 1 holds the first Thursday; days roll over months and years', () => {
    expect(isoWeekOf('2026-01-01')).toEqual({ key: '2026-W01', year: 2026, number: 1, from: '2025-12-29', to: '2026-01-04' });
    expect(isoWeekOf('2027-01-01').key).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30').key).toBe('2025-W01');
    expect(isoWeekday('2026-01-05')).toBe(1);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('overrides', () => {
  const computed = {
    overallProgress: 0.5,
    taskCompletionRate: 0.8,
    qualityScore: 4,
    teamSatisfaction: null,
    blockersCount: 2,
    codeReviewTime: 3,
    deploySuccessRate: 1,
  };

  test('a new row takes every computed value', () => {
    const merge = mergeComputed(null, computed);
    expect(merge.write).toEqual(computed);
    expect(merge.overrides).toEqual([]);
  });

  test('values equal to the last computed copy, or empty, are ours; anything else was typed and is kept', () => {
    const cells = {
      overallProgress: 0.4,
      taskCompletionRate: 0.9,
      qualityScore: 4.8,
      teamSatisfaction: null,
      blockersCount: 2,
      codeReviewTime: 'n/a',
      deploySuccessRate: 1,
    };
    const copy = JSON.stringify({
      overallProgress: 0.4,
      taskCompletionRate: 0.7,
      qualityScore: 4,
      teamSatisfaction: null,
      blockersCount: 2,
      codeReviewTime: 3,
      deploySuccessRate: 1,
    });
    const merge = mergeComputed({ cells, computed: copy }, computed);
    expect(merge.overrides).toEqual(['taskCompletionRate', 'qualityScore', 'codeReviewTime']);
    expect(merge.write).toEqual({ overallProgress: 0.5, teamSatisfaction: null, blockersCount: 2, deploySuccessRate: 1 });
    // The copy keeps what was last written for the kept ones, so they stay kept.
    expect(merge.copy).toMatchObject({ taskCompletionRate: 0.7, qualityScore: 4, codeReviewTime: 3, overallProgress: 0.5 });
    expect(overridesText(merge.overrides)).toBe('Task Completion Rate, Quality Score, Code Review Time');
  });

  test("a row without a copy (the webhook's, or a person's) keeps every value it has", () => {
    const merge = mergeComputed({ cells: { ...computed, overallProgress: 0.5, teamSatisfaction: null }, computed: null }, computed);
    expect(merge.overrides).toEqual([
      'overallProgress',
      'taskCompletionRate',
      'qualityScore',
      'blockersCount',
      'codeReviewTime',
      'deploySuccessRate',
    ]);
    expect(merge.write).toEqual({ teamSatisfaction: null });
    expect(parseComputedCopy('{broken')).toBeNull();
  });
});
