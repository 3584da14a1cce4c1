import { Entity } from '@backstage/catalog-model';
import {
  RawWaiver,
  readAnnotationWaivers,
  resolveWaivers,
} from '../engine/waivers';
import { ResolvedWaivers } from '../engine/types';
import { WaiversFile } from './WaiversFile';

/**
 * The waivers of one entity, from its annotation, the waivers file and its
 * approved waiver requests,
 * validated against the policy's gate ids at `now`.
 */
export async function resolveEntityWaivers(options: {
  entity: Entity;
  entityRef: string;
  waiversFile: WaiversFile;
  gateIds: ReadonlySet<string>;
  now: number;
  /** Approved waiver requests of the entity (not expired at `now`). */
  requested?: (entityRef: string, now: number) => Promise<RawWaiver[]>;
}): Promise<ResolvedWaivers> {
  const annotation = readAnnotationWaivers(options.entity);
  const fromFile = await options.waiversFile.get(options.entityRef);
  const fromRequests = options.requested
    ? await options.requested(options.entityRef, options.now)
    : [];
  return resolveWaivers({
    raw: [...annotation.raw, ...fromFile, ...fromRequests],
    warnings: annotation.warnings,
    gateIds: options.gateIds,
    now: options.now,
  });
}
