import { z } from 'zod';
import { isDuration } from './duration';

const durationString = z
  .string()
  .refine(isDuration, { message: 'must be a duration such as 5m, 1h, 28d' });

const metadataSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'must be a DNS-style name'),
    displayName: z.string().optional(),
    labels: z.record(z.unknown()).optional(),
    annotations: z.record(z.unknown()).optional(),
  })
  .passthrough();

/** `metricSource` of an OpenSLO ratio metric; only `spec.query` is read. */
export const metricSourceSchema = z
  .object({
    metricSourceRef: z.string().optional(),
    type: z.string().min(1),
    spec: z.object({ query: z.string().min(1) }).passthrough(),
  })
  .passthrough();

const metricSchema = z.object({ metricSource: metricSourceSchema });

export const ratioMetricSchema = z
  .object({
    counter: z.boolean().default(true),
    good: metricSchema.optional(),
    bad: metricSchema.optional(),
    total: metricSchema,
  })
  .superRefine((value, ctx) => {
    if (!!value.good === !!value.bad) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'ratioMetric needs exactly one of good or bad',
      });
    }
  });

export const sliSpecSchema = z
  .object({
    description: z.string().optional(),
    ratioMetric: ratioMetricSchema.optional(),
    thresholdMetric: z.unknown().optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.ratioMetric) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'only ratioMetric indicators are supported (thresholdMetric is not)',
      });
    }
  });

/** `kind: SLI` document. */
export const openSloSliSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLI'),
  metadata: metadataSchema,
  spec: sliSpecSchema,
});

const timeWindowSchema = z
  .object({
    duration: durationString,
    isRolling: z.boolean().optional(),
    calendar: z
      .object({ startTime: z.string(), timeZone: z.string() })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.isRolling && !value.calendar) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'timeWindow needs isRolling: true or a calendar',
      });
    }
  });

const objectiveSchema = z
  .object({
    displayName: z.string().optional(),
    name: z.string().optional(),
    target: z.number().gt(0).lt(1).optional(),
    targetPercent: z.number().gt(0).lt(100).optional(),
    timeSliceTarget: z.number().gt(0).lte(1).optional(),
    timeSliceWindow: durationString.optional(),
    op: z.string().optional(),
    value: z.number().optional(),
  })
  .passthrough()
  .superRefine((value, ctx) => {
    if ((value.target === undefined) === (value.targetPercent === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'objective needs exactly one of target (0-1) or targetPercent',
      });
    }
  });

/** `kind: SLO` document (OpenSLO v1). */
export const openSloSloSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLO'),
  metadata: metadataSchema,
  spec: z
    .object({
      description: z.string().optional(),
      service: z.string().min(1),
      indicator: z
        .object({ metadata: metadataSchema.optional(), spec: sliSpecSchema })
        .optional(),
      indicatorRef: z.string().optional(),
      timeWindow: z.array(timeWindowSchema).length(1),
      budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
      objectives: z.array(objectiveSchema).min(1),
      alertPolicies: z.array(z.unknown()).optional(),
    })
    .superRefine((value, ctx) => {
      if (!!value.indicator === !!value.indicatorRef) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'SLO needs exactly one of indicator or indicatorRef',
        });
      }
      if (value.budgetingMethod !== 'Occurrences') {
        value.objectives.forEach((objective, index) => {
          if (!objective.timeSliceWindow) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: ['objectives', index, 'timeSliceWindow'],
              message: `${value.budgetingMethod} needs timeSliceWindow`,
            });
          }
          if (
            value.budgetingMethod === 'Timeslices' &&
            objective.timeSliceTarget === undefined
          ) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: ['objectives', index, 'timeSliceTarget'],
              message: 'Timeslices needs timeSliceTarget',
            });
          }
        });
      }
    }),
});

export type OpenSloSlo = z.infer<typeof openSloSloSchema>;
export type OpenSloSli = z.infer<typeof openSloSliSchema>;
