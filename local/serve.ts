import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { readOutbound } from './fake';
import { enabledAdvancedServices } from './services';
import { BUILD_DIR, type Project } from './project';
import { ExecutionPool } from './runtime/pool';
import { StateDir } from './runtime/state';
import type { WebAppResponse } from './runtime/webapp';
import { readMail } from './services/mail';
import { getScriptProperty } from './services/properties';
import { readUi, renderWorkbookHtml } from './services/spreadsheet';

export interface ServeOptions {
  project: Project;
  stateDir: string;
  port: number;
  log: (line: string) => void;
  /** Print the welcome text with the curls to try (npm start). */
  quiet?: boolean;
  /** Executions at once (Apps Script's limit, 30, by default). */
  concurrency?: number;
  /** LockService grants every lock at once and holds nothing: only for tests that show what the locks protect. */
  withoutLocks?: boolean;
}

/** Apps Script's POST limit; a bigger body is refused before the script runs. */
const MAX_BODY = 50 * 1024 * 1024;

/**
 * The web app on localhost, as Google serves it: `/exec` runs doGet/doPost and answers with a 302 to a
 * one-time URL holding the output (clients must follow it, as with the real script.googleusercontent.com).
 * Requests run in parallel, each its own execution in the pool's worker threads (up to 30 at once, as Apps Script
 * allows), sharing the state directory as executions share the spreadsheet. `/` shows the workbook read-only.
 * Time-driven triggers fire on the real clock once a minute, in the pool too, beside the requests.
 */
export async function serve(options: ServeOptions): Promise<http.Server> {
  const echoes = new Map<string, WebAppResponse>();
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const base = `http://localhost:${typeof address === 'object' && address ? address.port : options.port}`;
  let pool: ExecutionPool;
  try {
    pool = new ExecutionPool(
      {
        code: fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8'),
        stateDir: options.stateDir,
        timeZone: options.project.timeZone,
        advancedServices: enabledAdvancedServices(options.project.manifest),
        webAppUrl: `${base}/exec`,
        ...(options.withoutLocks ? { withoutLocks: true } : {}),
      },
      options.log,
      options.concurrency,
    );
  } catch (error) {
    server.close();
    throw error;
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return send(res, 413, 'text/plain', 'POST body over 50 MB: Apps Script refuses it');
      handle(req.method ?? 'GET', url, Buffer.concat(chunks).toString('utf8'), String(req.headers['content-type'] ?? ''), res).catch(
        (error: unknown) => send(res, 500, 'text/plain', `local runtime error: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  });

  async function handle(method: string, url: URL, body: string, contentType: string, res: http.ServerResponse): Promise<void> {
    const query = url.search.replace(/^\?/, '');
    if (url.pathname === '/exec' && (method === 'POST' || method === 'GET')) {
      const at = Date.now();
      const reply = await pool.run(
        method === 'POST' ? { type: 'post', query, body, contentType: contentType || 'text/plain', at } : { type: 'get', query, at },
      );
      if (reply.kind !== 'web') throw new Error(reply.kind === 'failed' ? reply.message : 'unexpected answer from the execution pool');
      const id = randomUUID();
      echoes.set(id, reply.response);
      // Like Google's: the answer lives at a redirect target that can be read once.
      const location = `${base}/macros/echo?user_content_key=${id}`;
      res.writeHead(302, { Location: location, 'Content-Type': 'text/html; charset=UTF-8' });
      res.end(`<HTML><HEAD><TITLE>Moved Temporarily</TITLE></HEAD><BODY>The document has moved <A HREF="${location}">here</A>.</BODY></HTML>`);
      return;
    }
    if (url.pathname === '/macros/echo') {
      const key = url.searchParams.get('user_content_key') ?? '';
      const response = echoes.get(key);
      if (!response) return send(res, 404, 'text/plain', 'no such answer (each answer can be read once)');
      echoes.delete(key);
      return send(res, 200, response.mimeType, response.body);
    }
    const state = new StateDir(options.stateDir);
    if (method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html', renderWorkbookHtml(state));
    if (method === 'GET' && url.pathname === '/outbound') return send(res, 200, 'application/json', JSON.stringify(readOutbound(state), null, 2));
    if (method === 'GET' && url.pathname === '/mail') return send(res, 200, 'application/json', JSON.stringify(readMail(state), null, 2));
    if (method === 'GET' && url.pathname === '/ui') return send(res, 200, 'application/json', JSON.stringify(readUi(state), null, 2));
    send(res, 404, 'text/plain', `not found: ${url.pathname} (try / or POST /exec)`);
  }

  // Triggers fire on the real clock: each minute, whatever came due since the last check. One tick at a time, so a
  // slow minute delays the next one instead of overlapping it; requests keep running beside it.
  let last = Date.now();
  let ticking = Promise.resolve();
  const timer = setInterval(() => {
    const from = last;
    const to = Date.now();
    last = to;
    ticking = ticking
      .then(() => pool.run({ type: 'tick', from, to }))
      .then((reply) => {
        if (reply.kind === 'failed') return options.log(`triggers failed: ${reply.message}`);
        if (reply.kind !== 'tick') return;
        for (const f of reply.firings) options.log(`${f.at} trigger ${f.handlerFunction} ${f.error ? `failed: ${f.error}` : 'ok'}`);
      })
      .catch((error: unknown) => options.log(`triggers failed: ${error instanceof Error ? error.message : String(error)}`));
  }, 60_000);
  server.on('close', () => {
    clearInterval(timer);
    void pool.close();
  });

  if (!options.quiet) process.stdout.write(welcome(base, new StateDir(options.stateDir)));
  return server;
}

function send(res: http.ServerResponse, status: number, mimeType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': `${mimeType}; charset=utf-8` });
  res.end(body);
}

function welcome(base: string, state: StateDir): string {
  const token = getScriptProperty(state, 'WEBHOOK_TOKEN_PROGRESS') ?? '<run setup first>';
  const githubToken = getScriptProperty(state, 'WEBHOOK_TOKEN_GITHUB') ?? '<run setup first>';
  const slackToken = getScriptProperty(state, 'SLACK_VERIFICATION_TOKEN') ?? '<set SLACK_VERIFICATION_TOKEN>';
  const slackTeam = getScriptProperty(state, 'SLACK_TEAM_ID') ?? '<set SLACK_TEAM_ID>';
  const snapshot =
    '{"overall_progress":0.72,"task_completion_rate":0.85,"quality_score":4.2,"team_satisfaction":4.0,"blockers_count":2,"avg_review_time":5.5,"deploy_success_rate":0.95}';
  return `
shinchoku is running locally — the web app at ${base}/exec, the workbook at ${base}/

Try (curl -L follows Apps Script's redirect, as every client must):

  # a KPI snapshot, as the team's CI or a script would send it (source=progress)
  curl -sL '${base}/exec?source=progress&token=${token}' \\
       -H 'Content-Type: application/json' \\
       -d '${snapshot}'

  # a GitHub webhook delivery (source=github; the event is inferred from the payload, or given as &event=)
  curl -sL '${base}/exec?source=github&token=${githubToken}&event=ping' \\
       -H 'Content-Type: application/json' \\
       -d '{"zen":"Keep it logically awesome.","hook_id":1,"repository":{"full_name":"shinchoku-demo/app"}}'

  # a Slack slash command, as Slack sends it (source=slack; form-encoded, verification token in the body)
  curl -sL '${base}/exec?source=slack' \\
       --data-urlencode 'token=${slackToken}' --data-urlencode 'team_id=${slackTeam}' \\
       --data-urlencode 'user_id=U0DEMO0001' --data-urlencode 'command=/progress' --data-urlencode 'text=help'

  # health
  curl -sL '${base}/exec?action=health'

Then: npm run local -- dump 'KPI Tracking'     (or open ${base}/ in a browser)
What the fake Slack/Discord/GitHub received: ${base}/outbound
Stop with Ctrl-C. State lives in ${state.dir}.
`;
}
