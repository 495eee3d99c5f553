import { classifyGitLab } from '../../src/platform/gitlab';
import { gitlabIso } from '../../src/domain/gitlab/time';
import { readGitLabDelivery } from '../../src/domain/gitlab/delivery';
import { projects, apiRoot } from '../../src/settings/gitlab';

const NOW = new Date('2026-01-05T03:00:00Z');
const ok = (headers: Record<string, string>, body: unknown = []) => ({ status: 200, headers, text: JSON.stringify(body) });

describe('GitLab times', () => {
  test.each([
    ['2013-12-03T17:23:34Z', '2013-12-03T17:23:34.000Z'],
    ['2016-08-12 15:23:28 UTC', '2016-08-12T15:23:28.000Z'],
    ['2021-04-28 21:50:00 +0200', '2021-04-28T19:50:00.000Z'],
    ['2026-01-05 09:00:00 +0900', '2026-01-05T00:00:00.000Z'],
    ['2012-01-03T23:36:29+02:00', '2012-01-03T21:36:29.000Z'],
  ])('%s', (text, iso) => expect(gitlabIso(text)).toBe(iso));
  test('not a time', () => expect(gitlabIso('yesterday')).toBeNull());
});

describe("GitLab's answers", () => {
  test('X-Next-Page, then Link rel="next" (keyset), then the last page', () => {
    expect(classifyGitLab(ok({ 'x-next-page': '3' }), NOW)).toMatchObject({ kind: 'ok', next: '3' });
    expect(
      classifyGitLab(ok({ link: '<https://gitlab.com/api/v4/x?id_after=9>; rel="next", <https://gitlab.com/api/v4/x>; rel="first"' }), NOW),
    ).toMatchObject({
      next: 'https://gitlab.com/api/v4/x?id_after=9',
    });
    expect(classifyGitLab(ok({ 'x-next-page': '' }), NOW)).toMatchObject({ next: null });
  });
  test('429: Retry-After first, RateLimit-Reset next, a minute otherwise', () => {
    const reset = String(Math.floor(NOW.getTime() / 1000) + 600);
    expect(classifyGitLab({ status: 429, headers: { 'retry-after': '30', 'ratelimit-reset': reset }, text: '{}' }, NOW)).toMatchObject({
      kind: 'rate-limited',
      resumeAt: new Date(NOW.getTime() + 30_000),
    });
    expect(classifyGitLab({ status: 429, headers: { 'ratelimit-reset': reset }, text: 'Retry later' }, NOW)).toMatchObject({
      resumeAt: new Date(NOW.getTime() + 600_000),
    });
    expect(classifyGitLab({ status: 429, headers: {}, text: '' }, NOW)).toMatchObject({ resumeAt: new Date(NOW.getTime() + 60_000) });
  });
  test('RateLimit-Remaining is passed on; 401 is a configuration error; GraphQL errors fail the page', () => {
    expect(classifyGitLab(ok({ 'ratelimit-remaining': '12' }), NOW)).toMatchObject({ remaining: 12 });
    expect(() => classifyGitLab({ status: 401, headers: {}, text: '{"message":"401 Unauthorized"}' }, NOW)).toThrow('GitLab refused GITLAB_TOKEN');
    expect(classifyGitLab(ok({}, { errors: [{ message: "Field 'x' doesn't exist" }] }), NOW)).toMatchObject({ kind: 'failed' });
    expect(classifyGitLab({ status: 404, headers: {}, text: '{"message":"404 Project Not Found"}' }, NOW)).toMatchObject({
      kind: 'failed',
      status: 404,
    });
  });
});

describe('GitLab deliveries and settings', () => {
  test('the X-Gitlab-Event header (from the gateway) must agree with the body', () => {
    const body = JSON.stringify({ object_kind: 'push' });
    expect(() => readGitLabDelivery(body, 'Merge Request Hook')).toThrow(
      'the X-Gitlab-Event header says "Merge Request Hook" but the body is a push event',
    );
  });
  test('GITLAB_PROJECTS takes group/project and subgroups; GITLAB_API_URL drops /api/v4', () => {
    expect(projects('acme/web, dev/platform/api')).toEqual(['acme/web', 'dev/platform/api']);
    expect(() => projects('web')).toThrow('not GitLab project paths');
    expect(apiRoot('https://gitlab.example.com/api/v4/')).toBe('https://gitlab.example.com');
    expect(() => apiRoot('gitlab.com')).toThrow('URL of a GitLab instance');
  });
});
