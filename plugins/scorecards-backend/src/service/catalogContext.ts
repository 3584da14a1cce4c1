import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScorecardMeta } from '../database/ScorecardsStore';

function refOf(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

/** Catalog metadata of an entity: owner, system and (through the system) domain. */
export function entityMeta(
  entity: Entity,
  systems: ReadonlyMap<string, Entity>,
): ScorecardMeta {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const owner = refOf(spec.owner, 'group', namespace);
  const system =
    entity.kind.toLowerCase() === 'system'
      ? stringifyEntityRef(entity)
      : refOf(spec.system, 'system', namespace);
  const systemEntity = system ? systems.get(system) : undefined;
  const domain = systemEntity
    ? refOf(
        (systemEntity.spec as Record<string, unknown> | undefined)?.domain,
        'domain',
        systemEntity.metadata.namespace ?? 'default',
      )
    : undefined;
  return {
    kind: entity.kind,
    title: entity.metadata.title ?? entity.metadata.name,
    owner,
    system,
    domain,
  };
}

/**
 * Group hierarchy from `spec.parent` and `spec.children`: maps every group
 * to itself and all its descendants.
 */
export function groupDescendants(groups: Entity[]): Map<string, Set<string>> {
  const children = new Map<string, Set<string>>();
  const add = (parent: string, child: string) => {
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)!.add(child);
  };
  for (const group of groups) {
    const ref = stringifyEntityRef(group);
    const namespace = group.metadata.namespace ?? 'default';
    const spec = (group.spec ?? {}) as Record<string, unknown>;
    if (!children.has(ref)) children.set(ref, new Set());
    const parent = refOf(spec.parent, 'group', namespace);
    if (parent) add(parent, ref);
    if (Array.isArray(spec.children)) {
      for (const child of spec.children) {
        const childRef = refOf(child, 'group', namespace);
        if (childRef) add(ref, childRef);
      }
    }
  }
  const result = new Map<string, Set<string>>();
  for (const ref of children.keys()) {
    const seen = new Set<string>([ref]);
    const queue = [ref];
    while (queue.length > 0) {
      const current = queue.pop()!;
      for (const child of children.get(current) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    result.set(ref, seen);
  }
  return result;
}
