import type { telemetry } from '@newrelic/telemetry-sdk';
import { parse, Kind, type FieldNode, type OperationDefinitionNode, type SelectionSetNode, type TypeNode } from 'graphql';
import { header, json, shortId, type FakeRequest, type FakeResponse } from './types';
import { vendorMode, type VendorMode } from './vendorMode';

/**
 * New Relic: the Metric API (`/metric/v1`), the Event API (`/v1/accounts/{id}/events`) and NerdGraph (`/graphql`),
 * in the US and EU data centres. Bodies are checked against the shapes of New Relic's official Telemetry SDK
 * (`Metric`, `MetricBatch`, the flat `AttributeMap` events it sends); NerdGraph has no typed package, so its
 * document is parsed with graphql-js and held to the NRQL query New Relic documents:
 * `actor { account(id: Int!) { nrql(query: Nrql!) { results } } }`. Keys are checked as New Relic does: a license
 * (ingest) key for the Metric and Event APIs, a user key (NRAK-…) for NerdGraph, an EU key only in the EU.
 */
type Metric = telemetry.metrics.Metric;
type MetricBatchPayload = Pick<telemetry.metrics.MetricBatch, 'common' | 'metrics'>;
type AttributeMap = NonNullable<telemetry.metrics.Metric['attributes']>;
type EventData = telemetry.events.Event;

export type NewRelicRegion = 'US' | 'EU';

export interface NewRelicHealth {
  requests: number;
  errors: number;
  responseTimeMs: number | null;
  cpuPercent: number | null;
  memoryMb: number | null;
}

export interface NewRelicData {
  region: NewRelicRegion;
  accountId: number;
  /** The account's keys; null: any well-formed key of the region is the account's. */
  licenseKey: string | null;
  userKey: string | null;
  entityGuid: string;
  health: NewRelicHealth;
  mode: VendorMode;
  metrics: Array<Metric & { receivedAt: number }>;
  events: Array<AttributeMap & { receivedAt: number }>;
  queries: Array<{ query: string; variables: Record<string, unknown> }>;
}

export function freshNewRelicData(): NewRelicData {
  return {
    region: 'US',
    accountId: 1234567,
    licenseKey: null,
    userKey: null,
    entityGuid: 'MTIzNDU2N3xBUE18QVBQTElDQVRJT058OTg3NjU0MzIx',
    health: { requests: 86_400, errors: 432, responseTimeMs: 245.3, cpuPercent: 23.4, memoryMb: 812.5 },
    mode: {},
    metrics: [],
    events: [],
    queries: [],
  };
}

const HOSTS: Record<string, { region: NewRelicRegion; api: 'metrics' | 'events' | 'graphql' }> = {
  'metric-api.newrelic.com': { region: 'US', api: 'metrics' },
  'metric-api.eu.newrelic.com': { region: 'EU', api: 'metrics' },
  'insights-collector.newrelic.com': { region: 'US', api: 'events' },
  'insights-collector.eu01.nr-data.net': { region: 'EU', api: 'events' },
  'api.newrelic.com': { region: 'US', api: 'graphql' },
  'api.eu.newrelic.com': { region: 'EU', api: 'graphql' },
};

export function isNewRelicApi(url: URL): boolean {
  return url.hostname in HOSTS;
}

/** New Relic limits: 1 MB a payload (docs: Metric API and Event API limits), 255 characters a name or attribute key. */
const MAX_PAYLOAD = 1_000_000;
const MAX_NAME = 255;
const MAX_ATTRIBUTES = 255;
const MAX_STRING = 4096;

const uuid = (seed: string) => {
  const h = shortId(seed, 12).toLowerCase().padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4000-8000-${shortId(`${seed}!`, 12).toLowerCase().padStart(12, '0')}`;
};

/** A license key: 40 characters ending in NRAL; EU accounts' keys begin with eu01xx. */
function licenseKeyRegion(key: string): NewRelicRegion | null {
  if (!/^[A-Za-z0-9]{36}NRAL$/.test(key)) return null;
  return key.startsWith('eu01xx') ? 'EU' : 'US';
}

function checkAttributes(attrs: unknown, where: string): string | null {
  if (attrs === undefined) return null;
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) return `${where}: attributes must be an object`;
  const entries = Object.entries(attrs as Record<string, unknown>);
  if (entries.length > MAX_ATTRIBUTES) return `${where}: more than ${MAX_ATTRIBUTES} attributes`;
  for (const [k, v] of entries) {
    if (k.length > MAX_NAME) return `${where}: attribute name longer than ${MAX_NAME}`;
    if (!['string', 'number', 'boolean'].includes(typeof v)) return `${where}: attribute ${k} must be a string, number or boolean`;
    if (typeof v === 'string' && v.length > MAX_STRING) return `${where}: attribute ${k} longer than ${MAX_STRING}`;
  }
  return null;
}

function ingestKey(data: NewRelicData, req: FakeRequest, region: NewRelicRegion): FakeResponse | null {
  const key = header(req, 'api-key') ?? header(req, 'x-license-key') ?? header(req, 'x-insert-key');
  if (!key) return json(403, { error: 'Missing Api-Key, X-License-Key or X-Insert-Key header' });
  const keyRegion = licenseKeyRegion(key);
  if (!keyRegion || (data.licenseKey !== null && key !== data.licenseKey)) return json(403, { error: 'Invalid license key' });
  if (keyRegion !== region) return json(403, { error: `This license key belongs to the ${keyRegion} data center` });
  return null;
}

export function answerNewRelic(data: NewRelicData, req: FakeRequest): FakeResponse {
  const host = HOSTS[req.url.hostname];
  if (!host) return json(404, { error: 'not found' });
  const refused = vendorMode(data.mode, req, (status, retryAfter) =>
    status === 429
      ? json(429, { error: 'Too many requests' }, { 'Retry-After': String(retryAfter) })
      : json(status, { error: 'Service unavailable' }),
  );
  if (refused) return refused;
  if (host.api === 'graphql') return nerdGraph(data, req, host.region);
  if (req.method !== 'POST') return json(405, { error: 'Method not allowed' });
  if (Buffer.byteLength(req.text) > MAX_PAYLOAD) return json(413, { error: 'Payload too large: the limit is 1MB' });
  const denied = ingestKey(data, req, host.region);
  if (denied) return denied;
  if (data.region !== host.region) return json(403, { error: `Account ${data.accountId} is not in the ${host.region} data center` });
  let body: unknown;
  try {
    body = JSON.parse(req.text);
  } catch {
    return json(400, { error: 'Invalid JSON' });
  }
  return host.api === 'metrics' ? metricApi(data, req, body) : eventApi(data, req, body);
}

function metricApi(data: NewRelicData, req: FakeRequest, body: unknown): FakeResponse {
  if (req.url.pathname !== '/metric/v1') return json(404, { error: 'not found' });
  if (!Array.isArray(body)) return json(400, { error: 'The payload must be an array of metric batches' });
  const accepted: Array<Metric & { receivedAt: number }> = [];
  for (const [i, raw] of body.entries()) {
    const batch = raw as MetricBatchPayload;
    if (!batch || typeof batch !== 'object' || !Array.isArray(batch.metrics)) return json(400, { error: `batch ${i}: metrics must be an array` });
    const common = batch.common ?? {};
    const bad = checkAttributes(common.attributes, `batch ${i} common`);
    if (bad) return json(400, { error: bad });
    for (const [j, m] of batch.metrics.entries()) {
      const where = `batch ${i} metric ${j}`;
      if (typeof m?.name !== 'string' || m.name === '' || m.name.length > MAX_NAME)
        return json(400, { error: `${where}: name must be 1–${MAX_NAME} characters` });
      const type = (m.type ?? 'gauge') as string;
      if (!['gauge', 'count', 'summary'].includes(type)) return json(400, { error: `${where}: unknown type ${String(type)}` });
      if (type !== 'summary' && (typeof m.value !== 'number' || !Number.isFinite(m.value)))
        return json(400, { error: `${where}: value must be a number` });
      const timestamp = m.timestamp ?? common.timestamp;
      if (timestamp !== undefined && (typeof timestamp !== 'number' || timestamp < 1e12))
        return json(400, { error: `${where}: timestamp must be in milliseconds` });
      const attrsBad = checkAttributes(m.attributes, where);
      if (attrsBad) return json(400, { error: attrsBad });
      accepted.push({
        ...m,
        type: type as NonNullable<Metric['type']>,
        timestamp: timestamp ?? req.now,
        attributes: { ...(common.attributes ?? {}), ...(m.attributes ?? {}) },
        receivedAt: req.now,
      });
    }
  }
  data.metrics.push(...accepted);
  return json(202, { requestId: uuid(`metrics|${req.seq}|${req.now}`) });
}

function eventApi(data: NewRelicData, req: FakeRequest, body: unknown): FakeResponse {
  const m = /^\/v1\/accounts\/(\d+)\/events$/.exec(req.url.pathname);
  if (!m) return json(404, { error: 'not found' });
  if (Number(m[1]) !== data.accountId) return json(403, { error: 'The license key does not belong to this account' });
  const list = Array.isArray(body) ? body : [body];
  if (list.length > 2000) return json(400, { error: 'At most 2000 events a request' });
  for (const [i, raw] of list.entries()) {
    // The SDK sends each Event flattened: its attributes beside eventType and timestamp.
    const event = raw as Pick<EventData, 'eventType' | 'timestamp'> & AttributeMap;
    if (typeof event?.eventType !== 'string' || !/^[A-Za-z0-9_:]{1,255}$/.test(event.eventType))
      return json(400, { error: `event ${i}: eventType must be letters, digits, _ or :, at most 255` });
    const bad = checkAttributes(event, `event ${i}`);
    if (bad) return json(400, { error: bad });
  }
  data.events.push(...list.map((e) => ({ ...(e as AttributeMap), receivedAt: req.now })));
  return json(200, { success: true, uuid: uuid(`events|${req.seq}|${req.now}`) });
}

function graphqlError(status: number, message: string, errorClass: string): FakeResponse {
  return json(status, { errors: [{ message, extensions: { errorClass } }], data: null });
}

function nerdGraph(data: NewRelicData, req: FakeRequest, region: NewRelicRegion): FakeResponse {
  if (req.url.pathname !== '/graphql') return json(404, { error: 'not found' });
  if (req.method !== 'POST') return graphqlError(405, 'NerdGraph takes POST', 'BAD_REQUEST');
  const key = header(req, 'api-key');
  if (!key || !/^NRAK-[A-Z0-9]{27}$/.test(key) || (data.userKey !== null && key !== data.userKey))
    return graphqlError(401, 'Invalid API key. Use a user key (NRAK-…) of this account.', 'UNAUTHORIZED');
  if (region !== data.region) return graphqlError(401, `This user key is not valid in the ${region} region`, 'UNAUTHORIZED');
  let body: { query?: unknown; variables?: unknown };
  try {
    body = JSON.parse(req.text) as typeof body;
  } catch {
    return graphqlError(400, 'Invalid JSON', 'BAD_REQUEST');
  }
  if (typeof body.query !== 'string') return graphqlError(400, 'query is required', 'BAD_REQUEST');
  const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<string, unknown>;
  data.queries.push({ query: body.query, variables });
  let operation: OperationDefinitionNode;
  try {
    const doc = parse(body.query);
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length !== 1 || ops[0]?.operation !== 'query') throw new Error('one query operation is expected');
    operation = ops[0];
  } catch (e) {
    return json(200, { errors: [{ message: `Syntax Error: ${(e as Error).message}` }], data: null });
  }
  const varType = new Map((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, printType(v.type)]));
  const argValue = (field: FieldNode, name: string): { value: unknown; type: string | null } | null => {
    const arg = field.arguments?.find((a) => a.name.value === name);
    if (!arg) return null;
    if (arg.value.kind === Kind.VARIABLE) return { value: variables[arg.value.name.value], type: varType.get(arg.value.name.value) ?? null };
    if (arg.value.kind === Kind.INT) return { value: Number(arg.value.value), type: 'Int!' };
    if (arg.value.kind === Kind.STRING) return { value: arg.value.value, type: 'Nrql!' };
    return { value: undefined, type: null };
  };
  const fields = (set: SelectionSetNode | undefined): FieldNode[] => (set?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const actor = fields(operation.selectionSet);
  if (actor.length !== 1 || actor[0]?.name.value !== 'actor')
    return graphqlError(200, 'Cannot query field on type "Query": only actor is supported here', 'BAD_REQUEST');
  const accountFields = fields(actor[0].selectionSet);
  if (accountFields.length !== 1 || accountFields[0]?.name.value !== 'account')
    return graphqlError(200, 'Expected actor { account(id: Int!) { … } }', 'BAD_REQUEST');
  const account = accountFields[0];
  const id = argValue(account, 'id');
  if (!id || id.type !== 'Int!' || typeof id.value !== 'number' || !Number.isInteger(id.value))
    return graphqlError(200, 'Argument "id" of type "Int!" is required on account', 'BAD_REQUEST');
  const results: Record<string, unknown> = {};
  for (const f of fields(account.selectionSet)) {
    const alias = f.alias?.value ?? f.name.value;
    if (id.value !== data.accountId) {
      return json(200, {
        errors: [{ message: `Account ${id.value} not found or not accessible`, path: ['actor', 'account'] }],
        data: { actor: { account: null } },
      });
    }
    // The Account type's scalar fields the sidebar's check asks for.
    if (f.name.value === 'id' || f.name.value === 'name') {
      results[alias] = f.name.value === 'id' ? data.accountId : `Account ${data.accountId}`;
      continue;
    }
    if (f.name.value !== 'nrql') return graphqlError(200, `Cannot query field "${f.name.value}" on type "Account" in this fake`, 'BAD_REQUEST');
    const q = argValue(f, 'query');
    if (!q || q.type !== 'Nrql!' || typeof q.value !== 'string')
      return graphqlError(200, 'Argument "query" of type "Nrql!" is required on nrql', 'BAD_REQUEST');
    const sub = fields(f.selectionSet).map((s) => s.name.value);
    if (sub.length === 0 || sub.some((s) => !['results', 'metadata', 'totalResult'].includes(s)))
      return graphqlError(200, 'nrql selects results (and metadata, totalResult)', 'BAD_REQUEST');
    const nrql = nrqlResults(q.value, data);
    if (typeof nrql === 'string')
      return json(200, {
        errors: [{ message: `NRQL Syntax Error: ${nrql}`, path: ['actor', 'account', alias] }],
        data: { actor: { account: null } },
      });
    results[alias] = { results: nrql };
  }
  return json(200, { data: { actor: { account: results } } });
}

function printType(t: TypeNode): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${printType(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${printType(t.type)}]`;
  return t.name.value;
}

/** Just enough NRQL: SELECT … FROM Transaction | Metric WHERE the entity, SINCE; aliases answered from the health model. */
function nrqlResults(nrql: string, data: NewRelicData): Array<Record<string, unknown>> | string {
  const m = /^SELECT\s+(.+?)\s+FROM\s+(\w+)\s+WHERE\s+(.+?)\s+SINCE\s+(\d+)\s+(hours?|days?|minutes?)\s+ago$/i.exec(nrql.trim());
  if (!m) return 'expected SELECT … FROM … WHERE … SINCE … ago';
  const [, select, from, where] = m as unknown as [string, string, string, string];
  const guid = /entity(?:\.guid|Guid)\s*=\s*'([^']+)'/.exec(where)?.[1];
  if (!guid) return 'the query names no entity';
  const known = guid === data.entityGuid;
  const h = data.health;
  const out: Record<string, unknown> = {};
  for (const part of select.split(/,(?![^(]*\))/)) {
    const alias = /\bAS\s+(\w+)\s*$/i.exec(part.trim())?.[1];
    if (!alias) return `every selected value needs an alias: ${part.trim()}`;
    if (/^Transaction$/i.test(from)) {
      if (/filter\(count\(\*\),\s*WHERE error IS true\)/i.test(part)) out[alias] = known ? h.errors : 0;
      else if (/count\(\*\)/i.test(part)) out[alias] = known ? h.requests : 0;
      else if (/average\(duration\)/i.test(part)) out[alias] = known && h.requests > 0 ? h.responseTimeMs : null;
      else return `unknown function in ${part.trim()}`;
    } else if (/^Metric$/i.test(from)) {
      if (/apm\.service\.cpu\.usertime\.utilization/.test(part)) out[alias] = known ? h.cpuPercent : null;
      else if (/apm\.service\.memory\.physical/.test(part)) out[alias] = known ? h.memoryMb : null;
      else return `unknown metric in ${part.trim()}`;
    } else return `unknown event type ${from}`;
  }
  return [out];
}
