import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * HTML to PDF as Apps Script's `Blob.getAs('application/pdf')` does it for a `text/html` blob: the page laid out
 * and printed, text kept as text. Google does it on its servers; here headless Chromium prints the page, spawned
 * synchronously because the script's call is synchronous. Like Google's converter it loads nothing from the
 * network (remote images and stylesheets are left out).
 *
 * CHROMIUM_PATH names another Chromium or Chrome; without one the conversion fails as a failed conversion does in
 * Apps Script, so the product's fallback is exercised rather than a crash of the runtime.
 */
export const CONVERSION_FAILED = 'Conversion from text/html to application/pdf failed.';

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
}

/** The PDF bytes, or a reason (for the runtime's log) when it could not be made. */
export function printHtmlToPdf(html: Buffer): { pdf: Buffer } | { failure: string } {
  const chromium = chromiumPath();
  if (!fs.existsSync(chromium)) return { failure: `${chromium} is missing` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-pdf-'));
  try {
    const input = path.join(dir, 'report.html');
    const output = path.join(dir, 'report.pdf');
    fs.writeFileSync(input, html);
    const run = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-extensions',
        // Nothing leaves the machine: every host name fails to resolve.
        '--host-resolver-rules=MAP * ~NOTFOUND',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${output}`,
        `file://${input}`,
      ],
      { timeout: 60_000, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (run.error) return { failure: String(run.error.message) };
    if (!fs.existsSync(output) || fs.statSync(output).size === 0) {
      return { failure: `chromium exited with ${run.status}: ${String(run.stderr ?? '').slice(-500)}` };
    }
    return { pdf: fs.readFileSync(output) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
