import { recordError, secretValues } from '../app/errors';
import { redact } from '../domain/redact';
import { shortId } from '../platform/random';
import { ERRORS } from '../sheets/tables';
import { executionContext } from './context';

/**
 * Records a fault of ours: in the `Errors` sheet and the execution log, with every secret value taken out.
 * Recording must never hide the original failure, so its own failure is only logged. It builds its own context:
 * the failing job's may be what failed.
 */
export function reportFailure(functionName: string, error: unknown): void {
  let secrets: string[] = [];
  try {
    const ctx = executionContext({ settings: 'cached' });
    secrets = secretValues(ctx.properties());
    const table = ctx.table(ERRORS);
    const { message, stack } = ctx.locked(() => recordError(table, { time: new Date(), functionName, error, secrets, id: shortId() }));
    console.error(`${functionName}: ${stack || message}`);
  } catch (recording) {
    console.error(redact(`${functionName}: ${String(error)} (and recording it failed: ${String(recording)})`, secrets));
  }
}
