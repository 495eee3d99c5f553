import { answerDatadog, freshDatadogData, isDatadogApi, type DatadogData } from './datadog';
import { answerGa4, freshGa4Data, isGa4Api, type Ga4Data } from './ga4';
import { answerNewRelic, freshNewRelicData, isNewRelicApi, type NewRelicData } from './newRelic';
import type { FakeRequest, FakeResponse } from './types';

/** The fake GA4, New Relic and Datadog together: what each keeps, and which requests are theirs. */
export interface ObservabilityData {
  /** The vendors' clock (ms since the epoch) when tests set one; else the request's own time. */
  clockMs: number | null;
  ga4: Ga4Data;
  newrelic: NewRelicData;
  datadog: DatadogData;
}

export function freshObservabilityData(): ObservabilityData {
  return { clockMs: null, ga4: freshGa4Data(), newrelic: freshNewRelicData(), datadog: freshDatadogData() };
}

/** Tests' settings for the three, merged over what is there (`mode: {}` clears an outage). */
export interface ObservabilityConfig {
  clockMs?: number | null;
  ga4?: Partial<Omit<Ga4Data, 'requests'>>;
  newrelic?: Partial<Omit<NewRelicData, 'metrics' | 'events' | 'queries'>>;
  datadog?: Partial<Omit<DatadogData, 'series' | 'events' | 'queries'>>;
}

export function configureObservability(data: ObservabilityData, config: ObservabilityConfig): ObservabilityData {
  if (config.clockMs !== undefined) data.clockMs = config.clockMs;
  Object.assign(data.ga4, config.ga4 ?? {});
  Object.assign(data.newrelic, config.newrelic ?? {});
  Object.assign(data.datadog, config.datadog ?? {});
  return data;
}

export function observabilityService(url: URL): 'ga4' | 'newrelic' | 'datadog' | null {
  if (isGa4Api(url)) return 'ga4';
  if (isNewRelicApi(url)) return 'newrelic';
  if (isDatadogApi(url)) return 'datadog';
  return null;
}

export function answerObservability(data: ObservabilityData, request: FakeRequest): FakeResponse | undefined {
  const req = data.clockMs === null ? request : { ...request, now: data.clockMs };
  switch (observabilityService(req.url)) {
    case 'ga4':
      return answerGa4(data.ga4, req);
    case 'newrelic':
      return answerNewRelic(data.newrelic, req);
    case 'datadog':
      return answerDatadog(data.datadog, req);
    default:
      return undefined;
  }
}

/**
 * Keys in the shapes setup's format checks accept (a New Relic license key ends in NRAL, a user key starts with
 * NRAK-, Datadog's are 32 and 40 hex digits): what the tests and the bench put in Script Properties.
 */
export const SAMPLE_OBSERVABILITY_KEYS = {
  NEW_RELIC_LICENSE_KEY: `${'a1b2c3d4e5f6'.repeat(3)}NRAL`,
  NEW_RELIC_USER_KEY: 'NRAK-ABCDEFGHIJKLMNOPQRSTUVWXYZ0',
  NEW_RELIC_ACCOUNT_ID: '1234567',
  NEW_RELIC_ENTITY_GUID: 'MTIzNDU2N3xBUE18QVBQTElDQVRJT058OTg3NjU0MzIx',
  DATADOG_API_KEY: '0123456789abcdef0123456789abcdef',
  DATADOG_APP_KEY: '0123456789abcdef0123456789abcdef01234567',
} as const;
