import { emulated, enumMember, refFromA1, type Ctx } from './context';
import type { ProtectionData } from './model';

/** Protections are recorded, not enforced: the local runtime has one user, the owner, who may edit anything. */
type Protection = GoogleAppsScript.Spreadsheet.Protection;

export function protectionObject(ctx: Ctx, sheetId: number, data: ProtectionData): Protection {
  let self: Protection;
  const change = (method: string, fn: () => void): Protection =>
    ctx.call(`Protection.${method}`, () => {
      fn();
      ctx.wb.touch();
      return self;
    });
  const target = {
    getProtectionType: () => enumMember<GoogleAppsScript.Spreadsheet.ProtectionType>(data.type),
    getDescription: () => data.description,
    setDescription: (d: unknown) => change('setDescription', () => (data.description = String(d ?? ''))),
    isWarningOnly: () => data.warningOnly,
    setWarningOnly: (w: unknown) => change('setWarningOnly', () => (data.warningOnly = Boolean(w))),
    getEditors: () => ctx.realmArray(data.editors.map((email) => emulated<GoogleAppsScript.Base.User>('User', { getEmail: () => email }, ctx.exec))),
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
    // A sheet's protection covers the whole sheet, and says so with a range spanning it.
    getRange: () => {
      const ref = data.range ? refFromA1(ctx, data.range, sheetId) : undefined;
      if (ref) return ctx.make.range(ref);
      const sheet = ctx.wb.requireSheet(sheetId);
      return ctx.make.range({ sheetId, row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols });
    },
    remove: () =>
      ctx.call('Protection.remove', () => {
        const sheet = ctx.wb.sheetById(sheetId);
        if (sheet) sheet.protections = sheet.protections.filter((p) => p !== data);
        ctx.wb.touch();
      }),
  } satisfies Pick<
    Protection,
    | 'getProtectionType'
    | 'getDescription'
    | 'setDescription'
    | 'isWarningOnly'
    | 'setWarningOnly'
    | 'getEditors'
    | 'addEditor'
    | 'addEditors'
    | 'removeEditor'
    | 'removeEditors'
    | 'canEdit'
    | 'canDomainEdit'
    | 'setDomainEdit'
    | 'getRange'
    | 'remove'
  >;
  self = emulated<Protection>('Protection', target, ctx.exec);
  return self;
}

function emailOf(user: unknown): string {
  if (typeof user === 'string') return user;
  const getter = (user as { getEmail?: () => string } | null)?.getEmail;
  return typeof getter === 'function' ? getter() : String(user);
}
