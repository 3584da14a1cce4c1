import { GithubApi } from './GithubApi';
import { GITHUB_FACTS } from './githubFacts';
import { FactSink, reasonOf } from '@gatekeeper/plugin-scorecards-node';

/** GET /repos/{owner}/{repo} (the parts we read). */
interface Repository {
  default_branch?: string;
  delete_branch_on_merge?: boolean;
}

/**
 * Repository settings: default branch (and whether it is `main`),
 * delete-branch-on-merge, and vulnerability alerts (204 on, 404 off).
 * Returns the default branch, or undefined when the repository is unreadable.
 */
export async function readRepositorySettings(options: {
  api: GithubApi;
  sink: FactSink;
}): Promise<string | undefined> {
  const { api, sink } = options;
  const repoUrl = api.repoUrl('');
  const evidence = { url: repoUrl, htmlUrl: `${api.target.url}/settings` };
  let branch: string | undefined;
  const repoFacts = [
    GITHUB_FACTS.defaultBranch,
    GITHUB_FACTS.defaultBranchMain,
    GITHUB_FACTS.deleteBranchOnMerge,
  ];
  try {
    const repo = (await api.getOk<Repository>('')).body ?? {};
    if (typeof repo.default_branch === 'string') {
      branch = repo.default_branch;
      sink.set(GITHUB_FACTS.defaultBranch, branch, evidence);
      sink.set(GITHUB_FACTS.defaultBranchMain, branch === 'main', evidence);
    }
    if (typeof repo.delete_branch_on_merge === 'boolean') {
      sink.set(
        GITHUB_FACTS.deleteBranchOnMerge,
        repo.delete_branch_on_merge,
        evidence,
      );
    } else {
      sink.unknown(
        [GITHUB_FACTS.deleteBranchOnMerge],
        'delete_branch_on_merge is only returned to tokens with push access',
      );
    }
  } catch (error) {
    sink.unknown(repoFacts, `repository: ${reasonOf(error)}`);
    return undefined;
  }
  try {
    const res = await api.get('/vulnerability-alerts');
    if (res.status === 204 || res.status === 404) {
      sink.set(GITHUB_FACTS.vulnerabilityAlerts, res.status === 204, {
        url: api.repoUrl('/vulnerability-alerts'),
      });
    } else {
      sink.unknown(
        [GITHUB_FACTS.vulnerabilityAlerts],
        `vulnerability alerts: HTTP ${res.status}`,
      );
    }
  } catch (error) {
    sink.unknown(
      [GITHUB_FACTS.vulnerabilityAlerts],
      `vulnerability alerts: ${reasonOf(error)}`,
    );
  }
  return branch;
}

/** GET /repos/{owner}/{repo}/branches/{branch} (the parts we read). */
interface Branch {
  commit?: { sha?: string; commit?: { committer?: { date?: string } } };
}

/** The head commit of the default branch over REST (GraphQL reads it in its batch). */
export async function readBranchHead(options: {
  api: GithubApi;
  branch: string;
  sink: FactSink;
}): Promise<void> {
  const { api, branch, sink } = options;
  const path = `/branches/${encodeURIComponent(branch)}`;
  try {
    const body = (await api.getOk<Branch>(path)).body ?? {};
    const sha = body.commit?.sha;
    if (typeof sha !== 'string') {
      sink.unknown(
        [GITHUB_FACTS.defaultBranchHead],
        'branch has no head commit',
      );
      return;
    }
    const date = body.commit?.commit?.committer?.date;
    sink.set(
      GITHUB_FACTS.defaultBranchHead,
      typeof date === 'string' ? { sha, committedAt: date } : { sha },
      { url: api.repoUrl(path), htmlUrl: `${api.target.url}/commit/${sha}` },
    );
  } catch (error) {
    sink.unknown(
      [GITHUB_FACTS.defaultBranchHead],
      `head commit: ${reasonOf(error)}`,
    );
  }
}
