import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { IncidentStore } from './IncidentStore';
import { syncPagerDuty } from './pagerDutySync';
import { createPagerDutySyncTask } from './pagerDutySyncTask';

jest.mock('./pagerDutySync', () => ({
  ...jest.requireActual('./pagerDutySync'),
  syncPagerDuty: jest.fn(),
}));

describe('createPagerDutySyncTask', () => {
  it('syncs the annotated entities of the lookback window with service credentials', async () => {
    const sync = jest.mocked(syncPagerDuty);
    sync.mockResolvedValue({
      created: 1,
      updated: 0,
      unchanged: 0,
      failedServices: 0,
    });
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'paged',
            annotations: { 'pagerduty.com/service-id': 'PSVC' },
          },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'unpaged' },
        },
      ],
    });
    const logger = mockServices.logger.mock();
    const store = {} as IncidentStore;
    const now = Date.parse('2026-01-31T00:00:00.000Z');
    await createPagerDutySyncTask({
      pagerDuty: {
        baseUrl: 'https://pd',
        token: 't',
        lookbackDays: 30,
        syncIntervalMinutes: 5,
      },
      store,
      catalog,
      auth: mockServices.auth(),
      logger,
      now: () => now,
    })(new AbortController().signal);
    expect(sync).toHaveBeenCalledWith({
      store,
      logger,
      baseUrl: 'https://pd',
      token: 't',
      since: new Date('2026-01-01T00:00:00.000Z'),
      entities: [{ entityRef: 'component:default/paged', serviceId: 'PSVC' }],
    });
    expect(logger.info).toHaveBeenCalledWith('PagerDuty incidents synced', {
      created: 1,
      updated: 0,
      unchanged: 0,
      failedServices: 0,
    });
  });
});
