import { parseJobRuns, serializeJobRuns, type JobRuns } from '../../src/app/schedule';
import { cutToBytes, MAX_PROPERTY_VALUE_BYTES, utf8Length } from '../../src/domain/propertyLimits';
import { JOBS } from '../../src/jobs';

describe('the job-run record fits one Script Property (9 KB)', () => {
  test('UTF-8 lengths as Apps Script counts them, and cuts on a character boundary', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('進捗')).toBe(6);
    expect(utf8Length('😟')).toBe(4);
    expect(utf8Length('é')).toBe(2);
    expect(cutToBytes('進捗管理', 9)).toBe('進捗…');
    expect(cutToBytes('進捗', 6)).toBe('進捗');
    expect(utf8Length(cutToBytes('😟'.repeat(100), 50))).toBeLessThanOrEqual(50);
  });

  test('every job failing with a 20 KB message of quotes and Japanese: the text stays within the limit', () => {
    const huge = '"エラー"\n\\'.repeat(2000);
    const runs: JobRuns = Object.fromEntries(
      JOBS.map((j) => [j.handler, { slot: '2026-01-05T09:00', at: '2026-01-05T00:00:00.000Z', outcome: 'failed' as const, message: huge }]),
    );
    runs['renamedLongAgo'] = { at: '2025-01-01T00:00:00.000Z', outcome: 'failed', message: huge };
    const text = serializeJobRuns(runs, JOBS);
    expect(utf8Length(text)).toBeLessThanOrEqual(MAX_PROPERTY_VALUE_BYTES);
    const back = parseJobRuns(text);
    expect(Object.keys(back).sort()).toEqual(JOBS.map((j) => j.handler).sort());
    for (const job of JOBS) {
      expect(back[job.handler]).toMatchObject({ slot: '2026-01-05T09:00', outcome: 'failed' });
      expect(back[job.handler]?.message?.startsWith('"エラー"')).toBe(true);
    }
  });

  test('short messages are kept whole', () => {
    const runs: JobRuns = { processQueue: { slot: 's', at: 'a', outcome: 'failed', message: 'Slack answered 500' } };
    expect(parseJobRuns(serializeJobRuns(runs, JOBS))).toEqual(runs);
  });
});
