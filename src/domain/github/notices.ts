import { context, section } from '../chat/blockKit';
import type { ChatMessage } from '../chat/outbox';
import type { Language } from '../messages';
import { clip, discordText, safeUrl, slackLink, slackText } from './chatText';
import type { PushFact, ReviewRequestFact } from './facts';
import type { GitHubState } from './merge';
import { githubText } from './messages';
import { cellBoolean, cellNumber, cellText, cellTime, forgeOf, type CommitRow, type PullRow } from './rows';

/**
 * Notifications follow from what changed in the tables, not from which event said so: a PR first seen by the
 * sync is announced as one seen by webhook would be, and both carry the same dedupe key, so the outbox sends it
 * once. Changes older than NOTICE_WINDOW_MS (by GitHub's own times) are history — a first sync or a replayed
 * backlog — and are not announced.
 */
export const NOTICE_WINDOW_MS = 24 * 3600 * 1000;

export interface NoticeOptions {
  now: Date;
  language: Language;
  codeReviewChannel: string;
  progressChannel: string;
  largeChangeLines: number;
  /** GitHub login (lower case) → Slack user id, from `Members`. */
  slackUserOf: ReadonlyMap<string, string>;
  /** GitLab username (lower case) → Slack user id, from `Members` ▸ `GitLab Username`. */
  slackUserOfGitLab?: ReadonlyMap<string, string>;
}

const DISCORD_COLOR = { review: 0x36c5f0, merged: 0x2eb67d, alert: 0xecb22e } as const;

export function notices(before: GitHubState, after: GitHubState, requests: ReadonlyArray<ReviewRequestFact>, options: NoticeOptions): ChatMessage[] {
  const out: ChatMessage[] = [];
  const recent = (time: number | null) => time !== null && options.now.getTime() - time <= NOTICE_WINDOW_MS;
  const number = (n: number | null) => (n === null ? githubText('unknownLines', options.language) : thousands(n));

  for (const [key, pull] of after.pulls) {
    const old = before.pulls.get(key);
    if (old === pull) continue;
    // GitLab names a merge request `group/project!12`, an issue `#12`.
    const lab = forgeOf(pull.forge) === 'gitlab';
    const label = `${cellText(pull.repository)}${lab ? '!' : '#'}${cellText(pull.number)} ${cellText(pull.title)}`;
    const author = cellText(pull.author);
    const additions = cellNumber(pull.additions);
    const deletions = cellNumber(pull.deletions);
    const isOpen = (row: PullRow | undefined) => !!row && cellText(row.state) === 'open' && !cellBoolean(row.draft);
    // Opened and merged in one batch (one minute) leave the row merged: the PR was still opened, and is said so.
    const readyNow = cellTime(pull.readyForReview) !== null;
    const readyBefore = !!old && cellTime(old.readyForReview) !== null;
    if (((isOpen(pull) && !isOpen(old)) || (readyNow && !readyBefore)) && recent(cellTime(pull.readyForReview) ?? cellTime(pull.created))) {
      out.push(opened(key, pull, label, lab, options, number(additions), number(deletions)));
    }
    if (cellTime(pull.merged) !== null && (!old || cellTime(old.merged) === null) && recent(cellTime(pull.merged))) {
      out.push(
        message(
          `github:pr-merged:${key}`,
          options.progressChannel,
          'prMerged',
          'prMergedTitle',
          DISCORD_COLOR.merged,
          pull.url,
          label,
          options.language,
          { author },
        ),
      );
    }
    const size = (row: PullRow | undefined) =>
      row && cellNumber(row.additions) !== null && cellNumber(row.deletions) !== null
        ? (cellNumber(row.additions) ?? 0) + (cellNumber(row.deletions) ?? 0)
        : null;
    const lines = size(pull);
    const oldLines = size(old);
    if (
      lines !== null &&
      lines > options.largeChangeLines &&
      (oldLines === null || oldLines <= options.largeChangeLines) &&
      recent(cellTime(pull.updatedAt))
    ) {
      out.push(
        message(
          `github:pr-large:${key}`,
          options.codeReviewChannel,
          'largePr',
          'largeTitle',
          DISCORD_COLOR.alert,
          pull.url,
          label,
          options.language,
          {
            additions: number(additions),
            deletions: number(deletions),
            threshold: thousands(options.largeChangeLines),
          },
        ),
      );
    }
  }

  for (const request of requests) {
    if (!recent(Date.parse(request.at))) continue;
    const login = request.reviewer ?? '';
    const lab = request.forge === 'gitlab';
    const slackId = login ? (lab ? options.slackUserOfGitLab : options.slackUserOf)?.get(login.toLowerCase()) : undefined;
    const who = request.reviewer ?? request.team ?? '';
    const label = `${request.repository}${lab ? '!' : '#'}${request.number} ${request.title}`;
    const slackReviewer = slackId && /^[UW][A-Z0-9]{2,}$/.test(slackId) ? `<@${slackId}>` : slackText(who);
    const link = slackLink(request.url, clip(label, 200));
    const key = `${lab ? 'gitlab' : 'github'}:review-request:${request.repository}#${request.number}:${who}:${request.at}`;
    out.push({
      dedupeKey: key,
      slack: {
        channel: options.codeReviewChannel,
        text: githubText('reviewRequested', options.language, { reviewer: slackReviewer, link, author: slackText(request.author) }),
      },
      discord: {
        embeds: [
          discordEmbed(
            githubText('reviewRequestedTitle', options.language),
            request.url,
            label,
            DISCORD_COLOR.review,
            githubText('reviewRequested', options.language, {
              reviewer: discordText(who),
              link: discordText(clip(label, 200)),
              author: discordText(request.author),
            }),
          ),
        ],
      },
    });
  }

  out.push(...largePushes(before, after, options, recent));
  return out;
}

function largePushes(before: GitHubState, after: GitHubState, options: NoticeOptions, recent: (t: number | null) => boolean): ChatMessage[] {
  const changedPushes = new Set<string>();
  for (const [key, commit] of after.commits) {
    if (before.commits.get(key) !== commit && cellText(commit.push))
      changedPushes.add(`${cellText(commit.repository)}\u0001${cellText(commit.push)}`);
  }
  if (changedPushes.size === 0) return [];
  const total = (state: GitHubState, push: string) => {
    const commits: CommitRow[] = [];
    for (const c of state.commits.values()) if (`${cellText(c.repository)}\u0001${cellText(c.push)}` === push) commits.push(c);
    if (commits.length === 0 || commits.some((c) => cellNumber(c.additions) === null || cellNumber(c.deletions) === null)) return null;
    return {
      commits,
      additions: commits.reduce((s, c) => s + (cellNumber(c.additions) ?? 0), 0),
      deletions: commits.reduce((s, c) => s + (cellNumber(c.deletions) ?? 0), 0),
    };
  };
  const out: ChatMessage[] = [];
  for (const push of changedPushes) {
    const now = total(after, push);
    if (!now || now.additions + now.deletions <= options.largeChangeLines) continue;
    const then = total(before, push);
    if (then && then.additions + then.deletions > options.largeChangeLines) continue;
    if (!recent(Math.max(...now.commits.map((c) => cellTime(c.committedAt) ?? 0)))) continue;
    const [repository = '', sha = ''] = push.split('\u0001');
    const head = now.commits.find((c) => cellText(c.sha) === sha) ?? now.commits[0];
    const label = `${repository}@${sha.slice(0, 7)}`;
    out.push(
      message(
        `github:push-large:${repository}:${sha}`,
        options.codeReviewChannel,
        'largePush',
        'largeTitle',
        DISCORD_COLOR.alert,
        head?.url ?? null,
        label,
        options.language,
        {
          commits: String(now.commits.length),
          additions: thousands(now.additions),
          deletions: thousands(now.deletions),
          threshold: thousands(options.largeChangeLines),
        },
      ),
    );
  }
  return out;
}

/**
 * The large-push alert from the webhook alone: the push's line counts, which the applying run asked GitHub for.
 * Its key is the one the commit-based alert uses, so a push the sync also counts is announced once.
 */
export function pushAlerts(pushes: ReadonlyArray<PushFact>, options: NoticeOptions): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const push of pushes) {
    if (push.additions === undefined || push.deletions === undefined) continue;
    if (push.additions + push.deletions <= options.largeChangeLines) continue;
    if (options.now.getTime() - Date.parse(push.at) > NOTICE_WINDOW_MS) continue;
    const label = `${push.repository}@${push.after.slice(0, 7)}`;
    out.push(
      message(
        `github:push-large:${push.repository}:${push.after}`,
        options.codeReviewChannel,
        'largePush',
        'largeTitle',
        DISCORD_COLOR.alert,
        push.url || null,
        label,
        options.language,
        {
          commits: String(push.commits),
          additions: thousands(push.additions),
          deletions: thousands(push.deletions),
          threshold: thousands(options.largeChangeLines),
        },
      ),
    );
  }
  return out;
}

type TextId = Parameters<typeof githubText>[0];

/** The seed's notice: `🔄 新しいPR作成: <url|title>` and a context line with the author and the lines changed. */
function opened(key: string, pull: PullRow, label: string, lab: boolean, options: NoticeOptions, additions: string, deletions: string): ChatMessage {
  const href = typeof pull.url === 'string' ? pull.url : null;
  const author = cellText(pull.author);
  const main = lab ? 'mrReady' : 'prReady';
  const slackMain = githubText(main, options.language, { link: slackLink(href, clip(label, 200)) });
  const slackContext = githubText('prReadyContext', options.language, { author: slackText(author), additions, deletions });
  const discordMain = githubText(main, options.language, { link: discordText(clip(label, 200)) });
  const discordContext = githubText('prReadyContext', options.language, { author: discordText(author), additions, deletions });
  return {
    dedupeKey: `github:pr-ready:${key}`,
    slack: { channel: options.codeReviewChannel, text: `${slackMain}\n${slackContext}`, blocks: [section(slackMain), context(slackContext)] },
    discord: {
      embeds: [
        discordEmbed(
          githubText(lab ? 'mrReadyTitle' : 'prReadyTitle', options.language),
          href,
          label,
          DISCORD_COLOR.review,
          `${discordMain}\n${discordContext}`,
        ),
      ],
    },
  };
}

/** One message for both chats; `params` hold our own values (numbers, logins), escaped here all the same. */
function message(
  dedupeKey: string,
  channel: string,
  textId: TextId,
  titleId: TextId,
  color: number,
  url: unknown,
  label: string,
  language: Language,
  params: Record<string, string>,
): ChatMessage {
  const href = typeof url === 'string' ? url : null;
  const slackParams: Record<string, string> = { link: slackLink(href, clip(label, 200)) };
  const discordParams: Record<string, string> = { link: discordText(clip(label, 200)) };
  for (const [k, v] of Object.entries(params)) {
    slackParams[k] = slackText(v);
    discordParams[k] = discordText(v);
  }
  return {
    dedupeKey,
    slack: { channel, text: githubText(textId, language, slackParams) },
    discord: { embeds: [discordEmbed(githubText(titleId, language), href, label, color, githubText(textId, language, discordParams))] },
  };
}

/** Embeds never ping, and their title links to the PR; the title text is cut to Discord's 256. */
function discordEmbed(heading: string, url: string | null, label: string, color: number, description: string): Record<string, unknown> {
  const embed: Record<string, unknown> = { title: clip(`${heading}: ${discordText(label)}`, 256), description: clip(description, 4096), color };
  const safe = safeUrl(url);
  if (safe) embed['url'] = safe;
  return embed;
}

/** 12,345 — without Intl, which Apps Script's V8 does not promise. */
export function thousands(n: number): string {
  const [whole = '0', fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
