import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { webAppResponse } from '../../local/runtime/webapp';
import { newState, runSnippet } from '../helpers/runtime';

const state = newState();

describe('HtmlService', () => {
  test("templates evaluate scriptlets in the script's realm: <? ?> runs, <?= ?> escapes, <?!= ?> prints raw", () => {
    const code = `function helper(x) { return x * 2; }
    function f() {
      var t = HtmlService.createTemplate('<h1><?= title ?></h1><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?><?!= raw ?> <?= helper(21) ?><? output.append("!"); ?>');
      t.title = '進捗 & <KPI>';
      t.items = ['a<b', 'c'];
      t.raw = '<b>bold</b>';
      var out = t.evaluate();
      return [out.getContent(), typeof t.getCode(), t.getRawContent().slice(0, 4)];
    }`;
    const result = runSnippet(state, code, 'f');
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual(['<h1>進捗 &amp; &lt;KPI&gt;</h1><li>a&lt;b</li><li>c</li><b>bold</b> 42!', 'string', '<h1>']);
  });

  test('HtmlOutput setters and getters, appendUntrusted, meta tags', () => {
    const code = `function f() {
      var o = HtmlService.createHtmlOutput('<p>x</p>').setTitle('ダッシュボード').setWidth(400).setHeight(300)
        .setSandboxMode(HtmlService.SandboxMode.IFRAME).setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
        .addMetaTag('viewport', 'width=device-width').setFaviconUrl('https://example.com/f.png');
      o.append('<i>y</i>').appendUntrusted('<script>');
      return [o.getContent(), o.getTitle(), o.getWidth(), o.getHeight(), o.getMetaTags()[0].getName(), o.getFaviconUrl(), o.getBlob().getContentType()];
    }`;
    expect(runSnippet(state, code, 'f').value).toEqual([
      '<p>x</p><i>y</i>&lt;script&gt;',
      'ダッシュボード',
      400,
      300,
      'viewport',
      'https://example.com/f.png',
      'text/html',
    ]);
  });

  test("files come from the build directory; a missing one is Apps Script's error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-build-'));
    fs.writeFileSync(path.join(dir, 'Sidebar.html'), '<div><?= who ?></div>');
    process.env['LOCAL_BUILD_DIR'] = dir;
    try {
      const code = `function f() {
        var t = HtmlService.createTemplateFromFile('Sidebar'); t.who = 'me';
        var out = [t.evaluate().getContent(), HtmlService.createHtmlOutputFromFile('Sidebar').getContent()];
        try { HtmlService.createHtmlOutputFromFile('Nope'); } catch (e) { out.push(e.message); }
        return out;
      }`;
      expect(runSnippet(state, code, 'f').value).toEqual(['<div>me</div>', '<div><?= who ?></div>', 'No HTML file named Nope was found.']);
    } finally {
      delete process.env['LOCAL_BUILD_DIR'];
    }
  });

  test('a web app answering HtmlOutput is served as text/html', () => {
    const result = runSnippet(state, `function doGet() { return HtmlService.createHtmlOutput('<p>hi</p>'); }`, 'doGet', { kind: 'web' });
    expect(webAppResponse(result.value, result.error)).toEqual({ body: '<p>hi</p>', mimeType: 'text/html' });
  });

  test('methods the local runtime lacks say so', () => {
    const code = `function f() { try { HtmlService.createHtmlOutput('').getSomething(); } catch (e) { return e.message; } }`;
    expect(runSnippet(state, code, 'f').value).toBe('not implemented in the local runtime: HtmlOutput.getSomething');
  });
});

describe('ContentService', () => {
  test('TextOutput content, MIME type by enum name, download file name', () => {
    const code = `function f() {
      var o = ContentService.createTextOutput('{"ok":').append('true}').setMimeType(ContentService.MimeType.JSON);
      var d = ContentService.createTextOutput('a,b').setMimeType(ContentService.MimeType.CSV).downloadAsFile('kpi.csv');
      var out = [o.getContent(), o.getMimeType(), d.getFileName(), ContentService.createTextOutput().getMimeType()];
      try { o.setMimeType('application/json'); } catch (e) { out.push(e.message); }
      return out;
    }`;
    expect(runSnippet(state, code, 'f').value).toEqual(['{"ok":true}', 'JSON', 'kpi.csv', 'TEXT', 'Invalid argument: mimeType']);
  });

  test('doPost answering a JSON TextOutput is served as application/json', () => {
    const result = runSnippet(
      state,
      `function doPost() { return ContentService.createTextOutput('{"ok":true}').setMimeType(ContentService.MimeType.JSON); }`,
      'doPost',
      { kind: 'web' },
    );
    expect(webAppResponse(result.value, result.error)).toEqual({ body: '{"ok":true}', mimeType: 'application/json' });
  });
});
