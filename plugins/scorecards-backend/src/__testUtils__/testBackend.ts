import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { scorecardsPlugin } from '../plugin';

/** A small policy for router-level tests. */
export const testPolicy = {
  version: 1,
  levels: ['bronze'],
  gates: [
    {
      id: 'coverage',
      title: 'Line coverage',
      severity: 'critical',
      category: 'quality',
      level: 'bronze',
      rationale: 'Untested code breaks.',
      remediation: 'https://example.com/coverage',
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
    },
    {
      id: 'owners',
      title: 'Code owners',
      severity: 'high',
      category: 'ownership',
      level: 'bronze',
      rationale: 'Someone must review changes.',
      remediation: 'https://example.com/owners',
      rules: [{ op: 'truthy', fact: 'repo.codeowners.present' }],
    },
  ],
};

/** A scored Component owned by `owner`. */
export function testComponent(name: string, owner = 'team-a'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}

/** Starts the scorecards plugin on a test database. */
export async function startScorecardsBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  entities: Entity[];
  config?: JsonObject;
  /** An initialised test database to reuse (a restart). */
  knex?: Knex;
  /** The gate policy (default {@link testPolicy}). */
  policy?: object;
  extraFeatures?: Parameters<typeof startTestBackend>[0]['features'];
}): Promise<{
  backend: Awaited<ReturnType<typeof startTestBackend>>;
  knex: Knex;
}> {
  const knex =
    options.knex ?? (await options.databases.init(options.databaseId));
  const backend = await startTestBackend({
    features: [
      scorecardsPlugin,
      gatePolicyServiceFactory(options.policy ?? testPolicy),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          scorecards: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 1 },
            },
            ...options.config,
          },
        },
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
  return { backend, knex };
}
