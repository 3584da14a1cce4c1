import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { GateWaiver } from '@gatekeeper/plugin-scorecards-common';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ResolvedWaivers } from './types';

/** Annotation holding an entity's waivers (YAML or JSON list). */
export const WAIVERS_ANNOTATION = 'gatekeeper.dev/waivers';

const dateLike = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const date = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be an ISO date or date-time',
    });
    return z.NEVER;
  }
  return date;
});

/** One waiver as written in an annotation. */
export const waiverSchema = z
  .object({
    gate: z.string().min(1),
    reason: z.string().min(3),
    approver: z.string().min(1),
    expires: dateLike,
  })
  .strict();

/** One waiver of the waivers file (names its entity). */
export const fileWaiverSchema = waiverSchema.extend({
  entityRef: z.string().min(1),
});

/** A waiver entry not yet validated, with where it came from. */
export interface RawWaiver {
  /** `annotation` and `file` are waivers as code; `request` an approved request. */
  source: 'annotation' | 'file' | 'request';
  value: unknown;
  /** Id of the approved waiver request (source `request`). */
  requestId?: string;
}

/** Precedence of waiver sources: as code (annotation, then file), then requests. */
const SOURCE_RANK: Record<string, number> = {
  annotation: 2,
  file: 1,
  request: 0,
};

/** Whether `next` replaces `existing` as the active waiver of a gate. */
function replaces(existing: GateWaiver | undefined, next: GateWaiver): boolean {
  if (!existing) return true;
  if (existing.source === next.source)
    return existing.expiresAt < next.expiresAt;
  // Waivers as code win over approved requests, annotations over the file.
  return SOURCE_RANK[next.source] > SOURCE_RANK[existing.source];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(i => `${i.path.join('.') || '(entry)'} ${i.message}`)
    .join('; ');
}

/** Reads the waivers annotation of an entity into raw entries (never throws). */
export function readAnnotationWaivers(entity: Entity): {
  raw: RawWaiver[];
  warnings: string[];
} {
  const text = entity.metadata.annotations?.[WAIVERS_ANNOTATION];
  if (!text) return { raw: [], warnings: [] };
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (e) {
    return {
      raw: [],
      warnings: [
        `invalid ${WAIVERS_ANNOTATION} annotation (not YAML/JSON): ${
          (e as Error).message
        }`,
      ],
    };
  }
  if (!Array.isArray(parsed)) {
    return {
      raw: [],
      warnings: [`invalid ${WAIVERS_ANNOTATION} annotation: must be a list`],
    };
  }
  return {
    raw: parsed.map(value => ({ source: 'annotation' as const, value })),
    warnings: [],
  };
}

/** Parses the content of a waivers file: a list, or `{ waivers: [...] }`. */
export function parseWaiversFile(content: string): {
  byEntity: Map<string, RawWaiver[]>;
  warnings: string[];
} {
  const byEntity = new Map<string, RawWaiver[]>();
  const warnings: string[] = [];
  const doc = parseYaml(content) as unknown;
  const list = Array.isArray(doc)
    ? doc
    : (doc as { waivers?: unknown } | null)?.waivers;
  if (!Array.isArray(list)) {
    warnings.push('waivers file must be a list or have a "waivers" list');
    return { byEntity, warnings };
  }
  list.forEach((value, index) => {
    const ref = (value as { entityRef?: unknown } | null)?.entityRef;
    if (typeof ref !== 'string' || ref.length === 0) {
      warnings.push(`waivers file entry ${index}: entityRef is required`);
      return;
    }
    let key: string;
    try {
      key = normalizeRef(ref);
    } catch {
      warnings.push(`waivers file entry ${index}: invalid entityRef "${ref}"`);
      return;
    }
    const { entityRef: _ignored, ...rest } = value as Record<string, unknown>;
    const entries = byEntity.get(key) ?? [];
    entries.push({ source: 'file', value: rest });
    byEntity.set(key, entries);
  });
  return { byEntity, warnings };
}

function normalizeRef(ref: string): string {
  // Accepts "component:default/name" and "component:name".
  const match = /^([^:/]+):(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) throw new Error(`invalid entity ref ${ref}`);
  return stringifyEntityRef({
    kind: match[1],
    namespace: match[2] ?? 'default',
    name: match[3],
  });
}

/**
 * Validates raw waivers (zod) and splits them into active and expired ones by
 * gate. Invalid entries are ignored and reported as warnings (and as evidence
 * on their gate when the gate id is readable).
 */
export function resolveWaivers(options: {
  raw: RawWaiver[];
  gateIds: ReadonlySet<string>;
  now: number;
  warnings?: string[];
}): ResolvedWaivers {
  const active = new Map<string, GateWaiver>();
  const expired = new Map<string, GateWaiver>();
  const invalid = new Map<string, string[]>();
  const warnings = [...(options.warnings ?? [])];
  for (const { source, value, requestId } of options.raw) {
    const result = waiverSchema.safeParse(value);
    const gateId = (value as { gate?: unknown } | null)?.gate;
    if (!result.success) {
      const message = `invalid waiver in ${source}${
        typeof gateId === 'string' ? ` for gate "${gateId}"` : ''
      } ignored: ${describeIssues(result.error)}`;
      warnings.push(message);
      if (typeof gateId === 'string' && options.gateIds.has(gateId)) {
        invalid.set(gateId, [...(invalid.get(gateId) ?? []), message]);
      }
      continue;
    }
    const w = result.data;
    if (!options.gateIds.has(w.gate)) {
      warnings.push(
        `waiver in ${source} names unknown gate "${w.gate}"; ignored`,
      );
      continue;
    }
    const waiver: GateWaiver = {
      gateId: w.gate,
      reason: w.reason,
      approver: w.approver,
      expiresAt: w.expires.toISOString(),
      source,
      ...(requestId ? { requestId } : {}),
    };
    if (w.expires.getTime() <= options.now) {
      expired.set(w.gate, waiver);
    } else if (replaces(active.get(w.gate), waiver)) {
      active.set(w.gate, waiver);
    }
  }
  for (const gateId of active.keys()) expired.delete(gateId);
  return { active, expired, invalid, warnings };
}
