import { AuthError, ConfigError, InputError } from '../domain/errors';
import {
  formFields,
  gatewaySigningInput,
  isFormEncoded,
  parseEnvelope,
  timestampProblem,
  type GatewayEnvelope,
  type GatewayReply,
} from '../domain/gateway';
import { secureEquals } from '../domain/secureCompare';
import { RawAnswer, type WebAnswer, type WebRequest } from './webApp';

/**
 * `POST …/exec?source=gateway&ts=…&sig=…`: a request the Cloudflare gateway has verified and forwards. The web app
 * checks the gateway's own signature, the timestamp and the delivery id, then hands the original request to the
 * same handler as the direct path — one table, source → handler — so both paths run the same use cases.
 */

/** The original request as the direct path's handler reads it, plus what the gateway vouches for. */
export type ForwardedRequest = WebRequest & { gateway: GatewayEnvelope };

export type GatewayHandler = (request: ForwardedRequest) => WebAnswer | RawAnswer;

export interface GatewayDeps {
  /** GATEWAY_SECRET from Script Properties. */
  secret: string | undefined;
  now: Date;
  hmacHex: (message: string, key: string) => string;
  /** Delivery ids already carried out (CacheService; they live past the timestamp window). */
  deliveries: { seen(id: string): boolean; remember(id: string): void };
  handlers: Readonly<Record<string, GatewayHandler>>;
  onInternal: (error: unknown) => void;
}

const reply = (r: GatewayReply): RawAnswer => new RawAnswer(JSON.stringify(r));
const refusal = (status: number, error: string): RawAnswer =>
  reply({ ok: false, status, contentType: 'application/json', body: JSON.stringify({ ok: false, error }) });

/** The status a failure gives the original sender: its fault (4xx, not retried) or ours (5xx, retried). */
function statusOfError(error: unknown): number | null {
  if (error instanceof AuthError) return 401;
  if (error instanceof InputError) return 400;
  // Not set up yet: GitHub redelivers once it is, so "try again later".
  if (error instanceof ConfigError) return 503;
  return null;
}

/** Sources whose repeat of a carried-out delivery is a retry to acknowledge rather than a replay to refuse. */
const ACKNOWLEDGED_REPEATS: ReadonlySet<string> = new Set(['gitlab']);

export function handleGateway(deps: GatewayDeps, request: WebRequest): RawAnswer {
  if (!deps.secret) return refusal(503, 'the gateway is not set up: add GATEWAY_SECRET (the Worker secret of the same name) to Script Properties');
  const body = request.postData?.contents ?? '';
  const stale = timestampProblem(request.parameter['ts'], deps.now);
  if (stale) return refusal(401, stale);
  const expected = deps.hmacHex(gatewaySigningInput(request.parameter['ts'] ?? '', body), deps.secret);
  if (!secureEquals((request.parameter['sig'] ?? '').toLowerCase(), expected)) return refusal(401, 'wrong gateway signature');

  let envelope: GatewayEnvelope;
  try {
    envelope = parseEnvelope(body);
  } catch (error) {
    return refusal(400, (error as Error).message);
  }
  const handler = deps.handlers[envelope.source];
  if (!handler) return refusal(400, `unknown source "${envelope.source}": expected one of ${Object.keys(deps.handlers).join(', ')}`);
  const deliveryKey = `${envelope.source}:${envelope.delivery}`;
  if (deps.deliveries.seen(deliveryKey)) {
    // GitLab retries a delivery it timed out on with the same Idempotency-Key and disables a hook that answers 4xx
    // until a maintainer re-enables it: what it already gave us is acknowledged, not refused.
    if (ACKNOWLEDGED_REPEATS.has(envelope.source)) {
      return reply({ ok: true, status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, duplicate: true, recorded: false }) });
    }
    return refusal(401, `replayed delivery ${envelope.delivery}: it was carried out before`);
  }

  const forwarded: ForwardedRequest = {
    parameter: isFormEncoded(envelope.contentType) ? formFields(envelope.body) : {},
    postData: { contents: envelope.body, type: envelope.contentType || 'application/octet-stream' },
    gateway: envelope,
  };
  let answer: WebAnswer | RawAnswer;
  try {
    answer = handler(forwarded);
  } catch (error) {
    const status = statusOfError(error);
    if (status !== null) return refusal(status, (error as Error).message);
    deps.onInternal(error);
    return refusal(500, 'internal error: the request was not processed; see the Errors log of the script');
  }
  if (answer instanceof RawAnswer) {
    deps.deliveries.remember(deliveryKey);
    return reply({ ok: true, status: 200, contentType: answer.body === '' ? 'text/plain' : 'application/json', body: answer.body });
  }
  // Only what was carried out counts as seen: a delivery that failed may come again (GitHub's "Redeliver").
  if (answer.ok) deps.deliveries.remember(deliveryKey);
  return reply({ ok: answer.ok, status: answer.ok ? 200 : 400, contentType: 'application/json', body: JSON.stringify(answer) });
}
