import { messageOf } from '@gatekeeper/gatekeeper-node';
import { GithubApi } from './GithubApi';
import { GITHUB_FACTS, PROTECTION_FACTS } from './githubFacts';
import { FactSink, reasonOf } from '@gatekeeper/plugin-scorecards-node';

/** GET /repos/{owner}/{repo}/branches/{branch}/protection (the parts we read). */
export interface ClassicProtection {
  required_status_checks?: {
    contexts?: string[];
    checks?: { context: string }[];
  } | null;
  required_pull_request_reviews?: {
    required_approving_review_count?: number;
    require_code_owner_reviews?: boolean;
  } | null;
  required_signatures?: { enabled?: boolean } | null;
  allow_force_pushes?: { enabled?: boolean } | null;
  allow_deletions?: { enabled?: boolean } | null;
}

/** One active rule of GET /repos/{owner}/{repo}/rules/branches/{branch}. */
interface BranchRule {
  type: string;
  ruleset_id?: number;
  parameters?: {
    required_approving_review_count?: number;
    require_code_owner_review?: boolean;
    required_status_checks?: { context: string }[];
  };
}

interface Protection {
  enabled: boolean;
  reviews: number;
  codeOwners: boolean;
  checks: Set<string>;
  forcePushesBlocked: boolean;
  deletionsBlocked: boolean;
  signed: boolean;
}

/** Classic protection as read: none when not protected, or why it is unreadable. */
export interface ClassicRead {
  protection?: ClassicProtection;
  unreadable?: string;
  /** Where it was read, when not the REST protection endpoint. */
  evidenceUrl?: string;
}

/** Classic protection: undefined when not protected (404 "Branch not protected"). */
async function readClassic(
  api: GithubApi,
  branch: string,
): Promise<ClassicRead> {
  const res = await api.get<ClassicProtection>(
    `/branches/${encodeURIComponent(branch)}/protection`,
  );
  if (res.status === 200 && res.body) return { protection: res.body };
  const message = messageOf(res.body) ?? '';
  if (res.status === 404 && /not protected/i.test(message)) return {};
  return {
    unreadable: `classic branch protection not readable (HTTP ${res.status}${
      message ? `: ${message}` : ''
    }; the token needs Administration: read)`,
  };
}

function merge(classic: ClassicProtection | undefined, rules: BranchRule[]) {
  const p: Protection = {
    enabled: classic !== undefined,
    reviews:
      classic?.required_pull_request_reviews?.required_approving_review_count ??
      0,
    codeOwners:
      classic?.required_pull_request_reviews?.require_code_owner_reviews ===
      true,
    checks: new Set([
      ...(classic?.required_status_checks?.contexts ?? []),
      ...(classic?.required_status_checks?.checks ?? []).map(c => c.context),
    ]),
    forcePushesBlocked:
      classic !== undefined && classic.allow_force_pushes?.enabled !== true,
    deletionsBlocked:
      classic !== undefined && classic.allow_deletions?.enabled !== true,
    signed: classic?.required_signatures?.enabled === true,
  };
  for (const rule of rules) {
    const params = rule.parameters ?? {};
    if (rule.type === 'pull_request') {
      p.enabled = true;
      p.reviews = Math.max(
        p.reviews,
        params.required_approving_review_count ?? 0,
      );
      p.codeOwners ||= params.require_code_owner_review === true;
    } else if (rule.type === 'required_status_checks') {
      p.enabled = true;
      (params.required_status_checks ?? []).forEach(c =>
        p.checks.add(c.context),
      );
    } else if (rule.type === 'non_fast_forward') {
      p.enabled = true;
      p.forcePushesBlocked = true;
    } else if (rule.type === 'deletion') {
      p.enabled = true;
      p.deletionsBlocked = true;
    } else if (rule.type === 'required_signatures') {
      p.enabled = true;
      p.signed = true;
    }
  }
  return p;
}

/**
 * Branch protection of the default branch from classic protection and the
 * rulesets that apply to it (both enforce, so the stricter value wins).
 * A missing classic protection (404) is "not protected", not unknown.
 */
export async function readBranchProtection(options: {
  api: GithubApi;
  branch: string;
  gateJobs: Record<string, string>;
  sink: FactSink;
  /** Classic protection already read (through GraphQL); read over REST when absent. */
  classic?: ClassicRead;
}): Promise<void> {
  const { api, branch, gateJobs, sink } = options;
  try {
    const classic = options.classic ?? (await readClassic(api, branch));
    const rulesPath = `/rules/branches/${encodeURIComponent(
      branch,
    )}?per_page=100`;
    const rules = await api.getAllPages<BranchRule>(rulesPath);
    if (classic.unreadable && rules.items.length === 0) {
      sink.unknown(PROTECTION_FACTS, classic.unreadable);
      return;
    }
    const p = merge(classic.protection, rules.items);
    const evidence = {
      url:
        classic.protection || !classic.unreadable
          ? options.classic?.evidenceUrl ??
            api.repoUrl(`/branches/${encodeURIComponent(branch)}/protection`)
          : api.repoUrl(rulesPath),
      htmlUrl: `${api.target.url}/settings/branches`,
    };
    const checks = [...p.checks].sort();
    const missing = Object.values(gateJobs)
      .filter(job => !p.checks.has(job))
      .sort();
    sink.set(GITHUB_FACTS.protectionEnabled, p.enabled, evidence);
    sink.set(GITHUB_FACTS.requiredReviews, p.reviews, evidence);
    sink.set(GITHUB_FACTS.codeOwnerReviews, p.codeOwners, evidence);
    sink.set(GITHUB_FACTS.statusChecks, checks, evidence);
    sink.set(GITHUB_FACTS.checksMatchGates, missing.length === 0, evidence);
    sink.set(GITHUB_FACTS.missingGateChecks, missing, evidence);
    sink.set(GITHUB_FACTS.forcePushesBlocked, p.forcePushesBlocked, evidence);
    sink.set(GITHUB_FACTS.deletionsBlocked, p.deletionsBlocked, evidence);
    sink.set(GITHUB_FACTS.signedCommits, p.signed, evidence);
  } catch (error) {
    sink.unknown(PROTECTION_FACTS, `branch protection: ${reasonOf(error)}`);
  }
}
