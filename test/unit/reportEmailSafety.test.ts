import { checkGmail, gmailSupport, loadCaniemail, usedFeatures } from '../helpers/emailSafety';

const features = loadCaniemail();
const problems = (html: string) => checkGmail(html, features).map((f) => f.slug ?? f.what);

describe('the caniemail checker', () => {
  test("reads caniemail's own data (Gmail results per platform)", () => {
    const flex = features.find((f) => f.slug === 'css-display-flex');
    expect(flex && gmailSupport(flex)).toEqual({ 'desktop-webmail': 'y', 'mobile-webmail': 'y', ios: 'a #1', android: 'a #1' });
    expect(features.length).toBeGreaterThan(250);
  });

  test('a table layout with inline styles passes', () => {
    const html =
      '<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:600px;border-collapse:collapse">' +
      '<tr><td valign="top" align="center" style="padding:12px 14px;background-color:#ffffff;border:1px solid #dfe4ea;font-size:14px;color:#1f2933;font-family:Arial,sans-serif">' +
      '<div style="height:20px;line-height:0;font-size:0">&nbsp;</div><span style="font-weight:bold">x</span><strong>y</strong><br><a href="https://example.com/">z</a></td></tr></table>';
    expect(checkGmail(html, features)).toEqual([]);
    expect(usedFeatures(html, features).map((u) => u.slug)).toEqual(
      expect.arrayContaining([
        'html-table',
        'html-width',
        'html-cellpadding',
        'html-valign',
        'html-align',
        'html-role',
        'css-padding',
        'css-background-color',
        'css-border',
        'css-unit-px',
        'css-height',
        'html-div',
        'html-span',
        'html-strong',
      ]),
    );
  });

  test('catches what Gmail lacks: flex and grid layouts, SVG, positioning, <style>, margins, rgb(), target', () => {
    expect(problems('<div style="display:flex">a</div>')).toEqual(['css-display-flex']);
    expect(checkGmail('<div style="display:flex">a</div>', features)[0]?.problem).toMatch(
      /Gmail ios: a #1 \(Not supported with non Google accounts\.\)/,
    );
    expect(problems('<div style="display:grid;grid-template-columns:1fr 1fr">a</div>')).toEqual(['css-display-grid', 'css-grid-template']);
    expect(problems('<div style="flex-direction:column;flex-wrap:wrap">a</div>')).toEqual(['css-flex-direction', 'css-flex-wrap']);
    expect(problems('<svg width="10" height="10"></svg>')).toEqual(['html-svg']);
    expect(problems('<div style="position:absolute;top:0">a</div>')).toEqual(['css-position', 'css-left-right-top-bottom']);
    expect(problems('<style>p{color:red}</style>')).toEqual(['html-style']);
    expect(problems('<p style="margin:0 auto">a</p>')).toEqual(['css-margin']);
    expect(problems('<p style="color:rgb(0 128 0)">a</p>')).toEqual(['css-rgb']);
    expect(problems('<a href="https://example.com" target="_blank">a</a>')).toEqual(['html-target']);
  });

  test('whatever caniemail does not know fails, so nothing unchecked slips in', () => {
    expect(problems('<p style="zoom:2">a</p>')).toEqual(['zoom:2']);
    expect(problems('<blink>a</blink>')).toEqual(['<blink>']);
    expect(problems('<img src="x" onerror="alert(1)">')).toEqual(['onerror=']);
  });
});
