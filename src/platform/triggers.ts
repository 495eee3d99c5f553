/** The project's triggers, through ScriptApp. */
export interface InstalledTrigger {
  id: string;
  handler: string;
  timeDriven: boolean;
}

export interface TriggerStore {
  list(): InstalledTrigger[];
  everyMinute(handler: string): void;
  remove(id: string): void;
}

export function scriptTriggers(): TriggerStore {
  const find = (id: string) => ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === id);
  return {
    list: () =>
      ScriptApp.getProjectTriggers().map((t) => ({
        id: t.getUniqueId(),
        handler: t.getHandlerFunction(),
        timeDriven: t.getEventType() === ScriptApp.EventType.CLOCK,
      })),
    everyMinute: (handler) => {
      ScriptApp.newTrigger(handler).timeBased().everyMinutes(1).create();
    },
    remove: (id) => {
      const trigger = find(id);
      if (trigger) ScriptApp.deleteTrigger(trigger);
    },
  };
}
