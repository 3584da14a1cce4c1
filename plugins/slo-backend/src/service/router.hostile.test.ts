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

jest.setTimeout(240_000);

const TOKEN = 'webhook-secret';
const user = `Bearer ${mockCredentials.user.token()}`;
const hook = `Bearer ${TOKEN}`;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'search-service' },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

const HOSTILE = [
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE slo_incidents; --",
  "' OR '1'='1",
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '<script>alert(1)</script>',
  `component:default/${'a'.repeat(5000)}`,
  '1e20',
  '-1',
  '9'.repeat(400),
  '${jndi:ldap://x}',
  '\u202e\u0000',
  'component:',
  ':::',
  'a/b/c/d',
];
const BAD_DATES = [
  '1',
  '2026',
  '2026-13-01T00:00:00Z',
  '2026-02-31T00:00:00Z',
  'yesterday',
  '2999-01-01T00:00:00Z',
  '',
  '2026-11-24 10:00',
];

const alert = (overrides: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels: { alertname: 'X', service: 'search-service' },
  annotations: {},
  startsAt: '2026-11-24T10:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint: 'f1',
  ...overrides,
});
const payload = (alerts: unknown[], extra: Record<string, unknown> = {}) => ({
  version: '4',
  groupKey: 'g',
  status: 'firing',
  receiver: 'r',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  alerts,
  ...extra,
});
const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });

type Req = {
  method: 'get' | 'post';
  url: string;
  body?: unknown;
  raw?: string;
  type?: string;
  auth?: string;
};

function corpus(): Req[] {
  const reqs: Req[] = [];
  const enc = encodeURIComponent;
  for (const [i, h] of HOSTILE.entries()) {
    const e = enc(h);
    reqs.push(
      { method: 'get', url: `/entities/default/component/${e}/slos` },
      { method: 'get', url: `/entities/${e}/${e}/${e}/incidents` },
      {
        method: 'get',
        url: `/entities/default/component/search-service/slos/${e}/rules`,
      },
      { method: 'get', url: `/gate/${e}?change=${e}` },
      { method: 'post', url: `/incidents/${e}/acknowledge`, body: {} },
      { method: 'post', url: `/incidents/${e}/postmortem`, body: { url: h } },
      {
        method: 'post',
        url: `/freeze/${e}/override`,
        body: { reason: h, expiresAt: h },
      },
      {
        method: 'post',
        url: '/incidents',
        body: { entityRef: h, title: h, severity: h },
      },
      {
        method: 'post',
        url: '/alertmanager/webhook',
        auth: hook,
        body: payload([
          alert({ fingerprint: `h${i}`, labels: { service: h, severity: h } }),
        ]),
      },
    );
  }
  for (const d of BAD_DATES) {
    reqs.push(
      {
        method: 'get',
        url: `/entities/default/component/search-service/slos?at=${enc(d)}`,
      },
      {
        method: 'post',
        url: '/incidents',
        body: {
          entityRef: 'component:default/search-service',
          title: 't',
          severity: 'P2',
          startedAt: d,
        },
      },
      { method: 'post', url: '/incidents/x/resolve', body: { at: d } },
      {
        method: 'post',
        url: '/freeze/component:default%2Fsearch-service/override',
        body: { reason: 'because', expiresAt: d },
      },
      {
        method: 'post',
        url: '/alertmanager/webhook',
        auth: hook,
        body: payload([alert({ startsAt: d })]),
      },
    );
  }
  for (const url of [
    '/incidents',
    '/incidents/x/resolve',
    '/freeze/component:default%2Fsearch-service/override',
    '/alertmanager/webhook',
  ]) {
    reqs.push(
      { method: 'post', url, raw: '{"a":', type: 'application/json' },
      { method: 'post', url, raw: '<xml/>', type: 'application/xml' },
      {
        method: 'post',
        url,
        raw: 'a=b',
        type: 'application/x-www-form-urlencoded',
      },
      { method: 'post', url, raw: 'null', type: 'application/json' },
      { method: 'post', url, raw: '[1,2]', type: 'application/json' },
      {
        method: 'post',
        url,
        raw: '{"__proto__":{"admin":true}}',
        type: 'application/json',
      },
      {
        method: 'post',
        url,
        raw: `{"x":"${'a'.repeat(3_000_000)}"}`,
        type: 'application/json',
      },
      { method: 'post', url, body: deep(2000) },
      { method: 'post', url, body: { constructor: { prototype: { x: 1 } } } },
      {
        method: 'post',
        url,
        body: { entityRef: 1e308, title: -0, severity: 1e21 },
      },
    );
  }
  const third = [alert(), alert({ fingerprint: 'f2' })];
  reqs.push(
    // third alert with an odd label: nothing of the payload is written
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([
        ...third,
        alert({
          fingerprint: 'f3',
          labels: { service: `x${'y'.repeat(300)}` },
        }),
      ]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([
        ...third,
        alert({ fingerprint: 'f3', labels: { service: 'ok\u0000' } }),
      ]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([
        ...third,
        alert({
          fingerprint: 'f3',
          status: 'resolved',
          endsAt: '2026-11-24T09:00:00Z',
        }),
      ]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([...third, alert({ fingerprint: 'f3', labels: 'odd' })]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload(
        Array.from({ length: 1001 }, (_, i) => alert({ fingerprint: `m${i}` })),
      ),
    },
    // Alertmanager v3 payloads are rejected
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([alert()], { version: '3' }),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload(
        [
          alert({
            labels: {
              __proto__: 'x',
              constructor: 'y',
              service: 'search-service',
              severity: '__proto__',
            },
          }),
        ],
        { version: '3' },
      ),
    },
    { method: 'post', url: '/alertmanager/webhook', body: payload([alert()]) },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: 'Bearer wrong',
      body: payload([alert()]),
    },
  );
  return reqs;
}

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
