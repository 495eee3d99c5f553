import { DEFAULT_KEY_EVENTS, propertyIdOf } from '../domain/analytics/ga4';
import { DATADOG_SITES } from '../domain/monitoring/vendors';
import { parse, setting, SettingValueError } from './spec';

/**
 * Google Analytics 4, New Relic and Datadog. Only identifiers and places live here; the keys are Script
 * Properties (src/app/properties.ts). A service whose id or keys are empty is not configured, and its job says so.
 */
export const GA4_PROPERTY_ID = setting(
  'GA4_PROPERTY_ID',
  '',
  'Google Analytics 4 property id (Admin ▸ Property details, a number); empty: GA4 is not used',
  (text): string | null => {
    if (text.trim() === '') return null;
    const id = propertyIdOf(text);
    if (!id) throw new SettingValueError("it must be the property's number, such as 123456789");
    return id;
  },
);
export const GA4_KEY_EVENTS = setting(
  'GA4_KEY_EVENTS',
  DEFAULT_KEY_EVENTS.join(', '),
  'GA4 key events (event names) counted per day in Analytics, separated by commas',
  (text): string[] => {
    const list = parse.list(text);
    const bad = list.filter((e) => !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(e));
    if (bad.length > 0)
      throw new SettingValueError(`these are not GA4 event names (a letter, then letters, digits or _; 40 at most): ${bad.join(', ')}`);
    if (list.length === 0) throw new SettingValueError('it must name at least one event');
    return list;
  },
);
export const NEW_RELIC_REGION = setting('NEW_RELIC_REGION', 'US', "New Relic account's data center: US or EU", parse.oneOf('US', 'EU'));
export const DATADOG_SITE = setting('DATADOG_SITE', 'datadoghq.com', `Datadog site of the organization: ${DATADOG_SITES.join(', ')}`, (text) =>
  parse.oneOf(...DATADOG_SITES)(text.replace(/^https?:\/\/(app\.|api\.)?/, '').replace(/\/.*$/, '')),
);
export const DATADOG_SCOPE = setting(
  'DATADOG_SCOPE',
  '*',
  'Datadog tags that select the application in the health query, e.g. service:web,env:prod (* for all)',
  (text) => {
    if (!/^(\*|[A-Za-z0-9_.:/!-]+(,[A-Za-z0-9_.:/!-]+)*)$/.test(text.replace(/\s+/g, '')))
      throw new SettingValueError('it must be * or tags such as service:web,env:prod');
    return text.replace(/\s+/g, '');
  },
);
export const ANALYTICS_TIME = setting('ANALYTICS_TIME', '11:00', 'Time syncAnalytics reads GA4 into Analytics, HH:mm (every day)', parse.time);
export const MONITORING_TIME = setting(
  'MONITORING_TIME',
  '23:45',
  "Time syncMonitoring pushes the day's KPIs and reads Service Health, HH:mm (every day, after KPI_TIME)",
  parse.time,
);

export const OBSERVABILITY_SETTINGS = [
  GA4_PROPERTY_ID,
  GA4_KEY_EVENTS,
  ANALYTICS_TIME,
  NEW_RELIC_REGION,
  DATADOG_SITE,
  DATADOG_SCOPE,
  MONITORING_TIME,
];
