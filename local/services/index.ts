import type { ServiceFactory } from '../runtime/api';
import { spreadsheetService } from './spreadsheet';
import { urlFetchService } from './urlfetch';
import { mailService } from './mail';
import { propertiesService } from './properties';
import { cacheService } from './cache';
import { lockService } from './lock';
import { scriptAppService } from './script';
import { utilitiesService } from './utilities';
import { contentService } from './content';
import { htmlService } from './html';
import { sessionService } from './session';
import { loggerService } from './logger';
import { calendarService } from './calendar';
import { bigQueryService } from './bigQuery';
import { sheetsAdvancedService } from './sheets';

/** Every Apps Script global the local runtime provides; anything else is absent, as in a bare V8 context. */
export const SERVICES: readonly ServiceFactory[] = [
  spreadsheetService,
  urlFetchService,
  mailService,
  propertiesService,
  cacheService,
  lockService,
  scriptAppService,
  utilitiesService,
  contentService,
  htmlService,
  sessionService,
  loggerService,
  calendarService,
  bigQueryService,
  sheetsAdvancedService,
];

/** The advanced services the runtime emulates, by the `userSymbol` a manifest enables them under. */
const ADVANCED: ReadonlyMap<ServiceFactory, string> = new Map([
  [bigQueryService, 'BigQuery'],
  [sheetsAdvancedService, 'Sheets'],
]);

/**
 * The services of a project whose manifest enables `advanced` (the userSymbols of
 * `dependencies.enabledAdvancedServices`): an advanced service the manifest does not enable is absent, as in Apps
 * Script. Without a list every emulated service is installed (tests that do not model the manifest).
 */
export function servicesFor(advanced?: readonly string[]): readonly ServiceFactory[] {
  if (!advanced) return SERVICES;
  return SERVICES.filter((factory) => {
    const symbol = ADVANCED.get(factory);
    return symbol === undefined || advanced.includes(symbol);
  });
}

/** The userSymbols a manifest enables (`dependencies.enabledAdvancedServices`). */
export function enabledAdvancedServices(manifest: { dependencies?: unknown }): string[] {
  const services =
    (manifest.dependencies as { enabledAdvancedServices?: Array<{ userSymbol?: unknown }> } | undefined)?.enabledAdvancedServices ?? [];
  return services.map((s) => String(s.userSymbol ?? '')).filter((s) => s !== '');
}
