import type { FakeRepository } from './fakeGithubServer';

/** GET /repos/{owner}/{repo}/branches/{branch}: the head is the newest run's commit. */
export function branchAnswer(repo: FakeRepository, branch: string) {
  return {
    status: 200,
    body: {
      name: branch,
      commit: {
        sha: repo.runs[0]?.head_sha ?? 'f00dfeedf00dfeed',
        commit: { committer: { date: '2026-12-01T09:00:00Z' } },
      },
      protected: repo.protection !== 'not-protected',
    },
  };
}
