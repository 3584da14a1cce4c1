import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import { AddressInfo } from 'net';
import request from 'supertest';
// The tests run the real plugins the notifier reads (test code only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@gatekeeper/plugin-slo-backend';
import { coveragePolicy } from './__testUtils__/fixtures';
import { readNotificationsConfig } from './config';
import { GatekeeperReader } from './GatekeeperReader';
import { NotificationRunner } from './NotificationRunner';
import { KnexNotificationStateStore } from './NotificationStateStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const now = new Date();
const inFiveDays = new Date(now.getTime() + 5 * 86_400_000).toISOString();

function component(name: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const entities = [
  component('a'),
  component('b', {
    'gatekeeper.dev/waivers': JSON.stringify([
      {
        gate: 'coverage',
        reason: 'migrating the test runner',
        approver: 'group:default/platform',
        expires: inFiveDays,
      },
    ]),
  }),
];

describe('NotificationRunner against the real scorecards and slo backends', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const sent: NotificationSendOptions[] = [];
  let runner: (
    kinds?: object,
    notifications?: NotificationService,
  ) => Promise<NotificationRunner>;
  const recorder: NotificationService = {
    send: async n => void sent.push(n),
  };

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        scorecardsPlugin,
        sloPlugin,
        gatePolicyServiceFactory(coveragePolicy),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            scorecards: {
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 5 },
                initialDelay: { hours: 1 },
              },
            },
            slo: { demo: { seedIncidents: false } },
          },
        }),
      ],
    });
    const port = (backend.server.address() as AddressInfo).port;
    const discovery = {
      getBaseUrl: async (id: string) => `http://localhost:${port}/api/${id}`,
      getExternalBaseUrl: async (id: string) =>
        `http://localhost:${port}/api/${id}`,
    };
    const knex = await databases.init('SQLITE_3');
    const store = await KnexNotificationStateStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    runner = async (kinds = {}, notifications = recorder) =>
      new NotificationRunner({
        reader: new GatekeeperReader({ discovery, auth: mockServices.auth() }),
        store,
        notifications,
        logger: mockServices.logger.mock(),
        config: readNotificationsConfig(
          new ConfigReader({
            app: { baseUrl: 'https://portal.example.com' },
            scorecards: { notifications: { kinds } },
          }),
        ),
      });
  });
  afterAll(() => backend?.stop());

  const push = (name: string, coverage: number) =>
    request(backend.server)
      .post('/api/scorecards/facts')
      .set('Authorization', mockCredentials.service.header())
      .send({
        entityRef: `component:default/${name}`,
        facts: { 'ci.coverage.lines': coverage },
      })
      .expect(res => expect(res.status).toBeLessThan(300));

  it('baselines, then notifies the owning group of each new cause once', async () => {
    await push('a', 90);
    // b fails coverage, but its waiver applies
    await push('b', 10);
    const first = await (await runner()).run();
    expect(first).toMatchObject({ observed: 2, failed: 0 });
    // on first sight only the deadline is announced: b's waiver expires in 5 days
    expect(sent.map(n => [n.recipients, n.payload.topic])).toEqual([
      [
        { type: 'entity', entityRef: 'group:default/team-a' },
        'gatekeeper.waiverExpiring',
      ],
    ]);
    expect(sent[0].payload.link).toBe(
      'https://portal.example.com/catalog/default/component/b/scorecard',
    );
    sent.length = 0;

    await push('a', 40);
    await (await runner()).run();
    expect(sent.map(n => n.payload.topic)).toEqual([
      'gatekeeper.verdictBlocked',
      'gatekeeper.gateFailing',
    ]);
    expect(sent[0].payload).toMatchObject({
      title: 'component:default/a is blocked from release',
      severity: 'high',
      scope: 'gatekeeper:component:default/a:verdict:blocked',
    });
    sent.length = 0;

    // nothing changed: nothing is sent again
    await (await runner()).run();
    expect(sent).toEqual([]);
  });

  it('sends each notice once when two replicas run at the same time', async () => {
    await push('a', 95);
    await (await runner()).run();
    sent.length = 0;
    await push('a', 10);
    await Promise.all([(await runner()).run(), (await runner()).run()]);
    expect(sent.map(n => n.payload.topic).sort()).toEqual([
      'gatekeeper.gateFailing',
      'gatekeeper.verdictBlocked',
    ]);
    sent.length = 0;
  });

  it('retries a notice that could not be sent, and honours switched-off kinds', async () => {
    await push('a', 95);
    await (await runner()).run();
    await push('a', 20);
    const failing = await runner({ gateFailing: false });
    const flaky = new NotificationRunner({
      ...(
        failing as unknown as {
          deps: ConstructorParameters<typeof NotificationRunner>[0];
        }
      ).deps,
      notifications: {
        send: async () => {
          throw new Error('notifications backend down');
        },
      },
    });
    expect((await flaky.run()).sent).toBe(0);
    expect(sent).toEqual([]);
    await failing.run();
    expect(sent.map(n => n.payload.topic)).toEqual([
      'gatekeeper.verdictBlocked',
    ]);
  });

  it("tells each team with entities to fix that a campaign's deadline is near, once", async () => {
    await push('a', 20);
    const created = await request(backend.server)
      .post('/api/scorecards/campaigns')
      .set('Authorization', mockCredentials.user.header('user:default/pat'))
      .send({
        title: 'Coverage everywhere',
        owner: 'group:default/platform',
        target: { gates: ['coverage'] },
        selector: { kinds: ['Component'] },
        deadline: inFiveDays,
      });
    expect(created.status).toBe(201);
    sent.length = 0;
    await (await runner()).run();
    const campaignNotices = () =>
      sent.filter(n => n.payload.topic === 'gatekeeper.campaignDue');
    // a fails coverage; b's coverage is waived (done)
    expect(campaignNotices().map(n => [n.recipients, n.payload.link])).toEqual([
      [
        { type: 'entity', entityRef: 'group:default/team-a' },
        'https://portal.example.com/campaigns',
      ],
    ]);
    expect(campaignNotices()[0].payload.title).toBe(
      'Campaign "Coverage everywhere" is due in 5 day(s)',
    );
    sent.length = 0;
    await Promise.all([(await runner()).run(), (await runner()).run()]);
    expect(campaignNotices()).toEqual([]);
    await request(backend.server)
      .patch(`/api/scorecards/campaigns/${created.body.id}`)
      .set('Authorization', mockCredentials.user.header('user:default/pat'))
      .send({ archived: true })
      .expect(200);
  });

  // Last: the approved waiver keeps a's coverage gate waived.
  it('tells the owning group of a waiver request and of its decision', async () => {
    await push('a', 10);
    await (await runner()).run();
    sent.length = 0;
    const created = await request(backend.server)
      .post('/api/scorecards/waiver-requests')
      .set('Authorization', mockCredentials.user.header('user:default/ann'))
      .send({
        entityRef: 'component:default/a',
        gate: 'coverage',
        reason: 'test runner migration',
        expires: inFiveDays,
      });
    expect(created.status).toBe(201);
    await (await runner()).run();
    expect(sent.map(n => [n.recipients, n.payload.topic])).toEqual([
      [
        { type: 'entity', entityRef: 'group:default/team-a' },
        'gatekeeper.waiverRequested',
      ],
    ]);
    expect(sent[0].payload.description).toContain('user:default/ann');
    sent.length = 0;

    const approved = await request(backend.server)
      .post(`/api/scorecards/waiver-requests/${created.body.id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/pat'))
      .send({ comment: 'until the migration' });
    expect(approved.status).toBe(200);
    await (await runner()).run();
    const topics = sent.map(n => n.payload.topic);
    expect(topics).toContain('gatekeeper.waiverDecided');
    const decided = sent.find(
      n => n.payload.topic === 'gatekeeper.waiverDecided',
    );
    expect(decided!.payload.title).toBe(
      'Waiver request for "Line coverage" on component:default/a approved',
    );
    expect(decided!.payload.description).toContain('until the migration');
    sent.length = 0;
    await (await runner()).run();
    expect(sent.map(n => n.payload.topic)).not.toContain(
      'gatekeeper.waiverDecided',
    );
    sent.length = 0;
  });
});
