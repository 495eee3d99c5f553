import type { StateDir } from '../../runtime/state';
import { emulated, enumMember, enumObject, signatureError, type Ctx, type Implemented } from './context';
import { UiButton, UiButtonSet } from './enums';

/**
 * What the spreadsheet's UI would show, recorded in the "ui" slice for the CLI and the serve page: the custom
 * menus, toasts, and the last dialog or sidebar. Answers for alert/prompt can be queued ahead of a run
 * (queueUiAnswer); without one, alert answers the first button of its set and prompt answers CLOSE.
 */

export interface MenuItemRecord {
  caption: string;
  functionName?: string;
  separator?: true;
  subMenu?: MenuRecord;
}

export interface MenuRecord {
  name: string;
  items: MenuItemRecord[];
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
  at: string;
  /** The kind of execution that showed it; Apps Script shows nothing outside an open spreadsheet. */
  context: string;
}

export interface DialogRecord {
  kind: 'sidebar' | 'modal' | 'modeless' | 'alert' | 'prompt';
  title: string;
  html: string;
  width?: number;
  height?: number;
  at: string;
  /** The button the alert or prompt answered with. */
  answer?: string;
}

export interface UiAnswer {
  button?: string;
  text?: string;
}

interface UiState {
  menus: MenuRecord[];
  toasts: ToastRecord[];
  dialog: DialogRecord | null;
  dialogs: DialogRecord[];
  answers: UiAnswer[];
}

const MAX_RECORDS = 50;

function uiState(state: StateDir): UiState {
  const ui = state.slice<UiState>('ui', () => ({ menus: [], toasts: [], dialog: null, dialogs: [], answers: [] }));
  ui.menus ??= [];
  ui.toasts ??= [];
  ui.dialogs ??= [];
  ui.answers ??= [];
  return ui;
}

export function readUi(state: StateDir): { menus: MenuRecord[]; toasts: ToastRecord[]; dialog: DialogRecord | null } {
  const ui = uiState(state);
  return { menus: ui.menus, toasts: ui.toasts, dialog: ui.dialog ?? null };
}

/** Queues the answer the next alert or prompt gets (a person clicking YES, or typing into a prompt). */
export function queueUiAnswer(state: StateDir, answer: UiAnswer): void {
  uiState(state).answers.push(answer);
  state.touch('ui');
}

function keepLast<T>(list: T[]): void {
  if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
}

export function recordToast(ctx: Ctx, message: unknown, title: unknown, timeoutSeconds: unknown): void {
  const ui = uiState(ctx.exec.state);
  ui.toasts.push({
    message: String(message ?? ''),
    title: title === undefined || title === null ? '' : String(title),
    timeoutSeconds: timeoutSeconds === undefined ? 5 : Number(timeoutSeconds),
    at: new Date(ctx.exec.now()).toISOString(),
    context: ctx.exec.kind,
  });
  keepLast(ui.toasts);
  ctx.exec.state.touch('ui');
}

interface HtmlLike {
  getContent(): string;
  getTitle?(): string;
  getWidth?(): number;
  getHeight?(): number;
}

function asHtml(ctx: Ctx, method: string, value: unknown): HtmlLike {
  const v = value as Partial<HtmlLike> | null;
  if (!v || typeof v.getContent !== 'function') throw signatureError(ctx, `Ui.${method}`, [value]);
  return v as HtmlLike;
}

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type Button = GoogleAppsScript.Base.Button;

function buildMenu(ctx: Ctx, name: string, onAdd: ((menu: MenuRecord) => void) | undefined): Menu {
  const record: MenuRecord = { name, items: [] };
  let self: Menu;
  const target = {
    addItem: (caption: unknown, functionName: unknown) => {
      if (typeof caption !== 'string' || typeof functionName !== 'string') throw signatureError(ctx, 'Menu.addItem', [caption, functionName]);
      record.items.push({ caption, functionName });
      return self;
    },
    addSeparator: () => {
      record.items.push({ caption: '', separator: true });
      return self;
    },
    addSubMenu: (menu: unknown) => {
      const sub = menus.get(menu as object);
      if (!sub) throw signatureError(ctx, 'Menu.addSubMenu', [menu]);
      record.items.push({ caption: sub.name, subMenu: sub });
      return self;
    },
    addToUi: () => {
      if (!onAdd) throw ctx.error('A sub-menu cannot be added to the UI on its own.');
      onAdd(record);
    },
  } satisfies Implemented<Menu>;
  self = emulated<Menu>('Menu', target, ctx.exec);
  menus.set(self, record);
  return self;
}

const menus = new WeakMap<object, MenuRecord>();

/** Adds a menu to the menu bar, replacing one with the same name (Ui.Menu.addToUi, Spreadsheet.addMenu). */
export function recordMenu(state: StateDir, menu: MenuRecord): void {
  const ui = uiState(state);
  const copy = JSON.parse(JSON.stringify(menu)) as MenuRecord;
  const i = ui.menus.findIndex((m) => m.name === copy.name);
  if (i >= 0) ui.menus[i] = copy;
  else ui.menus.push(copy);
  state.touch('ui');
}

export function removeMenu(state: StateDir, name: string): void {
  const ui = uiState(state);
  ui.menus = ui.menus.filter((m) => m.name !== name);
  state.touch('ui');
}

export function uiObject(ctx: Ctx): Ui {
  const state = ctx.exec.state;
  const addMenu = (menu: MenuRecord): void => recordMenu(state, menu);
  const show = (record: Omit<DialogRecord, 'at'>): void => {
    const ui = uiState(state);
    const full: DialogRecord = { ...record, at: new Date(ctx.exec.now()).toISOString() };
    ui.dialog = full;
    ui.dialogs.push(full);
    keepLast(ui.dialogs);
    state.touch('ui');
  };
  const answer = (): UiAnswer | undefined => {
    const ui = uiState(state);
    const next = ui.answers.shift();
    if (next) state.touch('ui');
    return next;
  };
  const html = (method: string, kind: DialogRecord['kind'], output: unknown, title?: unknown): void => {
    const h = asHtml(ctx, method, output);
    const record: Omit<DialogRecord, 'at'> = { kind, title: title === undefined ? (h.getTitle?.() ?? '') : String(title), html: h.getContent() };
    const width = h.getWidth?.();
    const height = h.getHeight?.();
    if (typeof width === 'number') record.width = width;
    if (typeof height === 'number') record.height = height;
    show(record);
  };
  // alert(prompt) · alert(prompt, buttons) · alert(title, prompt, buttons); the same for prompt.
  const dialogArgs = (args: unknown[]): { title: string; text: string; buttons: string } => {
    if (args.length >= 3) return { title: String(args[0]), text: String(args[1]), buttons: String(args[2]) };
    if (args.length === 2 && typeof args[1] === 'string' && args[1] in UiButtonSet) return { title: '', text: String(args[0]), buttons: args[1] };
    if (args.length === 2) return { title: String(args[0]), text: String(args[1]), buttons: 'OK' };
    return { title: '', text: String(args[0] ?? ''), buttons: 'OK' };
  };
  const target = {
    Button: enumObject<typeof GoogleAppsScript.Base.Button>(UiButton),
    ButtonSet: enumObject<typeof GoogleAppsScript.Base.ButtonSet>(UiButtonSet),
    createMenu: (caption: unknown) => buildMenu(ctx, String(caption), addMenu),
    createAddonMenu: () => buildMenu(ctx, 'Add-on', addMenu),
    showSidebar: (output: unknown) => html('showSidebar', 'sidebar', output),
    showModalDialog: (output: unknown, title: unknown) => html('showModalDialog', 'modal', output, title),
    showModelessDialog: (output: unknown, title: unknown) => html('showModelessDialog', 'modeless', output, title),
    alert: (...args: unknown[]) => {
      const { title, text, buttons } = dialogArgs(args);
      const queued = answer();
      const button = queued?.button ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
      show({ kind: 'alert', title, html: text, answer: button });
      return enumMember<Button>(button);
    },
    prompt: (...args: unknown[]) => {
      const { title, text, buttons } = dialogArgs(args);
      const queued = answer();
      const button = queued?.button ?? (queued ? (buttons.startsWith('YES') ? 'YES' : 'OK') : 'CLOSE');
      const responseText = queued?.text ?? '';
      show({ kind: 'prompt', title, html: text, answer: button });
      return emulated<GoogleAppsScript.Base.PromptResponse>(
        'PromptResponse',
        { getResponseText: () => responseText, getSelectedButton: () => enumMember<Button>(button) },
        ctx.exec,
      );
    },
  } satisfies Implemented<Ui>;
  return emulated<Ui>('Ui', target, ctx.exec);
}
