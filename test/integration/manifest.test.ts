import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { webhookUrls } from '../../src/app/webhooks';

/**
 * slack/manifest.yml, the file a team pastes into "Create New App ▸ From an app manifest": its URLs must reach
 * the web app's Slack route, and its bot scopes must cover every Slack Web API method the code calls.
 */
const ROOT = path.join(__dirname, '..', '..');
const TEXT = fs.readFileSync(path.join(ROOT, 'slack', 'manifest.yml'), 'utf8');
const PLACEHOLDER_BASE = 'https://script.google.com/macros/s/<DEPLOYMENT_ID>/exec';

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

/** The manifest as Slack reads it: strict YAML (a duplicate key or a syntax error is an error, not a guess). */
function parseYaml(text: string): Yaml {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return doc.toJS() as Yaml;
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
    for (const scope of ['chat:write', 'chat:write.public', 'commands', 'im:write', 'channels:history', 'groups:history']) {
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
      // Every other scope only when a method the code calls needs it: an unused scope is a permission asked for nothing.
      ...[...methods].flatMap((method) => SCOPE_OF[method] ?? []),
    ]);
    for (const scope of scopes) expect({ scope, justified: justified.has(scope) }).toEqual({ scope, justified: true });
  });
});
