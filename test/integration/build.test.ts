import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR } from '../../local/project';
import { builtProject } from '../helpers/app';

describe('build/Code.js', () => {
  let code = '';
  beforeAll(async () => {
    await builtProject();
    code = fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8');
  });

  test('defines the entry points as top-level functions in a bare context with only Apps Script globals', () => {
    const names = [
      'SpreadsheetApp',
      'PropertiesService',
      'LockService',
      'ContentService',
      'Utilities',
      'CacheService',
      'UrlFetchApp',
      'ScriptApp',
      'Session',
      'Logger',
      'HtmlService',
      'MailApp',
      'GmailApp',
    ];
    const context = vm.createContext(Object.fromEntries(names.map((n) => [n, {}])));
    vm.runInContext(code, context);
    for (const fn of ['doGet', 'doPost', 'onOpen', 'setup']) {
      expect(typeof Object.getOwnPropertyDescriptor(context, fn)?.value).toBe('function');
      // Declared at the top level, not assigned: Apps Script lists and calls only declarations.
      expect(code).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
    }
  });

  test('loading it touches no Apps Script service (top-level code only defines things)', () => {
    const touched: string[] = [];
    const spy = (name: string) =>
      new Proxy(
        {},
        {
          get: (_t, p) => {
            touched.push(`${name}.${String(p)}`);
            return undefined;
          },
        },
      );
    const context = vm.createContext({ SpreadsheetApp: spy('SpreadsheetApp'), PropertiesService: spy('PropertiesService') });
    vm.runInContext(code, context);
    expect(touched).toEqual([]);
  });

  test('carries nothing Apps Script cannot load', () => {
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bprocess\.(env|argv|exit)/);
    expect(code).not.toMatch(/hyperformula|node:|__dirname|import\s*\(/i);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  test('copies the manifest: Tokyo, V8, Stackdriver, anonymous web app executed as the deployer', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'appsscript.json'), 'utf8'));
    expect(manifest).toMatchObject({
      timeZone: 'Asia/Tokyo',
      runtimeVersion: 'V8',
      exceptionLogging: 'STACKDRIVER',
      webapp: { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' },
    });
  });

  test('asks for exactly the OAuth scopes the code uses', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
    // Which service needs which scope (developers.google.com/apps-script/concepts/scopes).
    const needs: Array<[RegExp, string]> = [
      [/\bSpreadsheetApp\.getActive(Spreadsheet)?\(/, 'https://www.googleapis.com/auth/spreadsheets.currentonly'],
      // The yearly archive spreadsheets (README ▸ Why each OAuth scope): this scope includes the bound sheet's.
      [/\bSpreadsheetApp\.(create|openById|openByUrl)\(/, 'https://www.googleapis.com/auth/spreadsheets'],
      [/\.getUi\(\)|\bHtmlService\b.*show/, 'https://www.googleapis.com/auth/script.container.ui'],
      [/\bUrlFetchApp\./, 'https://www.googleapis.com/auth/script.external_request'],
      [/\bMailApp\.(sendEmail|getRemainingDailyQuota)\b/, 'https://www.googleapis.com/auth/script.send_mail'],
      [/\bGmailApp\./, 'https://mail.google.com/'],
      [/\bScriptApp\.(newTrigger|getProjectTriggers|deleteTrigger)\b/, 'https://www.googleapis.com/auth/script.scriptapp'],
      [/\bCalendarApp\./, 'https://www.googleapis.com/auth/calendar.readonly'],
      [/\bSession\.getActiveUser\(\)\.getEmail|\bSession\.getEffectiveUser\(\)\.getEmail/, 'https://www.googleapis.com/auth/userinfo.email'],
    ];
    const needed = needs.filter(([pattern]) => pattern.test(code)).map(([, scope]) => scope);
    const full = needed.includes('https://www.googleapis.com/auth/spreadsheets');
    const expected = needed.filter((scope) => !(full && scope.endsWith('/spreadsheets.currentonly'))).sort();
    expect([...manifest.oauthScopes].sort()).toEqual(expected);
    // GA4 is read with the script's own token (UrlFetchApp + ScriptApp.getOAuthToken): its scope is not in the
    // default manifest, only in a build for a team that uses GA4 (the next test).
    expect(code).toMatch(/analyticsdata\.googleapis\.com/);
    expect(code).toMatch(/\bScriptApp\.getOAuthToken\(/);
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/analytics.readonly');
  });

  test('a GA4 build (SHINCHOKU_GA4=1) asks for analytics.readonly as well, and for nothing else more', () => {
    const script = pathToFileURL(path.join(__dirname, '..', '..', 'scripts', 'build.mjs')).href;
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { manifestFor, ga4Wanted, GA4_SCOPE } from ${JSON.stringify(script)};
         console.log(JSON.stringify({ plain: JSON.parse(manifestFor({ ga4: false })), ga4: JSON.parse(manifestFor({ ga4: true })), scope: GA4_SCOPE,
           wanted: [ga4Wanted({ SHINCHOKU_GA4: '1' }), ga4Wanted({ SHINCHOKU_GA4: 'true' }), ga4Wanted({}), ga4Wanted({ SHINCHOKU_GA4: '0' })] }));`,
      ],
      { encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    const out = JSON.parse(probe.stdout) as { plain: { oauthScopes: string[] }; ga4: { oauthScopes: string[] }; scope: string; wanted: boolean[] };
    expect(out.scope).toBe('https://www.googleapis.com/auth/analytics.readonly');
    expect(out.ga4.oauthScopes).toEqual([...out.plain.oauthScopes, out.scope]);
    expect(out.ga4).toEqual({ ...out.plain, oauthScopes: out.ga4.oauthScopes });
    expect(out.wanted).toEqual([true, true, false, false]);
  });
});
