import { ConfigError } from '../errors';

/**
 * Where each monitoring vendor lives. New Relic keeps US and EU accounts in separate data centres, and a key
 * of one is refused by the other; Datadog has one API host per site. The names are the ones each vendor's
 * documentation uses, so a team copies them from its own account page.
 */
export type NewRelicRegion = 'US' | 'EU';

export const NEW_RELIC_HOSTS: Record<NewRelicRegion, { metrics: string; events: string; graphql: string }> = {
  US: {
    metrics: 'https://metric-api.newrelic.com/metric/v1',
    events: 'https://insights-collector.newrelic.com/v1/accounts/{account}/events',
    graphql: 'https://api.newrelic.com/graphql',
  },
  EU: {
    metrics: 'https://metric-api.eu.newrelic.com/metric/v1',
    events: 'https://insights-collector.eu01.nr-data.net/v1/accounts/{account}/events',
    graphql: 'https://api.eu.newrelic.com/graphql',
  },
};

/** The Datadog sites whose API host follows `api.<site>` (docs.datadoghq.com/getting_started/site). */
export const DATADOG_SITES = ['datadoghq.com', 'datadoghq.eu', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com'] as const;
export type DatadogSite = (typeof DATADOG_SITES)[number];

export function datadogApi(site: DatadogSite): string {
  return `https://api.${site}`;
}

/** New Relic account ids are whole numbers; the GraphQL API takes them as Int. */
export function newRelicAccountId(text: string): number {
  const trimmed = text.trim();
  if (!/^\d{1,12}$/.test(trimmed)) throw new ConfigError(`Script Property NEW_RELIC_ACCOUNT_ID is "${trimmed}", but it must be the account's number`);
  return Number(trimmed);
}

/** An entity GUID is base64 of `account|domain|type|id`; it goes into NRQL, so only its own alphabet is let through. */
export function newRelicEntityGuid(text: string): string {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/=_-]{8,200}$/.test(trimmed))
    throw new ConfigError("Script Property NEW_RELIC_ENTITY_GUID is not an entity GUID (the letters and digits shown on the entity's page)");
  return trimmed;
}
