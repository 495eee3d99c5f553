import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalApp } from '../../local/app';
import { BUILD_DIR } from '../../local/project';
import { compileScript } from '../../local/runtime/runner';
import { builtProject, newApp } from '../helpers/app';

/**
 * Script Properties hold 9 KB a value (the local runtime refuses more, as Apps Script does). Jobs that fail with
 * long messages — here processQueue and processGitHubEvents, replaced by later declarations that throw 8 KB of
 * Japanese text — must not make the dispatcher's own record too large to save, which would fail every tick.
 */
describe('the job-run record at the 9 KB limit, through build/Code.js', () => {
  test('ticks keep working while two jobs fail with 8 KB messages, each record keeping the start of its error', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const { timeZone } = await builtProject();
    const code = fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8');
    const failing = (name: string) => `function ${name}() { throw new Error('${name}: ' + new Array(2731).join('送信失敗')); }`;
    const script = compileScript(`${code}\n${failing('processQueue')}\n${failing('processGitHubEvents')}\n`);
    const app = new LocalApp({ script, stateDir: t.dir, timeZone, log: () => {} });

    const firings = app.tick(new Date('2026-01-05T09:00:00+09:00'), new Date('2026-01-05T09:03:00+09:00'));
    expect(firings.map((f) => f.result.error?.message)).toEqual([undefined, undefined, undefined]);
    const saved = t.prop('JOB_RUNS') as string;
    expect(Buffer.byteLength(saved, 'utf8')).toBeLessThanOrEqual(9 * 1024);
    const runs = JSON.parse(saved) as Record<string, { outcome: string; message: string }>;
    expect(runs['processQueue']).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/^processQueue: 送信失敗/) });
    expect(runs['processGitHubEvents']).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/^processGitHubEvents: 送信失敗/) });
    expect(runs['sendStandupReminder']).toMatchObject({ outcome: 'ok', slot: '2026-01-05' });
  });
});
