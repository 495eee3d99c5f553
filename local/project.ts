import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type * as vm from 'node:vm';
import { compileScript } from './runtime/runner';

/** The repository root: local/ lives directly under it (also when bundled into out/). */
export const ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const BUILD_DIR = process.env['LOCAL_BUILD_DIR'] ? path.resolve(process.env['LOCAL_BUILD_DIR']) : path.join(ROOT, 'build');

export interface Project {
  script: vm.Script;
  /** appsscript.json's timeZone. */
  timeZone: string;
  manifest: { timeZone?: string; oauthScopes?: string[]; webapp?: unknown; dependencies?: unknown };
}

/**
 * Loads build/Code.js and its manifest. When the build is missing or older than the sources it is rebuilt
 * first (bundling only: `npm run build` is what type-checks), so the CLI never runs stale code.
 */
export async function loadProject(): Promise<Project> {
  const code = path.join(BUILD_DIR, 'Code.js');
  if (!process.env['LOCAL_BUILD_DIR'] && isStale(code)) {
    // A child process, so this works the same from the CLI bundle and from jest (which cannot import .mjs).
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--no-check'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!fs.existsSync(code)) throw new Error(`${code} does not exist: run npm run build`);
  const manifest = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'appsscript.json'), 'utf8')) as Project['manifest'];
  return { script: compileScript(fs.readFileSync(code, 'utf8')), timeZone: manifest.timeZone ?? 'Asia/Tokyo', manifest };
}

function isStale(code: string): boolean {
  if (!fs.existsSync(code)) return true;
  const built = fs.statSync(code).mtimeMs;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  return Math.max(newest(path.join(ROOT, 'src')), fs.statSync(path.join(ROOT, 'appsscript.json')).mtimeMs) > built;
}
