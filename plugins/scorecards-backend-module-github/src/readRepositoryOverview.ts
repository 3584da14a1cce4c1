import { FactSink } from '@gatekeeper/plugin-scorecards-node';
import { GithubApi } from './GithubApi';
import {
  GithubGraphqlBatcher,
  graphqlUrl,
  GraphqlProtectionRule,
  GraphqlRepository,
} from './GithubGraphqlBatcher';
import { GITHUB_FACTS } from './githubFacts';
import { ClassicProtection, ClassicRead } from './readBranchProtection';

/** What the batched GraphQL read gave: the default branch and its classic protection. */
export interface RepositoryOverview {
  branch?: string;
  classic: ClassicRead;
}

/** GraphQL's protection rule in the REST shape the merge with rulesets reads. */
export function classicFromRule(
  rule: GraphqlProtectionRule,
): ClassicProtection {
  return {
    required_status_checks: rule.requiresStatusChecks
      ? { checks: rule.requiredStatusChecks ?? [] }
      : null,
    required_pull_request_reviews:
      rule.requiresApprovingReviews || rule.requiresCodeOwnerReviews
        ? {
            required_approving_review_count: rule.requiresApprovingReviews
              ? rule.requiredApprovingReviewCount ?? 0
              : 0,
            require_code_owner_reviews: rule.requiresCodeOwnerReviews === true,
          }
        : null,
    required_signatures: { enabled: rule.requiresCommitSignatures === true },
    allow_force_pushes: { enabled: rule.allowsForcePushes === true },
    allow_deletions: { enabled: rule.allowsDeletions === true },
  };
}

function setSettings(
  api: GithubApi,
  repo: GraphqlRepository,
  sink: FactSink,
  url: string,
) {
  const evidence = { url, htmlUrl: `${api.target.url}/settings` };
  const ref = repo.defaultBranchRef;
  if (ref?.name) {
    sink.set(GITHUB_FACTS.defaultBranch, ref.name, evidence);
    sink.set(GITHUB_FACTS.defaultBranchMain, ref.name === 'main', evidence);
  }
  if (ref?.target?.oid) {
    const { oid, committedDate } = ref.target;
    sink.set(
      GITHUB_FACTS.defaultBranchHead,
      committedDate ? { sha: oid, committedAt: committedDate } : { sha: oid },
      { url, htmlUrl: `${api.target.url}/commit/${oid}` },
    );
  }
  if (typeof repo.deleteBranchOnMerge === 'boolean') {
    sink.set(
      GITHUB_FACTS.deleteBranchOnMerge,
      repo.deleteBranchOnMerge,
      evidence,
    );
  }
  if (typeof repo.hasVulnerabilityAlertsEnabled === 'boolean') {
    sink.set(
      GITHUB_FACTS.vulnerabilityAlerts,
      repo.hasVulnerabilityAlertsEnabled,
      evidence,
    );
  }
}

/**
 * Reads the repository overview through the batched GraphQL query and sets
 * the settings facts (default branch and head commit, delete-branch-on-merge,
 * vulnerability alerts). Returns undefined when GraphQL could not answer for
 * this repository, so the caller reads the same over REST.
 */
export async function readRepositoryOverview(options: {
  api: GithubApi;
  batcher: GithubGraphqlBatcher;
  sink: FactSink;
}): Promise<RepositoryOverview | undefined> {
  const { api, batcher, sink } = options;
  let repo: GraphqlRepository;
  try {
    repo = await api.overview(batcher);
  } catch {
    return undefined;
  }
  const url = graphqlUrl(api.target.apiBaseUrl);
  setSettings(api, repo, sink, url);
  const rule = repo.defaultBranchRef?.branchProtectionRule;
  let classic: ClassicRead;
  if (rule) {
    classic = { protection: classicFromRule(rule), evidenceUrl: url };
  } else if (repo.viewerCanAdminister === false) {
    classic = {
      unreadable:
        'classic branch protection not readable through GraphQL (the token needs Administration: read)',
    };
  } else {
    classic = { evidenceUrl: url };
  }
  return { branch: repo.defaultBranchRef?.name, classic };
}
