import { Entity } from '@backstage/catalog-model';
import { readAnnotationWaivers, resolveWaivers } from '../engine/waivers';
import { ResolvedWaivers } from '../engine/types';
import { WaiversFile } from './WaiversFile';

/**
 * The waivers of one entity, from its annotation and the waivers file,
 * validated against the policy's gate ids at `now`.
 */
export async function resolveEntityWaivers(options: {
  entity: Entity;
  entityRef: string;
  waiversFile: WaiversFile;
  gateIds: ReadonlySet<string>;
  now: number;
}): Promise<ResolvedWaivers> {
  const annotation = readAnnotationWaivers(options.entity);
  const fromFile = await options.waiversFile.get(options.entityRef);
  return resolveWaivers({
    raw: [...annotation.raw, ...fromFile],
    warnings: annotation.warnings,
    gateIds: options.gateIds,
    now: options.now,
  });
}
