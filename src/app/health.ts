import type { JobRuns } from './schedule';
import { SAFETY_NET_MINUTES } from './wakes';

/**
 * `GET …/exec?action=health`: is shinchoku working? Each section is computed on its own, so one broken part
 * shows as that section's error instead of taking the whole answer down. Nothing secret and no personal data:
 * counts, times and outcomes only.
 */
export type HealthSection = () => unknown;

export interface HealthDeps {
  version: string;
  now: Date;
  jobs: readonly string[];
  jobRuns: () => JobRuns;
  sections: Readonly<Record<string, HealthSection>>;
}

export interface HealthAnswer {
  /** The request was answered (as in every answer of the web app); `healthy` says whether all is well. */
  ok: true;
  healthy: boolean;
  /** Why it is not healthy, one line each (empty when healthy). */
  problems: string[];
  app: 'shinchoku';
  version: string;
  time: string;
  jobs: Record<string, { lastRun: string | null; outcome: string | null; message?: string }>;
  [section: string]: unknown;
}

/**
 * The safety net runs the dispatcher every SAFETY_NET_MINUTES, and a frequent job is written down once in that time
 * when nothing changes (to keep idle runs cheap), so its latest record can be about that old while all is well;
 * two runs missed and a few minutes more, and the dispatcher has stopped.
 */
export const DISPATCHER_SILENT_MINUTES = 2 * SAFETY_NET_MINUTES + 5;

/**
 * Healthy only when the dispatcher has run recently, no job's last run failed and every section could be computed:
 * a workbook where no job ever ran is not yet working, whatever else looks fine.
 */
export function health(deps: HealthDeps): HealthAnswer {
  const answer: HealthAnswer = {
    ok: true,
    healthy: true,
    problems: [],
    app: 'shinchoku',
    version: deps.version,
    time: deps.now.toISOString(),
    jobs: {},
  };
  try {
    const runs = deps.jobRuns();
    let lastTick: number | null = null;
    for (const job of deps.jobs) {
      const run = runs[job];
      answer.jobs[job] = run
        ? { lastRun: run.at, outcome: run.outcome, ...(run.message ? { message: run.message } : {}) }
        : { lastRun: null, outcome: null };
      if (run?.outcome === 'failed') answer.problems.push(`${job} failed: ${run.message ?? 'no message'}`);
      const at = run ? Date.parse(run.at) : NaN;
      if (Number.isFinite(at) && (lastTick === null || at > lastTick)) lastTick = at;
    }
    if (lastTick === null) answer.problems.push('the dispatcher has not run yet: run setup, which installs its trigger, and wait a minute');
    else {
      const minutes = Math.floor((deps.now.getTime() - lastTick) / 60_000);
      if (minutes > DISPATCHER_SILENT_MINUTES)
        answer.problems.push(
          `the dispatcher last ran ${minutes} minutes ago: see the triggers section, and the executions log in the Apps Script editor`,
        );
    }
  } catch (e) {
    answer['jobsError'] = (e as Error).message;
    answer.problems.push(`the job runs could not be read: ${(e as Error).message}`);
  }
  for (const [name, section] of Object.entries(deps.sections)) {
    try {
      answer[name] = section();
    } catch (e) {
      answer[name] = { error: (e as Error).message };
      answer.problems.push(`${name}: ${(e as Error).message}`);
    }
  }
  answer.healthy = answer.problems.length === 0;
  return answer;
}
