import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  parseGatePolicy,
  SCORECARDS_SIGNAL_CHANNEL,
  scorecardSignalChannel,
} from '@gatekeeper/plugin-scorecards-common';
import { testComponent, testPolicy } from '../__testUtils__/testBackend';
import { DatabaseScorecardsStore } from '../database/ScorecardsStore';
import { ScorecardsService } from '../service/ScorecardsService';
import { WaiversFile } from './WaiversFile';

const ref = 'component:default/svc';

describe('scorecard change signals', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  const publish = jest.fn(async () => {});
  const logger = mockServices.logger.mock();
  let service: ScorecardsService;
  let now = Date.parse('2026-12-01T12:00:00Z');

  const push = (facts: Record<string, unknown>) => {
    now += 1000;
    return service.pushFacts({ entityRef: ref, facts });
  };

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    service = new ScorecardsService({
      policy: parseGatePolicy(testPolicy),
      store: await DatabaseScorecardsStore.create({
        database: { getClient: async () => knex },
      }),
      catalog: catalogServiceMock({ entities: [testComponent('svc')] }),
      auth: mockServices.auth(),
      reader: mockServices.urlReader.mock(),
      logger,
      auditor: mockServices.auditor.mock(),
      providers: [],
      waiversFile: new WaiversFile(undefined, logger),
      kinds: ['Component'],
      now: () => now,
      signals: { publish },
    });
  });

  beforeEach(() => publish.mockClear());

  it('publishes once per change, on the entity and the coarse channel, never on unchanged saves', async () => {
    await push({ 'ci.coverage.lines': 10, 'repo.codeowners.present': true });
    expect(publish.mock.calls).toEqual([
      [
        {
          recipients: { type: 'broadcast' },
          channel: scorecardSignalChannel(ref),
          message: { entityRef: ref },
        },
      ],
      [
        {
          recipients: { type: 'broadcast' },
          channel: SCORECARDS_SIGNAL_CHANNEL,
          message: {},
        },
      ],
    ]);
    expect(scorecardSignalChannel(ref)).toBe(
      'gatekeeper:scorecards:component:default/svc',
    );

    publish.mockClear();
    // the same outcome again (a new observation of the same values)
    await push({ 'ci.coverage.lines': 10 });
    await push({ 'ci.coverage.lines': 11 });
    expect(publish).not.toHaveBeenCalled();

    // a gate status changes, the verdict too
    await push({ 'ci.coverage.lines': 90 });
    expect(publish).toHaveBeenCalledTimes(2);
    // only a gate status changes (owners fails), verdict at-risk
    await push({ 'repo.codeowners.present': false });
    expect(publish).toHaveBeenCalledTimes(4);
  });

  it('signals one change once when the same push arrives twice at once', async () => {
    now += 1000;
    const facts = { 'ci.coverage.lines': 20 };
    await Promise.all([
      service.pushFacts({ entityRef: ref, facts }),
      service.pushFacts({ entityRef: ref, facts }),
    ]);
    expect(
      publish.mock.calls.filter(
        ([s]: any) => s.channel === scorecardSignalChannel(ref),
      ),
    ).toHaveLength(1);
  });

  it('keeps the evaluation when publishing fails', async () => {
    publish.mockRejectedValueOnce(new Error('events down'));
    const result = await push({ 'ci.coverage.lines': 95 });
    expect(result.body.scorecard?.entityRef).toBe(ref);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events down'),
      { entityRef: ref },
    );
  });
});
