import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { sloPlugin } from '../../plugin';

/** Fixture entities and a backend running the SLO plugin on the demo datasource. */
export const openslo = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: search-service
  indicator:
    spec:
      ratioMetric:
        counter: true
        good: {metricSource: {type: Prometheus, spec: {query: good_total}}}
        total: {metricSource: {type: Prometheus, spec: {query: requests_total}}}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.999}]
`;

export const entity = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

export const entities = [
  entity('search-service', { 'gatekeeper.dev/openslo': openslo }),
  entity('payments-service', {
    'gatekeeper.dev/openslo': openslo.replace(
      /search-service/g,
      'payments-service',
    ),
  }),
  entity('no-slos'),
  entity('broken', {
    'gatekeeper.dev/openslo':
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\n',
  }),
];

export const TOKEN = 'webhook-secret';
export const user = () => `Bearer ${mockCredentials.user.token()}`;

export async function start(
  options: {
    deny?: boolean;
    burst?: number;
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
  } = {},
) {
  const auditor = mockServices.auditor.mock();
  const events: any[] = [];
  auditor.createEvent.mockImplementation(async opts => {
    const event = { opts, success: jest.fn(), fail: jest.fn() };
    events.push(event);
    return event;
  });
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({ entities }),
      auditor.factory,
      mockServices.rootConfig.factory({
        data: {
          slo: {
            demo: { seedIncidents: false },
            alertmanager: {
              webhookToken: TOKEN,
              rateLimit: { burst: options.burst ?? 100, perSecond: 0.001 },
            },
          },
        },
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
      ...(options.permissions ? [options.permissions.factory] : []),
    ],
  });
  return { server: backend.server, events, backend };
}

export const alertPayload = (
  status: 'firing' | 'resolved',
  labels: Record<string, string>,
  endsAt = '0001-01-01T00:00:00Z',
) => ({
  version: '4',
  groupKey: '{}:{alertname="X"}',
  status,
  receiver: 'backstage',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://am',
  truncatedAlerts: 0,
  alerts: [
    {
      status,
      labels: { alertname: 'HighErrorRate', ...labels },
      annotations: { summary: 'errors!' },
      startsAt: '2026-11-24T10:00:00Z',
      endsAt,
      generatorURL: 'http://prom',
      fingerprint: 'f00d',
    },
  ],
});

/** The running test backend of {@link start}. */
export type SloTestBackend = Awaited<ReturnType<typeof start>>;
