import { InputError } from '../errors';

/**
 * Discord interactions as the web app receives them from the gateway, which has already checked their Ed25519
 * signature, answered PING and opened the `/progress update` form. Left for the web app: `/progress kpi`,
 * `/progress team`, `/progress report [member]`, `/progress blocker <text>` and the form's submission, each answered
 * by editing the gateway's deferred response. Types from discord.com/developers/docs/interactions/receiving-and-responding.
 */

export const INTERACTION_TYPE = { ping: 1, command: 2, component: 3, autocomplete: 4, modalSubmit: 5 } as const;
/** The form `/progress update` opens; the gateway builds it with these ids (gateway/src/discord.ts). */
export const PROGRESS_FORM_ID = 'shinchoku:progress';

interface Base {
  id: string;
  token: string;
  applicationId: string;
  userId: string;
  userName: string;
}

export type DiscordRequest =
  | (Base & { kind: 'kpi' | 'team' })
  | (Base & { kind: 'blocker'; text: string })
  /** `/progress report [member]`: whose progress, by Discord user id (the caller's when no member was picked). */
  | (Base & { kind: 'progress'; memberId: string; memberName: string })
  /** The form's answers by input id (see discordForm.ts), read against the questions it asked. */
  | (Base & { kind: 'report'; values: Map<string, string> });

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** A form's text inputs by custom_id: action rows of inputs, or the newer label components that hold one each. */
function formValues(components: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (c: unknown) => {
    const o = obj(c);
    if (typeof o['custom_id'] === 'string' && typeof o['value'] === 'string') out.set(o['custom_id'], o['value']);
    if (Array.isArray(o['components'])) o['components'].forEach(visit);
    if (o['component']) visit(o['component']);
  };
  if (Array.isArray(components)) components.forEach(visit);
  return out;
}

export function parseDiscordInteraction(body: string): DiscordRequest {
  let value: Json;
  try {
    value = obj(JSON.parse(body));
  } catch {
    throw new InputError('the Discord interaction is not JSON');
  }
  const user = obj(obj(value['member'])['user'] ?? value['user']);
  const base: Base = {
    id: str(value['id']),
    token: str(value['token']),
    applicationId: str(value['application_id']),
    userId: str(user['id']),
    userName: str(user['global_name']) || str(user['username']),
  };
  if (!base.id || !base.token || !base.applicationId) throw new InputError('the Discord interaction has no id, token or application_id');
  if (!base.userId) throw new InputError('the Discord interaction names no user');
  const data = obj(value['data']);
  if (value['type'] === INTERACTION_TYPE.command) {
    if (data['name'] !== 'progress') throw new InputError(`unknown Discord command "/${str(data['name'])}": expected /progress`);
    const sub = obj(Array.isArray(data['options']) ? data['options'][0] : undefined);
    const name = str(sub['name']);
    if (name === 'kpi' || name === 'team') return { ...base, kind: name };
    if (name === 'report') {
      // A user option's value is the picked user's id; Discord resolves the user (and their server nickname) beside it.
      const option = (Array.isArray(sub['options']) ? sub['options'] : []).map(obj).find((o) => o['name'] === 'member');
      const picked = str(option?.['value']);
      if (!picked) return { ...base, kind: 'progress', memberId: base.userId, memberName: base.userName };
      const resolved = obj(data['resolved']);
      const user = obj(obj(resolved['users'])[picked]);
      const nick = str(obj(obj(resolved['members'])[picked])['nick']);
      return { ...base, kind: 'progress', memberId: picked, memberName: nick || str(user['global_name']) || str(user['username']) || picked };
    }
    if (name === 'blocker') {
      const option = (Array.isArray(sub['options']) ? sub['options'] : []).map(obj).find((o) => o['name'] === 'text');
      const text = str(option?.['value']).trim();
      if (!text) throw new InputError('/progress blocker needs a text: what blocks you');
      return { ...base, kind: 'blocker', text };
    }
    throw new InputError(`unknown subcommand "/progress ${name}": expected update, kpi, team, report or blocker`);
  }
  if (value['type'] === INTERACTION_TYPE.modalSubmit) {
    if (data['custom_id'] !== PROGRESS_FORM_ID) throw new InputError(`unknown Discord form "${str(data['custom_id'])}"`);
    return { ...base, kind: 'report', values: formValues(data['components']) };
  }
  throw new InputError(`Discord interaction type ${String(value['type'])} is not one the web app answers (the gateway answers PING)`);
}
