/**
 * The HTTP worker's source, run with `new Worker(source, { eval: true })` so it needs no file on disk (the CLI is
 * bundled into one file, jest runs the TypeScript sources). It performs a job's requests concurrently with
 * node:http/https, posts the results on its port, then wakes the blocked main thread through the shared flag.
 * Plain JavaScript on purpose: it is never compiled.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');
const { signal, port } = workerData;
const flag = new Int32Array(signal);
const REDIRECTS = [301, 302, 303, 307, 308];
const MAX_HOPS = 10;

port.on('message', async (job) => {
  let results;
  try {
    results = await Promise.all(job.requests.map((request) => perform(request, job)));
  } catch (error) {
    results = job.requests.map(() => ({ ok: false, kind: 'unavailable', detail: String(error && error.stack || error) }));
  }
  port.postMessage({ id: job.id, results });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});

function header(rawHeaders, name) {
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
}

async function perform(request, job) {
  const deadline = Date.now() + job.timeoutMs;
  let current = request;
  for (let hop = 0; ; hop++) {
    const result = await once(current, job, deadline);
    if (!result.ok) return result;
    const location = header(result.rawHeaders, 'location');
    if (!request.followRedirects || !REDIRECTS.includes(result.status) || !location || hop >= MAX_HOPS) return result;
    // 307/308 repeat the request as it was; the others turn into a GET without a body, as browsers do.
    const keep = result.status === 307 || result.status === 308;
    current = {
      ...current,
      url: new URL(location, current.url).href,
      method: keep || current.method === 'HEAD' ? current.method : 'GET',
      body: keep ? current.body : null,
      headers: keep ? current.headers : current.headers.filter(([k]) => !/^content-(type|length)$/i.test(k)),
    };
  }
}

function once(request, job, deadline) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const target = new URL(request.url);
    const secure = target.protocol === 'https:';
    const headers = {};
    for (const [k, v] of request.headers) {
      const existing = headers[k];
      headers[k] = existing === undefined ? v : [].concat(existing, v);
    }
    headers['Host'] = target.host;
    if (request.body) headers['Content-Length'] = String(request.body.length);
    const proxy = job.proxy ? new URL(job.proxy) : null;
    const hostname = (proxy || target).hostname.replace(/^\[|\]$/g, '');
    const options = proxy
      ? { host: hostname, port: Number(proxy.port || 80), method: request.method, path: target.href, headers, setHost: false }
      : {
          host: hostname,
          port: Number(target.port || (secure ? 443 : 80)),
          method: request.method,
          path: target.pathname + target.search,
          headers,
          setHost: false,
          servername: /^[\d.]+$|:/.test(hostname) ? undefined : hostname,
          rejectUnauthorized: request.validateHttpsCertificates,
        };
    const lib = proxy || !secure ? http : https;
    let req;
    const timer = setTimeout(() => {
      if (req) req.destroy();
      finish({ ok: false, kind: 'timeout', detail: 'timeout' });
    }, Math.max(0, deadline - Date.now()));
    try {
      req = lib.request(options, (res) => {
        const chunks = [];
        let size = 0;
        res.on('data', (chunk) => {
          size += chunk.length;
          if (size > job.maxBytes) {
            req.destroy();
            finish({ ok: false, kind: 'tooLarge', detail: String(size) });
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => finish({ ok: true, status: res.statusCode, rawHeaders: res.rawHeaders, body: new Uint8Array(Buffer.concat(chunks)), url: target.href }));
        res.on('error', (e) => finish({ ok: false, kind: 'unavailable', detail: e.code || e.message }));
      });
    } catch (e) {
      finish({ ok: false, kind: 'unavailable', detail: e.code || e.message });
      return;
    }
    req.on('error', (e) => {
      const dns = e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN';
      finish({ ok: false, kind: dns ? 'dns' : 'unavailable', detail: e.code || e.message });
    });
    req.end(request.body ? Buffer.from(request.body) : undefined);
  });
}
`;
