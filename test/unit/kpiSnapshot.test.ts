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
    [{ ...valid, task_completion_rate: 101 }, 'field "task_completion_rate" must be a fraction from 0 to 1 (0.825) or a percentage up to 100'],
    [{ ...valid, deploy_success_rate: -0.1 }, 'field "deploy_success_rate" must be a fraction from 0 to 1'],
    [{ ...valid, blockers_count: 1.5 }, 'field "blockers_count" must be a whole number'],
    [{ ...valid, avg_review_time: 'soon' }, 'field "avg_review_time" must be a decimal number, got "soon"'],
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

  // Loose numbers an audit found stored without complaint.
  test.each([
    ['blockers_count', '0x10', 'field "blockers_count" must be a decimal number, got "0x10"'],
    ['blockers_count', '1e1', 'field "blockers_count" must be a decimal number, got "1e1"'],
    ['blockers_count', ' ', 'field "blockers_count" must be a decimal number, got " "'],
    ['blockers_count', 'Infinity', 'field "blockers_count" must be a decimal number, got "Infinity"'],
    ['blockers_count', true, 'field "blockers_count" must be a decimal number, got true'],
    ['blockers_count', 1e20, 'field "blockers_count" must be a whole number from 0 to 10000, got 100000000000000000000'],
    [
      'overall_progress',
      1.0000001,
      'field "overall_progress" must be a fraction from 0 to 1 (0.825) or a percentage up to 100 with at most one decimal (82.5), got 1.0000001',
    ],
    ['overall_progress', '82.55', 'got 82.55'],
  ])('refuses %s = %j', (field, value, error) => {
    expect(() => parseKpiSnapshot(JSON.stringify({ ...valid, [field]: value }))).toThrow(error);
  });

  test('plain percentages and decimal strings still read as people mean them', () => {
    const s = parseKpiSnapshot(
      JSON.stringify({ ...valid, overall_progress: '82.5', task_completion_rate: 100, deploy_success_rate: 1, blockers_count: ' 3 ' }),
    );
    expect(s.values.overallProgress).toBeCloseTo(0.825, 12);
    expect(s.values.taskCompletionRate).toBe(1);
    expect(s.values.deploySuccessRate).toBe(1);
    expect(s.values.blockersCount).toBe(3);
  });

  test('every problem of a body is listed, not only the first', () => {
    const body = JSON.stringify({ ...valid, quality_score: 9, blockers_count: '1e1', overall_progress: undefined, date: '9999-12-31' });
    expect(() => parseKpiSnapshot(body, { latestDate: '2026-12-05' })).toThrow(
      '4 problems: missing field "overall_progress"; field "quality_score" must be a score from 1 to 5, got 9; ' +
        'field "blockers_count" must be a decimal number, got "1e1"; ' +
        'field "date" must be between 2000-01-01 and 2026-12-05 (tomorrow in the sheet\'s time zone), got "9999-12-31"',
    );
  });

  test('dates are bounded: not before 2000, not after the latest day the caller allows', () => {
    const at = (date: string) => () => parseKpiSnapshot(JSON.stringify({ ...valid, date }), { latestDate: '2026-12-05' });
    expect(at('2026-12-05')().date).toBe('2026-12-05');
    expect(at('2000-01-01')().date).toBe('2000-01-01');
    expect(at('2026-12-06')).toThrow('field "date" must be between 2000-01-01 and 2026-12-05');
    expect(at('1999-12-31')).toThrow('got "1999-12-31"');
  });

  test('a body over 1 MB is refused before it is parsed', () => {
    const padded = JSON.stringify({ ...valid, note: 'x'.repeat(1024 * 1024) });
    expect(() => parseKpiSnapshot(padded)).toThrow('the request body is over 1 MB');
    // Multi-byte text counts in bytes: 400,000 kanji are 1.2 MB of UTF-8 in 400,000 UTF-16 units.
    expect(() => parseKpiSnapshot(JSON.stringify({ ...valid, note: '進'.repeat(400_000) }))).toThrow('over 1 MB');
    expect(parseKpiSnapshot(JSON.stringify({ ...valid, note: '進'.repeat(300_000) })).ignored).toEqual(['note']);
  });
});
