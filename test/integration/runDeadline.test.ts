import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalApp } from '../../local/app';
import { BUILD_DIR } from '../../local/project';
import { compileScript } from '../../local/runtime/runner';
import { builtProject } from '../helpers/app';
import { cloneApp, githubApp, setProperty, setSetting, startFakeGitHub, throughProxy, type FakeGitHubServer } from '../helpers/fakeGitHub';

/**
 * One dispatcher run shares one deadline, 5 minutes from its start, across every job it runs (Apps Script stops
 * an execution at 6). A stand-in for a slow job: the project's own sendStandupReminder, replaced by a later
 * declaration that only waits (in Apps Script as here, the last top-level declaration of a name wins).
 *
 * Only the wakes run the dispatcher here: at some trigger ids the safety net fires in the same minute as the 09:00
 * wake, and its run, with a deadline of its own, rightly takes the jobs the first run left. Removing it keeps the
 * test about one run's deadline at every layout.
 */
const MONDAY_0900 = new Date('2026-01-05T09:00:00+09:00');
const MINUTE = 60_000;

let fake: FakeGitHubServer;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(async () => {
  await fake.close();
});

async function appWithSlowStandup(waitMs: number) {
  await fake.configure({
    repos: [{ repository: 'acme/api', now: MONDAY_0900.toISOString(), pulls: 5000, reviewsPerPull: 1 }],
    remaining: 5000,
    resetAt: new Date(MONDAY_0900.getTime() + 60 * MINUTE).toISOString(),
    secondaryAfter: null,
  });
  const base = await githubApp(new Date('2026-01-05T08:00:00+09:00'));
  setSetting(base, 'GITHUB_REPOSITORIES', 'acme/api', new Date('2026-01-05T08:01:00+09:00'));
  setProperty(base, 'GITHUB_TOKEN', 'ghp_fake_token_for_tests');
  const t = await cloneApp(base);
  const { timeZone } = await builtProject();
  const code = fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8');
  const script = compileScript(
    `${code}
function sendStandupReminder() { Utilities.sleep(${waitMs}); }
function removeSafetyNet() {
  ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === 'dispatch').forEach((t) => ScriptApp.deleteTrigger(t));
}
`,
  );
  const app = new LocalApp({ script, stateDir: t.dir, timeZone, log: () => {} });
  expect(app.run('removeSafetyNet', { at: new Date(MONDAY_0900.getTime() - 30 * MINUTE) }).error).toBeUndefined();
  const firstFiring = (at: Date, span = MINUTE) => {
    const [firing] = throughProxy(fake.url, () => app.tick(at, new Date(at.getTime() + span)));
    if (!firing) throw new Error('no dispatcher firing');
    return firing;
  };
  const tick = (at: Date) => firstFiring(at).result;
  const runs = () => JSON.parse(t.prop('JOB_RUNS') ?? '{}') as Record<string, { at: string; slot: string; outcome: string }>;
  return { t, tick, firstFiring, runs };
}

describe('the dispatcher run shares one deadline through build/Code.js', () => {
  test('a job with no time left waits for the next tick instead of starting past the deadline', async () => {
    const { tick, firstFiring, runs } = await appWithSlowStandup(5 * MINUTE);
    const first = tick(MONDAY_0900);
    expect(first.error).toBeUndefined();
    expect(first.stats.modeledMs).toBeLessThan(5 * MINUTE + 5_000);
    const outcomes = (first.value as Array<{ handler: string; outcome: string }>).map((r) => [r.handler, r.outcome]);
    expect(outcomes).toContainEqual(['sendStandupReminder', 'ok']);
    expect(outcomes).toContainEqual(['syncGitHub', 'postponed']);
    expect(outcomes).toContainEqual(['sendWeeklyReport', 'postponed']);
    expect(outcomes).toContainEqual(['processQueue', 'postponed']);
    expect(runs()['sendWeeklyReport']).toBeUndefined();

    // The next dispatcher run takes them: the wake the run armed for the minute after it ended.
    const next = firstFiring(new Date(MONDAY_0900.getTime() + MINUTE), 10 * MINUTE);
    expect(next.at.getTime() - MONDAY_0900.getTime()).toBeLessThan(7 * MINUTE);
    expect(next.result.error).toBeUndefined();
    // Recorded when the run started its jobs: a wake that fired before its minute waited for it (WAKE_LEAD_MS).
    const started = (at: string | undefined) => Date.parse(at ?? '') - next.at.getTime();
    expect(runs()['sendWeeklyReport']?.slot).toBe('2026-01-05');
    expect(runs()['syncGitHub']?.slot).toBe('2026-01-05T09');
    for (const job of ['sendWeeklyReport', 'syncGitHub']) {
      expect(started(runs()[job]?.at)).toBeGreaterThanOrEqual(0);
      expect(started(runs()[job]?.at)).toBeLessThanOrEqual(15_000);
    }
  });

  test('the GitHub sync started late gets what is left of the run, not a fresh 240 s', async () => {
    const { t, tick } = await appWithSlowStandup(4 * MINUTE + 50_000);
    const first = tick(MONDAY_0900);
    expect(first.error).toBeUndefined();
    // 290 s went to the slow job: the sync fetched for the 10 s left, and the run ended near its deadline.
    expect(first.stats.modeledMs).toBeLessThan(5 * MINUTE + 10_000);
    const state = JSON.parse(t.prop('GITHUB_SYNC_STATE') ?? '{}') as Record<string, { pass?: unknown }>;
    expect(state['acme/api']?.pass).toBeDefined();
    expect(t.sheet('Pull Requests').length - 1).toBeLessThan(5000);
  });
});
