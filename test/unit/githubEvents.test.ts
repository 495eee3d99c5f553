import { readDelivery, MAX_BODY_CHARS } from '../../src/domain/github/delivery';
import { rootCause } from '../../src/domain/github/rootCause';
import { HANDLED_EVENTS, inferEvent, isHandled } from '../../src/domain/github/eventType';
import { InputError } from '../../src/domain/errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

const json = (payload: unknown, eventParam?: string) =>
  readDelivery({ body: JSON.stringify(payload), contentType: 'application/json', formPayload: undefined, eventParam });

describe('event inference from payload keys', () => {
  test.each(HANDLED_EVENTS.map((e) => [e]))('every published %s example is inferred as that event', (event) => {
    const group = examples.find((g) => g.name === event);
    expect(group?.examples.length).toBeGreaterThan(0);
    for (const payload of group?.examples ?? []) expect(inferEvent(payload)).toBe(event);
  });

  test('no published example of another event is taken for a handled one', () => {
    const others = examples.filter((g) => !isHandled(g.name));
    expect(others.length).toBeGreaterThan(40);
    for (const group of others) {
      for (const payload of group.examples) {
        const inferred = inferEvent(payload);
        expect({ event: group.name, handled: isHandled(inferred) }).toEqual({ event: group.name, handled: false });
      }
    }
  });

  test('most other events are named right too, so the answer says what was ignored', () => {
    const others = examples.filter((g) => !isHandled(g.name));
    const right = others.filter((g) => g.examples.every((p) => inferEvent(p) === g.name)).map((g) => g.name);
    expect(right).toEqual(
      expect.arrayContaining([
        'check_run',
        'check_suite',
        'issue_comment',
        'create',
        'delete',
        'release',
        'status',
        'workflow_job',
        'deployment',
        'fork',
        'star',
        'label',
      ]),
    );
  });

  test('an unknown event answers ignored with its name; &event= wins over the keys', () => {
    const star = examples.find((g) => g.name === 'star')?.examples[0];
    expect(json(star)).toEqual({ kind: 'ignored', event: 'star' });
    expect(json({ hello: 'world', sender: { login: 'octocat' } })).toEqual({ kind: 'ignored', event: 'unknown' });
    // A body that is no event at all is refused, naming what it lacks: never ok with nothing recorded.
    expect(() => json({ hello: 'world' })).toThrow('the body is no GitHub event (keys: "hello")');
    expect(() => json({ hello: 'world' })).toThrow('(missing: "event", "repository", "sha", "ref")');
    expect(json({ hello: 'world' }, 'team_add')).toEqual({ kind: 'ignored', event: 'team_add' });
  });

  test("the seed's GitHub Actions body is recorded as what it says; an incomplete one names what is missing", () => {
    const run = json({ event: 'push', repository: 'acme/api', sha: 'a'.repeat(40), ref: 'refs/heads/main' });
    expect(run).toMatchObject({
      kind: 'event',
      record: { event: 'push', action: 'actions', repository: 'acme/api', ref: 'a'.repeat(40), title: 'main' },
    });
    const pr = json({ event: 'pull_request', repository: 'acme/api', sha: 'b'.repeat(40), ref: 'refs/pull/7/merge' });
    expect(pr).toMatchObject({ kind: 'event', record: { event: 'pull_request', ref: '#7', url: 'https://github.com/acme/api/pull/7' } });
    expect(() => json({ event: 'push', repository: 'acme/api', ref: 'refs/heads/main' })).toThrow('missing or empty: "sha"');
    expect(() => json({ event: 'release', repository: 'acme/api', sha: 'a'.repeat(40), ref: 'v1' })).toThrow('"event" must be push or pull_request');
  });

  test('an &event= that names a handled event must fit the payload', () => {
    const ping = examples.find((g) => g.name === 'ping')?.examples[0];
    expect(() => json(ping, 'pull_request')).toThrow('the payload is not a pull_request event: it has no "pull_request", "number"');
    expect(() => json(ping, 'Pull-Request!')).toThrow('the "event" parameter must be a GitHub event name');
  });
});

describe('reading a delivery', () => {
  const pr = examples.find((g) => g.name === 'pull_request')?.examples[0] as Record<string, unknown>;

  test('JSON and form-encoded bodies give the same record', () => {
    const fromJson = json(pr);
    const fromForm = readDelivery({
      body: `payload=${encodeURIComponent(JSON.stringify(pr))}`,
      contentType: 'application/x-www-form-urlencoded',
      formPayload: JSON.stringify(pr),
      eventParam: undefined,
    });
    expect(fromForm).toEqual(fromJson);
    expect(fromJson.kind).toBe('event');
  });

  test.each<[string, () => unknown, string]>([
    [
      'empty',
      () => readDelivery({ body: '', contentType: 'application/json', formPayload: undefined, eventParam: undefined }),
      'the request body is empty',
    ],
    [
      'truncated',
      () => readDelivery({ body: JSON.stringify(pr).slice(0, 500), contentType: 'application/json', formPayload: undefined, eventParam: undefined }),
      'ends before its JSON does',
    ],
    [
      'not JSON',
      () => readDelivery({ body: 'hello=1', contentType: 'application/json', formPayload: undefined, eventParam: undefined }),
      'is not valid JSON',
    ],
    [
      'an array',
      () => readDelivery({ body: '[1]', contentType: 'application/json', formPayload: undefined, eventParam: undefined }),
      'must be a JSON object',
    ],
    [
      'form without payload',
      () => readDelivery({ body: 'a=1', contentType: 'application/x-www-form-urlencoded', formPayload: undefined, eventParam: undefined }),
      'in its "payload" field',
    ],
    [
      'oversized',
      () => readDelivery({ body: ' '.repeat(MAX_BODY_CHARS + 1), contentType: 'application/json', formPayload: undefined, eventParam: undefined }),
      'more than GitHub ever sends',
    ],
    [
      'missing field',
      () => json({ ...pr, pull_request: { ...(pr['pull_request'] as object), number: undefined } }),
      'the pull_request payload has no "pull_request.number"',
    ],
    [
      'mistyped field',
      () => json({ ...pr, pull_request: { ...(pr['pull_request'] as object), updated_at: 'yesterday' } }),
      '"pull_request.updated_at" of the pull_request payload must be a time',
    ],
  ])('%s: a clear InputError', (_, read, message) => {
    expect(read).toThrow(InputError);
    expect(read).toThrow(message);
  });

  test('a ping keeps nothing of the hook config, whose URL holds our token', () => {
    const ping = {
      ...(examples.find((g) => g.name === 'ping')?.examples[0] as object),
      hook: { type: 'Repository', id: 1, config: { url: 'https://script.google.com/macros/s/X/exec?source=github&token=SECRET' } },
    };
    const delivery = json(ping);
    expect(JSON.stringify(delivery)).not.toContain('SECRET');
  });

  test('fourkeys root cause convention', () => {
    expect(rootCause('Outage.\n\nRoot Cause: ABCDEF1234567')).toBe('abcdef1234567');
    expect(rootCause('no cause here')).toBeUndefined();
  });
});
