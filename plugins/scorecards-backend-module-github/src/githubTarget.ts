import { Entity } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { resolveRepositoryLocation } from '@gatekeeper/gatekeeper-node';

/** The GitHub repository of an entity. @public */
export interface GithubTarget {
  host: string;
  owner: string;
  repo: string;
  /** REST API root of the host, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiBaseUrl: string;
  /** Web URL of the repository (used to look up credentials). */
  url: string;
}

export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** GitHub owners: letters, digits, hyphens; repositories also `_` and `.` (not `.`/`..`). */
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const REPO = /^(?!\.{1,2}$)[A-Za-z0-9_.-]+$/;

function validName(owner: string, repo: string): boolean {
  return OWNER.test(owner) && REPO.test(repo);
}

function sourceUrl(entity: Entity): URL | undefined {
  const location = resolveRepositoryLocation(entity);
  if (location?.type !== 'url') return undefined;
  try {
    return new URL(location.target);
  } catch {
    return undefined;
  }
}

/**
 * Finds an entity's GitHub repository: the `github.com/project-slug`
 * annotation (on the host of the source location when that is a GitHub
 * integration, else github.com), or a source location on a configured GitHub
 * host. Undefined when the entity is not on GitHub.
 */
export function githubTarget(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): GithubTarget | undefined {
  const source = sourceUrl(entity);
  const sourceIntegration = source
    ? integrations.github.byHost(source.host)
    : undefined;
  const slug = entity.metadata.annotations?.[PROJECT_SLUG_ANNOTATION]?.trim();
  let host: string;
  let owner: string;
  let repo: string;
  if (slug) {
    const parts = slug.split('/');
    if (parts.length !== 2) return undefined;
    host = sourceIntegration?.config.host ?? 'github.com';
    [owner, repo] = parts;
  } else {
    if (!source || !sourceIntegration) return undefined;
    const [first, second] = source.pathname.split('/').filter(Boolean);
    if (!first || !second) return undefined;
    host = sourceIntegration.config.host;
    owner = first;
    repo = second.replace(/\.git$/, '');
  }
  if (!validName(owner, repo)) return undefined;
  const integration = integrations.github.byHost(host);
  if (!integration) return undefined;
  const apiBaseUrl = (
    integration.config.apiBaseUrl ?? `https://${host}/api/v3`
  ).replace(/\/+$/, '');
  return {
    host,
    owner,
    repo,
    apiBaseUrl,
    url: `https://${host}/${owner}/${repo}`,
  };
}
