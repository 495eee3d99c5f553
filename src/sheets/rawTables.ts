import type { RetentionRule } from '../domain/retention';
import { OUTBOX } from './chatTables';
import { GITHUB_EVENTS } from './githubTables';
import { ERRORS } from './tables';

/**
 * The raw tables the retention job prunes (README ▸ Retention and the archive): what arrived or left, as opposed
 * to the facts derived from it, which stay. `GitLab Events` is named here before its table exists: a sheet that
 * is not in the workbook is skipped, and once it is, it is pruned like GitHub's.
 */
export const RAW_TABLES: readonly RetentionRule[] = [
  { sheet: GITHUB_EVENTS.name, kind: 'events', yearHeader: 'Received At', keyHeaders: ['Dedupe Key'] },
  { sheet: 'GitLab Events', kind: 'events', yearHeader: 'Received At', keyHeaders: ['Dedupe Key'] },
  { sheet: OUTBOX.name, kind: 'outbox', yearHeader: 'Created At', keyHeaders: ['Key', 'Destination'] },
  { sheet: ERRORS.name, kind: 'errors', yearHeader: 'Time', keyHeaders: ['ID'] },
];
