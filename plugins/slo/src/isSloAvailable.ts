import { Entity } from '@backstage/catalog-model';

/** Annotation pointing to an OpenSLO file of the entity. */
export const SLO_FILE_ANNOTATION = 'gatekeeper.dev/slo-file';
/** Annotation holding (or referencing) OpenSLO definitions inline. */
export const OPENSLO_ANNOTATION = 'gatekeeper.dev/openslo';

/**
 * True when the entity declares SLOs through one of the gatekeeper
 * annotations; use with `EntitySwitch.Case`.
 *
 * @public
 */
export function isSloAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[SLO_FILE_ANNOTATION]?.trim() ||
      annotations[OPENSLO_ANNOTATION]?.trim(),
  );
}
