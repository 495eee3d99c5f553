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
