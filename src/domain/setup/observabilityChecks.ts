import { runReportUrl } from '../analytics/ga4';
import type { Language } from '../messages';
import { datadogApi, NEW_RELIC_HOSTS, type DatadogSite, type NewRelicRegion } from '../monitoring/vendors';
import type { SetupField } from './fields';
import type { CheckResponse, CheckResult, LiveCheck, Service } from './liveChecks';
import { setupText } from './messages';

/**
 * The sidebar's live checks of GA4, New Relic and Datadog: for each key, the cheapest call that proves it works
 * and sends nothing anyone sees — a one-row GA4 report, an empty New Relic metric batch, NerdGraph's account name,
 * Datadog's key validation and a one-minute metric query.
 */
export interface ObservabilityCheckInputs {
  ga4?: { token: string; propertyId: string };
  newrelic?: { region: NewRelicRegion; licenseKey: string | null; userKey: string | null; accountId: string | null };
  datadog?: { site: DatadogSite; apiKey: string; appKey: string | null; nowMs: number };
}

function parsed(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What the vendor said: Google's error.message, New Relic's error or errors[0].message, Datadog's errors[0]. */
function said(response: CheckResponse): string {
  const body = parsed(response.text);
  const error = body?.['error'];
  const errors = body?.['errors'];
  const first: unknown = Array.isArray(errors) ? errors[0] : null;
  const text =
    (error && typeof error === 'object' ? String((error as Record<string, unknown>)['message'] ?? '') : typeof error === 'string' ? error : '') ||
    (typeof first === 'string' ? first : first && typeof first === 'object' ? String((first as Record<string, unknown>)['message'] ?? '') : '') ||
    response.text.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || '(empty)';
}

function check(
  service: Service,
  field: SetupField,
  request: LiveCheck['request'],
  read: (r: CheckResponse, fail: (m: string) => CheckResult) => CheckResult,
): LiveCheck {
  return { service, field, request, read: (r) => read(r, (message) => ({ service, ok: false, field, message })) };
}

export function observabilityChecks(inputs: ObservabilityCheckInputs, language: Language): LiveCheck[] {
  const out: LiveCheck[] = [];
  const http = (service: string, r: CheckResponse) => setupText('httpError', language, { service, status: r.status, message: said(r) });
  if (inputs.ga4) {
    const { propertyId, token } = inputs.ga4;
    out.push(
      check(
        'GA4',
        'GA4_PROPERTY_ID',
        {
          url: runReportUrl(propertyId),
          method: 'post',
          headers: { Authorization: `Bearer ${token}` },
          json: { dateRanges: [{ startDate: 'yesterday', endDate: 'yesterday' }], metrics: [{ name: 'activeUsers' }], limit: '1' },
        },
        (r, fail) => {
          if (r.status === 200)
            return { service: 'GA4', ok: true, field: 'GA4_PROPERTY_ID', message: setupText('ga4Ok', language, { property: propertyId }) };
          if (/ACCESS_TOKEN_SCOPE_INSUFFICIENT|insufficient authentication scopes/i.test(r.text)) return fail(setupText('ga4Scope', language));
          if (r.status === 403 || r.status === 404 || r.status === 400)
            return fail(setupText('ga4Denied', language, { property: propertyId, message: said(r) }));
          return fail(http('GA4', r));
        },
      ),
    );
  }
  if (inputs.newrelic) {
    const { region, licenseKey, userKey, accountId } = inputs.newrelic;
    const hosts = NEW_RELIC_HOSTS[region];
    if (licenseKey) {
      out.push(
        check(
          'New Relic',
          'NEW_RELIC_LICENSE_KEY',
          { url: hosts.metrics, method: 'post', headers: { 'Api-Key': licenseKey }, json: [{ metrics: [] }] },
          (r, fail) => {
            if (r.status === 202 || r.status === 200)
              return { service: 'New Relic', ok: true, field: 'NEW_RELIC_LICENSE_KEY', message: setupText('newRelicIngestOk', language, { region }) };
            if (r.status === 401 || r.status === 403) return fail(setupText('newRelicRejected', language, { message: said(r) }));
            return fail(http('New Relic', r));
          },
        ),
      );
    }
    if (userKey && accountId) {
      out.push(
        check(
          'New Relic',
          'NEW_RELIC_USER_KEY',
          {
            url: hosts.graphql,
            method: 'post',
            headers: { 'API-Key': userKey },
            json: { query: 'query($accountId: Int!) { actor { account(id: $accountId) { id name } } }', variables: { accountId: Number(accountId) } },
          },
          (r, fail) => {
            if (r.status === 401 || r.status === 403) return fail(setupText('newRelicRejected', language, { message: said(r) }));
            const body = parsed(r.text);
            const account = ((body?.['data'] as { actor?: { account?: { name?: unknown } | null } } | undefined)?.actor?.account ?? null) as {
              name?: unknown;
            } | null;
            if (r.status === 200 && account)
              return {
                service: 'New Relic',
                ok: true,
                field: 'NEW_RELIC_USER_KEY',
                message: setupText('newRelicUserOk', language, { name: String(account.name ?? accountId) }),
              };
            if (r.status === 200)
              return { ...fail(setupText('newRelicAccount', language, { account: accountId, message: said(r) })), field: 'NEW_RELIC_ACCOUNT_ID' };
            return fail(http('New Relic', r));
          },
        ),
      );
    }
  }
  if (inputs.datadog) {
    const { site, apiKey, appKey, nowMs } = inputs.datadog;
    const base = datadogApi(site);
    out.push(
      check('Datadog', 'DATADOG_API_KEY', { url: `${base}/api/v1/validate`, method: 'get', headers: { 'DD-API-KEY': apiKey } }, (r, fail) => {
        if (r.status === 200 && parsed(r.text)?.['valid'] === true)
          return { service: 'Datadog', ok: true, field: 'DATADOG_API_KEY', message: setupText('datadogApiOk', language, { site }) };
        if (r.status === 403 || r.status === 401 || r.status === 200) return fail(setupText('datadogRejected', language, { message: said(r) }));
        return fail(http('Datadog', r));
      }),
    );
    if (appKey) {
      const to = Math.floor(nowMs / 1000);
      const query = encodeURIComponent('avg:system.cpu.user{*}');
      out.push(
        check(
          'Datadog',
          'DATADOG_APP_KEY',
          {
            url: `${base}/api/v1/query?from=${to - 60}&to=${to}&query=${query}`,
            method: 'get',
            headers: { 'DD-API-KEY': apiKey, 'DD-APPLICATION-KEY': appKey },
          },
          (r, fail) => {
            if (r.status === 200) return { service: 'Datadog', ok: true, field: 'DATADOG_APP_KEY', message: setupText('datadogAppOk', language) };
            if (r.status === 403 || r.status === 401) return fail(setupText('datadogRejected', language, { message: said(r) }));
            return fail(http('Datadog', r));
          },
        ),
      );
    }
  }
  return out;
}
