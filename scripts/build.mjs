#!/usr/bin/env node
// Builds build/Code.js — the one file `clasp push` sends — from src/main.ts, after type-checking.
//
// esbuild bundles the TypeScript into an IIFE; Apps Script, though, only calls functions declared at the top
// level of the project (doGet, doPost, triggers, menu items, google.script.run targets). So for every name
// exported by src/main.ts the build appends `function NAME() { return __shinchoku.NAME.apply(this, arguments); }`
// — the job gas-webpack-plugin does inside webpack.
//
//   node scripts/build.mjs              type-check, bundle, copy appsscript.json and .html files
//   node scripts/build.mjs --no-check   bundle only (the local CLI uses this to refresh a stale build)
//   SHINCHOKU_BIGQUERY=1 node scripts/build.mjs   the manifest also enables the BigQuery advanced service (README ▸ BigQuery)
//   SHINCHOKU_GA4=1 node scripts/build.mjs   the manifest also asks for analytics.readonly (GA4; README ▸ Google Analytics 4)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GLOBAL = '__shinchoku';

/** Imports that must never reach Apps Script: Node built-ins, the local runtime, dev-only packages. */
const forbidden = {
  name: 'apps-script-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const p = args.path;
      if (p.startsWith('node:') || /^(fs|path|os|vm|http|https|crypto|child_process|worker_threads|url|util|buffer|stream)$/.test(p)) {
        return { errors: [{ text: `${p} is a Node built-in: Apps Script cannot load it (imported from ${path.relative(root, args.importer)})` }] };
      }
      const resolved = path.resolve(args.resolveDir, p);
      if (p.startsWith('.') && !resolved.startsWith(path.join(root, 'src') + path.sep)) {
        return {
          errors: [{ text: `${p} is outside src/: only src/ may reach build/Code.js (imported from ${path.relative(root, args.importer)})` }],
        };
      }
      if (!p.startsWith('.')) {
        return {
          errors: [
            {
              text: `package ${p} is not allowed in build/Code.js: it would have to run in Apps Script (imported from ${path.relative(root, args.importer)})`,
            },
          ],
        };
      }
      return undefined;
    });
  },
};

/** The scope the BigQuery advanced service needs (load jobs, creating the dataset and tables). */
export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';

/** Whether this build is for a team that archives to BigQuery: `SHINCHOKU_BIGQUERY` set to 1/true (locally, or as a CI variable). */
export function bigQueryWanted(env = process.env) {
  return /^(1|true|yes)$/i.test((env.SHINCHOKU_BIGQUERY ?? '').trim());
}

/** Google's read-only Analytics scope: the GA4 Data API takes the script's own token, which carries only manifest scopes. */
export const GA4_SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';

/** Whether this build is for a team that uses GA4: `SHINCHOKU_GA4` set to 1/true (locally, or as a CI variable). */
export function ga4Wanted(env = process.env) {
  return /^(1|true|yes)$/i.test((env.SHINCHOKU_GA4 ?? '').trim());
}

/**
 * appsscript.json as pushed. Apps Script asks for every scope the manifest lists, whether the code path runs or
 * not, and a token carries only those: so the BigQuery advanced service and its `bigquery` scope (which reaches
 * every dataset the user can see) are in the manifest only for teams that archive to BigQuery, and
 * `analytics.readonly` only for teams that use GA4 — nobody else is asked to let the script read their Analytics.
 */
export function manifestFor({ bigquery = false, ga4 = false } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'appsscript.json'), 'utf8'));
  if (ga4 && !manifest.oauthScopes.includes(GA4_SCOPE)) manifest.oauthScopes = [...manifest.oauthScopes, GA4_SCOPE];
  if (bigquery) {
    if (!manifest.oauthScopes.includes(BIGQUERY_SCOPE)) manifest.oauthScopes = [...manifest.oauthScopes, BIGQUERY_SCOPE];
    const services = manifest.dependencies?.enabledAdvancedServices ?? [];
    if (!services.some((s) => s.userSymbol === 'BigQuery'))
      manifest.dependencies = {
        ...manifest.dependencies,
        enabledAdvancedServices: [...services, { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }],
      };
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * `webAppUrl`: the deployment's `/exec` URL, which npm run deploy bakes in so the script can show it: Apps Script's
 * own ScriptApp.getService().getUrl() is reported to give the `/dev` URL outside the web app.
 */
export async function buildCode({
  check = true,
  outDir = path.join(root, 'build'),
  quiet = false,
  webAppUrl = '',
  bigquery = bigQueryWanted(),
  ga4 = ga4Wanted(),
} = {}) {
  const log = quiet ? () => {} : (line) => process.stdout.write(`${line}\n`);
  if (check) {
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const project of ['tsconfig.json', 'tsconfig.node.json', 'gateway/tsconfig.json']) {
      execFileSync(process.execPath, [tsc, '--noEmit', '-p', path.join(root, project)], { stdio: 'inherit', cwd: root });
    }
    log('type check: ok');
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const common = {
    entryPoints: [path.join(root, 'src', 'main.ts')],
    bundle: true,
    target: 'es2020',
    platform: 'neutral',
    charset: 'utf8',
    legalComments: 'none',
    define: { __SHINCHOKU_VERSION__: JSON.stringify(pkg.version), __SHINCHOKU_WEB_APP_URL__: JSON.stringify(webAppUrl) },
    plugins: [forbidden],
    write: false,
    logLevel: 'silent',
  };
  // An ESM build tells us the entry's export names; the IIFE build is what ships.
  const esm = await esbuild.build({ ...common, format: 'esm', metafile: true, outfile: 'esm.js' });
  const exportsList = Object.values(esm.metafile.outputs).flatMap((o) => o.exports ?? []);
  const iife = await esbuild.build({ ...common, format: 'iife', globalName: GLOBAL, outfile: 'Code.js' });
  const bundle = iife.outputFiles[0].text;
  const declarations = exportsList
    .sort()
    .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(this, arguments); }`)
    .join('\n');
  const banner = `// shinchoku ${pkg.version} — built from src/ by scripts/build.mjs; edit the TypeScript, not this file.\n`;
  // Files are replaced by rename, so a test or CLI reading build/ while another build runs never sees half a file.
  fs.mkdirSync(outDir, { recursive: true });
  const html = listHtml(path.join(root, 'src'));
  const wanted = new Set(['Code.js', 'appsscript.json', ...html.map((f) => path.basename(f))]);
  for (const stale of fs.readdirSync(outDir))
    if (!wanted.has(stale) && !stale.endsWith('.tmp')) fs.rmSync(path.join(outDir, stale), { recursive: true, force: true });
  const put = (name, content) => {
    const tmp = path.join(outDir, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, path.join(outDir, name));
  };
  put('Code.js', `${banner}${bundle}\n// Entry points: top-level functions Apps Script can call.\n${declarations}\n`);
  put('appsscript.json', bigquery || ga4 ? manifestFor({ bigquery, ga4 }) : fs.readFileSync(path.join(root, 'appsscript.json')));
  for (const file of html) put(path.basename(file), fs.readFileSync(file));
  log(`build/Code.js: ${exportsList.length} entry points (${exportsList.join(', ')})`);
  return { exports: exportsList, file: path.join(outDir, 'Code.js') };
}

function listHtml(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listHtml(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildCode({ check: !process.argv.includes('--no-check') }).catch((error) => {
    if (error && error.errors) for (const e of error.errors) process.stderr.write(`build error: ${e.text}\n`);
    else if (!(error && error.status)) process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  });
}
