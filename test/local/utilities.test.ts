import * as crypto from 'node:crypto';
import { newState, runSnippet } from '../helpers/runtime';

const state = newState();
const signed = (buf: Buffer) => [...buf].map((b) => (b > 127 ? b - 256 : b));
const run = (code: string, args: unknown[] = []) => {
  const result = runSnippet(state, code, 'f', { args });
  if (result.error) throw new Error(result.error.message);
  return result.value;
};

describe('Utilities.formatDate (Java SimpleDateFormat)', () => {
  const formats = (zone: string, iso: string, patterns: string[]) =>
    run(
      `function f(zone, iso, patterns) { var d = new Date(iso); return patterns.map(function (p) { return Utilities.formatDate(d, zone, p); }); }`,
      [zone, iso, patterns],
    );

  test('Asia/Tokyo', () => {
    expect(
      formats('Asia/Tokyo', '2026-01-05T00:30:05.007Z', [
        'yyyy-MM-dd HH:mm:ss.SSS',
        "yyyy-MM-dd'T'HH:mm:ssXXX",
        'EEE, d MMM yyyy hh:mm a z',
        'EEEE MMMM yy M/d H:m',
        'Z X XX',
        'u w D F W k K',
        'zzzz',
      ]),
    ).toEqual([
      '2026-01-05 09:30:05.007',
      '2026-01-05T09:30:05+09:00',
      'Mon, 5 Jan 2026 09:30 AM JST',
      'Monday January 26 1/5 9:30',
      '+0900 +09 +0900',
      '1 2 5 1 2 9 9',
      'Japan Standard Time',
    ]);
  });

  test('UTC', () => {
    expect(formats('UTC', '2026-01-05T00:30:05.007Z', ['yyyy-MM-dd HH:mm z', 'XXX', "h 'o''clock' a", "''yy''"])).toEqual([
      '2026-01-05 00:30 UTC',
      'Z',
      "12 o'clock AM",
      "'26'",
    ]);
  });

  test('America/New_York, across daylight saving time', () => {
    expect(formats('America/New_York', '2026-01-05T00:30:05Z', ['yyyy-MM-dd HH:mm z XXX', 'EEE'])).toEqual(['2026-01-04 19:30 EST -05:00', 'Sun']);
    expect(formats('America/New_York', '2026-07-01T12:00:00Z', ['yyyy-MM-dd HH:mm z Z'])).toEqual(['2026-07-01 08:00 EDT -0400']);
  });

  test('US weeks: the last days of December belong to week 1 of the next week-year', () => {
    expect(formats('Asia/Tokyo', '2025-12-31T03:00:00Z', ['yyyy YYYY w', 'D'])).toEqual(['2025 2026 1', '365']);
  });

  test('fixed-offset zone IDs, unknown zones fall back to GMT as in Java', () => {
    expect(formats('GMT+09:00', '2026-01-05T00:00:00Z', ['HH:mm z'])).toEqual(['09:00 GMT+09:00']);
    expect(formats('Not/AZone', '2026-01-05T00:00:00Z', ['HH:mm XXX'])).toEqual(['00:00 Z']);
  });

  test('bad patterns and bad arguments fail as Apps Script does', () => {
    const code = `function f(a, b, c) { try { return Utilities.formatDate(a === 'date' ? new Date(0) : a, b, c); } catch (e) { return e.message; } }`;
    expect(runSnippet(state, code, 'f', { args: ['date', 'UTC', 'yyyy bb'] }).value).toBe("Illegal pattern character 'b'");
    expect(runSnippet(state, code, 'f', { args: ['2026-01-01', 'UTC', 'yyyy'] }).value).toBe(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe('Utilities digests, signatures and base64', () => {
  test("computeDigest matches Node's crypto, as signed bytes", () => {
    const value = run(`function f() {
      var A = Utilities.DigestAlgorithm, s = 'こんにちは';
      return [Utilities.computeDigest(A.MD5, s), Utilities.computeDigest(A.SHA_1, s), Utilities.computeDigest(A.SHA_256, s, Utilities.Charset.UTF_8),
        Utilities.computeDigest(A.SHA_256, [1, 2, -1])];
    }`);
    const hash = (alg: string, data: string | Buffer) => signed(crypto.createHash(alg).update(data).digest());
    expect(value).toEqual([
      hash('md5', 'こんにちは'),
      hash('sha1', 'こんにちは'),
      hash('sha256', 'こんにちは'),
      hash('sha256', Buffer.from([1, 2, 255])),
    ]);
  });

  test("HMAC signatures match Node's crypto", () => {
    const value = run(`function f() {
      return [Utilities.computeHmacSha256Signature('v0:123:body', 'secret'),
        Utilities.computeHmacSignature(Utilities.MacAlgorithm.HMAC_SHA_1, 'payload', 'key'),
        Utilities.computeHmacSha256Signature([97, 98], [107])];
    }`);
    const hmac = (alg: string, data: string | Buffer, key: string | Buffer) => signed(crypto.createHmac(alg, key).update(data).digest());
    expect(value).toEqual([
      hmac('sha256', 'v0:123:body', 'secret'),
      hmac('sha1', 'payload', 'key'),
      hmac('sha256', Buffer.from('ab'), Buffer.from('k')),
    ]);
  });

  test('base64, web-safe base64 and their decoders', () => {
    expect(
      run(`function f() {
      var bytes = [-5, -1, -65, 0];
      return [Utilities.base64Encode(bytes), Utilities.base64EncodeWebSafe(bytes), Utilities.base64Encode('進捗'),
        Utilities.base64Decode('+/+/AA=='), Utilities.base64DecodeWebSafe('-_-_AA=='),
        Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode('進捗'))).getDataAsString()];
    }`),
    ).toEqual(['+/+/AA==', '-_-_AA==', Buffer.from('進捗').toString('base64'), [-5, -1, -65, 0], [-5, -1, -65, 0], '進捗']);
    expect(run(`function f() { try { Utilities.base64Decode('a$b'); } catch (e) { return e.message; } }`)).toBe('Could not decode string.');
  });
});

describe('Utilities blobs, CSV, strings and sleep', () => {
  test('newBlob holds bytes, type and name', () => {
    expect(
      run(`function f() {
      var b = Utilities.newBlob('日本語', 'text/plain', 'a.txt');
      var c = b.copyBlob().setName('b.txt').setContentType('text/csv');
      return [b.getBytes().length, b.getDataAsString(), b.getName(), b.getContentType(), c.getName(), c.getContentType(), b.getAs('text/plain').getName()];
    }`),
    ).toEqual([9, '日本語', 'a.txt', 'text/plain', 'b.txt', 'text/csv', 'a.txt']);
  });

  test('parseCsv handles quotes, doubled quotes and line breaks inside fields', () => {
    expect(run(`function f() { return [Utilities.parseCsv('a,"b,c","say ""hi"""\\n1,"two\\nlines",3'), Utilities.parseCsv('x;y', ';')]; }`)).toEqual([
      [
        ['a', 'b,c', 'say "hi"'],
        ['1', 'two\nlines', '3'],
      ],
      [['x', 'y']],
    ]);
  });

  test('formatString is printf-like', () => {
    expect(
      run(
        `function f() { return Utilities.formatString('%s is %d, %.2f%%, [%05d] [%-4s] [%4s] %x %s', 'KPI', 42.9, 80.456, 42, 'ab', 'cd', 255, true); }`,
      ),
    ).toBe('KPI is 42, 80.46%, [00042] [ab  ] [  cd] ff true');
  });

  test('sleep moves the execution clock without waiting, up to 5 minutes', () => {
    const started = Date.now();
    const result = runSnippet(
      state,
      `function f() { var t = Date.now(); Utilities.sleep(120000); var waited = Date.now() - t; try { Utilities.sleep(300001); } catch (e) { return [waited, e.message]; } }`,
      'f',
    );
    expect(result.value).toEqual([120000, 'Invalid argument: milliseconds']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.stats.modeledMs).toBe(800 + 120000);
  });

  test('getUuid, jsonParse and jsonStringify', () => {
    const [uuid, parsed, text] = run(
      `function f() { var o = Utilities.jsonParse('{"a":[1]}'); return [Utilities.getUuid(), o.a instanceof Array, Utilities.jsonStringify({ b: 2 })]; }`,
    ) as [string, boolean, string];
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parsed).toBe(true);
    expect(text).toBe('{"b":2}');
  });
});
