/** The project's triggers, through ScriptApp. */
export interface InstalledTrigger {
  id: string;
  handler: string;
  timeDriven: boolean;
}

export interface TriggerStore {
  list(): InstalledTrigger[];
  /** A recurring time-driven trigger every `minutes` (1, 5, 10, 15 or 30); answers its id. */
  everyMinutes(handler: string, minutes: number): string;
  /** A one-off time-driven trigger at an instant (Apps Script fires it at or a little after it); answers its id. */
  at(handler: string, when: Date): string;
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
    everyMinutes: (handler, minutes) => ScriptApp.newTrigger(handler).timeBased().everyMinutes(minutes).create().getUniqueId(),
    at: (handler, when) => ScriptApp.newTrigger(handler).timeBased().at(when).create().getUniqueId(),
    remove: (id) => {
      const trigger = find(id);
      if (trigger) ScriptApp.deleteTrigger(trigger);
    },
  };
}
