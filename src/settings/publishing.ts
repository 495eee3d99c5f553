import { parse, setting, SettingValueError } from './spec';

/**
 * Where the weekly report is published besides the email, and whether the email carries it as files. The tokens
 * are Script Properties (NOTION_TOKEN, CONFLUENCE_EMAIL, CONFLUENCE_API_TOKEN); these say where, and an empty value
 * turns a destination off.
 */
export const NOTION_PARENT = setting(
  'NOTION_PARENT',
  '',
  'Notion page or database (its URL or id) the weekly report pages go under; shared with the integration. Empty: not published to Notion',
  parse.text,
);

/** `https://team.atlassian.net` — a trailing `/wiki` or slash is dropped, so a URL copied from the browser works. */
export const CONFLUENCE_BASE_URL = setting(
  'CONFLUENCE_BASE_URL',
  '',
  'Confluence Cloud site, e.g. https://team.atlassian.net. Empty: not published to Confluence',
  (text: string): string => {
    const t = text.trim();
    if (t === '') return '';
    if (!/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s?#]*)?$/i.test(t))
      throw new SettingValueError('it must be an https URL such as https://team.atlassian.net');
    return t.replace(/\/+$/, '').replace(/\/wiki$/i, '');
  },
);

const numericId = (what: string) => (text: string) => {
  const t = text.trim();
  if (t !== '' && !/^\d+$/.test(t)) throw new SettingValueError(`it must be the ${what}'s numeric id (empty for none)`);
  return t;
};

export const CONFLUENCE_SPACE_ID = setting(
  'CONFLUENCE_SPACE_ID',
  '',
  'Numeric id of the Confluence space the weekly report pages go in',
  numericId('space'),
);
export const CONFLUENCE_PARENT_ID = setting(
  'CONFLUENCE_PARENT_ID',
  '',
  'Numeric id of the Confluence page the weekly report pages go under (empty: the top of the space)',
  numericId('page'),
);
export const WEEKLY_ATTACHMENTS = setting(
  'WEEKLY_ATTACHMENTS',
  'TRUE',
  'TRUE: the weekly email carries the report as a PDF and the week’s KPI rows as CSV',
  parse.boolean,
);

export const PUBLISHING_SETTINGS = [NOTION_PARENT, CONFLUENCE_BASE_URL, CONFLUENCE_SPACE_ID, CONFLUENCE_PARENT_ID, WEEKLY_ATTACHMENTS];
