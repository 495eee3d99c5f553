/**
 * The emulated services are declared against @types/google-apps-script (local/services/implemented.ts), so an
 * emulated method that drifts from Google's fails the type check of the build. The expected errors below are
 * that check biting: if it stopped, `@ts-expect-error` would itself be reported and the build would fail.
 */
import type { Implemented } from '../../local/services/implemented';

type Session = GoogleAppsScript.Base.Session;
type Range = GoogleAppsScript.Spreadsheet.Range;

describe('emulated classes are checked against Google’s interfaces', () => {
  test('a name Google does not have fails to compile', () => {
    const session = {
      getScriptTimeZone: () => 'Asia/Tokyo',
      // @ts-expect-error Session has getScriptTimeZone, not getScriptTimezone
      getScriptTimezone: () => 'Asia/Tokyo',
    } satisfies Implemented<Session>;
    expect(session.getScriptTimeZone()).toBe('Asia/Tokyo');
  });

  test('a required parameter too many fails to compile', () => {
    const range = {
      // @ts-expect-error Range.getValues takes no argument
      getValues: (_sheetName: string) => [[1]],
    } satisfies Implemented<Range>;
    expect(range.getValues('x')).toEqual([[1]]);
  });

  test('another return type fails to compile', () => {
    const range = {
      // @ts-expect-error Range.getNumRows answers a number
      getNumRows: () => '3',
    } satisfies Implemented<Range>;
    expect(range.getNumRows()).toBe('3');
  });
});
