import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readLocalRepository } from '../providers/repository';

/** A Component with the given annotations and spec. */
export const entity = (
  annotations: Record<string, string> = {},
  spec: object = { owner: 'team-a' },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default', annotations },
  spec,
});

/** A temporary directory holding `files`. */
export function tempRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-provider-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** Runs a provider on an entity, with the repository read from `dir`. */
export async function run(
  provider: ScorecardFactProvider,
  dir: string | undefined,
  e = entity(),
) {
  return provider.provide({
    entity: e,
    reader: mockServices.urlReader.mock(),
    logger: mockServices.logger.mock(),
    getRepository: async () => (dir ? readLocalRepository(dir) : undefined),
  });
}
