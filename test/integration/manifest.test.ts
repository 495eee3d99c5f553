import * as fs from 'node:fs';
import * as path from 'node:path';
import { webhookUrls } from '../../src/app/webhooks';

/**
 * slack/manifest.yml, the file a team pastes into "Create New App ▸ From an app manifest": its URLs must reach
 * the web app's Slack route, and its bot scopes must cover every Slack Web API method the code calls.
 */
const ROOT = path.join(__dirname, '..', '..');
const TEXT = fs.readFileSync(path.join(ROOT, 'slack', 'manifest.yml'), 'utf8');
const PLACEHOLDER_BASE = 'https://script.google.com/macros/s/<DEPLOYMENT_ID>/exec';

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

/**
 * Enough YAML for this file (block mappings and sequences, plain and quoted scalars, comments), and strict about
 * anything else, so the test fails instead of guessing.
 */
function parseYaml(text: string): Yaml {
  const lines = text
    .split('\n')
    .map((raw, i) => ({ n: i + 1, indent: raw.length - raw.trimStart().length, body: stripComment(raw).trimEnd().trimStart() }))
    .filter((l) => l.body !== '');
  let at = 0;
  const scalar = (s: string, n: number): Yaml => {
    if (s.startsWith('"')) {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(s)) throw new Error(`line ${n}: unterminated string`);
      return JSON.parse(s) as string;
    }
    if (s.startsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
    if (/^(true|false)$/.test(s)) return s === 'true';
    if (/^-?\d+$/.test(s)) return Number(s);
    if (/^[[{&*!|>%@`]/.test(s)) throw new Error(`line ${n}: unsupported YAML: ${s}`);
    return s;
  };
  const block = (indent: number): Yaml => {
    const first = lines[at];
    if (!first || first.indent !== indent) throw new Error(`line ${first?.n}: expected indentation ${indent}`);
    if (first.body.startsWith('- ')) {
      const list: Yaml[] = [];
      while (lines[at] && lines[at]?.indent === indent && lines[at]?.body.startsWith('- ')) {
        const line = lines[at] as (typeof lines)[number];
        const rest = line.body.slice(2);
        if (/^[\w.-]+:(\s|$)/.test(rest)) {
          // "- key: value" opens a mapping whose other keys are indented to the first key's column.
          lines[at] = { ...line, indent: indent + 2, body: rest };
          list.push(block(indent + 2));
        } else {
          list.push(scalar(rest, line.n));
          at++;
        }
      }
      return list;
    }
    const map: Record<string, Yaml> = {};
    while (lines[at] && lines[at]?.indent === indent && !lines[at]?.body.startsWith('- ')) {
      const line = lines[at] as (typeof lines)[number];
      const m = /^([\w.-]+):(?:\s+(.*))?$/.exec(line.body);
      if (!m) throw new Error(`line ${line.n}: expected "key: value", got ${line.body}`);
      const key = m[1] as string;
      if (key in map) throw new Error(`line ${line.n}: duplicate key ${key}`);
      at++;
      if (m[2] !== undefined && m[2] !== '') map[key] = scalar(m[2], line.n);
      else {
        const next = lines[at];
        map[key] = next && (next.indent > indent || (next.indent === indent && next.body.startsWith('- '))) ? block(next.indent) : null;
      }
    }
    return map;
  };
  const doc = block(0);
  if (at !== lines.length) throw new Error(`line ${lines[at]?.n}: unexpected indentation`);
  return doc;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote && line[i - 1] !== '\\') quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}

const get = (value: Yaml, ...keys: Array<string | number>): Yaml => {
  let v: Yaml = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') throw new Error(`no ${keys.join('.')} in the manifest`);
    v = (v as Record<string | number, Yaml>)[k] ?? null;
  }
  return v;
};

/** The bot scope each Slack Web API method needs (docs.slack.dev/reference/methods); null: none. */
const SCOPE_OF: Record<string, string | string[] | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'users.list': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'views.open': null,
  'views.update': null,
  'views.push': null,
  'views.publish': null,
  'reactions.add': 'reactions:write',
};

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('slack/manifest.yml', () => {
  const manifest = parseYaml(TEXT);

  test("parses, and describes the app within Slack's limits", () => {
    expect(get(manifest, '_metadata', 'major_version')).toBe(1);
    expect(get(manifest, 'display_information', 'name')).toBe('shinchoku');
    expect(String(get(manifest, 'display_information', 'description')).length).toBeLessThanOrEqual(140);
    const long = String(get(manifest, 'display_information', 'long_description'));
    expect(long.length).toBeGreaterThanOrEqual(174);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(get(manifest, 'display_information', 'background_color')).toMatch(/^#[0-9a-f]{6}$/i);
    expect(String(get(manifest, 'features', 'bot_user', 'display_name')).length).toBeLessThanOrEqual(80);
  });

  test("the slash command and interactivity go to the web app's Slack route, the URL the sidebar shows", () => {
    const slackUrl = webhookUrls(PLACEHOLDER_BASE, {}).slack;
    expect(slackUrl).toBe('https://script.google.com/macros/s/<DEPLOYMENT_ID>/exec?source=slack');
    const commands = get(manifest, 'features', 'slash_commands') as Yaml[];
    expect(commands).toHaveLength(1);
    expect(get(commands, 0, 'command')).toBe('/progress');
    expect(get(commands, 0, 'url')).toBe(slackUrl);
    expect(String(get(commands, 0, 'description')).length).toBeGreaterThan(0);
    expect(get(manifest, 'settings', 'interactivity', 'is_enabled')).toBe(true);
    expect(get(manifest, 'settings', 'interactivity', 'request_url')).toBe(slackUrl);
    // The web app cannot answer Slack's Socket Mode, nor rotate tokens on its own.
    expect(get(manifest, 'settings', 'socket_mode_enabled')).toBe(false);
    expect(get(manifest, 'settings', 'token_rotation_enabled')).toBe(false);
    // Every URL in the file is that one: nothing points elsewhere by mistake.
    expect([...new Set(TEXT.match(/https:\/\/script\.google\.com\/\S+/g))]).toEqual([slackUrl]);
  });

  test('the bot scopes cover every Slack method the code calls, and nothing it does not need', () => {
    const scopes = get(manifest, 'oauth_config', 'scopes', 'bot') as string[];
    expect(new Set(scopes).size).toBe(scopes.length);
    for (const scope of [
      'chat:write',
      'chat:write.public',
      'commands',
      'users:read',
      'users:read.email',
      'im:write',
      'channels:history',
      'groups:history',
    ]) {
      expect(scopes).toContain(scope);
    }
    const methods = new Set<string>();
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/['"`/]((?:chat|conversations|users|views|reactions|auth)\.[a-zA-Z]+)['"`]/g))
        methods.add(m[1] as string);
    }
    expect(methods.has('chat.postMessage')).toBe(true);
    for (const method of methods) {
      expect({ method, known: method in SCOPE_OF }).toEqual({ method, known: true });
      const needed = SCOPE_OF[method];
      for (const scope of needed === null || needed === undefined ? [] : Array.isArray(needed) ? needed : [needed])
        expect({ method, scope, granted: scopes.includes(scope) }).toEqual({ method, scope, granted: true });
    }
    const justified = new Set([
      'chat:write.public',
      'commands',
      'users:read',
      'users:read.email',
      ...Object.values(SCOPE_OF)
        .flat()
        .filter((s): s is string => typeof s === 'string'),
    ]);
    for (const scope of scopes) expect({ scope, justified: justified.has(scope) }).toEqual({ scope, justified: true });
  });

  test('the little YAML reader refuses what it does not understand', () => {
    expect(parseYaml('a:\n  b: 1\n  c:\n    - x\n    - y: "q # not a comment"\n      z: true\n')).toEqual({
      a: { b: 1, c: ['x', { y: 'q # not a comment', z: true }] },
    });
    expect(() => parseYaml('a: 1\na: 2\n')).toThrow('duplicate key a');
    expect(() => parseYaml('a: [1, 2]\n')).toThrow('unsupported YAML');
    expect(() => parseYaml('a:\n  b: 1\n c: 2\n')).toThrow();
  });
});
