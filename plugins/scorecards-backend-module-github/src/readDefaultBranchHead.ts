import { FactSink, reasonOf } from '@gatekeeper/plugin-scorecards-node';
import { GithubApi } from './GithubApi';
import { GITHUB_FACTS } from './githubFacts';

// = SCM_DEFAULT_BRANCH_HEAD_FACT of @gatekeeper/plugin-scorecards-common
const HEAD = GITHUB_FACTS.defaultBranchHead;

/** GET /repos/{owner}/{repo}/branches/{branch} (the parts we read). */
interface Branch {
  commit?: { sha?: unknown; commit?: { committer?: { date?: unknown } } };
}

/**
 * The head commit of the default branch as `scm.default-branch.head`
 * (`{ sha, committedAt }`): pushed CI facts that describe an older commit
 * turn their gates stale.
 */
export async function readDefaultBranchHead(options: {
  api: GithubApi;
  branch: string;
  sink: FactSink;
}): Promise<void> {
  const { api, branch, sink } = options;
  const path = `/branches/${encodeURIComponent(branch)}`;
  try {
    const commit = (await api.getOk<Branch>(path)).body?.commit;
    const sha = commit?.sha;
    if (typeof sha !== 'string' || !/^[0-9a-f]{7,64}$/i.test(sha)) {
      sink.unknown([HEAD], `branch ${branch} has no head commit`);
      return;
    }
    const date = commit?.commit?.committer?.date;
    sink.set(
      HEAD,
      typeof date === 'string' ? { sha, committedAt: date } : { sha },
      { url: api.repoUrl(path), commit: sha },
    );
  } catch (error) {
    sink.unknown([HEAD], `default branch head: ${reasonOf(error)}`);
  }
}
