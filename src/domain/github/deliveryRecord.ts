import type { HandledEvent } from './eventType';
import type { Facts } from './facts';

/** Sheets holds at most 50,000 characters in a cell; the facts of one delivery stay well under it. */
export const MAX_DATA_CHARS = 40_000;

/** A webhook delivery as we keep it: one `GitHub Events` row and the facts for the other tables. */
export interface DeliveryRecord {
  event: HandledEvent;
  action: string;
  repository: string;
  actor: string;
  /** `#12` for a pull request or issue, a SHA for a push, deployment or run, the hook id for a ping. */
  ref: string;
  title: string;
  url: string;
  /** The same fact delivered again has the same key: see README, GitHub ▸ Dedupe keys. */
  dedupeKey: string;
  facts: Facts;
}
