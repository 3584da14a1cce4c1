import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { sloPlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'search-service' },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  },
];

describe.each(databases.eachSupportedId())(
  'POST /incidents with one Idempotency-Key, 50 at once, on %p',
  databaseId => {
    it('creates exactly one incident, counted in the database', async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sloPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { slo: { demo: { seedIncidents: false } } },
          }),
        ],
      });
      try {
        const body = {
          entityRef: 'component:default/search-service',
          title: 'Search is down',
          severity: 'P1',
        };
        const send = (token: string, key: string) =>
          request(backend.server)
            .post('/api/slo/incidents')
            .set('Authorization', `Bearer ${token}`)
            .set('Idempotency-Key', key)
            .send(body);
        const alice = mockCredentials.user.token('user:default/alice');
        const results = await Promise.all(
          Array.from({ length: 50 }, () => send(alice, 'same-key')),
        );
        const statuses = results.map(r => r.status);
        const created = await knex('slo_incidents').count({ count: '*' });
        // eslint-disable-next-line no-console
        console.log(
          `[concurrency ${databaseId}] POST /incidents x50 one key: statuses ${JSON.stringify(
            statuses.reduce<Record<number, number>>(
              (acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }),
              {},
            ),
          )}, incidents stored ${created[0].count}`,
        );
        expect(Number(created[0].count)).toBe(1);
        const ids = new Set(
          results.filter(r => r.status === 201).map(r => r.body.id),
        );
        expect(ids.size).toBe(1);
        expect(statuses.every(s => s === 201 || s === 409)).toBe(true);

        // The key is scoped by principal: another user with the same key
        // creates their own incident; a different body is a conflict.
        const bob = mockCredentials.user.token('user:default/bob');
        expect((await send(bob, 'same-key')).status).toBe(201);
        const reused = await request(backend.server)
          .post('/api/slo/incidents')
          .set('Authorization', `Bearer ${alice}`)
          .set('Idempotency-Key', 'same-key')
          .send({ ...body, title: 'Another' });
        expect(reused.status).toBe(409);
        const after = await knex('slo_incidents').count({ count: '*' });
        expect(Number(after[0].count)).toBe(2);
      } finally {
        await backend.stop();
      }
    });
  },
);
