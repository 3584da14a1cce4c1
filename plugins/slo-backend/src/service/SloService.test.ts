import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SliEventsRequest, SloDatasource } from '@gatekeeper/plugin-slo-node';
import { IncidentStore } from '../incidents/IncidentStore';
import { DEFAULT_POLICY } from '../policy/errorBudgetPolicy';
import { FreezeOverrideStore } from '../policy/FreezeOverrideStore';
import { SloService } from './SloService';

const sloYaml = (name: string, duration: string, target = 0.99) => `---
apiVersion: openslo/v1
kind: SLO
metadata: {name: ${name}}
spec:
  service: svc
  indicator:
    spec:
      ratioMetric:
        good: {metricSource: {type: Prometheus, spec: {query: g}}}
        total: {metricSource: {type: Prometheus, spec: {query: t}}}
  timeWindow: [{duration: ${duration}, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: ${target}}]
`;

/** 100 events per bucket, 2 bad: 2% errors. */
const datasource: SloDatasource = {
  name: 'fake',
  demo: false,
  async fetchEvents(request: SliEventsRequest) {
    const n = Math.round(
      (request.endMs - request.startMs) / 1000 / request.stepSeconds,
    );
    return {
      startMs: request.startMs,
      stepSeconds: request.stepSeconds,
      good: new Float64Array(n).fill(98),
      total: new Float64Array(n).fill(100),
    };
  },
};

const incidents: Pick<IncidentStore, 'listIncidents'> = {
  listIncidents: async () => [],
};
const freezeOverrides: Pick<FreezeOverrideStore, 'getActiveFreezeOverride'> = {
  getActiveFreezeOverride: async () => undefined,
};

describe('SloService per-SLO isolation', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      annotations: {
        'gatekeeper.dev/openslo':
          sloYaml('broken', '0d') +
          sloYaml('exhausted', '1d', 0.99) +
          sloYaml('healthy', '1d', 0.95),
      },
    },
    spec: {},
  };
  const service = new SloService({
    catalog: catalogServiceMock({ entities: [entity] }),
    urlReader: mockServices.urlReader.mock(),
    datasource,
    incidents,
    freezeOverrides,
    logger: mockServices.logger.mock(),
    policy: { ...DEFAULT_POLICY, exceptions: ['P0'] },
    cacheTtlSeconds: 0,
    now: () => Date.parse('2026-11-24T12:00:00Z'),
  });

  it('computes the valid SLOs beside a broken one and names the broken one', async () => {
    const report = await service.report(entity);
    expect(report.slos.map(s => s.name)).toEqual(['exhausted', 'healthy']);
    // 2% errors: 1% budget -> -100% remaining; 5% budget -> 60% remaining
    expect(report.slos[0].errorBudget.remainingPercent).toBeCloseTo(-100, 9);
    expect(report.slos[1].errorBudget.remainingPercent).toBeCloseTo(60, 9);
    expect(report.errors).toEqual([
      expect.objectContaining({
        slo: 'broken',
        file: 'annotation gatekeeper.dev/openslo',
        path: 'spec.timeWindow.0.duration',
      }),
    ]);
  });

  it('the gate still decides, with the policy text, and lists what it could not evaluate', async () => {
    const gate = await service.gate(entity, 'security');
    expect(gate.decision).toBe('deny');
    expect(gate.slos).toBe(2);
    expect(gate.reasons[0]).toBe(
      'error budget freeze in effect: only P0 changes are allowed',
    );
    expect(gate.notEvaluated?.map(e => e.slo)).toEqual(['broken']);
    expect(gate.reasons.some(r => r.startsWith('not evaluated: '))).toBe(true);
    expect((await service.gate(entity, 'p0')).decision).toBe('allow');
  });

  it('a datasource failure of one SLO is reported against it, the others are computed', async () => {
    const flaky = new SloService({
      catalog: catalogServiceMock({ entities: [entity] }),
      urlReader: mockServices.urlReader.mock(),
      datasource: {
        ...datasource,
        fetchEvents: async request => {
          if (request.slo.name === 'healthy') throw new Error('timeout');
          return datasource.fetchEvents(request);
        },
      },
      incidents,
      freezeOverrides,
      logger: mockServices.logger.mock(),
      policy: DEFAULT_POLICY,
      cacheTtlSeconds: 0,
    });
    const report = await flaky.report(entity);
    expect(report.slos.map(s => s.name)).toEqual(['exhausted']);
    expect(report.errors.map(e => [e.slo, e.message])).toEqual([
      ['broken', expect.any(String)],
      ['healthy', 'timeout'],
    ]);
  });
});
