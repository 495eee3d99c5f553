import { section } from '../../domain/chat/blockKit';
import { chatText } from '../../domain/chat/messages';
import { InputError } from '../../domain/errors';
import type { Locked } from '../../platform/lock';
import type { QueuedItem } from '../../platform/workQueue';
import type { ChatMessage } from '../../domain/chat/outbox';
import { doSlackWork, replyMessage, type SlackWork, type SlackWorkDeps } from './work';

/** An item that keeps failing on a fault of ours is given up after this many runs, with a reply and an Errors row. */
const MAX_ATTEMPTS = 3;

export interface SlackQueueDeps {
  items: readonly QueuedItem[];
  locked: Locked;
  work: () => SlackWorkDeps;
  /** Adds the replies to the Outbox; called under the lock the work holds. */
  enqueueReplies: (messages: ChatMessage[]) => void;
  remove: (key: string) => void;
  replace: (key: string, value: string) => boolean;
  reportFailure: (error: unknown) => void;
}

type Stored = SlackWork & { attempts?: number };

/**
 * Does the queued Slack work, oldest first, under one lock: the sheets are read once for all items, and each item's
 * reply joins the Outbox in the same write. An item leaves the queue only after its result is saved, so a run cut
 * short does it again — harmlessly, since reports, blockers and replies are all keyed.
 */
export function processSlackQueue(deps: SlackQueueDeps): { done: number; failed: number } {
  const result = { done: 0, failed: 0 };
  if (deps.items.length === 0) return result;
  const finished: string[] = [];
  deps.locked(() => {
    const work = deps.work();
    const replies: ChatMessage[] = [];
    for (const item of deps.items) {
      let stored: Stored;
      try {
        stored = JSON.parse(item.value) as Stored;
      } catch (e) {
        deps.reportFailure(new Error(`queued Slack work ${item.key} is not JSON and was dropped: ${(e as Error).message}`));
        finished.push(item.key);
        result.failed++;
        continue;
      }
      try {
        replies.push(replyMessage(item.key, stored, doSlackWork(work, stored)));
        finished.push(item.key);
        result.done++;
      } catch (e) {
        const attempts = (stored.attempts ?? 0) + 1;
        const giveUp = e instanceof InputError || attempts >= MAX_ATTEMPTS || !deps.replace(item.key, JSON.stringify({ ...stored, attempts }));
        if (!giveUp) continue;
        if (!(e instanceof InputError)) deps.reportFailure(e);
        const text = e instanceof InputError ? `⚠️ ${e.message}` : chatText('internalError', work.language);
        replies.push(replyMessage(item.key, stored, { reply: { text, blocks: [section(text)] } }));
        finished.push(item.key);
        result.failed++;
      }
    }
    deps.enqueueReplies(replies);
  });
  for (const key of finished) deps.remove(key);
  return result;
}
