import { apiObject, refFromA1, type Ctx } from './context';
import type { ProtectionData } from './model';

/** Protections are recorded, not enforced: the local runtime has one user, the owner, who may edit anything. */
export function protectionObject(ctx: Ctx, sheetId: number, data: ProtectionData): object {
  let self: object;
  const change = (method: string, fn: () => void): object =>
    ctx.call(`Protection.${method}`, () => {
      fn();
      ctx.wb.touch();
      return self;
    });
  const target = {
    getProtectionType: () => data.type,
    getDescription: () => data.description,
    setDescription: (d: unknown) => change('setDescription', () => (data.description = String(d ?? ''))),
    isWarningOnly: () => data.warningOnly,
    setWarningOnly: (w: unknown) => change('setWarningOnly', () => (data.warningOnly = Boolean(w))),
    getEditors: () => ctx.realmArray(data.editors.map((email) => apiObject('User', { getEmail: () => email }, ctx.exec))),
    addEditor: (e: unknown) => change('addEditor', () => data.editors.push(emailOf(e))),
    addEditors: (list: unknown) => change('addEditors', () => data.editors.push(...(Array.isArray(list) ? list.map(emailOf) : []))),
    removeEditor: (e: unknown) => change('removeEditor', () => (data.editors = data.editors.filter((x) => x !== emailOf(e)))),
    removeEditors: (list: unknown) =>
      change('removeEditors', () => {
        const gone = new Set(Array.isArray(list) ? list.map(emailOf) : []);
        data.editors = data.editors.filter((x) => !gone.has(x));
      }),
    canEdit: () => true,
    canDomainEdit: () => false,
    setDomainEdit: () => self,
    getRange: () => {
      const ref = data.range ? refFromA1(ctx, data.range, sheetId) : undefined;
      return ref ? ctx.make.range(ref) : null;
    },
    remove: () =>
      ctx.call('Protection.remove', () => {
        const sheet = ctx.wb.sheetById(sheetId);
        if (sheet) sheet.protections = sheet.protections.filter((p) => p !== data);
        ctx.wb.touch();
      }),
  };
  self = apiObject('Protection', target, ctx.exec);
  return self;
}

function emailOf(user: unknown): string {
  if (typeof user === 'string') return user;
  const getter = (user as { getEmail?: () => string } | null)?.getEmail;
  return typeof getter === 'function' ? getter() : String(user);
}
