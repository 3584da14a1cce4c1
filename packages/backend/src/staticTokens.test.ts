/*
 * The static tokens of app-config.yaml against the real auth services, the
 * SLO and scorecards backends and Gatekeeper's permissions service: each
 * token reaches what its purpose needs and nothing more.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader, JsonValue } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import gatePolicy from '../../../backstage.config';
import { gatekeeperPermissionsServiceFactory } from './gatekeeperPermissionsService';
import sloPlugin from '@gatekeeper/plugin-slo-backend';
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../..');
const appConfig = parse(
  fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
);
const externalAccess = (
  appConfig.backend.auth.externalAccess as Array<{
    options: { token: string; subject: string };
    accessRestrictions: JsonValue;
  }>
).map(entry => ({
  ...entry,
  type: 'static',
  options: {
    ...entry.options,
    token: `${entry.options.subject}-test-token-0123456789`,
  },
}));

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team', lifecycle: 'prod' },
};

describe('static tokens (app-config.yaml) end to end', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        scorecardsPlugin,
        gatePolicyServiceFactory(gatePolicy),
        catalogServiceMock.factory({ entities: [entity] }),
        authServiceFactory,
        httpAuthServiceFactory,
        gatekeeperPermissionsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  ...externalAccess,
                  // no accessRestrictions: only Gatekeeper's rules stop it
                  {
                    type: 'static',
                    options: {
                      subject: 'unrestricted',
                      token: 'unrestricted-test-token-0123456789',
                    },
                  },
                ],
              },
            },
            permission: { enabled: true },
            gatekeeper: { permissions: appConfig.gatekeeper.permissions },
            slo: {
              demo: { seedIncidents: false },
              alertmanager: { webhookToken: 'alertmanager-test-token' },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => stop?.());

  const as = (subject: string) => `Bearer ${subject}-test-token-0123456789`;
  const push = (id: string) => ({
    deployments: [
      {
        id,
        entityRef: 'component:default/svc',
        environment: 'production',
        commit: 'abcdef1',
        startedAt: new Date(Date.now() - 600_000).toISOString(),
        finishedAt: new Date(Date.now() - 60_000).toISOString(),
        status: 'succeeded',
      },
    ],
  });
  const ref = encodeURIComponent('component:default/svc');

  it('defines one token per purpose', () => {
    expect(externalAccess.map(e => e.options.subject).sort()).toEqual([
      'ci',
      'deploy-gate',
    ]);
    expect(
      new ConfigReader(appConfig).getString('slo.alertmanager.webhookToken'),
    ).toBeTruthy();
  });

  it.each([
    // [subject, method, url, body, expected status]
    [
      'ci',
      'post',
      '/api/scorecards/facts',
      { entityRef: 'component:default/svc', facts: {} },
      'not-403',
    ],
    ['ci', 'get', '/api/scorecards/gates', undefined, 200],
    ['ci', 'post', '/api/slo/deployments', push('ci-1'), 'not-403'],
    ['deploy-gate', 'post', '/api/slo/deployments', push('dg-1'), 403],
    ['unrestricted', 'post', '/api/slo/deployments', push('u-1'), 403],
    ['ci', 'get', `/api/slo/gate/${ref}`, undefined, 403],
    ['ci', 'post', '/api/scorecards/waivers/validate', { waivers: [] }, 403],
    ['deploy-gate', 'get', `/api/slo/gate/${ref}`, undefined, 200],
    ['deploy-gate', 'get', '/api/scorecards/gates', undefined, 200],
    [
      'deploy-gate',
      'post',
      '/api/scorecards/facts',
      { entityRef: 'component:default/svc', facts: {} },
      403,
    ],
    [
      'deploy-gate',
      'post',
      '/api/slo/incidents',
      { entityRef: 'component:default/svc', title: 't', severity: 'P2' },
      403,
    ],
    [
      'deploy-gate',
      'post',
      `/api/slo/freeze/${ref}/override`,
      {
        reason: 'urgent',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      403,
    ],
    ['unrestricted', 'get', `/api/slo/gate/${ref}`, undefined, 200],
    [
      'unrestricted',
      'post',
      `/api/slo/freeze/${ref}/override`,
      {
        reason: 'urgent',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      403,
    ],
    [
      'unrestricted',
      'post',
      '/api/slo/incidents',
      { entityRef: 'component:default/svc', title: 't', severity: 'P2' },
      403,
    ],
    ['unrestricted', 'post', '/api/scorecards/dry-run', { policy: {} }, 403],
    [
      'unrestricted',
      'post',
      '/api/scorecards/facts',
      { entityRef: 'component:default/svc', facts: {} },
      'not-403',
    ],
  ] as const)('%s %s %s', async (subject, method, url, body, expected) => {
    let test = request(server)[method](url).set('Authorization', as(subject));
    if (body) test = test.send(body);
    const res = await test;
    const allowed = expected === 'not-403';
    // 'not-403': authorised; the handler may still reject the body (400)
    expect(allowed ? ![401, 403].includes(res.status) : res.status).toBe(
      allowed ? true : expected,
    );
  });

  it('the deploy-gate token asks the release gate, which reaches the SLO gate', async () => {
    const res = await request(server)
      .get(
        `/api/scorecards/release-gate/component/default/svc?commit=${'c'.repeat(
          40,
        )}`,
      )
      .set('Authorization', as('deploy-gate'));
    expect(res.status).toBe(200);
    expect(res.body.errorBudget).toMatchObject({ reachable: true });
    // nothing was pushed for this commit: the gate denies and says why
    expect(res.body.decision).toBe('deny');
    expect(res.body.reasons).toContain(
      `no CI fact carries a commit: cannot tell that the scorecard describes ${'c'.repeat(
        40,
      )}`,
    );
    const anonymous = await request(server).get(
      '/api/scorecards/release-gate/component/default/svc',
    );
    expect(anonymous.status).toBe(401);
  });

  it('the Alertmanager token opens the webhook only', async () => {
    const auth = 'Bearer alertmanager-test-token';
    const hook = await request(server)
      .post('/api/slo/alertmanager/webhook')
      .set('Authorization', auth)
      .send({
        version: '4',
        groupKey: 'g',
        status: 'firing',
        receiver: 'r',
        alerts: [],
      });
    expect(hook.status).toBe(200);
    for (const url of [`/api/slo/gate/${ref}`, '/api/scorecards/gates']) {
      const res = await request(server).get(url).set('Authorization', auth);
      expect(res.status).toBe(401);
    }
  });
});
