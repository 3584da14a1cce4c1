import http from 'http';
import { FakeRepository } from './fakeGithubServer';

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise(resolve => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
  });
}

interface Classic {
  required_pull_request_reviews?: {
    required_approving_review_count?: number;
    require_code_owner_reviews?: boolean;
  };
  required_status_checks?: { contexts?: string[] };
  allow_force_pushes?: { enabled?: boolean };
  allow_deletions?: { enabled?: boolean };
  required_signatures?: { enabled?: boolean };
}

/** Classic protection (REST shape) as GraphQL's `BranchProtectionRule`. */
function ruleOf(protection: Classic) {
  const reviews = protection.required_pull_request_reviews;
  const checks = protection.required_status_checks;
  return {
    requiresApprovingReviews: !!reviews,
    requiredApprovingReviewCount:
      reviews?.required_approving_review_count ?? null,
    requiresCodeOwnerReviews: reviews?.require_code_owner_reviews === true,
    requiresStatusChecks: !!checks,
    requiredStatusChecks: checks
      ? (checks.contexts ?? []).map((context: string) => ({ context }))
      : null,
    allowsForcePushes: protection.allow_force_pushes?.enabled === true,
    allowsDeletions: protection.allow_deletions?.enabled === true,
    requiresCommitSignatures: protection.required_signatures?.enabled === true,
  };
}

function repositoryNode(repo: FakeRepository) {
  const protection =
    typeof repo.protection === 'object'
      ? ruleOf(repo.protection as Classic)
      : null;
  return {
    deleteBranchOnMerge: repo.repo.delete_branch_on_merge === true,
    hasVulnerabilityAlertsEnabled: repo.vulnerabilityAlerts,
    viewerCanAdminister: repo.protection !== 'forbidden',
    defaultBranchRef: {
      name: String(repo.repo.default_branch),
      target: {
        oid: repo.head ?? repo.runs[0]?.head_sha ?? 'e'.repeat(40),
        committedDate: '2026-12-01T09:00:00Z',
      },
      branchProtectionRule: protection,
    },
  };
}

/**
 * Answers the aliased `repository(owner:, name:)` fields of a query in
 * GitHub's documented GraphQL shape: `data` per alias, `null` plus an
 * `errors` entry (`type: NOT_FOUND`, `path: [alias]`) for a missing one.
 */
export function answerGraphql(
  repos: Map<string, FakeRepository>,
  text: string,
): { status: number; body: unknown } {
  let request: { query?: unknown; variables?: Record<string, unknown> };
  try {
    request = JSON.parse(text);
  } catch {
    return { status: 400, body: { message: 'Problems parsing JSON' } };
  }
  if (typeof request.query !== 'string') {
    return {
      status: 400,
      body: {
        message: 'A query attribute must be specified and must be a string.',
      },
    };
  }
  const variables = request.variables ?? {};
  const data: Record<string, unknown> = {};
  const errors: unknown[] = [];
  const field = /(\w+): repository\(owner: \$(\w+), name: \$(\w+)\)/g;
  for (const m of request.query.matchAll(field)) {
    const [, alias, ownerVar, nameVar] = m;
    const key = `${variables[ownerVar]}/${variables[nameVar]}`;
    const repo = repos.get(key);
    if (repo) {
      data[alias] = repositoryNode(repo);
    } else {
      data[alias] = null;
      errors.push({
        type: 'NOT_FOUND',
        path: [alias],
        locations: [{ line: 1, column: 1 }],
        message: `Could not resolve to a Repository with the name '${key}'.`,
      });
    }
  }
  return { status: 200, body: errors.length ? { data, errors } : { data } };
}
