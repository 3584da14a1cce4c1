import {
  ProvidedFacts,
  ScorecardFactProvider,
} from '@gatekeeper/plugin-scorecards-node';

/** Annotation -> fact id. */
export const ANNOTATION_FACTS: Record<string, string> = {
  'gatekeeper.dev/health-check': 'service.health-check',
  'gatekeeper.dev/structured-logging': 'service.structured-logging',
};

function annotationValue(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return v !== '' && v !== 'false' && v !== 'no' && v !== 'none';
}

/**
 * Facts from catalog annotations: `gatekeeper.dev/health-check` (e.g.
 * `/healthz`) and `gatekeeper.dev/structured-logging` (e.g. `json`); a missing
 * annotation means the capability is not declared (false). Also records
 * whether the entity has an owner.
 */
export function createAnnotationsProvider(): ScorecardFactProvider {
  return {
    id: 'catalog-annotations',
    // Annotations declare what a service does; nothing here observed it.
    evidence: 'configured',
    facts: [...Object.values(ANNOTATION_FACTS), 'catalog.owner.present'],
    async provide({ entity }) {
      const annotations = entity.metadata.annotations ?? {};
      const facts: ProvidedFacts = {};
      for (const [annotation, fact] of Object.entries(ANNOTATION_FACTS)) {
        facts[fact] = annotationValue(annotations[annotation]);
      }
      const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
      facts['catalog.owner.present'] =
        typeof owner === 'string' && owner !== '';
      return facts;
    },
  };
}
