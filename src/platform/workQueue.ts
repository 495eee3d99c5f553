import { MAX_PROPERTY_VALUE_BYTES, utf8Length } from '../domain/propertyLimits';

/**
 * A durable queue of small work items in Script Properties, one property per item. Adding costs one property write
 * (60 ms in the cost table, against 60 per Spreadsheet call and no lock needed), which keeps a Slack answer inside
 * its 3 seconds; the queue processor reads them with the properties it reads anyway.
 */
export interface QueuedItem {
  key: string;
  value: string;
}

export interface WorkQueue {
  /** Stores an item, or returns false when it is too large for one property (9 KB): the caller does it at once. */
  add(value: string, now: Date): boolean;
  /** The items in a set of Script Properties already read, oldest first. */
  pending(properties: Readonly<Record<string, string>>): QueuedItem[];
  replace(key: string, value: string): boolean;
  remove(key: string): void;
}

/** Apps Script's limit for one property value; keys are short and count too. */
const MAX_VALUE_BYTES = MAX_PROPERTY_VALUE_BYTES - 100;

export function propertyWorkQueue(prefix: string): WorkQueue {
  const store = () => PropertiesService.getScriptProperties();
  return {
    add(value, now) {
      if (utf8Length(value) > MAX_VALUE_BYTES) return false;
      // Time first, so keys sort oldest first; the random part keeps two items of the same millisecond apart.
      const key = `${prefix}${now.getTime().toString(36).padStart(10, '0')}_${Utilities.getUuid().slice(0, 8)}`;
      store().setProperty(key, value);
      return true;
    },
    pending: (properties) =>
      Object.keys(properties)
        .filter((k) => k.startsWith(prefix))
        .sort()
        .map((key) => ({ key, value: properties[key] as string })),
    replace(key, value) {
      if (utf8Length(value) > MAX_VALUE_BYTES) return false;
      store().setProperty(key, value);
      return true;
    },
    remove(key) {
      store().deleteProperty(key);
    },
  };
}
