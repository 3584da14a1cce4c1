import { z } from 'zod';
import { isDuration, tryParseDuration } from './duration';
import type {
  OpenSloAlertDoc,
  OpenSloDataSource,
  OpenSloMetricSource,
  OpenSloRatioMetric,
  OpenSloSli,
  OpenSloSliSpec,
  OpenSloSlo,
} from './documents';

// The exported schemas are typed with the interfaces of ./documents.ts, not
// with their inferred zod types (see there why).

const durationString = z.string().refine(isDuration, {
  message: 'must be a positive duration such as 5m, 1h, 28d',
});

/** A duration string or a positive number of seconds (OpenSLO allows both for `timeSliceWindow`). */
const durationOrSeconds = z
  .union([z.string(), z.number()])
  .refine(v => tryParseDuration(v) !== undefined, {
    message: 'must be a positive duration such as 1m or a number of seconds',
  });

const metadataSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'must be a DNS-style name'),
    displayName: z.string().optional(),
    labels: z.record(z.unknown()).nullish(),
    annotations: z.record(z.unknown()).nullish(),
  })
  .passthrough();

/**
 * `metricSource` of an OpenSLO metric; only `spec.query` is read. `type` may
 * be omitted when `metricSourceRef` names a `DataSource` (or defaults to
 * Prometheus).
 */
export const metricSourceSchema: z.ZodType<
  OpenSloMetricSource,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    metricSourceRef: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    spec: z.object({ query: z.string().min(1) }).passthrough(),
  })
  .passthrough();

const metricSchema = z.object({ metricSource: metricSourceSchema });

export const ratioMetricSchema: z.ZodType<
  OpenSloRatioMetric,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    counter: z.boolean().default(true),
    good: metricSchema.optional(),
    bad: metricSchema.optional(),
    total: metricSchema.optional(),
    raw: metricSchema.optional(),
    rawType: z.enum(['success', 'failure']).optional(),
  })
  .superRefine((value, ctx) => {
    const issue = (message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    if (value.raw) {
      if (value.good || value.bad || value.total) {
        issue('ratioMetric raw excludes good, bad and total');
      }
      if (!value.rawType) {
        issue('ratioMetric raw needs rawType (success or failure)');
      }
      return;
    }
    if (!value.total) {
      issue('ratioMetric needs total (or raw with rawType)');
    }
    if (!!value.good === !!value.bad) {
      issue('ratioMetric needs exactly one of good or bad');
    }
  });

export const sliSpecSchema: z.ZodType<OpenSloSliSpec, z.ZodTypeDef, unknown> = z
  .object({
    description: z.string().optional(),
    ratioMetric: ratioMetricSchema.optional(),
    thresholdMetric: metricSchema.optional(),
  })
  .passthrough()
  .superRefine((value, ctx) => {
    if (!!value.ratioMetric === !!value.thresholdMetric) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'SLI needs exactly one of ratioMetric or thresholdMetric',
      });
    }
  });

/** `kind: SLI` document. */
export const openSloSliSchema: z.ZodType<OpenSloSli, z.ZodTypeDef, unknown> =
  z.object({
    apiVersion: z.literal('openslo/v1'),
    kind: z.literal('SLI'),
    metadata: metadataSchema,
    spec: sliSpecSchema,
  });

/** `kind: DataSource` document; `type` names the metric source type. */
export const openSloDataSourceSchema: z.ZodType<
  OpenSloDataSource,
  z.ZodTypeDef,
  unknown
> = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('DataSource'),
  metadata: metadataSchema,
  spec: z
    .object({ type: z.string().min(1), description: z.string().optional() })
    .passthrough(),
});

/** True when `zone` is an IANA time zone the runtime's Intl knows. */
export function isTimeZone(zone: string): boolean {
  try {
    return (
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
        .timeZone !== ''
    );
  } catch {
    return false;
  }
}

/** `2022-01-01 12:00:00` (OpenSLO's form), ISO `2022-01-01T12:00:00`, optional offset. */
export const CALENDAR_START_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const timeWindowSchema = z
  .object({
    duration: durationString,
    isRolling: z.boolean().optional(),
    calendar: z
      .object({
        startTime: z
          .string()
          .regex(CALENDAR_START_RE, 'must be a time like 2024-01-01 00:00:00'),
        timeZone: z.string().refine(isTimeZone, {
          message: 'must be an IANA time zone such as UTC or Europe/Berlin',
        }),
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.isRolling && !value.calendar) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'timeWindow needs isRolling: true or a calendar',
      });
    }
    if (value.isRolling && value.calendar) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['calendar'],
        message: 'a rolling timeWindow has no calendar',
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
    timeSliceWindow: durationOrSeconds.optional(),
    op: z.enum(['lt', 'lte', 'gt', 'gte']).optional(),
    value: z.number().optional(),
    indicator: z.unknown().optional(),
    indicatorRef: z.unknown().optional(),
  })
  .passthrough()
  .superRefine((value, ctx) => {
    if ((value.target === undefined) === (value.targetPercent === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'objective needs exactly one of target (0-1) or targetPercent',
      });
    }
    if ((value.op === undefined) !== (value.value === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['op'],
        message: 'op and value go together',
      });
    }
    if (value.indicator !== undefined || value.indicatorRef !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['indicator'],
        message:
          'composite SLOs (an indicator per objective) are not supported',
      });
    }
  });

/** Inline alert policy or `alertPolicyRef`; tolerated and not evaluated. */
const alertPolicyEntry = z.union([
  z.object({ alertPolicyRef: z.string().min(1) }).passthrough(),
  z
    .object({ kind: z.literal('AlertPolicy'), metadata: metadataSchema })
    .passthrough(),
]);

/** `kind: SLO` document (OpenSLO v1). */
export const openSloSloSchema: z.ZodType<OpenSloSlo, z.ZodTypeDef, unknown> =
  z.object({
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
        budgetingMethod: z.enum([
          'Occurrences',
          'Timeslices',
          'RatioTimeslices',
        ]),
        objectives: z.array(objectiveSchema).min(1),
        alertPolicies: z.array(alertPolicyEntry).nullish(),
      })
      .passthrough()
      .superRefine((value, ctx) => {
        if (!!value.indicator === !!value.indicatorRef) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'SLO needs exactly one of indicator or indicatorRef',
          });
        }
        if (value.budgetingMethod !== 'Occurrences') {
          value.objectives.forEach((objective, index) => {
            if (objective.timeSliceWindow === undefined) {
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

/** `kind: AlertPolicy` / `kind: AlertCondition` documents: checked, not evaluated. */
export const openSloAlertDocSchema: z.ZodType<
  OpenSloAlertDoc,
  z.ZodTypeDef,
  unknown
> = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.enum(['AlertPolicy', 'AlertCondition', 'AlertNotificationTarget']),
  metadata: metadataSchema,
  spec: z.record(z.unknown()),
});
