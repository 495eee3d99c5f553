/**
 * What the bench's scenarios share: a figure's shape, the fake credentials and the bench team, a Slack slash
 * command as Slack posts it, and plain Apps Script code run against a state directory, as a person pasting data
 * into the sheet would. Declared once so the chat figures, the trigger days and the scale scenario send the same
 * requests.
 */
import type { LocalApp } from '../local/app';
import type { Project } from '../local/project';
import type { ExecutionStats } from '../local/runtime/execution';
import { compileScript, runFunction } from '../local/runtime/runner';
import { StateDir } from '../local/runtime/state';
import { SERVICES } from '../local/services';
import { setScriptProperty } from '../local/services/properties';

export interface Figure {
  job: string;
  stats: ExecutionStats;
  target: string;
  met: boolean;
}

export const BENCH_SECRETS = {
  SLACK_VERIFICATION_TOKEN: 'bench-verification-token',
  SLACK_TEAM_ID: 'T0BENCH',
  SLACK_BOT_TOKEN: 'xoxb-bench-not-real',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/bench',
} as const;

/** A KPI snapshot as a team's CI posts it (`source=progress`). */
export const BENCH_SNAPSHOT = JSON.stringify({
  overall_progress: 0.72,
  task_completion_rate: 0.85,
  quality_score: 4.2,
  team_satisfaction: 4,
  blockers_count: 2,
  avg_review_time: 5.5,
  deploy_success_rate: 0.95,
});

export interface BenchMember {
  name: string;
  slack: string;
}

/** The fake credentials in Script Properties and ten active members typed into `Members`, as a person would. */
export function seedBenchTeam(app: LocalApp, when: Date): BenchMember[] {
  const state = app.state();
  for (const [k, v] of Object.entries(BENCH_SECRETS)) setScriptProperty(state, k, v);
  state.save();
  const members = Array.from({ length: 10 }, (_, i) => ({ name: `Member ${i + 1}`, slack: `U0BENCH${String(i).padStart(3, '0')}` }));
  members.forEach((m, i) => {
    app.edit(`Members!A${i + 2}`, m.name, when);
    app.edit(`Members!C${i + 2}`, m.slack, when);
    app.edit(`Members!E${i + 2}`, 'TRUE', when);
  });
  return members;
}

/** The form body of `/progress <text>` from `user`, as Slack posts it; `seq` keeps response URLs and triggers apart. */
export function slashCommandBody(seq: number, user: string, text: string): string {
  const form = {
    token: BENCH_SECRETS.SLACK_VERIFICATION_TOKEN,
    team_id: BENCH_SECRETS.SLACK_TEAM_ID,
    channel_id: 'C0BENCH',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/progress',
    text,
    response_url: `https://hooks.slack.com/commands/T0BENCH/${seq}/x`,
    trigger_id: `${seq}.${seq}.abc`,
  };
  return Object.entries(form)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

/** Runs plain Apps Script code against a state directory, as a person pasting data into the sheet would. */
export function pasteScript(project: Project, dir: string, at: Date, body: string): void {
  const state = new StateDir(dir);
  const result = runFunction({
    state,
    script: compileScript(`function paste() {${body}\n}`),
    fn: 'paste',
    args: [],
    at,
    timeZone: project.timeZone,
    kind: 'manual',
    services: SERVICES,
  });
  if (result.error) throw new Error(`paste failed: ${result.error.message}`);
  state.save();
}
