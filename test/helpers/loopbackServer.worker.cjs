'use strict';
// The loopback server's thread (see loopbackServer.ts). It has its own event loop, so it keeps answering while
// the test's thread is blocked inside a synchronous UrlFetchApp call.
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');

let routes = workerData.routes || [];
const handler = workerData.handlerSource
  ? (0, eval)(`(${workerData.handlerSource})`)
  : workerData.handlerModule
    ? require(workerData.handlerModule).handle
    : null;
const recorded = [];

function matches(route, req) {
  if (route.method && route.method.toUpperCase() !== req.method) return false;
  if (route.path.endsWith('*')) return req.path.startsWith(route.path.slice(0, -1));
  return req.path === route.path;
}

function fromRoute(route, req) {
  if (route.redirect) return { status: route.status || 302, headers: { Location: route.redirect }, body: '' };
  if (route.echo) return { status: route.status || 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) };
  return { status: route.status || 200, headers: route.headers || {}, body: route.body === undefined ? '' : route.body };
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (c) => chunks.push(c));
  request.on('end', async () => {
    const target = request.url;
    const parsed = new URL(target, 'http://placeholder');
    const req = {
      method: request.method,
      target,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      httpVersion: request.httpVersion,
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
      rawHeaders: request.rawHeaders,
      body: Buffer.concat(chunks).toString('utf8'),
      startedAt: Date.now(),
      endedAt: 0,
    };
    recorded.push(req);
    let answer;
    let delayMs = 0;
    try {
      answer = handler ? await handler(req) : undefined;
      if (answer === undefined) {
        const route = routes.find((r) => matches(r, req));
        if (route) {
          answer = fromRoute(route, req);
          delayMs = route.delayMs || 0;
        }
      }
    } catch (error) {
      answer = { status: 500, body: String((error && error.stack) || error) };
    }
    if (answer === undefined)
      answer = { status: 404, headers: { 'Content-Type': 'application/json' }, body: { error: 'no route', method: req.method, path: req.path } };
    if (answer.delayMs) delayMs = answer.delayMs;
    const send = () => {
      const body =
        typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body === undefined ? '' : answer.body);
      const headers = { ...(answer.headers || {}) };
      if (
        typeof answer.body === 'object' &&
        answer.body !== null &&
        !Buffer.isBuffer(answer.body) &&
        !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
      ) {
        headers['Content-Type'] = 'application/json';
      }
      response.writeHead(answer.status || 200, headers);
      response.end(body, () => {
        req.endedAt = Date.now();
      });
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
});

server.listen(0, workerData.host || '127.0.0.1', () => {
  parentPort.postMessage({ type: 'listening', port: server.address().port });
});

parentPort.on('message', (msg) => {
  if (msg.type === 'requests') parentPort.postMessage({ type: 'requests', id: msg.id, requests: recorded });
  else if (msg.type === 'clear') {
    recorded.length = 0;
    parentPort.postMessage({ type: 'cleared', id: msg.id });
  } else if (msg.type === 'routes') {
    routes = msg.routes;
    parentPort.postMessage({ type: 'routes', id: msg.id });
  } else if (msg.type === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort.postMessage({ type: 'closed', id: msg.id }));
  }
});
