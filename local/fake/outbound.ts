import type { StateDir } from '../runtime/state';

/** One request the built-in fake received, as `local outbound` lists it. Secrets are never stored. */
export interface OutboundRecord {
  at: string;
  method: string;
  url: string;
  /** Lower-cased names; Authorization and other token-like headers read "<redacted>". */
  headers: Record<string, string>;
  /** Parsed JSON (or form fields) when the body is JSON (or form-encoded), else the text. */
  body: unknown;
  /** Which fake answered: 'slack' | 'discord' | 'github'. */
  service: string;
  status: number;
}

const SLICE = 'outbound';
export const REDACTED = '<redacted>';
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|signature|api[-_]?key|password/i;
const SECRET_FIELD = /^(token|client_secret|password|secret)$/i;

export function outbound(state: StateDir): OutboundRecord[] {
  return state.slice<OutboundRecord[]>(SLICE, () => []);
}

export function record(state: StateDir, entry: OutboundRecord): void {
  outbound(state).push(entry);
  state.touch(SLICE);
}

/** Everything the fake Slack, Discord and GitHub received, oldest first (for the CLI and tests). */
export function readOutbound(state: StateDir): OutboundRecord[] {
  return outbound(state).map((r) => ({ ...r }));
}

export function redactHeaders(headers: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name.toLowerCase()] = SECRET_HEADER.test(name) ? REDACTED : value;
  return out;
}

/** The body as data: JSON parsed, form fields split; token-like fields redacted either way. */
export function bodyAsData(text: string, contentType: string): unknown {
  if (text === '') return null;
  if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
    try {
      return redactFields(JSON.parse(text) as unknown);
    } catch {
      return text;
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) {
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) fields[k] = SECRET_FIELD.test(k) ? REDACTED : v;
    return fields;
  }
  return text;
}

function redactFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELD.test(k) && typeof v === 'string' ? REDACTED : v;
  return out;
}
