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
      store.setProperties(values);
    },
  };
}

/** Removes Script Properties (a token the team no longer uses); one call each, as the service offers no batch. */
export function removeScriptProperties(keys: readonly string[]): void {
  const store = PropertiesService.getScriptProperties();
  for (const key of keys) store.deleteProperty(key);
}
