import type { FakeRequest, FakeResponse } from './types';

/**
 * How a vendor fake misbehaves, as tests steer it: an outage (5xx) or a rate limit (429 with Retry-After), for the
 * next `times` requests or until cleared.
 */
export interface VendorMode {
  outage?: { status: number; times?: number };
  rateLimit?: { retryAfter: number; times?: number };
}

/** The refusal the mode calls for, or undefined to answer normally; counts the request against `times`. */
export function vendorMode(
  mode: VendorMode,
  _req: FakeRequest,
  answer: (status: number, retryAfter: number) => FakeResponse,
): FakeResponse | undefined {
  if (mode.rateLimit) {
    const { retryAfter } = mode.rateLimit;
    if (mode.rateLimit.times !== undefined && --mode.rateLimit.times <= 0) delete mode.rateLimit;
    return answer(429, retryAfter);
  }
  if (mode.outage) {
    const { status } = mode.outage;
    if (mode.outage.times !== undefined && --mode.outage.times <= 0) delete mode.outage;
    return answer(status, 0);
  }
  return undefined;
}
