import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { PoliteHttpClient } from '@gatekeeper/gatekeeper-node';
import { FactProviderContext } from '@gatekeeper/plugin-scorecards-node';
import { createGithubFactProvider } from './createGithubFactProvider';
import { batchQuery, graphqlUrl } from './GithubGraphqlBatcher';
import {
  FakeGithubServer,
  healthyRepository,
} from './testUtils/fakeGithubServer';

const server = new FakeGithubServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.repos.clear();
  server.requests.length = 0;
  server.inject.length = 0;
  server.graphql = true;
});

const repoNames = ['r1', 'r2', 'r3', 'r4', 'r5'];

function entity(slug: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: slug.split('/')[1],
      annotations: { 'github.com/project-slug': slug },
    },
    spec: { owner: 'team-a' },
  };
}

function provider(options: { graphql: boolean; batchSize?: number }) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: server.apiBaseUrl,
            token: server.token,
          },
        ],
      },
    }),
  );
  const p = createGithubFactProvider({
    integrations,
    credentials:
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    logger: mockServices.logger.mock(),
    http: new PoliteHttpClient({ sleep: async () => {} }),
    graphql: options.graphql,
    graphqlBatchSize: options.batchSize,
    now: () => new Date('2026-12-01T12:00:00Z'),
  });
  return (slugs: string[]) =>
    Promise.all(
      slugs.map(slug =>
        p.provide({
          entity: entity(slug),
          logger: mockServices.logger.mock(),
          reader: {} as FactProviderContext['reader'],
          getRepository: async () => undefined,
        }),
      ),
    );
}

function seed() {
  repoNames.forEach((name, i) => {
    const repo = healthyRepository();
    repo.head = `${i}`.repeat(40);
    repo.repo = { ...repo.repo, name, full_name: `acme/${name}` };
    server.repos.set(`acme/${name}`, repo);
  });
  return repoNames.map(n => `acme/${n}`);
}

const restOverviewPaths =
  /\/repos\/acme\/\w+(\/vulnerability-alerts|\/branches\/main(\/protection)?)?$/;

function withoutProvenance(facts: Record<string, unknown>) {
  const { 'github.provenance': _p, ...rest } = facts;
  return rest;
}

describe('GitHub provider with batched GraphQL', () => {
  it('reads five repositories in one GraphQL request, with the same facts as REST', async () => {
    const slugs = seed();
    const viaGraphql = await provider({ graphql: true })(slugs);
    const graphqlRequests = server.requests.filter(
      r => r.path === '/api/graphql',
    );
    expect(graphqlRequests).toHaveLength(1);
    expect(server.requests.filter(r => restOverviewPaths.test(r.path))).toEqual(
      [],
    );
    server.requests.length = 0;
    const viaRest = await provider({ graphql: false })(slugs);
    // REST needs repo, vulnerability alerts, branch and protection per repository
    expect(
      server.requests.filter(r => restOverviewPaths.test(r.path)),
    ).toHaveLength(4 * slugs.length);
    expect(viaGraphql.map(withoutProvenance)).toEqual(
      viaRest.map(withoutProvenance),
    );
    expect(viaGraphql[2]['scm.default-branch.head']).toEqual({
      sha: '2'.repeat(40),
      committedAt: '2026-12-01T09:00:00Z',
    });
    expect(viaGraphql[0]['github.unknown']).toEqual({});
  });

  it('splits batches at the configured size', async () => {
    const slugs = seed();
    await provider({ graphql: true, batchSize: 2 })(slugs);
    expect(server.requests.filter(r => r.path === '/api/graphql')).toHaveLength(
      3,
    );
  });

  it('fails one missing repository on its own, the rest of the batch stands', async () => {
    const slugs = seed();
    const [ok, missing] = await provider({ graphql: true })([
      slugs[0],
      'acme/does-not-exist',
    ]);
    expect(ok['scm.branch-protection.enabled']).toBe(true);
    expect(missing['scm.default-branch']).toBeUndefined();
    const unknown = missing['github.unknown'] as Record<string, string>;
    expect(unknown['scm.default-branch']).toMatch(/Not Found/);
    expect(server.requests.filter(r => r.path === '/api/graphql')).toHaveLength(
      1,
    );
  });

  it('falls back to REST when the host has no GraphQL endpoint', async () => {
    server.graphql = false;
    const slugs = seed();
    const [facts] = await provider({ graphql: true })([slugs[0]]);
    expect(facts['scm.branch-protection.required-reviews']).toBe(2);
    expect(facts['scm.default-branch.head']).toEqual({
      sha: '0'.repeat(40),
      committedAt: '2026-12-01T09:00:00Z',
    });
    expect(
      server.requests.some(r => r.path.endsWith('/branches/main/protection')),
    ).toBe(true);
  });

  it('treats protection the token cannot administer as unreadable, rulesets still count', async () => {
    const slugs = seed();
    server.repos.get('acme/r1')!.protection = 'forbidden';
    const r2 = server.repos.get('acme/r2')!;
    r2.protection = 'forbidden';
    r2.rules = [];
    const [withRules, without] = await provider({ graphql: true })(
      slugs.slice(0, 2),
    );
    expect(withRules['scm.branch-protection.enabled']).toBe(true);
    expect(withRules['scm.branch-protection.deletions-blocked']).toBe(true);
    const unknown = without['github.unknown'] as Record<string, string>;
    expect(unknown['scm.branch-protection.enabled']).toMatch(
      /Administration: read/,
    );
  });

  it('names not-protected as not protected, not unknown', async () => {
    const slugs = seed();
    const repo = server.repos.get('acme/r1')!;
    repo.protection = 'not-protected';
    repo.rules = [];
    const [facts] = await provider({ graphql: true })([slugs[0]]);
    expect(facts['scm.branch-protection.enabled']).toBe(false);
    expect(facts['scm.branch-protection.force-pushes-blocked']).toBe(false);
  });
});

describe('GraphQL query shape', () => {
  it('finds the endpoint of github.com and of GitHub Enterprise Server', () => {
    expect(graphqlUrl('https://api.github.com')).toBe(
      'https://api.github.com/graphql',
    );
    expect(graphqlUrl('https://ghe.example.com/api/v3/')).toBe(
      'https://ghe.example.com/api/graphql',
    );
  });

  it('passes owner and name as variables, never into the query text', () => {
    const hostile = 'x") { id } evil: viewer { login } #';
    const { query, variables } = batchQuery([
      {
        host: 'github.com',
        owner: hostile,
        repo: 'r',
        apiBaseUrl: 'https://api.github.com',
        url: 'https://github.com/x/r',
      },
    ]);
    expect(query).not.toContain(hostile);
    expect(variables).toEqual({ o0: hostile, n0: 'r' });
  });
});
