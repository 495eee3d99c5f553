#!/usr/bin/env node
// Tells the team's Slack how a deploy went, through an incoming webhook (SLACK_WEBHOOK_URL). The health answer
// (the file named on the command line, if it was fetched) adds the version and whether shinchoku is healthy; it
// holds nothing secret by design. The webhook URL itself is never printed.
import * as fs from 'node:fs';

const env = (name) => process.env[name] ?? '';
const webhook = env('SLACK_WEBHOOK_URL');
if (!webhook) {
  process.stdout.write('report-to-slack: SLACK_WEBHOOK_URL is not set; nothing sent\n');
  process.exit(0);
}

let health = null;
try {
  health = JSON.parse(fs.readFileSync(process.argv[2] ?? 'health.json', 'utf8'));
} catch {
  // No answer, or not JSON: the outcome alone is reported.
}

const outcome = env('OUTCOME') || 'unknown';
const icon = outcome === 'success' ? (health && health.healthy === false ? ':warning:' : ':white_check_mark:') : ':x:';
const commit = env('COMMIT').slice(0, 7);
const parts = [`${icon} shinchoku deploy ${outcome}${commit ? ` (${commit})` : ''}`];
if (health && health.ok === true)
  parts.push(`version ${health.version ?? '?'}, ${health.healthy ? 'healthy' : 'not healthy: see the health answer'}`);
else if (outcome === 'success') parts.push('no health answer');
if (env('WEBAPP_URL')) parts.push(`<${env('WEBAPP_URL')}?action=health|health>`);
if (env('RUN_URL')) parts.push(`<${env('RUN_URL')}|run>`);
const text = parts.join(' · ');

const response = await fetch(webhook, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });
if (!response.ok) {
  process.stderr.write(`report-to-slack: Slack answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}\n`);
  process.exit(1);
}
process.stdout.write(`report-to-slack: sent "${text}"\n`);
