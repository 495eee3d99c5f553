import type { QuotaSnapshot } from '../../domain/analytics/ga4';
import { redact } from '../../domain/redact';
import type { HttpClient, HttpRequest, HttpResponse } from '../../platform/urlfetch';

/**
 * What each analytics/monitoring service did last, kept in one Script Property for the health answer: a team sees
 * "configured", "not configured" or "failing" per service without opening the executions log.
 */
export type ObservabilityService = 'ga4' | 'newrelic' | 'datadog';

export interface ServiceStatus {
  at: string;
  outcome: 'ok' | 'failed' | 'waiting';
  message?: string;
  /** A 429's Retry-After (or an exhausted GA4 quota): no request before this instant. */
  retryAfter?: string;
}

export interface ObservabilityStatus {
  services: Partial<Record<ObservabilityService, ServiceStatus>>;
  ga4Quota?: QuotaSnapshot;
}

export interface StatusStore {
  read(): ObservabilityStatus;
  write(status: ObservabilityStatus): void;
}

export function parseStatus(text: string | undefined): ObservabilityStatus {
  if (!text) return { services: {} };
  try {
    const parsed = JSON.parse(text) as ObservabilityStatus;
    return parsed && typeof parsed === 'object' && parsed.services && typeof parsed.services === 'object' ? parsed : { services: {} };
  } catch {
    return { services: {} };
  }
}

/** A network failure (DNS, timeout) as an answer, so one unreachable vendor does not hide the others' answers. */
export interface Unreachable {
  status: 0;
  error: string;
}

/**
 * Sends the requests together (UrlFetchApp.fetchAll: one round trip). fetchAll fails whole when one host cannot be
 * reached; then each is sent alone, so the others still count and the failing one is named.
 */
export function sendTogether(http: HttpClient, requests: readonly HttpRequest[], secrets: readonly string[]): Array<HttpResponse | Unreachable> {
  if (requests.length === 0) return [];
  try {
    return http.requestAll(requests);
  } catch {
    return requests.map((r) => {
      try {
        return http.request(r);
      } catch (error) {
        return { status: 0, error: redact(error instanceof Error ? error.message : String(error), secrets) };
      }
    });
  }
}

/** The instant a 429 or 503 asks to wait until (Retry-After in seconds or as an HTTP date), or null. */
export function retryAfterOf(response: HttpResponse | Unreachable, now: Date): string | null {
  if (response.status !== 429 && response.status !== 503) return null;
  const header = 'headers' in response ? response.headers['retry-after'] : undefined;
  const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : header ? (Date.parse(header) - now.getTime()) / 1000 : NaN;
  // Without a usable header, a minute: the next scheduled run is later than that anyway.
  const wait = Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
  return new Date(now.getTime() + wait * 1000).toISOString();
}

/** One line for a vendor's refusal: the status and what the vendor said, secrets taken out, never the whole body. */
export function refusal(what: string, response: HttpResponse | Unreachable, secrets: readonly string[]): string {
  if (response.status === 0) return `${what}: unreachable: ${(response as Unreachable).error}`;
  const text = (response as HttpResponse).text;
  let said = text.trim().slice(0, 200);
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const error = body['error'];
    const errors = body['errors'];
    if (error && typeof error === 'object') said = String((error as Record<string, unknown>)['message'] ?? said);
    else if (typeof error === 'string') said = error;
    else if (Array.isArray(errors) && errors.length > 0)
      said = errors.map((e) => (typeof e === 'string' ? e : String((e as Record<string, unknown>)?.['message'] ?? JSON.stringify(e)))).join('; ');
    else if (typeof body['message'] === 'string') said = body['message'];
  } catch {
    // Not JSON: the start of the text says enough.
  }
  return redact(`${what} answered ${response.status}${said ? `: ${said.slice(0, 300)}` : ''}`, secrets);
}

export function isSuccess(response: HttpResponse | Unreachable): response is HttpResponse {
  return response.status >= 200 && response.status < 300;
}

/** The service waits (a 429's Retry-After, or GA4's quota) until this instant, or null. */
export function waitingUntil(status: ServiceStatus | undefined, now: Date): string | null {
  return status?.retryAfter && Date.parse(status.retryAfter) > now.getTime() ? status.retryAfter : null;
}
