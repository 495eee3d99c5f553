import { InputError } from '../errors';
import { PayloadReader } from '../github/payloadReader';
import { gitlabIso } from './time';

/** A GitLab payload read by dotted path, with GitLab's three ways of writing a time; failures name the path. */
export class GitLabReader extends PayloadReader {
  override time(path: string): string {
    const value = this.get(path);
    const iso = typeof value === 'string' ? gitlabIso(value) : null;
    if (iso === null) {
      throw new InputError(
        value === undefined || value === null
          ? `the ${this.event} payload has no "${path}"`
          : `"${path}" of the ${this.event} payload must be a time`,
        path,
      );
    }
    return iso;
  }

  override item(path: string, index: number): GitLabReader {
    const inner = super.item(path, index);
    return new GitLabReader(inner.root, inner.event);
  }

  /** `group/subgroup/project`: GitLab's name for a project, as GITLAB_PROJECTS lists it. */
  project(): string {
    return this.text('project.path_with_namespace');
  }

  override actor(): string {
    return this.optText('user.username') ?? this.optText('user_username') ?? '';
  }
}
