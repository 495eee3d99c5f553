import { dueTriggers, listTriggers } from '../../local/services/script';
import { formatJavaDate } from '../../local/services/formatdate';
import { newState, runSnippet } from '../helpers/runtime';

const CREATED = '2026-01-04T20:00:00+09:00';
const WEEK_FROM = new Date('2026-01-05T00:00:00+09:00');
const WEEK_TO = new Date('2026-01-12T00:00:00+09:00');

const INSTALL = `function install() {
  ScriptApp.newTrigger('every5').timeBased().everyMinutes(5).create();
  ScriptApp.newTrigger('every2h').timeBased().everyHours(2).create();
  ScriptApp.newTrigger('daily9').timeBased().everyDays(1).atHour(9).create();
  ScriptApp.newTrigger('monday').timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(9).nearMinute(30).create();
  ScriptApp.newTrigger('nyMorning').timeBased().everyDays(1).atHour(9).inTimezone('America/New_York').create();
  ScriptApp.newTrigger('once').timeBased().at(new Date('2026-01-07T12:34:00+09:00')).create();
  ScriptApp.newTrigger('onEdit2').forSpreadsheet('sheet-id-1').onEdit().create();
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource(), t.getTriggerSourceId(), /^\\d+$/.test(t.getUniqueId())];
  });
}`;

function installed() {
  const state = newState();
  const result = runSnippet(state, INSTALL, 'install', { at: CREATED });
  expect(result.error).toBeUndefined();
  return { state, result };
}

const jst = (d: Date) => formatJavaDate(d.getTime(), 'Asia/Tokyo', 'EEE HH:mm:ss');

describe('ScriptApp triggers', () => {
  test('builders create clock and spreadsheet triggers that read back as Apps Script reports them', () => {
    const { state, result } = installed();
    expect(result.value).toEqual([
      ['every5', 'CLOCK', 'CLOCK', null, true],
      ['every2h', 'CLOCK', 'CLOCK', null, true],
      ['daily9', 'CLOCK', 'CLOCK', null, true],
      ['monday', 'CLOCK', 'CLOCK', null, true],
      ['nyMorning', 'CLOCK', 'CLOCK', null, true],
      ['once', 'CLOCK', 'CLOCK', null, true],
      ['onEdit2', 'ON_EDIT', 'SPREADSHEETS', 'sheet-id-1', true],
    ]);
    expect(listTriggers(state).map((t) => [t.handlerFunction, t.type, t.schedule])).toEqual([
      ['every5', 'CLOCK', 'every 5 minutes'],
      ['every2h', 'CLOCK', 'every 2 hours'],
      ['daily9', 'CLOCK', 'daily at 09:xx'],
      ['monday', 'CLOCK', 'weekly on MONDAY at 09:30±15'],
      ['nyMorning', 'CLOCK', 'daily at 09:xx'],
      ['once', 'CLOCK', 'once at 2026-01-07T03:34:00.000Z'],
      ['onEdit2', 'ON_EDIT', 'on edit'],
    ]);
  });

  test("invalid schedules and the 21st trigger are refused with Apps Script's messages", () => {
    const state = newState();
    const code = `function f() {
      var out = [];
      [function () { ScriptApp.newTrigger('x').timeBased().everyMinutes(7); },
       function () { ScriptApp.newTrigger('x').timeBased().everyHours(3); },
       function () { ScriptApp.newTrigger('x').timeBased().atHour(24); },
       function () { ScriptApp.newTrigger('x').timeBased().everyMinutes(5).atHour(9).create(); }].forEach(function (bad) {
        try { bad(); out.push('no error'); } catch (e) { out.push(e.message); }
      });
      for (var i = 0; i < 20; i++) ScriptApp.newTrigger('t' + i).timeBased().everyHours(1).create();
      try { ScriptApp.newTrigger('t21').timeBased().everyHours(1).create(); } catch (e) { out.push(e.message); }
      out.push(ScriptApp.getProjectTriggers().length);
      return out;
    }`;
    const [minutes, hours, hour, combined, tooMany, count] = runSnippet(state, code, 'f').value as string[];
    expect(minutes).toBe('Invalid argument: minutes');
    expect(hours).toBe('Invalid argument: hours');
    expect(hour).toBe('Invalid argument: hour');
    expect(combined).toMatch(/^Invalid argument: /);
    expect(tooMany).toBe('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    expect(count).toBe(20);
  });

  test('deleteTrigger removes a trigger for good', () => {
    const { state } = installed();
    const code = `function f() {
      ScriptApp.getProjectTriggers().forEach(function (t) { if (t.getHandlerFunction() === 'every5') ScriptApp.deleteTrigger(t); });
      return ScriptApp.getProjectTriggers().length;
    }`;
    expect(runSnippet(state, code, 'f').value).toBe(6);
    expect(listTriggers(state).some((t) => t.handlerFunction === 'every5')).toBe(false);
  });

  test('dueTriggers models a week of firings the way Apps Script schedules them', () => {
    const { state } = installed();
    const firings = dueTriggers(state, WEEK_FROM, WEEK_TO, 'Asia/Tokyo');
    const times = firings.map((f) => f.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(firings.every((f) => f.at >= WEEK_FROM && f.at < WEEK_TO && (f.handlerFunction === 'once' || f.at.getUTCSeconds() === 0))).toBe(true);
    const of = (name: string) => firings.filter((f) => f.handlerFunction === name);

    // Every 5 minutes: 12 an hour, on minute boundaries at one fixed phase.
    const every5 = of('every5');
    expect(every5).toHaveLength(7 * 24 * 12);
    expect(new Set(every5.map((f) => f.at.getUTCMinutes() % 5)).size).toBe(1);
    expect(every5[1]!.at.getTime() - every5[0]!.at.getTime()).toBe(5 * 60000);

    // Every 2 hours: at one minute past the hour, kept.
    const every2h = of('every2h');
    expect(every2h).toHaveLength(7 * 12);
    expect(new Set(every2h.map((f) => f.at.getUTCMinutes())).size).toBe(1);
    expect(new Set(every2h.map((f) => f.at.getUTCHours() % 2)).size).toBe(1);

    // Daily at 9: somewhere in 09:00–09:59 Tokyo time, the same minute every day.
    const daily = of('daily9').map((f) => jst(f.at));
    expect(daily).toHaveLength(7);
    expect(daily.every((t) => /^\w{3} 09:\d\d:00$/.test(t))).toBe(true);
    expect(new Set(daily.map((t) => t.slice(4))).size).toBe(1);

    // Weekly on Monday near 09:30: once, within ±15 minutes.
    const monday = of('monday');
    expect(monday).toHaveLength(1);
    const minutesAfter9 = (monday[0]!.at.getTime() - Date.parse('2026-01-05T09:00:00+09:00')) / 60000;
    expect(minutesAfter9).toBeGreaterThanOrEqual(15);
    expect(minutesAfter9).toBeLessThanOrEqual(45);

    // inTimezone: 09:xx in New York, which is 23:xx in Tokyo in January.
    const ny = of('nyMorning');
    expect(ny).toHaveLength(7);
    expect(ny.every((f) => formatJavaDate(f.at.getTime(), 'America/New_York', 'HH') === '09')).toBe(true);

    // A one-off fires once, never before its time and within a minute after it.
    const once = of('once').map((f) => f.at.getTime() - Date.parse('2026-01-07T03:34:00.000Z'));
    expect(once).toHaveLength(1);
    expect(once[0]).toBeGreaterThanOrEqual(0);
    expect(once[0]).toBeLessThan(60_000);

    // The event object Apps Script passes to a time-driven handler (fields in UTC).
    const first = of('daily9')[0]!;
    expect(first.event).toEqual({
      authMode: 'FULL',
      triggerUid: first.id,
      year: 2026,
      month: 1,
      'day-of-month': 5,
      'day-of-week': 1,
      'week-of-year': 2,
      hour: first.at.getUTCHours(),
      minute: first.at.getUTCMinutes(),
      second: 0,
      timezone: 'UTC',
    });
    // Spreadsheet triggers never appear as time-driven firings.
    expect(of('onEdit2')).toEqual([]);
  });

  test('two triggers on the same schedule fire at different minutes; the schedule is stable', () => {
    const state = newState();
    const code = `function f() { ScriptApp.newTrigger('a').timeBased().everyDays(1).atHour(18).create(); ScriptApp.newTrigger('b').timeBased().everyDays(1).atHour(18).create(); }`;
    runSnippet(state, code, 'f', { at: CREATED });
    const once = dueTriggers(state, WEEK_FROM, WEEK_TO, 'Asia/Tokyo').map((f) => [f.handlerFunction, f.at.toISOString()]);
    expect(dueTriggers(state, WEEK_FROM, WEEK_TO, 'Asia/Tokyo').map((f) => [f.handlerFunction, f.at.toISOString()])).toEqual(once);
    expect(once).toHaveLength(14);
  });

  test('with a seed, the n-th trigger of every project gets the same id; without, ids differ', () => {
    const ids = () => listTriggers(installed().state).map((t) => t.id);
    const seeded = process.env['SHINCHOKU_LOCAL_SEED'];
    try {
      process.env['SHINCHOKU_LOCAL_SEED'] = 'one';
      const first = ids();
      expect(new Set(first).size).toBe(first.length);
      expect(ids()).toEqual(first);
      process.env['SHINCHOKU_LOCAL_SEED'] = 'two';
      expect(ids().filter((id) => first.includes(id))).toEqual([]);
      delete process.env['SHINCHOKU_LOCAL_SEED'];
      expect(ids().filter((id) => first.includes(id))).toEqual([]);
    } finally {
      if (seeded === undefined) delete process.env['SHINCHOKU_LOCAL_SEED'];
      else process.env['SHINCHOKU_LOCAL_SEED'] = seeded;
    }
  });

  test('a one-off trigger is removed once it has fired', () => {
    const { state } = installed();
    const [firing] = dueTriggers(state, new Date('2026-01-07T12:30:00+09:00'), new Date('2026-01-07T12:40:00+09:00'), 'Asia/Tokyo').filter(
      (f) => f.handlerFunction === 'once',
    );
    expect(firing).toBeDefined();
    const code = 'function once(e) { return e.triggerUid; }';
    expect(runSnippet(state, code, 'once', { at: firing!.at, args: [firing!.event], kind: 'trigger' }).value).toBe(firing!.id);
    expect(listTriggers(state).some((t) => t.handlerFunction === 'once')).toBe(false);
    expect(dueTriggers(state, WEEK_FROM, WEEK_TO, 'Asia/Tokyo').some((f) => f.handlerFunction === 'once')).toBe(false);
  });

  test('asking again from a later instant (one firing at a time) gives the rest of the same schedule', () => {
    const { state } = installed();
    const all = dueTriggers(state, WEEK_FROM, WEEK_TO, 'Asia/Tokyo');
    const later = dueTriggers(state, new Date(all[100]!.at.getTime()), WEEK_TO, 'Asia/Tokyo');
    expect(later.map((f) => f.at.getTime())).toEqual(all.slice(100).map((f) => f.at.getTime()));
  });

  test('ScriptApp service, script id and OAuth token', () => {
    const code = `function f() { return [ScriptApp.getService().getUrl(), typeof ScriptApp.getScriptId(), ScriptApp.getOAuthToken().length > 20, ScriptApp.AuthMode.FULL, ScriptApp.EventType.CLOCK]; }`;
    expect(runSnippet(newState(), code, 'f').value).toEqual([
      'https://script.google.com/macros/s/LOCAL_DEPLOYMENT_ID/exec',
      'string',
      true,
      'FULL',
      'CLOCK',
    ]);
  });
});
