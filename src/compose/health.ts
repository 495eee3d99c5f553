import { health, type HealthAnswer } from '../app/health';
import { errorsHealth, githubSyncHealth, gitlabSyncHealth } from '../app/healthSections';
import { PROP } from '../app/properties';
import { dispatcherHealth, type JobRuns } from '../app/schedule';
import { JOBS } from '../jobs';
import { GITLAB_PROJECTS } from '../settings/gitlab';
import { remainingEmailQuota } from '../platform/mail';
import { scriptTriggers } from '../platform/triggers';
import { ERRORS } from '../sheets/tables';
import { VERSION } from '../version';
import { outboxHealthSection } from './chat';
import { executionContext } from './context';
import { publishingHealthSection } from './publish';
import { archiveHealthSection } from './bigQuery';
import { observabilityHealthSection } from './observability';
import { discordFormHealth } from '../app/discord/form';
import { teamProfile } from './members';

/**
 * The health answer's wiring; each area adds its section (outbox depth, GitHub sync age…). Script Properties are
 * read once for all of them; each section reads the rest when it is computed, so a broken part shows as its error.
 */
export function healthJob(): HealthAnswer {
  const ctx = executionContext({ settings: 'cached' });
  const { now } = ctx;
  return health({
    version: VERSION,
    now,
    jobs: JOBS.map((j) => j.handler),
    jobRuns: () => {
      const text = ctx.properties()[PROP.jobRuns];
      return text ? (JSON.parse(text) as JobRuns) : {};
    },
    sections: {
      triggers: () => dispatcherHealth(scriptTriggers()),
      errors: () => errorsHealth(ctx.workbook().grid(ERRORS.name) ? ctx.table(ERRORS) : null, now),
      quota: () => ({ emailRemainingToday: remainingEmailQuota() }),
      outbox: () => outboxHealthSection(ctx),
      github: () => githubSyncHealth(ctx.properties()[PROP.githubSyncState], now),
      gitlab: () => gitlabSyncHealth(ctx.properties()[PROP.gitlabSyncState], ctx.settings().get(GITLAB_PROJECTS), now),
      publishing: () => publishingHealthSection(ctx),
      archive: () => archiveHealthSection(ctx),
      observability: () => observabilityHealthSection(ctx),
      discordForm: () => discordFormHealth(teamProfile(ctx).questions, ctx.language()),
    },
  });
}
