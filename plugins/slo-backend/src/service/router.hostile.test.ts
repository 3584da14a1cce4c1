/*
 * Hostile-input corpus against every SLO route on SQLite and PostgreSQL:
 * zero 5xx, no partial writes, the server alive afterwards.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { sloPlugin } from '../plugin';
import {
  alert,
  corpus,
  payload,
  Req,
  TOKEN,
} from './__testUtils__/hostileCorpus';

jest.setTimeout(240_000);

const user = `Bearer ${mockCredentials.user.token()}`;
const hook = `Bearer ${TOKEN}`;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'search-service' },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

async function send(server: any, r: Req) {
  let test = request(server)
    [r.method](`/api/slo${r.url}`)
    .set('Authorization', r.auth ?? user);
  if (r.raw !== undefined) {
    test = test.set('Content-Type', r.type ?? 'application/json').send(r.raw);
  } else if (r.body !== undefined) {
    test = test.send(r.body as object);
  }
  const res = await test;
  return res;
}

describe('slo hostile-input corpus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'answers every bad request with 4xx and writes nothing partial (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sloPlugin,
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              slo: {
                demo: { seedIncidents: false },
                alertmanager: {
                  webhookToken: TOKEN,
                  rateLimit: { burst: 100_000, perSecond: 1000 },
                },
              },
            },
          }),
        ],
      });
      const counts: Record<string, number> = {};
      const fiveHundreds: string[] = [];
      const reqs = corpus();
      for (const r of reqs) {
        const res = await send(backend.server, r);
        const cls = `${Math.floor(res.status / 100)}xx`;
        counts[cls] = (counts[cls] ?? 0) + 1;
        if (res.status >= 500)
          fiveHundreds.push(`${r.method} ${r.url.slice(0, 80)} ${res.status}`);
        expect(JSON.stringify(res.body ?? '')).not.toMatch(
          /select |insert into|update "|slo_incidents"/i,
        );
      }
      // a 1,000-alert payload is accepted as a whole, and a duplicate delivery changes nothing
      const big = payload(
        Array.from({ length: 1000 }, (_, i) => alert({ fingerprint: `b${i}` })),
      );
      for (let i = 0; i < 2; i++) {
        const res = await send(backend.server, {
          method: 'post',
          url: '/alertmanager/webhook',
          auth: hook,
          body: big,
        });
        expect(res.status).toBe(200);
        expect(res.body.created).toBe(i === 0 ? 1000 : 0);
      }
      const rows = await knex('slo_incidents').select('external_key');
      const keys = rows.map(row => row.external_key as string);
      // nothing of the rejected payloads (f1/f2 before the odd third alert) was written
      expect(keys.filter(k => /:(f1|f2|f3|m\d+):/.test(k))).toEqual([]);
      expect(keys.filter(k => /:b\d+:/.test(k))).toHaveLength(1000);
      // alive afterwards
      const alive = await send(backend.server, {
        method: 'get',
        url: '/entities/default/component/search-service/incidents',
      });
      expect(alive.status).toBe(200);
      // eslint-disable-next-line no-console
      console.info(
        `slo corpus on ${databaseId}: ${
          reqs.length
        } bad requests, by status class ${JSON.stringify(counts)}`,
      );
      expect(reqs.length).toBeGreaterThanOrEqual(150);
      expect(fiveHundreds).toEqual([]);
      await backend.stop();
    },
  );
});
