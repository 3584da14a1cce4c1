import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { parseDuration } from './duration';
import { OpenSloSli, openSloSliSchema, openSloSloSchema } from './schema';
import { OpenSloParseError, OpenSloParseResult, ResolvedSlo } from './types';

function formatZodError(error: z.ZodError): string {
  return error.issues
    .map(issue =>
      issue.path.length
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
}

type SliSpec = OpenSloSli['spec'];

function toIndicator(spec: SliSpec): ResolvedSlo['indicator'] {
  const ratio = spec.ratioMetric!;
  const q = (m?: { metricSource: { type: string; spec: { query: string } } }) =>
    m
      ? { sourceType: m.metricSource.type, query: m.metricSource.spec.query }
      : undefined;
  return {
    counter: ratio.counter,
    good: q(ratio.good),
    bad: q(ratio.bad),
    total: q(ratio.total)!,
  };
}

/**
 * Parses a (multi-document) OpenSLO v1 YAML text into resolved SLO objectives.
 * Never throws: every problem is returned in `errors`, named after the SLO
 * when it can be attributed to one. Documents of other kinds (`Service`,
 * `AlertPolicy`, ...) are ignored.
 */
export function parseOpenSlo(
  text: string,
  source = 'OpenSLO',
): OpenSloParseResult {
  const errors: OpenSloParseError[] = [];
  const slos: ResolvedSlo[] = [];
  let docs: unknown[];
  try {
    const parsed = parseAllDocuments(text);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    docs = [];
    for (const doc of list) {
      if (doc.errors.length) {
        errors.push({
          message: `${source}: invalid YAML: ${doc.errors[0].message}`,
        });
        continue;
      }
      docs.push(doc.toJS());
    }
  } catch (e) {
    return {
      slos,
      errors: [{ message: `${source}: invalid YAML: ${(e as Error).message}` }],
    };
  }

  const slis = new Map<string, SliSpec>();
  const sloDocs: { raw: Record<string, unknown>; index: number }[] = [];
  docs.forEach((doc, index) => {
    if (doc === null || doc === undefined) {
      return;
    }
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      errors.push({
        message: `${source}: document ${index + 1} is not an object`,
      });
      return;
    }
    const raw = doc as Record<string, unknown>;
    if (raw.apiVersion !== 'openslo/v1') {
      const name = (raw.metadata as any)?.name;
      errors.push({
        slo: typeof name === 'string' ? name : undefined,
        message: `${source}: document ${index + 1} has apiVersion '${String(
          raw.apiVersion,
        )}', expected openslo/v1`,
      });
      return;
    }
    if (raw.kind === 'SLI') {
      const sli = openSloSliSchema.safeParse(raw);
      if (sli.success) {
        slis.set(sli.data.metadata.name, sli.data.spec);
      } else {
        errors.push({
          message: `${source}: SLI document ${index + 1}: ${formatZodError(
            sli.error,
          )}`,
        });
      }
    } else if (raw.kind === 'SLO') {
      sloDocs.push({ raw, index });
    }
  });

  const seen = new Set<string>();
  for (const { raw, index } of sloDocs) {
    const rawName = (raw.metadata as any)?.name;
    const label =
      typeof rawName === 'string' ? rawName : `document ${index + 1}`;
    const parsed = openSloSloSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({
        slo: typeof rawName === 'string' ? rawName : undefined,
        message: `${source}: SLO ${label}: ${formatZodError(parsed.error)}`,
      });
      continue;
    }
    const slo = parsed.data;
    const indicatorSpec = slo.spec.indicator
      ? slo.spec.indicator.spec
      : slis.get(slo.spec.indicatorRef!);
    if (!indicatorSpec) {
      errors.push({
        slo: slo.metadata.name,
        message: `${source}: SLO ${slo.metadata.name}: indicatorRef '${slo.spec.indicatorRef}' does not name an SLI in the same file`,
      });
      continue;
    }
    const window = slo.spec.timeWindow[0];
    const objectives = slo.spec.objectives;
    objectives.forEach((objective, objectiveIndex) => {
      const suffix =
        objectives.length > 1
          ? `/${objective.name ?? objective.displayName ?? objectiveIndex + 1}`
          : '';
      const name = `${slo.metadata.name}${suffix}`;
      if (seen.has(name)) {
        errors.push({
          slo: name,
          message: `${source}: duplicate SLO name '${name}'`,
        });
        return;
      }
      seen.add(name);
      const target =
        objective.target !== undefined
          ? objective.target
          : objective.targetPercent! / 100;
      slos.push({
        name,
        sloName: slo.metadata.name,
        displayName:
          [
            slo.metadata.displayName,
            objectives.length > 1 ? objective.displayName : undefined,
          ]
            .filter(Boolean)
            .join(' — ') || undefined,
        description: slo.spec.description,
        service: slo.spec.service,
        target,
        timeWindow: {
          duration: window.duration,
          durationSeconds: parseDuration(window.duration),
          rolling: !!window.isRolling,
          calendar: window.isRolling ? undefined : window.calendar,
        },
        budgetingMethod: slo.spec.budgetingMethod,
        timeSliceTarget: objective.timeSliceTarget,
        timeSliceWindowSeconds: objective.timeSliceWindow
          ? parseDuration(objective.timeSliceWindow)
          : undefined,
        indicator: toIndicator(indicatorSpec),
      });
    });
  }
  return { slos, errors };
}
