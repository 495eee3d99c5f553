import { textCell } from '../../src/sheets/cells';
import { redact } from '../../src/domain/redact';
import { secureEquals } from '../../src/domain/secureCompare';

describe('secureEquals', () => {
  test('matches only the same secret', () => {
    expect(secureEquals('abc123', 'abc123')).toBe(true);
    expect(secureEquals('abc124', 'abc123')).toBe(false);
    expect(secureEquals('abc12', 'abc123')).toBe(false);
    expect(secureEquals('abc1234', 'abc123')).toBe(false);
    expect(secureEquals('', 'abc123')).toBe(false);
    expect(secureEquals('', '')).toBe(false);
  });
});

describe('redact', () => {
  test('removes secret values and tokens in query strings', () => {
    const text = 'failed for xoxb-secret-value-123 at https://x/exec?source=progress&token=abcdef0123&x=1';
    expect(redact(text, ['xoxb-secret-value-123'])).toBe('failed for [redacted] at https://x/exec?source=progress&token=[redacted]&x=1');
  });
});

describe('textCell', () => {
  test.each([
    '=1+1',
    '+1',
    '-1',
    '@a',
    '\tx',
    '\rx',
    "'quoted",
    '123',
    '1,234',
    '50%',
    '2026-01-05',
    '2026/1/5 10:00',
    '10:30',
    'TRUE',
    'false',
    '1e5',
  ])('quotes %j', (text) => expect(textCell(text)).toBe(`'${text}`));
  test.each(['hello', 'PR #12: fix', '', 'v1.2.3', 'ABC-123'])('leaves %j', (text) => expect(textCell(text)).toBe(text));
});
