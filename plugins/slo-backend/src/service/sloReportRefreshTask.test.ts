import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createSloReportRefreshTask,
  listSloEntities,
} from './sloReportRefreshTask';

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

const entities = [
  entity('inline', { 'gatekeeper.dev/openslo': 'x' }),
  entity('file', { 'gatekeeper.dev/slo-file': 'slos.yaml' }),
  entity('none', { 'backstage.io/techdocs-ref': 'dir:.' }),
];

describe('sloReportRefreshTask', () => {
  it('lists only entities with SLO definitions', async () => {
    const listed = await listSloEntities({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });
    expect(listed.map(e => e.metadata.name).sort()).toEqual(['file', 'inline']);
  });

  it('refreshes each of them, confirms the unchanged ones and logs a summary', async () => {
    const refreshStoredReport = jest.fn(async (e: Entity) =>
      e.metadata.name === 'inline'
        ? ('stored' as const)
        : ('unchanged' as const),
    );
    const reports = { touch: jest.fn(async () => {}) };
    const logger = mockServices.logger.mock();
    await createSloReportRefreshTask({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      service: { refreshStoredReport },
      reports,
      logger,
      concurrency: 2,
    })(new AbortController().signal);
    expect(refreshStoredReport).toHaveBeenCalledTimes(2);
    expect(reports.touch).toHaveBeenCalledWith(
      ['component:default/file'],
      expect.any(Number),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/of 2 entities .* 1 stored, 1 unchanged, 0 failed/),
    );
  });

  it('stops when the scheduler aborts the run', async () => {
    const controller = new AbortController();
    controller.abort();
    const refreshStoredReport = jest.fn(async () => 'stored' as const);
    await createSloReportRefreshTask({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      service: { refreshStoredReport },
      reports: { touch: async () => {} },
      logger: mockServices.logger.mock(),
    })(controller.signal);
    expect(refreshStoredReport).not.toHaveBeenCalled();
  });
});
