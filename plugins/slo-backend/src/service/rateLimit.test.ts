import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { sloPlugin } from '../plugin';

jest.setTimeout(60_000);

const TOKEN = 'webhook-secret';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'search-service' },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  },
];

const payload = {
  version: '4',
  groupKey: '{}:{alertname="X"}',
  status: 'firing',
  receiver: 'backstage',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://am',
  truncatedAlerts: 0,
  alerts: [],
};

async function start() {
  return startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          slo: {
            demo: { seedIncidents: false },
            rateLimit: {
              writesPerMinute: 0.001,
              burst: 3,
              failedAuthPerMinute: 0.001,
              failedAuthBurst: 2,
            },
            alertmanager: {
              webhookToken: TOKEN,
              rateLimit: { burst: 5, perSecond: 0.001 },
            },
          },
        },
      }),
    ],
  });
}

describe('slo write rate limits', () => {
  it('junk webhook calls never lock out the authenticated Alertmanager', async () => {
    const backend = await start();
    try {
      const hook = (token?: string) => {
        const r = request(backend.server).post('/api/slo/alertmanager/webhook');
        return token ? r.set('Authorization', `Bearer ${token}`) : r;
      };
      const junk: number[] = [];
      for (let i = 0; i < 6; i++) {
        junk.push((await hook(i % 2 ? 'wrong' : undefined).send({})).status);
      }
      expect(junk).toEqual([401, 401, 429, 429, 429, 429]);
      const limited = await hook().send({});
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.error.name).toBe('TooManyRequestsError');

      const real: number[] = [];
      for (let i = 0; i < 6; i++) {
        real.push((await hook(TOKEN).send(payload)).status);
      }
      // Alertmanager has its own bucket (burst 5), untouched by the junk.
      expect(real).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await backend.stop();
    }
  });

  it('limits every write route per caller with 429 and Retry-After', async () => {
    const backend = await start();
    try {
      const post = (path: string, user: string, body: object) =>
        request(backend.server)
          .post(`/api/slo${path}`)
          .set('Authorization', `Bearer ${mockCredentials.user.token(user)}`)
          .send(body);
      const incident = {
        entityRef: 'component:default/search-service',
        title: 'Down',
        severity: 'P2',
      };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await post('/incidents', 'user:default/a', incident)).status,
        );
      }
      expect(statuses).toEqual([201, 201, 201]);
      for (const path of [
        '/incidents',
        '/incidents/x/acknowledge',
        '/incidents/x/resolve',
        '/incidents/x/postmortem',
        '/freeze/component%3Adefault%2Fsearch-service/override',
      ]) {
        const res = await post(path, 'user:default/a', {});
        expect([path, res.status]).toEqual([path, 429]);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      // Another caller has a bucket of its own; reads are not limited.
      expect(
        (await post('/incidents', 'user:default/b', incident)).status,
      ).toBe(201);
      const read = await request(backend.server)
        .get('/api/slo/entities/default/component/search-service/incidents')
        .set('Authorization', `Bearer ${mockCredentials.user.token()}`);
      expect(read.status).toBe(200);
    } finally {
      await backend.stop();
    }
  });
});
