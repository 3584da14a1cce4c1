import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { githubTarget } from './githubTarget';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.com', token: 't' },
        {
          host: 'ghe.example.com',
          apiBaseUrl: 'https://ghe.example.com/api/v3/',
        },
      ],
    },
  }),
);

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  };
}

describe('githubTarget', () => {
  it('reads the project-slug on github.com', () => {
    expect(
      githubTarget(
        entity({ 'github.com/project-slug': 'acme/payments' }),
        integrations,
      ),
    ).toEqual({
      host: 'github.com',
      owner: 'acme',
      repo: 'payments',
      apiBaseUrl: 'https://api.github.com',
      url: 'https://github.com/acme/payments',
    });
  });

  it('puts the project-slug on the GitHub Enterprise host of the source location', () => {
    const target = githubTarget(
      entity({
        'github.com/project-slug': 'platform/ledger',
        'backstage.io/source-location':
          'url:https://ghe.example.com/other/name/tree/main/',
      }),
      integrations,
    );
    expect(target).toMatchObject({
      host: 'ghe.example.com',
      owner: 'platform',
      repo: 'ledger',
      apiBaseUrl: 'https://ghe.example.com/api/v3',
    });
  });

  it('derives the repository from a GitHub source location', () => {
    expect(
      githubTarget(
        entity({
          'backstage.io/source-location':
            'url:https://ghe.example.com/platform/ledger.git',
        }),
        integrations,
      ),
    ).toMatchObject({
      host: 'ghe.example.com',
      owner: 'platform',
      repo: 'ledger',
    });
  });

  it('ignores entities that are not on a configured GitHub host', () => {
    const cases: Record<string, string>[] = [
      {},
      { 'github.com/project-slug': 'acme/payments/extra' },
      { 'github.com/project-slug': '../etc' },
      { 'github.com/project-slug': 'acme/..' },
      { 'github.com/project-slug': 'acme/a%2f..' },
      { 'backstage.io/source-location': 'url:https://github.com/acme/../x' },
      { 'backstage.io/source-location': 'url:https://gitlab.com/a/b' },
      { 'backstage.io/source-location': 'url:https://github.com/only-owner' },
      { 'backstage.io/source-location': 'url:not a url' },
      { 'backstage.io/source-location': 'file:/srv/repo' },
    ];
    for (const annotations of cases) {
      expect([
        annotations,
        githubTarget(entity(annotations), integrations),
      ]).toEqual([annotations, undefined]);
    }
  });
});
