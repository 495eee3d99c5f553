import { health, type HealthAnswer, type HealthSection } from '../app/health';
import { PROP } from '../app/properties';
import { DISPATCHER, type JobRuns } from '../app/schedule';
import { JOBS } from '../jobs';
import { remainingEmailQuota } from '../platform/mail-quota';
import { scriptProperties } from '../platform/properties';
import { boundWorkbook } from '../platform/spreadsheet';
import { scriptTriggers } from '../platform/triggers';
import { Table } from '../sheets/table';
import { ERRORS } from '../sheets/tables';
import { VERSION } from '../version';

const DAY_MS = 86_400_000;

/** The health answer's sections; each area adds its own (outbox depth, GitHub sync age…). */
function sections(now: Date): Record<string, HealthSection> {
  return {
    triggers: () => {
      const dispatchers = scriptTriggers().list().filter((t) => t.handler === DISPATCHER && t.timeDriven).length;
      if (dispatchers !== 1) throw new Error(`${dispatchers} dispatcher triggers installed: run "Install or refresh triggers"`);
      return { dispatcher: 'installed' };
    },
    errors: () => {
      const workbook = boundWorkbook();
      if (!workbook.grid(ERRORS.name)) return { last24h: 0 };
      const rows = new Table(ERRORS, workbook, { dateKey: (d) => d.toISOString() }).read().rows;
      const times = rows.map((r) => r.record.time).filter((t): t is Date => t instanceof Date);
      const recent = times.filter((t) => now.getTime() - t.getTime() < DAY_MS);
      const last = times.reduce<Date | null>((a, b) => (!a || b > a ? b : a), null);
      return { last24h: recent.length, lastAt: last ? last.toISOString() : null };
    },
    quota: () => ({ emailRemainingToday: remainingEmailQuota() }),
  };
}

export function healthJob(): HealthAnswer {
  const now = new Date();
  return health({
    version: VERSION,
    now,
    jobs: JOBS.map((j) => j.handler),
    jobRuns: () => {
      const text = scriptProperties().all()[PROP.jobRuns];
      return text ? (JSON.parse(text) as JobRuns) : {};
    },
    sections: sections(now),
  });
}
