import { Settings, parse, setting } from '../../src/settings';
import { LANGUAGE } from '../../src/settings/core';

describe('Settings', () => {
  const settings = (entries: Record<string, string>) => new Settings(new Map(Object.entries(entries)));

  test('an empty or missing value takes the default', () => {
    expect(settings({}).get(LANGUAGE)).toBe('ja');
    expect(settings({ LANGUAGE: '  ' }).get(LANGUAGE)).toBe('ja');
    expect(settings({ LANGUAGE: 'EN' }).get(LANGUAGE)).toBe('en');
  });

  test('a bad value is an error that names the key, the value and what is expected', () => {
    expect(() => settings({ LANGUAGE: 'fr' }).get(LANGUAGE)).toThrow('Settings: LANGUAGE is "fr", but it must be one of ja, en');
    const time = setting('STANDUP_TIME', '09:00', '', parse.time);
    expect(settings({ STANDUP_TIME: '9:75' }).problems([LANGUAGE, time])).toEqual([
      'Settings: STANDUP_TIME is "9:75", but it must be a time of day written HH:mm, e.g. 09:00',
    ]);
  });

  test('parsers', () => {
    expect(parse.time('9:05')).toEqual({ hour: 9, minute: 5 });
    expect(parse.rate('80%')).toBeCloseTo(0.8);
    expect(parse.rate('80')).toBeCloseTo(0.8);
    expect(parse.rate('0.8')).toBeCloseTo(0.8);
    expect(parse.list('a, b、c\n\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(parse.emails('a@example.com, b@example.org')).toEqual(['a@example.com', 'b@example.org']);
    expect(() => parse.emails('a@example.com, nope')).toThrow('these are not email addresses: nope');
    expect(parse.boolean('TRUE')).toBe(true);
    expect(() => parse.integer(1, 10)('1.5')).toThrow('whole number from 1 to 10');
  });
});
