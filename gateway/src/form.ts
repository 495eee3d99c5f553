import { isProgressForm, progressForm, type Language, type ProgressForm } from './discord';
import { forward } from './forward';

/**
 * The team's Discord form (its Questions), which `/progress update` must answer with inside Discord's 3 seconds.
 * The web app builds it (a signed forward of source `questions`); the Worker keeps it in the Workers Cache API and
 * answers from there, refreshing it in the background (ctx.waitUntil) once it is 10 minutes old. With nothing
 * cached it asks the web app and waits FORM_TIMEOUT_MS at most; past that, or when the web app fails, Discord gets
 * the default form, and the answer still on its way fills the cache for the next person.
 */

export interface FormEnv {
  WEB_APP_URL: string;
  GATEWAY_SECRET?: string;
  FORM_TIMEOUT_MS?: string;
}

/** Fresh for 10 minutes; then served while a newer one is fetched. */
export const FORM_FRESH_SECONDS = 600;
/** Past an hour it is not served at all: the next person waits for the web app (or gets the default form). */
const FORM_KEEP_SECONDS = 3600;
/** Discord gives 3 s for the whole answer; the web app's round trip (POST, then its 302's GET) gets two of them. */
const DEFAULT_TIMEOUT_MS = 2000;

interface Stored {
  form: ProgressForm;
  storedAt: number;
}

/**
 * The same, in the isolate's memory: the Cache API does nothing on *.workers.dev (only a custom domain has a
 * functional cache), and a warm isolate then still answers without a round trip.
 */
let memo: (Stored & { key: string }) | null = null;
let refreshing: Promise<unknown> | null = null;

const cacheKey = (env: FormEnv) => `https://shinchoku-gateway.cache/progress-form?app=${encodeURIComponent(env.WEB_APP_URL)}`;

function timeoutOf(env: FormEnv): number {
  const ms = Number(env.FORM_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 2800) : DEFAULT_TIMEOUT_MS;
}

async function fromCache(key: string): Promise<Stored | null> {
  try {
    const hit = await caches.default.match(key);
    if (!hit) return null;
    const stored = (await hit.json()) as Stored;
    return isProgressForm(stored.form) && typeof stored.storedAt === 'number' ? stored : null;
  } catch {
    return null;
  }
}

/** Asks the web app for the form and keeps it; null when the web app failed or answered something else. */
async function fetchForm(env: FormEnv, key: string): Promise<ProgressForm | null> {
  const envelope = {
    source: 'questions' as const,
    event: '',
    delivery: crypto.randomUUID(),
    contentType: 'application/json',
    body: '',
    authorization: '',
  };
  const reply = await forward(env.WEB_APP_URL, env.GATEWAY_SECRET ?? '', envelope, Math.floor(Date.now() / 1000));
  if (!reply.ok) return null;
  let form: unknown;
  try {
    form = (JSON.parse(reply.body) as { form?: unknown }).form;
  } catch {
    return null;
  }
  if (!isProgressForm(form)) return null;
  const stored: Stored = { form, storedAt: Date.now() };
  memo = { ...stored, key };
  try {
    const response = new Response(JSON.stringify(stored), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': `max-age=${FORM_KEEP_SECONDS}` },
    });
    await caches.default.put(key, response);
  } catch {
    // The isolate's copy still serves; the next refresh tries the cache again.
  }
  return form;
}

/** The form to open now: the cached one, the web app's if it answers in time, or the default. */
export async function progressFormFor(env: FormEnv, ctx: ExecutionContext, language: Language): Promise<ProgressForm> {
  const key = cacheKey(env);
  const now = Date.now();
  const kept = memo?.key === key && now - memo.storedAt < FORM_KEEP_SECONDS * 1000 ? memo : await fromCache(key);
  if (kept) {
    if (now - kept.storedAt > FORM_FRESH_SECONDS * 1000 && !refreshing) {
      refreshing = fetchForm(env, key)
        .catch(() => null)
        .finally(() => (refreshing = null));
      ctx.waitUntil(refreshing);
    }
    return kept.form;
  }
  const asking = fetchForm(env, key).catch(() => null);
  let timer: number | null = null;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutOf(env))));
  const first = await Promise.race([asking, late]);
  clearTimeout(timer);
  if (first !== 'late' && first !== null) return first;
  // Too slow for this member: the default form now, and the team's form cached for the next one.
  if (first === 'late') ctx.waitUntil(asking);
  return progressForm(language);
}
