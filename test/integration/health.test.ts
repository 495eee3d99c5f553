import { setScriptProperty } from '../../local/services/properties';
import { newApp } from '../helpers/app';
import { runSnippet } from '../helpers/runtime';

describe('health and error recording through build/Code.js', () => {
  test('a fresh workbook where no job has run is not healthy, and says why', async () => {
    const t = await newApp();
    const before = JSON.parse(t.app.get('action=health', new Date('2026-01-05T07:00:00+09:00')).response.body);
    expect(before).toMatchObject({ ok: true, healthy: false });
    expect(before.problems).toContain('the dispatcher has not run yet: run setup, which installs its trigger, and wait a minute');

    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const afterSetup = JSON.parse(t.app.get('action=health', new Date('2026-01-05T08:00:30+09:00')).response.body);
    expect(afterSetup).toMatchObject({ ok: true, healthy: false, triggers: { dispatcher: 'installed' } });
    expect(afterSetup.problems).toEqual(['the dispatcher has not run yet: run setup, which installs its trigger, and wait a minute']);
  });

  test('the dispatcher silent for over 25 minutes (two safety-net runs missed) is not healthy', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const [run] = t.app.tick(new Date('2026-01-05T08:00:00+09:00'), new Date('2026-01-05T08:10:00+09:00'));
    if (!run) throw new Error('the safety net did not fire in 10 minutes');
    const recent = JSON.parse(t.app.get('action=health', new Date(run.at.getTime() + 25 * 60_000)).response.body);
    expect(recent).toMatchObject({ healthy: true, problems: [] });
    const silent = JSON.parse(t.app.get('action=health', new Date(run.at.getTime() + 26 * 60_000)).response.body);
    expect(silent).toMatchObject({ healthy: false });
    expect(silent.problems).toEqual([expect.stringMatching(/^the dispatcher last ran 26 minutes ago/)]);
  });

  test('after setup and a tick: healthy, the dispatcher installed, no errors, nothing secret', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    t.app.tick(new Date('2026-01-05T08:50:00+09:00'), new Date('2026-01-05T09:00:00+09:00'));
    const { response } = t.app.get('action=health', new Date('2026-01-05T09:00:00+09:00'));
    const answer = JSON.parse(response.body);
    expect(answer).toMatchObject({
      ok: true,
      healthy: true,
      problems: [],
      app: 'shinchoku',
      triggers: { dispatcher: 'installed' },
      errors: { last24h: 0 },
      quota: { emailRemainingToday: 100 },
    });
    expect(response.body).not.toContain(t.prop('WEBHOOK_TOKEN_PROGRESS') as string);
    expect(response.body).not.toContain(t.prop('WEBHOOK_TOKEN_GITHUB') as string);
  });

  test('a failed job is recorded in Errors, fails its execution, and shows in health', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    // Someone filled the 20-trigger quota with triggers of their own (kept: their function exists).
    const fill = `function fill() { ScriptApp.getProjectTriggers().forEach(function (x) { ScriptApp.deleteTrigger(x); });
      for (var i = 0; i < 20; i++) ScriptApp.newTrigger('setup').timeBased().everyHours(1).create(); }`;
    expect(runSnippet(t.state(), fill, 'fill').error).toBeUndefined();
    const failed = t.app.run('installTriggers', { at: new Date('2026-01-05T10:00:00+09:00') });
    expect(failed.error?.message).toContain('too many triggers');
    const errors = t.sheet('Errors');
    expect(errors).toHaveLength(2);
    expect(errors[1]?.slice(1, 3)).toEqual(['installTriggers', expect.stringContaining('too many triggers')]);
    expect(JSON.stringify(errors)).not.toContain(t.prop('WEBHOOK_TOKEN_PROGRESS') as string);

    const health = JSON.parse(t.app.get('action=health', new Date('2026-01-05T11:00:00+09:00')).response.body);
    expect(health).toMatchObject({ healthy: false, errors: { last24h: 1, lastAt: expect.stringMatching(/^2026-01-05T01:00:00/) } });
  });

  test('GitHub sync age per repository; over 3 hours is unhealthy', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const state = t.state();
    setScriptProperty(state, 'GITHUB_SYNC_STATE', JSON.stringify({ 'acme/app': { since: '2026-01-05T00:00:00.000Z' } }));
    state.save();
    const recent = JSON.parse(t.app.get('action=health', new Date('2026-01-05T09:30:00+09:00')).response.body);
    expect(recent.github).toEqual({
      repositories: { 'acme/app': { lastSync: '2026-01-05T00:00:00.000Z', ageMinutes: 30, passUnderway: false } },
      rateLimitedUntil: null,
    });

    const later = t.state();
    setScriptProperty(
      later,
      'GITHUB_SYNC_STATE',
      JSON.stringify({ 'acme/app': { since: '2026-01-05T00:00:00.000Z' }, 'acme/web': { since: '2026-01-04T18:00:00.000Z' } }),
    );
    later.save();
    const stale = JSON.parse(t.app.get('action=health', new Date('2026-01-05T09:30:00+09:00')).response.body);
    expect(stale).toMatchObject({ healthy: false, github: { error: 'GitHub not synced for over 3 hours: acme/web' } });
  });

  test('GitLab: not configured says so; per followed project its sync age; a new project waits; over 3 hours is unhealthy', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    const at = new Date('2026-01-05T09:30:00+09:00');
    expect(JSON.parse(t.app.get('action=health', at).response.body).gitlab).toEqual({ configured: false, note: 'no GITLAB_PROJECTS in Settings' });

    const row = t.sheet('Settings').findIndex((r) => r[0] === 'GITLAB_PROJECTS') + 1;
    t.app.edit(`Settings!B${row}`, 'Acme/API, acme/web', at);
    const state = t.state();
    // acme/old is no longer followed: its cursor stays but says nothing about health.
    setScriptProperty(
      state,
      'GITLAB_SYNC_STATE',
      JSON.stringify({ 'acme/api': { since: '2026-01-05T00:00:00.000Z' }, 'acme/old': { since: '2025-12-01T00:00:00.000Z' } }),
    );
    state.save();
    expect(JSON.parse(t.app.get('action=health', at).response.body).gitlab).toEqual({
      configured: true,
      projects: { 'acme/api': { lastSync: '2026-01-05T00:00:00.000Z', ageMinutes: 30, passUnderway: false } },
      rateLimitedUntil: null,
      waitingForFirstSync: ['acme/web'],
    });

    const stale = JSON.parse(t.app.get('action=health', new Date('2026-01-05T12:30:00+09:00')).response.body);
    expect(stale).toMatchObject({ healthy: false, gitlab: { error: 'GitLab not synced for over 3 hours: acme/api' } });
  });

  test('a missing dispatcher makes it unhealthy, with what to do', async () => {
    const t = await newApp();
    t.app.run('setup', { at: new Date('2026-01-05T08:00:00+09:00') });
    runSnippet(t.state(), 'function drop() { ScriptApp.getProjectTriggers().forEach(function (x) { ScriptApp.deleteTrigger(x); }); }', 'drop');
    const health = JSON.parse(t.app.get('action=health').response.body);
    expect(health).toMatchObject({
      ok: true,
      healthy: false,
      triggers: { error: '0 dispatcher triggers installed: run "Install or refresh triggers"' },
    });
  });
});
