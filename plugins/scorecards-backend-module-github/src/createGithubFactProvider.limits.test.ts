import { generateKeyPairSync } from 'crypto';
import { healthyRepository } from './testUtils/fakeGithubServer';
import {
  entity,
  server,
  setup,
  useFakeGithub,
} from './__testUtils__/restProviderHarness';

useFakeGithub();

describe('createGithubFactProvider: limits and credentials', () => {
  it('backs off on a secondary rate limit and still delivers the facts', async () => {
    server.repos.set('acme/payments', healthyRepository());
    server.inject.push({
      path: /\/branches\/main\/protection$/,
      status: 403,
      headers: { 'retry-after': '2' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
    });
    const sleeps: number[] = [];
    const facts = await setup({ sleeps }).provide();
    expect(sleeps).toEqual([2000]);
    expect(facts['scm.branch-protection.enabled']).toBe(true);
  });

  it('turns an exhausted primary rate limit into unknown facts with the reason, never a throw', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const reset = Math.floor(Date.now() / 1000) + 3600;
    server.inject.push({
      path: /\/repos\/acme\/payments$/,
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const { provide } = setup({ maxWaitMs: 60_000 });
    const facts = await provide();
    const unknown = facts['github.unknown'] as Record<string, string>;
    expect(unknown['scm.default-branch']).toMatch(
      /rate limited \(HTTP 403\) until/,
    );
    expect(unknown['scm.branch-protection.enabled']).toMatch(/rate limited/);
    // The origin stays blocked until the reset: the next refresh sends nothing.
    const sent = server.requests.length;
    const later = await provide();
    expect(server.requests.length).toBe(sent);
    expect(
      (later['github.unknown'] as Record<string, string>)['scm.default-branch'],
    ).toMatch(/rate limited until/);
  });

  it('is unknown with a reason, and sends nothing, without credentials', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const facts = await setup({ token: '' }).provide();
    expect(server.requests).toHaveLength(0);
    expect(Object.keys(facts).sort()).toEqual([
      'github.provenance',
      'github.unknown',
    ]);
    expect(
      (facts['github.unknown'] as Record<string, string>)[
        'scm.branch-protection.enabled'
      ],
    ).toMatch(/no GitHub token or App installation for github.com/);
  });

  it('reports a wrong token and a missing repository as unknown', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const bad = await setup({ token: 'wrong' }).provide();
    expect(
      (bad['github.unknown'] as Record<string, string>)['scm.default-branch'],
    ).toMatch(/HTTP 401 .*Bad credentials/);
    const missing = await setup().provide(
      entity({ 'github.com/project-slug': 'acme/gone' }),
    );
    expect(
      (missing['github.unknown'] as Record<string, string>)[
        'github.ci.lint.passed'
      ],
    ).toMatch(/HTTP 404/);
  });

  it('gives entities that are not on GitHub no facts', async () => {
    const { provide } = setup();
    expect(await provide(entity({}))).toEqual({});
    expect(
      await provide(entity({ 'github.com/project-slug': 'not a slug' })),
    ).toEqual({});
    expect(
      await provide(
        entity({
          'backstage.io/source-location': 'url:https://gitlab.com/a/b',
        }),
      ),
    ).toEqual({});
    expect(server.requests).toHaveLength(0);
  });

  it('reports gate jobs without a completed run as unknown', async () => {
    const repo = healthyRepository();
    repo.runs = [repo.runs[0]];
    server.repos.set('acme/payments', repo);
    const facts = await setup().provide();
    expect(facts['github.ci.lint.passed']).toBe(true);
    expect(facts['github.ci.gate-jobs.passed']).toBeUndefined();
    expect(
      (facts['github.unknown'] as Record<string, string>)[
        'github.ci.sast.passed'
      ],
    ).toBe(
      'no completed run of job "sast" on main in the last 1 workflow runs',
    );
  });

  it('authenticates as a GitHub App installation', async () => {
    server.repos.set('acme/payments', healthyRepository());
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { provide } = setup({
      app: {
        appId: server.appId,
        clientId: 'Iv1.test',
        clientSecret: 'secret',
        privateKey: privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
    });
    const [first, second] = await Promise.all([provide(), provide()]);
    expect(first['github.unknown']).toEqual({});
    expect(first['scm.branch-protection.enabled']).toBe(true);
    // The same refresh twice at once gives the same facts.
    expect(second).toEqual(first);
    const repoCalls = server.requests.filter(r =>
      r.path.startsWith('/api/v3/repos/'),
    );
    expect(new Set(repoCalls.map(r => r.authorization))).toEqual(
      new Set([`Bearer ${server.installationToken}`]),
    );
    expect(server.appTokensIssued).toBeGreaterThanOrEqual(1);
  });

  it('reports an App that is not installed for the owner as unknown', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { provide } = setup({
      app: {
        appId: server.appId,
        clientId: 'Iv1.test',
        clientSecret: 'secret',
        privateKey: privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
    });
    const facts = await provide(
      entity({ 'github.com/project-slug': 'other-org/repo' }),
    );
    expect(
      (facts['github.unknown'] as Record<string, string>)[
        'scm.branch-protection.enabled'
      ],
    ).toMatch(/no GitHub token or App installation for github.com\/other-org/);
  });
});
