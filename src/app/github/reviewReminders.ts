import type { ChatMessage, Outbox } from '../../domain/chat/outbox';
import { clip, slackLink, slackText } from '../../domain/github/chatText';
import { cellBoolean, cellText, cellTime, forgeOf } from '../../domain/github/rows';
import { catalog, type Language } from '../../domain/messages';
import type { Calendar } from '../../platform/timeZone';
import type { PULL_REQUESTS } from '../../sheets/githubTables';
import type { HOLIDAYS } from '../../sheets/tables';
import type { Table } from '../../sheets/table';
import { readHolidays, workdayVerdict, workingHoursOn } from '../workdays';

/**
 * Once a working day (REVIEW_REMINDER_TIME): each requested reviewer gets the list of PRs that have waited for a
 * first review longer than REVIEW_REMINDER_HOURS working hours — by direct message when `Members` maps their
 * GitHub login to a Slack user, otherwise in the code-review channel. The dedupe key holds the day, so a rerun
 * sends nothing twice.
 */

const text = catalog({
  heading: {
    ja: '⏰ {reviewer} さん、レビュー待ちのプルリクエストがあります（{hours} 営業時間以上）:',
    en: '⏰ {reviewer}, these pull requests have waited more than {hours} working hours for a first review:',
  },
  item: { ja: '• {link}（{author}、待ち {waited} 時間）', en: '• {link} (by {author}, waiting {waited} h)' },
});

type Keys<S extends { columns: ReadonlyArray<{ key: string }> }> = S['columns'][number]['key'];

export interface ReviewReminderDeps {
  now: Date;
  calendar: Calendar;
  language: Language;
  pulls: Table<Keys<typeof PULL_REQUESTS>>;
  holidays: Table<Keys<typeof HOLIDAYS>>;
  thresholdHours: number;
  codeReviewChannel: string;
  /** GitHub login (lower case) → Slack user id. */
  slackUserOf: ReadonlyMap<string, string>;
  /** GitLab username (lower case) → Slack user id, from `Members` ▸ `GitLab Username`. */
  slackUserOfGitLab?: ReadonlyMap<string, string>;
  outbox: () => Outbox;
}

export interface ReviewReminderResult {
  date: string;
  reviewers: number;
  pulls: number;
  skipped?: string;
}

export function sendReviewReminders(deps: ReviewReminderDeps): ReviewReminderResult {
  const local = deps.calendar.local(deps.now);
  const holidays = readHolidays(deps.holidays, deps.calendar);
  if (!workdayVerdict(local, holidays).workday) return { date: local.date, reviewers: 0, pulls: 0, skipped: 'not a working day' };
  if (deps.thresholdHours <= 0) return { date: local.date, reviewers: 0, pulls: 0, skipped: 'REVIEW_REMINDER_HOURS is 0' };
  const working = workingHoursOn(deps.calendar, holidays);
  const waiting = new Map<string, Array<{ label: string; url: string; author: string; waited: number }>>();
  let pulls = 0;
  for (const { record: p } of deps.pulls.read().rows) {
    if (cellText(p.state) !== 'open' || cellBoolean(p.draft) || cellTime(p.firstReview) !== null) continue;
    const ready = cellTime(p.readyForReview);
    if (ready === null) continue;
    const waited = working(new Date(ready), deps.now);
    if (waited <= deps.thresholdHours) continue;
    const reviewers = cellText(p.requestedReviewers)
      .split(/\r?\n/)
      .map((r) => r.trim())
      .filter((r) => r !== '' && !r.startsWith('team:'));
    if (reviewers.length === 0) continue;
    pulls++;
    // A GitHub login and a GitLab username may be spelt alike and be two people: each forge's reviewers apart.
    const lab = forgeOf(p.forge) === 'gitlab';
    for (const login of reviewers) {
      const key = `${lab ? 'gitlab:' : ''}${login.toLowerCase()}`;
      const list = waiting.get(key) ?? [];
      list.push({
        label: `${cellText(p.repository)}${lab ? '!' : '#'}${cellText(p.number)} ${cellText(p.title)}`,
        url: cellText(p.url),
        author: cellText(p.author),
        waited,
      });
      waiting.set(key, list);
    }
  }
  if (waiting.size === 0) return { date: local.date, reviewers: 0, pulls: 0 };
  const messages: ChatMessage[] = [];
  for (const [key, list] of waiting) {
    const login = key.replace(/^gitlab:/, '');
    const slackId = (key.startsWith('gitlab:') ? deps.slackUserOfGitLab : deps.slackUserOf)?.get(login);
    const dm = !!slackId && /^[UW][A-Z0-9]{2,}$/.test(slackId);
    const lines = [
      text('heading', deps.language, { reviewer: dm ? `<@${slackId}>` : slackText(login), hours: String(deps.thresholdHours) }),
      ...list
        .sort((a, b) => b.waited - a.waited)
        .slice(0, 20)
        .map((pr) =>
          text('item', deps.language, {
            link: slackLink(pr.url, clip(pr.label, 200)),
            author: slackText(pr.author),
            waited: String(Math.round(pr.waited)),
          }),
        ),
    ];
    messages.push({
      dedupeKey: `review-reminder:${local.date}:${key}`,
      slack: { channel: dm ? (slackId as string) : deps.codeReviewChannel, text: lines.join('\n') },
      expiresAt: deps.calendar.midnight(nextDay(local.date)),
    });
  }
  deps.outbox().enqueue(messages);
  return { date: local.date, reviewers: waiting.size, pulls };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
