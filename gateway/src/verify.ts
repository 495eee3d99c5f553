/**
 * Each sender's own proof, checked with WebCrypto (HMAC-SHA256, Ed25519): pure functions of the request's bytes,
 * its headers, a secret and the clock, so the tests run them in workerd against the vendors' documented examples.
 */

const encoder = new TextEncoder();

/** Slack and the gateway's own forward refuse a request signed more than this far from now. */
export const WINDOW_SECONDS = 300;

export function hexToBytes(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** WebCrypto's verify compares in constant time: a caller cannot learn the signature byte by byte. */
async function hmacMatches(secret: string, message: string, hexSignature: string): Promise<boolean> {
  const signature = hexToBytes(hexSignature);
  if (!signature || signature.length !== 32) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), signature, encoder.encode(message));
}

export async function hmacHex(secret: string, message: string): Promise<string> {
  return bytesToHex(await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(message)));
}

export type Verdict = { ok: true } | { ok: false; reason: string };
const refuse = (reason: string): Verdict => ({ ok: false, reason });
const OK: Verdict = { ok: true };

function staleness(timestamp: string | null, nowSeconds: number): string | null {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing or malformed timestamp';
  const skew = Math.abs(nowSeconds - Number(timestamp));
  return skew > WINDOW_SECONDS ? `stale timestamp: ${Math.round(skew)} s off, more than ${WINDOW_SECONDS} s` : null;
}

/** Slack: `v0=` HMAC-SHA256 of `v0:{X-Slack-Request-Timestamp}:{raw body}` with the signing secret, within 300 s. */
export async function verifySlack(
  secret: string,
  timestamp: string | null,
  signature: string | null,
  body: string,
  nowSeconds: number,
): Promise<Verdict> {
  const stale = staleness(timestamp, nowSeconds);
  if (stale) return refuse(stale);
  if (!signature?.startsWith('v0=')) return refuse('missing X-Slack-Signature');
  return (await hmacMatches(secret, `v0:${timestamp}:${body}`, signature.slice(3))) ? OK : refuse('wrong X-Slack-Signature');
}

/** GitHub: `sha256=` HMAC-SHA256 of the raw body with the webhook secret (no timestamp: the delivery id dedupes). */
export async function verifyGitHub(secret: string, signature: string | null, body: string): Promise<Verdict> {
  if (!signature?.startsWith('sha256=')) return refuse('missing X-Hub-Signature-256');
  return (await hmacMatches(secret, body, signature.slice(7))) ? OK : refuse('wrong X-Hub-Signature-256');
}

/** Equal strings, compared in time that does not depend on where they differ (digests first: equal lengths). */
export async function secretEquals(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([presented, expected].map((s) => crypto.subtle.digest('SHA-256', encoder.encode(s))));
  return expected !== '' && crypto.subtle.timingSafeEqual(a as ArrayBuffer, b as ArrayBuffer);
}

/** GitLab: the hook's secret token, sent as is in X-Gitlab-Token. */
export async function verifyGitLab(token: string, presented: string | null): Promise<Verdict> {
  if (!presented) return refuse('missing X-Gitlab-Token');
  return (await secretEquals(presented, token)) ? OK : refuse('wrong X-Gitlab-Token');
}

/**
 * Discord: Ed25519 over `{X-Signature-Timestamp}{raw body}` with the application's public key (hex). Discord asks
 * only for the signature; the 300 s window is ours, so a captured interaction cannot be replayed later.
 */
export async function verifyDiscord(
  publicKeyHex: string,
  timestamp: string | null,
  signature: string | null,
  body: string,
  nowSeconds: number,
): Promise<Verdict> {
  const stale = staleness(timestamp, nowSeconds);
  if (stale) return refuse(stale);
  const key = hexToBytes(publicKeyHex);
  const sig = signature ? hexToBytes(signature) : null;
  if (!key || key.length !== 32) return refuse('DISCORD_PUBLIC_KEY is not a 32-byte hex key');
  if (!sig || sig.length !== 64) return refuse('missing or malformed X-Signature-Ed25519');
  const publicKey = await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
  return (await crypto.subtle.verify('Ed25519', publicKey, sig, encoder.encode(`${timestamp}${body}`))) ? OK : refuse('wrong X-Signature-Ed25519');
}
