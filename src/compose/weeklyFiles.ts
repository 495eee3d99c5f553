import { weeklyAttachments, type WeeklyAttachments } from '../app/weeklyAttachments';
import type { BuiltWeeklyReport } from '../app/weeklyReport';
import { appsScriptAttachments } from '../platform/attachments';
import { WEEKLY_ATTACHMENTS } from '../settings/publishing';
import type { ExecutionContext } from './context';
import { reportFailure } from './errors';

/** The weekly email's PDF and CSV when WEEKLY_ATTACHMENTS is on; a file that cannot be made is recorded in `Errors`. */
export function weeklyFiles(ctx: ExecutionContext, functionName: string): { attachments?: (report: BuiltWeeklyReport) => WeeklyAttachments } {
  if (!ctx.settings().get(WEEKLY_ATTACHMENTS)) return {};
  return {
    attachments: (report) =>
      weeklyAttachments(report, {
        maker: appsScriptAttachments(),
        language: ctx.language(),
        onFailure: (error) => reportFailure(functionName, error),
      }),
  };
}
