import { FactSink } from '@gatekeeper/plugin-scorecards-node';
import { GithubApi } from './GithubApi';
import { readDefaultBranchHead } from './readDefaultBranchHead';

/** The part of GithubApi the reader uses, answering one branch body. */
function api(answer: () => Promise<unknown>): GithubApi {
  return {
    getOk: async () => ({ status: 200, body: await answer() }),
    repoUrl: (path: string) => `https://api.github.com/repos/acme/x${path}`,
  } as unknown as GithubApi;
}

async function read(answer: () => Promise<unknown>) {
  const sink = new FactSink();
  await readDefaultBranchHead({ api: api(answer), branch: 'main', sink });
  return sink.toFacts({
    source: 'github',
    provenanceFact: 'p',
    unknownFact: 'u',
    subject: {},
    observedAt: '2026-12-01T12:00:00Z',
  });
}

describe('readDefaultBranchHead', () => {
  it('reports the head SHA and commit date, with the commit as evidence', async () => {
    const facts = await read(async () => ({
      commit: {
        sha: 'a1b2c3d4e5f6',
        commit: { committer: { date: '2026-12-01T09:00:00Z' } },
      },
    }));
    expect(facts['scm.default-branch.head']).toEqual({
      sha: 'a1b2c3d4e5f6',
      committedAt: '2026-12-01T09:00:00Z',
    });
    expect(
      (facts.p as { facts: Record<string, unknown> }).facts[
        'scm.default-branch.head'
      ],
    ).toEqual({
      url: 'https://api.github.com/repos/acme/x/branches/main',
      commit: 'a1b2c3d4e5f6',
    });
  });

  it('leaves the head unknown with the reason when the branch cannot be read', async () => {
    const facts = await read(async () => {
      throw new Error('HTTP 404 Not Found');
    });
    expect(facts['scm.default-branch.head']).toBeUndefined();
    expect(facts.u).toEqual({
      'scm.default-branch.head': 'default branch head: HTTP 404 Not Found',
    });
  });

  it.each([{ commit: { sha: 'not a sha' } }, {}, { commit: { sha: 42 } }])(
    'ignores a head that is no commit SHA (%j)',
    async body => {
      const facts = await read(async () => body);
      expect(facts['scm.default-branch.head']).toBeUndefined();
      expect(facts.u).toEqual({
        'scm.default-branch.head': 'branch main has no head commit',
      });
    },
  );
});
