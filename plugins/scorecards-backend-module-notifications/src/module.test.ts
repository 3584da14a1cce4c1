import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import request from 'supertest';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@gatekeeper/plugin-slo-backend';
import { coveragePolicy } from './__testUtils__/fixtures';
import notificationsModule from './index';

jest.setTimeout(60_000);

async function start(notifications: object) {
  const sent: NotificationSendOptions[] = [];
  const backend = await startTestBackend({
    features: [
      scorecardsPlugin,
      sloPlugin,
      notificationsModule,
      // the real scheduler: the module's task runs on its frequency
      schedulerServiceFactory,
      gatePolicyServiceFactory(coveragePolicy),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (n: NotificationSendOptions) => void sent.push(n),
        }),
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'a',
              namespace: 'default',
              annotations: {
                'gatekeeper.dev/waivers': JSON.stringify([
                  {
                    gate: 'coverage',
                    reason: 'migrating the test runner',
                    approver: 'group:default/platform',
                    expires: new Date(
                      Date.now() + 2 * 86_400_000,
                    ).toISOString(),
                  },
                ]),
              },
            },
            spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          scorecards: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 1 },
            },
            notifications,
          },
          slo: { demo: { seedIncidents: false } },
        },
      }),
    ],
  });
  await request(backend.server)
    .post('/api/scorecards/facts')
    .set('Authorization', mockCredentials.service.header())
    .send({
      entityRef: 'component:default/a',
      facts: { 'ci.coverage.lines': 5 },
    });
  return { backend, sent };
}

describe('scorecards notifications module', () => {
  it('runs on its schedule inside the scorecards plugin and sends to the owner', async () => {
    const { backend, sent } = await start({ frequency: { seconds: 1 } });
    const deadline = Date.now() + 30_000;
    while (sent.length === 0 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 200));
    }
    await backend.stop();
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/team-a' },
      payload: { topic: 'gatekeeper.waiverExpiring' },
    });
  });

  it('sends nothing when switched off', async () => {
    const { backend, sent } = await start({
      enabled: false,
      frequency: { seconds: 1 },
    });
    await new Promise(r => setTimeout(r, 2500));
    await backend.stop();
    expect(sent).toEqual([]);
  });
});
