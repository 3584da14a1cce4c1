import { z } from 'zod';

/** Which entities a campaign concerns: every listed dimension must match (any of its values). @public */
export interface CampaignSelector {
  /** Group refs; an entity owned by one of them or by a child group. */
  owners?: string[];
  /** System refs. */
  systems?: string[];
  /** Domain refs. */
  domains?: string[];
  /** Entity kinds, e.g. Component. */
  kinds?: string[];
  /** `spec.lifecycle` values. */
  lifecycles?: string[];
  /** `metadata.tags` values. */
  tags?: string[];
}

/** What an entity must reach: every listed gate passes (or is waived), and/or the level. @public */
export interface CampaignTarget {
  gates?: string[];
  level?: string;
}

/** A campaign defined as code beside the gate policy. @public */
export interface CampaignDefinition {
  /** Stable identifier of the campaign in the policy. */
  id: string;
  title: string;
  description?: string;
  /** Group entity ref of the campaign's owner. */
  owner: string;
  target: CampaignTarget;
  selector: CampaignSelector;
  /** ISO date or date-time. */
  deadline: string;
}

/** Most values in one list of a campaign. @public */
export const CAMPAIGN_MAX_LIST = 100;

const refList = z
  .array(z.string().trim().min(1).max(255))
  .max(CAMPAIGN_MAX_LIST)
  .optional();

/** Schema of {@link CampaignSelector}. @public */
export const campaignSelectorSchema: z.ZodType<
  CampaignSelector,
  z.ZodTypeDef,
  CampaignSelector
> = z
  .object({
    owners: refList,
    systems: refList,
    domains: refList,
    kinds: refList,
    lifecycles: refList,
    tags: refList,
  })
  .strict();

/** Schema of {@link CampaignTarget}. @public */
export const campaignTargetSchema: z.ZodType<
  CampaignTarget,
  z.ZodTypeDef,
  CampaignTarget
> = z
  .object({
    gates: z
      .array(z.string().min(1).max(255))
      .min(1)
      .max(CAMPAIGN_MAX_LIST)
      .optional(),
    level: z.string().min(1).max(255).optional(),
  })
  .strict()
  .refine(t => t.gates !== undefined || t.level !== undefined, {
    message: 'a target needs gates and/or a level',
  });

/** A date or date-time that `Date` parses. */
const isoDate = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, {
    message: 'must be an ISO date or date-time',
  })
  .refine(s => !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO date or date-time',
  });

/** Schema of {@link CampaignDefinition}. @public */
export const campaignDefinitionSchema: z.ZodType<
  CampaignDefinition,
  z.ZodTypeDef,
  CampaignDefinition
> = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/,
        'must be lower-case words joined by "-" or "."',
      ),
    title: z.string().min(3).max(200),
    description: z.string().max(4000).optional(),
    owner: z
      .string()
      .regex(
        /^group:([a-z0-9._-]+\/)?[a-z0-9._-]+$/i,
        'must be a group entity ref',
      ),
    target: campaignTargetSchema,
    selector: campaignSelectorSchema,
    deadline: isoDate,
  })
  .strict();
