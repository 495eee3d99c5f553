import { MAX_PROPERTY_VALUE_BYTES, utf8Length } from '../domain/propertyLimits';

/** Script Properties: the only place secrets live. One read fetches them all. */
export interface SecretStore {
  all(): Record<string, string>;
  set(values: Record<string, string>): void;
}

export function scriptProperties(): SecretStore {
  const store = PropertiesService.getScriptProperties();
  return {
    all: () => store.getProperties(),
    set: (values) => {
      // Apps Script's own refusal names no property: say which one, before anything is written.
      for (const [key, value] of Object.entries(values)) {
        const bytes = utf8Length(value);
        if (bytes > MAX_PROPERTY_VALUE_BYTES)
          throw new Error(`Script Property ${key} would hold ${bytes} bytes: Apps Script allows ${MAX_PROPERTY_VALUE_BYTES} a value`);
      }
      store.setProperties(values);
    },
  };
}

/** Removes Script Properties (a token the team no longer uses); one call each, as the service offers no batch. */
export function removeScriptProperties(keys: readonly string[]): void {
  const store = PropertiesService.getScriptProperties();
  for (const key of keys) store.deleteProperty(key);
}

/** One Script Property on its own (one call to read, one to write), for a hot path that needs no other. */
export function scriptProperty(key: string): { get(): string | undefined; set(value: string): void } {
  const store = PropertiesService.getScriptProperties();
  return {
    get: () => store.getProperty(key) ?? undefined,
    set: (value) => {
      if (utf8Length(value) > MAX_PROPERTY_VALUE_BYTES)
        throw new Error(`Script Property ${key} would hold ${utf8Length(value)} bytes: Apps Script allows ${MAX_PROPERTY_VALUE_BYTES} a value`);
      store.setProperty(key, value);
    },
  };
}
