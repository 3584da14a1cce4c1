import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import gatePolicy from '../../../../backstage.config';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
// The tests run the real plugins the actions call (test code only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@gatekeeper/plugin-slo-backend';
import actionsFeatures from '../index';

const root = path.resolve(__dirname, '../../../..');

/** The one user the fixture permission policy refuses incident writes and waiver requests. */
export const VIEWER = 'user:default/viewer';
export const OWNER = 'user:default/search-owner';

function readEntities(file: string): Entity[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => d.toJS() as Entity)
    .filter(e => e && e.kind !== 'Location')
    .map(e => ({
      ...e,
      metadata: {
        namespace: 'default',
        ...e.metadata,
        annotations: {
          ...e.metadata.annotations,
          'backstage.io/managed-by-location': `file:${file}`,
        },
      },
    }));
}

/** Allows everything except `slo.incidents.manage` and `scorecards.waivers.request` for {@link VIEWER}. */
const fixturePermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory() {
    const decide = (name: string, credentials: unknown): PolicyDecision => {
      const principal = (credentials as { principal?: unknown })?.principal as
        | { type?: string; userEntityRef?: string }
        | undefined;
      const denied =
        principal?.type === 'user' &&
        principal.userEntityRef === VIEWER &&
        (name === 'slo.incidents.manage' ||
          name === 'scorecards.waivers.request');
      return {
        result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      };
    };
    return {
      authorize: async (requests, options) =>
        requests.map(r => decide(r.permission.name, options?.credentials)),
      authorizeConditional: async (requests, options) =>
        requests.map(r => decide(r.permission.name, options?.credentials)),
    } as typeof coreServices.permissions.T;
  },
});

/**
 * The real scorecards, slo, actions registry and MCP actions backends with
 * the demo catalog, facts and SLO datasource, plus the Gatekeeper actions.
 */
export async function startActionsBackend() {
  const demoRepos = fs.readdirSync(path.join(root, 'demo/repos'));
  const entities = demoRepos.flatMap(r =>
    readEntities(path.join(root, 'demo/repos', r, 'catalog-info.yaml')),
  );
  return startTestBackend({
    features: [
      scorecardsPlugin,
      sloPlugin,
      mcpActionsPlugin,
      actionsFeatures,
      fixturePermissions,
      gatePolicyServiceFactory(gatePolicy),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { actions: { pluginSources: ['scorecards', 'slo'] } },
          scorecards: {
            seedFactsFile: path.join(root, 'demo/scorecards-facts.yaml'),
            waiversFile: path.join(root, 'demo/waivers.yaml'),
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 1 },
            },
          },
        },
      }),
    ],
  });
}
