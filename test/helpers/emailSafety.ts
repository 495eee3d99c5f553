import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Checks an email's HTML against caniemail's data (the `caniemail` package, caniemail.com's test results) for
 * Gmail: every HTML element, attribute, CSS property and CSS value kind the HTML uses is looked up, and each must be
 * fully supported ("y") in the latest test of every Gmail platform — desktop webmail, mobile webmail, the iOS and
 * Android apps. Partial support counts as a failure: it means some Gmail reader loses it (e.g. `display:flex` is
 * "not supported with non Google accounts" in the apps). Whatever caniemail has no entry for fails too, unless it is
 * one of the few basics listed below, so nothing unchecked slips in.
 */

interface CaniemailFeature {
  slug: string;
  title: string;
  category: string;
  keywords: string | null;
  stats: Record<string, Record<string, Record<string, string>>>;
  notes_by_num: Record<string, string> | null;
}

export const GMAIL_PLATFORMS = ['desktop-webmail', 'mobile-webmail', 'ios', 'android'] as const;

/** Elements and attributes of plain HTML 4 that caniemail has no entry for, as every client shows them. */
const BASIC_ELEMENTS = new Set(['a', 'br', 'tbody']);
const BASIC_ATTRIBUTES = new Set(['href', 'style', 'colspan', 'rowspan', 'border', 'alt', 'src']);
/** CSS properties caniemail has no entry for and every client supports. */
const BASIC_CSS = new Set(['color', 'font-family', 'font-style']);

const ELEMENT_SLUGS: Record<string, string> = {
  table: 'html-table',
  tr: 'html-table',
  td: 'html-table',
  th: 'html-table',
  thead: 'html-table',
  tfoot: 'html-table',
  caption: 'html-table',
  col: 'html-table',
  colgroup: 'html-table',
  div: 'html-div',
  span: 'html-span',
  p: 'html-p',
  img: 'html-img',
  strong: 'html-strong',
  small: 'html-small',
  hr: 'html-hr',
  pre: 'html-pre',
  code: 'html-code',
  blockquote: 'html-blockquote',
  style: 'html-style',
  link: 'html-link',
  svg: 'html-svg',
  video: 'html-video',
  audio: 'html-audio',
  form: 'html-form',
  ul: 'html-lists',
  ol: 'html-lists',
  li: 'html-lists',
  dl: 'html-lists',
  dt: 'html-lists',
  dd: 'html-lists',
  h1: 'html-h1-h6',
  h2: 'html-h1-h6',
  h3: 'html-h1-h6',
  h4: 'html-h1-h6',
  h5: 'html-h1-h6',
  h6: 'html-h1-h6',
  body: 'html-body',
  abbr: 'html-abbr',
  acronym: 'html-acronym',
  address: 'html-address',
  del: 'html-del',
  dfn: 'html-dfn',
  bdi: 'html-bdi',
  strike: 'html-strike',
  wbr: 'html-wbr',
  progress: 'html-progress',
  meter: 'html-meter',
  dialog: 'html-dialog',
  picture: 'html-picture',
  object: 'html-object',
  marquee: 'html-marquee',
  select: 'html-select',
  textarea: 'html-textarea',
  ruby: 'html-ruby',
  rt: 'html-rt',
  rp: 'html-rp',
  article: 'html-semantics',
  aside: 'html-semantics',
  details: 'html-semantics',
  figcaption: 'html-semantics',
  figure: 'html-semantics',
  footer: 'html-semantics',
  header: 'html-semantics',
  main: 'html-semantics',
  mark: 'html-semantics',
  nav: 'html-semantics',
  section: 'html-semantics',
  summary: 'html-semantics',
  time: 'html-semantics',
};

const ATTRIBUTE_SLUGS: Record<string, string> = {
  width: 'html-width',
  height: 'html-height',
  align: 'html-align',
  valign: 'html-valign',
  cellpadding: 'html-cellpadding',
  cellspacing: 'html-cellspacing',
  background: 'html-background',
  target: 'html-target',
  dir: 'html-dir',
  lang: 'html-lang',
  role: 'html-role',
  hidden: 'html-hidden',
  srcset: 'html-srcset',
  loading: 'html-loading-attribute',
  required: 'html-required',
  'aria-hidden': 'html-aria-hidden',
  'aria-label': 'html-aria-label',
  'aria-live': 'html-aria-live',
  'aria-labelledby': 'html-aria-labelledby',
  'aria-describedby': 'html-aria-describedby',
};

const UNIT_SLUGS: Array<[RegExp, string]> = [
  [/(?<![\w-])-?\d*\.?\d+px\b/, 'css-unit-px'],
  [/\d%/, 'css-unit-percent'],
  [/\d(?:\.\d+)?rem\b/, 'css-unit-rem'],
  [/\d(?:\.\d+)?em\b/, 'css-unit-em'],
  [/\d(?:\.\d+)?pt\b/, 'css-unit-pt'],
  [/\d(?:\.\d+)?vh\b/, 'css-unit-vh'],
  [/\d(?:\.\d+)?vw\b/, 'css-unit-vw'],
  [/\brgb\(/i, 'css-rgb'],
  [/\brgba\(/i, 'css-rgba'],
  [/\blinear-gradient\(/i, 'css-linear-gradient'],
  [/\bradial-gradient\(/i, 'css-radial-gradient'],
  [/\bcalc\(/i, 'css-unit-calc'],
  [/\bvar\(/i, 'css-variables'],
  [/!important/i, 'css-important'],
];

export function loadCaniemail(): CaniemailFeature[] {
  const file = path.join(path.dirname(require.resolve('caniemail/package.json')), 'data', 'caniemail.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { data: CaniemailFeature[] }).data;
}

export interface Usage {
  /** The caniemail slug, or null when caniemail has no entry for it. */
  slug: string | null;
  /** What in the HTML uses it: `<td>`, `valign=`, `padding:…`. */
  what: string;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function declarations(style: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  const flush = () => {
    const colon = current.indexOf(':');
    if (colon > 0) out.push([current.slice(0, colon).trim().toLowerCase(), current.slice(colon + 1).trim()]);
    current = '';
  };
  for (const ch of style) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ';' && depth === 0) {
      flush();
      continue;
    }
    current += ch;
  }
  flush();
  return out;
}

function cssSlugs(property: string, value: string, features: readonly CaniemailFeature[]): Array<string | null> {
  const slugs = new Set<string | null>();
  const bySlug = new Set(features.map((f) => f.slug));
  if (property === 'display') {
    const v = value
      .replace(/!important/i, '')
      .trim()
      .toLowerCase();
    slugs.add(
      v === 'flex' || v === 'inline-flex'
        ? 'css-display-flex'
        : v === 'grid' || v === 'inline-grid'
          ? 'css-display-grid'
          : v === 'none'
            ? 'css-display-none'
            : 'css-display',
    );
  } else if (bySlug.has(`css-${property}`)) {
    slugs.add(`css-${property}`);
  } else if (/^(top|right|bottom|left)$/.test(property)) {
    slugs.add('css-left-right-top-bottom');
  } else if (/^padding-(top|right|bottom|left)$/.test(property)) {
    slugs.add('css-padding');
  } else if (!BASIC_CSS.has(property)) {
    // Keywords are search words ("accent, color"); a longhand counts only under its own shorthand's entry
    // (border-bottom under css-border, margin-left under css-margin).
    const byKeyword = features.find(
      (f) =>
        f.category === 'css' &&
        property.startsWith(`${f.slug.slice(4)}-`) &&
        (f.keywords ?? '')
          .split(',')
          .map((k) => k.trim().toLowerCase())
          .includes(property),
    );
    slugs.add(byKeyword ? byKeyword.slug : null);
  }
  for (const [pattern, slug] of UNIT_SLUGS) if (pattern.test(value)) slugs.add(slug);
  return [...slugs];
}

/** Every feature the HTML uses, with what uses it. */
export function usedFeatures(html: string, features: readonly CaniemailFeature[] = loadCaniemail()): Usage[] {
  const out: Usage[] = [];
  if (/<!--/.test(html)) out.push({ slug: 'html-comments', what: '<!-- -->' });
  if (/<!doctype/i.test(html)) out.push({ slug: 'html-doctype', what: '<!DOCTYPE>' });
  const tag = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
  const attribute = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const m of html.matchAll(tag)) {
    const name = (m[1] ?? '').toLowerCase();
    out.push({ slug: ELEMENT_SLUGS[name] ?? (BASIC_ELEMENTS.has(name) ? 'basic' : null), what: `<${name}>` });
    for (const a of (m[2] ?? '').matchAll(attribute)) {
      const attr = (a[1] ?? '').toLowerCase();
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      if (attr === 'style') {
        for (const [property, v] of declarations(value))
          for (const slug of cssSlugs(property, v, features)) out.push({ slug, what: `${property}:${v}` });
      } else if (name === 'a' && attr === 'href') {
        out.push({
          slug: value.startsWith('mailto:') ? 'html-mailto-links' : value.startsWith('#') ? 'html-anchor-links' : 'basic',
          what: `href=${value.slice(0, 30)}`,
        });
      } else {
        out.push({ slug: ATTRIBUTE_SLUGS[attr] ?? (BASIC_ATTRIBUTES.has(attr) ? 'basic' : null), what: `${attr}=` });
      }
    }
  }
  return out;
}

export interface Finding {
  what: string;
  slug: string | null;
  problem: string;
}

/** The latest result of each Gmail platform for a feature, e.g. { ios: 'a #1', … }. */
export function gmailSupport(feature: CaniemailFeature): Record<string, string> {
  const out: Record<string, string> = {};
  for (const platform of GMAIL_PLATFORMS) {
    const results = feature.stats['gmail']?.[platform];
    const latest = results ? Object.keys(results).sort().pop() : undefined;
    out[platform] = latest && results ? (results[latest] ?? 'u') : 'u';
  }
  return out;
}

/** What Gmail lacks among the features the HTML uses; empty when the email is safe. One finding per feature. */
export function checkGmail(html: string, features: readonly CaniemailFeature[] = loadCaniemail()): Finding[] {
  const findings = new Map<string, Finding>();
  for (const usage of usedFeatures(html, features)) {
    if (usage.slug === 'basic') continue;
    if (usage.slug === null) {
      findings.set(usage.what, { what: usage.what, slug: null, problem: 'caniemail has no entry for it' });
      continue;
    }
    const feature = features.find((f) => f.slug === usage.slug);
    if (!feature) {
      findings.set(usage.slug, { what: usage.what, slug: usage.slug, problem: "not in caniemail's data" });
      continue;
    }
    const lacking = Object.entries(gmailSupport(feature)).filter(([, result]) => !result.startsWith('y'));
    if (lacking.length > 0 && !findings.has(usage.slug)) {
      const notes = (r: string) =>
        (r.match(/#(\d+)/g) ?? [])
          .map((n) => feature.notes_by_num?.[n.slice(1)] ?? '')
          .filter(Boolean)
          .join(' ');
      findings.set(usage.slug, {
        what: usage.what,
        slug: usage.slug,
        problem: lacking.map(([platform, result]) => `Gmail ${platform}: ${result}${notes(result) ? ` (${notes(result)})` : ''}`).join('; '),
      });
    }
  }
  return [...findings.values()];
}
