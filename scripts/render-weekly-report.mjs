#!/usr/bin/env node
// Renders the weekly report email as the README shows it: a demo state in a temporary directory, the product's own
// sendWeeklyReport run by the local runtime, the HTML part taken from the .eml it saved, and a screenshot of it by
// headless Chromium (Debian's `chromium` package, and `fonts-noto-color-emoji` for emoji; CHROMIUM=<path> for another
// binary).
//   node scripts/render-weekly-report.mjs [--at <ISO-8601>] [--out docs/weekly-report.png] [--html <file>]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = path.resolve(root, option('out') ?? 'docs/weekly-report.png');
const at = option('at');
const htmlCopy = option('html');

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-render-'));
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-chromium-'));

function cli(...cliArgs) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-ts.mjs'), 'local/cli.ts', ...cliArgs], {
    cwd: root,
    env: { ...process.env, LOCAL_STATE_DIR: stateDir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`local ${cliArgs[0]} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** The decoded body of the first text/html part of an RFC 5322 message (multipart, quoted-printable or base64). */
function htmlPart(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const type = header('Content-Type');
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const section of body.split(`--${boundary}`).slice(1, -1)) {
      const found = htmlPart(section.replace(/^\r\n/, ''));
      if (found !== null) return found;
    }
    return null;
  }
  if (!/^text\/html/i.test(type)) return null;
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

try {
  process.stderr.write('demo state…\n');
  cli('reset', '--demo');
  process.stderr.write('sendWeeklyReport…\n');
  cli('run', 'sendWeeklyReport', ...(at ? ['--at', at] : []));
  const mail = JSON.parse(cli('mail', '--json'));
  const last = mail[mail.length - 1];
  if (!last) throw new Error('sendWeeklyReport sent no email (are REPORT_RECIPIENTS set in the demo?)');
  const html = htmlPart(fs.readFileSync(last.eml, 'utf8'));
  if (html === null) throw new Error(`no HTML part in ${last.eml}`);

  // Gmail shows the message body inside its own page; a bare page with the same fragment is the closest stand-in.
  const page = path.join(stateDir, 'weekly-report.html');
  fs.writeFileSync(
    page,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${last.subject}</title></head><body style="margin:0">${html}</body></html>`,
  );
  if (htmlCopy) fs.copyFileSync(page, path.resolve(root, htmlCopy));

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const chromium = process.env.CHROMIUM || 'chromium';
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profileDir}`,
    `--screenshot=${out}`,
    '--window-size=800,1600',
    '--hide-scrollbars',
  ];
  const shot = spawnSync(chromium, [...flags, `file://${page}`], { encoding: 'utf8', timeout: 120_000 });
  if (shot.error) throw new Error(`could not run ${chromium}: ${shot.error.message} (apt-get install -y chromium, or set CHROMIUM)`);
  if (!fs.existsSync(out)) throw new Error(`${chromium} wrote no screenshot:\n${shot.stderr}`);
  process.stdout.write(`${path.relative(root, out)}: "${last.subject}" to ${last.to}\n`);
} finally {
  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.rmSync(profileDir, { recursive: true, force: true });
}
