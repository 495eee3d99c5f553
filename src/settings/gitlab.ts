import { parse, setting, SettingValueError } from './spec';

/**
 * The GitLab area's settings. How GitLab work is counted (incident label, production environments, deploy
 * pipelines, the sync's time box and first history) shares the GITHUB_* settings: one team, one set of rules.
 */

/** `group/project` or `group/subgroup/project`: GitLab's path characters, at least one slash. */
export const projects = (text: string): string[] => {
  const list = parse.list(text);
  const bad = list.filter((p) => !/^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/.test(p));
  if (bad.length > 0) throw new SettingValueError(`these are not GitLab project paths written group/project: ${bad.join(', ')}`);
  return list;
};

/** gitlab.com or a self-managed instance's root, without /api/v4. */
export const apiRoot = (text: string): string => {
  const url = text
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api\/v4$/, '');
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(url))
    throw new SettingValueError('it must be the URL of a GitLab instance such as https://gitlab.com');
  return url;
};

export const GITLAB_PROJECTS = setting(
  'GITLAB_PROJECTS',
  '',
  'GitLab projects to follow, group/project paths, separated by commas or new lines',
  projects,
);

export const GITLAB_API_URL = setting(
  'GITLAB_API_URL',
  'https://gitlab.com',
  'The GitLab instance: https://gitlab.com, or a self-managed one such as https://gitlab.example.com',
  apiRoot,
);

export const GITLAB_SETTINGS = [GITLAB_PROJECTS, GITLAB_API_URL];
