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
];
