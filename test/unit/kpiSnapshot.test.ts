import { parseKpiSnapshot } from '../../src/domain/kpiSnapshot';

const valid = {
  overall_progress: 0.72,
  task_completion_rate: 85,
  quality_score: 4.2,
  team_satisfaction: 4,
  blockers_count: 2,
  avg_review_time: 5.5,
  deploy_success_rate: 0.95,
};

describe('parseKpiSnapshot', () => {
  test('accepts fractions and percentages, storing fractions', () => {
    const s = parseKpiSnapshot(JSON.stringify(valid));
    expect(s.values).toEqual({
      overallProgress: 0.72,
      taskCompletionRate: 0.85,
      qualityScore: 4.2,
      teamSatisfaction: 4,
      blockersCount: 2,
      codeReviewTime: 5.5,
      deploySuccessRate: 0.95,
    });
    expect(s.date).toBeNull();
    expect(s.ignored).toEqual([]);
  });

  test.each([
    [{ ...valid, overall_progress: undefined }, 'missing field "overall_progress"'],
    [{ ...valid, quality_score: 6 }, 'field "quality_score" must be a score from 1 to 5, got 6'],
    [{ ...valid, team_satisfaction: 0 }, 'field "team_satisfaction" must be a score from 1 to 5'],
    [{ ...valid, task_completion_rate: 101 }, 'field "task_completion_rate" must be between 0 and 1'],
    [{ ...valid, deploy_success_rate: -0.1 }, 'field "deploy_success_rate" must be between 0 and 1'],
    [{ ...valid, blockers_count: 1.5 }, 'field "blockers_count" must be a whole number'],
    [{ ...valid, avg_review_time: 'soon' }, 'field "avg_review_time" must be a number, got "soon"'],
    [{ ...valid, overall_progress: null }, 'field "overall_progress" must be a number, not null'],
    [{ ...valid, date: '2026-02-30' }, 'field "date" must be a date written yyyy-mm-dd'],
  ])('names the bad field: %#', (body, error) => {
    expect(() => parseKpiSnapshot(JSON.stringify(body))).toThrow(error);
  });

  test('rejects bodies that are not a JSON object', () => {
    expect(() => parseKpiSnapshot('')).toThrow('the request body is empty');
    expect(() => parseKpiSnapshot('{"overall_progress": 0.5,')).toThrow('not valid JSON');
    expect(() => parseKpiSnapshot('[1,2]')).toThrow('must be a JSON object');
  });

  test('allows unknown review time and deploy rate as null, reports unknown fields, takes a date', () => {
    const s = parseKpiSnapshot(JSON.stringify({ ...valid, avg_review_time: null, deploy_success_rate: null, extra: 1, date: '2026-01-05' }));
    expect(s.values.codeReviewTime).toBeNull();
    expect(s.values.deploySuccessRate).toBeNull();
    expect(s.ignored).toEqual(['extra']);
    expect(s.date).toBe('2026-01-05');
  });

  test('numbers sent as strings are read as numbers', () => {
    expect(parseKpiSnapshot(JSON.stringify({ ...valid, blockers_count: '3' })).values.blockersCount).toBe(3);
  });
});
