import { z } from 'zod';
import { CampaignDefinition, campaignDefinitionSchema } from './campaignSchema';

/** Severity of a gate; drives the OSSF-style weighted score. @public */
export const gateSeveritySchema = z.enum(['critical', 'high', 'medium', 'low']);
/** @public */
export type GateSeverity = z.infer<typeof gateSeveritySchema>;

/** Score weight per severity, as in the OSSF Scorecard risk weighting. @public */
export const SEVERITY_WEIGHTS: Record<GateSeverity, number> = {
  critical: 10,
  high: 7.5,
  medium: 5,
  low: 2.5,
};

/** Gate category. @public */
export const gateCategorySchema = z.enum([
  'quality',
  'security',
  'supply-chain',
  'compliance',
  'ownership',
  'operations',
  'reliability',
  'delivery',
  'data',
]);
/** @public */
export type GateCategory = z.infer<typeof gateCategorySchema>;

const identifier = z
  .string()
  .regex(
    /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/,
    'must be lower-case words joined by "-" or "."',
  );

// Gate, GateRule and GatePolicy are declared by hand, not as z.infer: the
// inferred object types list their members in an order that depends on the
// order the compiler creates the key literal types, so the declarations
// (and the API report) differed between a clean build and an incremental one.
// The schemas are typed with them, so tsc checks that both stay in step.

/**
 * How a gate decides pass/fail from a fact. The fact is looked up by `fact`
 * (a fact id such as `ci.coverage.lines` or `repo.codeowners.present`).
 * @public
 */
export type GateRule =
  | { op: 'exists'; fact: string }
  | { op: 'truthy'; fact: string }
  | { op: 'falsy'; fact: string }
  | {
      op: 'gte' | 'gt' | 'lte' | 'lt' | 'eq' | 'neq';
      fact: string;
      value: number | string | boolean;
    }
  | { op: 'includesAll'; fact: string; value: string[] };

/** One gate of the policy. @public */
export interface Gate {
  id: string;
  title: string;
  severity: GateSeverity;
  category: GateCategory;
  /** Level this gate belongs to; an entity reaches a level when every gate of that level and all lower levels passes (or is waived). */
  level: string;
  rationale: string;
  remediation: string;
  /** All rules must hold for the gate to pass. */
  rules: GateRule[];
  /** Facts older than this are reported as stale (ISO-8601 duration, e.g. P7D). */
  maxAge?: string;
  /** Catalog filter: only entities matching every key/value are gated (e.g. `{ kind: 'Component', 'spec.type': 'service' }`). */
  appliesTo?: Record<string, string | string[]>;
  /**
   * Only observed facts (systems of record, CI pushes) decide the gate: a rule
   * whose fact is configuration-only counts as not yet known, so a gate that
   * is configured but never observed is `unknown`, not `pass`.
   */
  requireObserved?: boolean;
  /** Who may approve waiver requests of this gate besides platform members: user or group entity refs. */
  approvers?: string[];
}

/** Policy of waiver requests. @public */
export interface WaiverRequestPolicy {
  /** Longest a requested waiver may run, in days (default {@link DEFAULT_WAIVER_MAX_DAYS}). */
  maxDays?: number;
}

/** Default of {@link WaiverRequestPolicy.maxDays}. @public */
export const DEFAULT_WAIVER_MAX_DAYS = 90;

/** The whole gate policy. @public */
export interface GatePolicy {
  version: 1;
  /** Ordered lowest to highest, e.g. ['bronze', 'silver', 'gold']. */
  levels: string[];
  gates: Gate[];
  /** Waiver requests (see the waiver request API). */
  waivers?: WaiverRequestPolicy;
  /** Campaigns as code (synced into the campaign store, not editable in the UI). */
  campaigns?: CampaignDefinition[];
}

/**
 * What {@link gatePolicySchema} accepts: the same shape as
 * {@link GatePolicy} (the schema has no defaults or transforms).
 * @public
 */
export type GatePolicyInput = GatePolicy;

/** Schema of {@link GateRule}. @public */
export const gateRuleSchema: z.ZodType<GateRule, z.ZodTypeDef, GateRule> =
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('exists'), fact: identifier }),
    z.object({ op: z.literal('truthy'), fact: identifier }),
    z.object({ op: z.literal('falsy'), fact: identifier }),
    z.object({
      op: z.enum(['gte', 'gt', 'lte', 'lt', 'eq', 'neq']),
      fact: identifier,
      value: z.union([z.number(), z.string(), z.boolean()]),
    }),
    z.object({
      op: z.literal('includesAll'),
      fact: identifier,
      value: z.array(z.string()).min(1),
    }),
  ]);
/** Schema of {@link Gate}. @public */
export const gateSchema: z.ZodType<Gate, z.ZodTypeDef, Gate> = z
  .object({
    id: identifier,
    title: z.string().min(3),
    severity: gateSeveritySchema,
    category: gateCategorySchema,
    /** Level this gate belongs to; an entity reaches a level when every gate of that level and all lower levels passes (or is waived). */
    level: z.string().min(1),
    rationale: z.string().min(10),
    remediation: z.string().url(),
    /** All rules must hold for the gate to pass. */
    rules: z.array(gateRuleSchema).min(1),
    /** Facts older than this are reported as stale (ISO-8601 duration, e.g. P7D). */
    maxAge: z
      .string()
      .regex(
        /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
        'must be an ISO-8601 duration such as P7D or PT12H',
      )
      .optional(),
    /** Catalog filter: only entities matching every key/value are gated (e.g. { kind: 'Component', 'spec.type': 'service' }). */
    appliesTo: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .optional(),
    /** Only observed facts decide the gate; configuration-only facts count as unknown. */
    requireObserved: z.boolean().optional(),
    /** Who may approve waiver requests of this gate besides platform members. */
    approvers: z
      .array(
        z
          .string()
          .regex(
            /^(user|group):([a-z0-9._-]+\/)?[a-z0-9._-]+$/i,
            'must be a user or group entity ref',
          ),
      )
      .optional(),
  })
  .strict();
/** Campaign ids are unique; their gates and levels exist in the policy. */
function checkCampaigns(policy: GatePolicy, ctx: z.RefinementCtx): void {
  const gateIds = new Set(policy.gates.map(g => g.id));
  const ids = new Set<string>();
  (policy.campaigns ?? []).forEach((campaign, i) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['campaigns', i, ...path],
        message,
      });
    if (ids.has(campaign.id))
      issue(['id'], `duplicate campaign id "${campaign.id}"`);
    ids.add(campaign.id);
    (campaign.target.gates ?? []).forEach((gate, j) => {
      if (!gateIds.has(gate))
        issue(['target', 'gates', j], `unknown gate "${gate}"`);
    });
    const level = campaign.target.level;
    if (level !== undefined && !policy.levels.includes(level)) {
      issue(['target', 'level'], `unknown level "${level}"`);
    }
  });
}

/** Schema of {@link GatePolicy}. @public */
export const gatePolicySchema: z.ZodType<
  GatePolicy,
  z.ZodTypeDef,
  GatePolicyInput
> = z
  .object({
    version: z.literal(1),
    /** Ordered lowest to highest, e.g. ['bronze', 'silver', 'gold']. */
    levels: z.array(identifier).min(1),
    gates: z.array(gateSchema).min(1),
    waivers: z
      .object({ maxDays: z.number().int().min(1).max(3650).optional() })
      .strict()
      .optional(),
    campaigns: z.array(campaignDefinitionSchema).max(200).optional(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    checkCampaigns(policy, ctx);
    const seen = new Set<string>();
    policy.gates.forEach((gate, i) => {
      if (seen.has(gate.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['gates', i, 'id'],
          message: `duplicate gate id "${gate.id}"`,
        });
      }
      seen.add(gate.id);
      if (!policy.levels.includes(gate.level)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['gates', i, 'level'],
          message: `unknown level "${gate.level}" (levels: ${policy.levels.join(
            ', ',
          )})`,
        });
      }
    });
  });
