import type { LocalApp } from './app';
import { getScriptProperty, setScriptProperty } from './services/properties';
import { dumpWorkbook } from './services/spreadsheet';

/**
 * The demo team: what `reset --demo` and a first `npm start` create. Everything goes in through the product's
 * own doors — setup, the KPI webhook, a person typing into the sheet — so the demo shows the real paths.
 * Values are generated from a fixed seed, so two demo states made on the same day are identical.
 */

export const DEMO_MEMBERS = [
  { name: '田中 太郎', email: 'tanaka@example.com', slack: 'U0DEMO0001', github: 'tanaka-taro' },
  { name: '佐藤 花子', email: 'sato@example.com', slack: 'U0DEMO0002', github: 'sato-hanako' },
  { name: '鈴木 一郎', email: 'suzuki@example.com', slack: 'U0DEMO0003', github: 'suzuki-ichiro' },
  { name: 'Alex Kim', email: 'alex@example.com', slack: 'U0DEMO0004', github: 'alexkim' },
  { name: '高橋 美咲', email: 'takahashi@example.com', slack: 'U0DEMO0005', github: 'takahashi-misaki' },
];

/**
 * Obviously fake credentials: the demo's Slack, Discord and GitHub are the runtime's built-in fake, which
 * accepts them. They match no real token format.
 */
export const DEMO_SECRETS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'xoxb-demo-not-a-real-token',
  SLACK_VERIFICATION_TOKEN: 'demo-verification-token',
  SLACK_TEAM_ID: 'T0DEMO',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/0/demo-not-a-real-webhook',
  GITHUB_TOKEN: 'demo-github-token',
};

export const DEMO_DAYS = 30;

/** Creates the demo team in an empty state directory; returns a one-line summary. */
export function seedDemo(app: LocalApp, now: Date): string {
  const dayMs = 86_400_000;
  const start = new Date(now.getTime() - DEMO_DAYS * dayMs);
  const setup = app.run('setup', { at: start });
  if (setup.error) throw new Error(`demo: setup failed: ${setup.error.message}`);

  const state = app.state();
  for (const [key, value] of Object.entries(DEMO_SECRETS)) setScriptProperty(state, key, value);
  state.save();

  typeMembers(app, start);

  const token = getScriptProperty(app.state(), 'WEBHOOK_TOKEN_PROGRESS');
  if (!token) throw new Error('demo: setup did not create WEBHOOK_TOKEN_PROGRESS');
  const random = seeded(20260101);
  for (let day = DEMO_DAYS; day >= 1; day--) {
    // Each snapshot arrives at 18:00 in Tokyo on its day, as a team's CI job would send it.
    const at = new Date(Math.floor((now.getTime() - day * dayMs) / dayMs) * dayMs + 9 * 3600_000);
    const progress = Math.min(0.95, 0.35 + (DEMO_DAYS - day) * 0.018 + random() * 0.02);
    const snapshot = {
      overall_progress: round(progress, 3),
      task_completion_rate: round(0.7 + random() * 0.25, 3),
      quality_score: round(3.4 + random() * 1.4, 1),
      team_satisfaction: round(3.5 + random() * 1.3, 1),
      blockers_count: Math.floor(random() * 5),
      avg_review_time: round(2 + random() * 14, 1),
      deploy_success_rate: round(0.85 + random() * 0.15, 3),
    };
    const { response } = app.post(`source=progress&token=${encodeURIComponent(token)}`, JSON.stringify(snapshot), 'application/json', at);
    if (!/"ok":true/.test(response.body)) throw new Error(`demo: the KPI webhook refused day -${day}: ${response.body}`);
  }
  return `${DEMO_MEMBERS.length} members, ${DEMO_DAYS} days of KPIs, fake Slack/Discord/GitHub credentials`;
}

/** Members are typed into the sheet by a person in real life, so the demo does the same. */
function typeMembers(app: LocalApp, at: Date): void {
  const header = (dumpWorkbook(app.state(), { sheet: 'Members' })['Members']?.[0] ?? []).map(String);
  const column = (title: string) => {
    const index = header.indexOf(title);
    if (index < 0) throw new Error(`demo: the Members sheet has no "${title}" column`);
    return columnLetter(index);
  };
  DEMO_MEMBERS.forEach((member, i) => {
    const row = i + 2;
    const cells: Array<[string, string]> = [
      ['Name', member.name],
      ['Email', member.email],
      ['Slack User ID', member.slack],
      ['GitHub Login', member.github],
      ['Active', 'TRUE'],
    ];
    for (const [title, value] of cells) {
      const { results } = app.edit(`Members!${column(title)}${row}`, value, at);
      const failed = results.find((r) => r.error);
      if (failed) throw new Error(`demo: onEdit failed while typing members: ${failed.error?.message}`);
    }
  });
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A small deterministic generator (mulberry32), so the demo is the same every time. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
