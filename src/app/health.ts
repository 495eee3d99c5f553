import type { JobRuns } from './schedule';

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
  app: 'shinchoku';
  version: string;
  time: string;
  jobs: Record<string, { lastRun: string | null; outcome: string | null; message?: string }>;
  [section: string]: unknown;
}

export function health(deps: HealthDeps): HealthAnswer {
  const answer: HealthAnswer = { ok: true, healthy: true, app: 'shinchoku', version: deps.version, time: deps.now.toISOString(), jobs: {} };
  try {
    const runs = deps.jobRuns();
    for (const job of deps.jobs) {
      const run = runs[job];
      answer.jobs[job] = run
        ? { lastRun: run.at, outcome: run.outcome, ...(run.message ? { message: run.message } : {}) }
        : { lastRun: null, outcome: null };
      if (run?.outcome === 'failed') answer.healthy = false;
    }
  } catch (e) {
    answer.healthy = false;
    answer['jobsError'] = (e as Error).message;
  }
  for (const [name, section] of Object.entries(deps.sections)) {
    try {
      answer[name] = section();
    } catch (e) {
      answer.healthy = false;
      answer[name] = { error: (e as Error).message };
    }
  }
  return answer;
}
