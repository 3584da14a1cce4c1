/*
 * A real scorecards backend (root gate policy) whose catalog holds one
 * rendered service, for the generated report job to push to.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the real scorecards backend the generated report job pushes to (test only)
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs-extra';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { policy } from './templates';

/**
 * The test backend's service token: its mock auth accepts it and refuses any
 * other; production checks the static token of backend.auth.externalAccess.
 */
export const CI_TOKEN = mockCredentials.service.token();

export async function startScorecardsFor(repoDir: string) {
  const entity = parseAllDocuments(
    await fs.readFile(path.join(repoDir, 'catalog-info.yaml'), 'utf8'),
  )[0].toJS();
  entity.metadata.namespace = 'default';
  entity.metadata.annotations[
    'backstage.io/managed-by-location'
  ] = `file:${repoDir}/catalog-info.yaml`;
  const backend = await startTestBackend({
    features: [
      scorecardsPlugin,
      gatePolicyServiceFactory(policy),
      catalogServiceMock.factory({ entities: [entity] }),
      mockServices.rootConfig.factory({
        data: {
          scorecards: {
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
  const url = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;
  const base = `/api/scorecards/entities/default/component/${entity.metadata.name}`;
  const get = async (suffix: string) => {
    const res = await request(backend.server)
      .get(`${base}${suffix}`)
      .set('authorization', `Bearer ${CI_TOKEN}`);
    if (res.status !== 200) throw new Error(`GET ${suffix}: ${res.status}`);
    return res.body;
  };
  return {
    backend,
    url,
    /** Gate id -> status of the stored scorecard. */
    gateStatus: async (): Promise<Record<string, string>> =>
      Object.fromEntries(
        (await get('')).gates.map((g: any) => [g.gateId, g.status]),
      ),
    /** Fact id -> stored fact. */
    facts: async (): Promise<Record<string, any>> =>
      Object.fromEntries(
        (await get('/facts')).items.map((f: any) => [f.fact, f]),
      ),
  };
}
