import { z } from 'zod';
import { tryParseDuration } from './duration';
import { chunks, parseChunk } from './splitYamlDocuments';
import type { OpenSloSli, OpenSloSlo } from './documents';
import {
  openSloAlertDocSchema,
  openSloDataSourceSchema,
  openSloSliSchema,
  openSloSloSchema,
} from './schema';
import {
  OpenSloParseError,
  OpenSloParseResult,
  ResolvedSlo,
  SliQuery,
} from './types';

function formatZodError(error: z.ZodError): string {
  return error.issues
    .map(issue =>
      issue.path.length
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
}

function firstPath(error: z.ZodError): string | undefined {
  const path = error.issues.find(i => i.path.length)?.path;
  return path ? path.join('.') : undefined;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

type SliSpec = OpenSloSli['spec'];
type Metric = {
  metricSource: {
    type?: string;
    metricSourceRef?: string;
    spec: { query: string };
  };
};
type Objective = OpenSloSlo['spec']['objectives'][number];

/** What is collected from the non-SLO documents of one text. */
interface Context {
  source: string;
  slis: Map<string, SliSpec>;
  brokenSlis: Map<string, string>;
  dataSources: Map<string, string>;
}

function toQuery(ctx: Context, metric?: Metric): SliQuery | undefined {
  if (!metric) {
    return undefined;
  }
  const { metricSource } = metric;
  const type =
    metricSource.type ??
    (metricSource.metricSourceRef
      ? ctx.dataSources.get(metricSource.metricSourceRef)
      : undefined) ??
    'Prometheus';
  return { sourceType: type, query: metricSource.spec.query };
}

function toIndicator(
  ctx: Context,
  spec: SliSpec,
  objective: Objective,
): ResolvedSlo['indicator'] {
  if (spec.thresholdMetric) {
    if (objective.op === undefined || objective.value === undefined) {
      throw new Error('a thresholdMetric objective needs op and value');
    }
    return {
      kind: 'threshold',
      counter: false,
      threshold: { op: objective.op, value: objective.value },
      total: toQuery(ctx, spec.thresholdMetric)!,
    };
  }
  const ratio = spec.ratioMetric!;
  if (ratio.raw) {
    return {
      kind: 'raw',
      rawType: ratio.rawType,
      counter: false,
      total: toQuery(ctx, ratio.raw)!,
    };
  }
  return {
    counter: ratio.counter,
    good: toQuery(ctx, ratio.good),
    bad: toQuery(ctx, ratio.bad),
    total: toQuery(ctx, ratio.total)!,
  };
}

function nameOf(raw: Record<string, unknown>): string | undefined {
  const metadata = raw.metadata as Record<string, unknown> | undefined;
  return metadata && typeof metadata.name === 'string'
    ? metadata.name
    : undefined;
}

/** Files SLIs/DataSources into the context, returns the SLO documents. */
function classify(
  docs: unknown[],
  ctx: Context,
  errors: OpenSloParseError[],
): { raw: Record<string, unknown>; index: number }[] {
  const { source } = ctx;
  const sloDocs: { raw: Record<string, unknown>; index: number }[] = [];
  docs.forEach((doc, index) => {
    if (doc === null || doc === undefined) return;
    const where = { file: source, path: `document ${index + 1}` };
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      errors.push({
        ...where,
        message: `${source}: document ${index + 1} is not an object`,
      });
      return;
    }
    const raw = doc as Record<string, unknown>;
    const name = nameOf(raw);
    if (raw.apiVersion !== 'openslo/v1') {
      const hint = String(raw.apiVersion).startsWith('openslo/v1alpha')
        ? ' (v1alpha is not supported: convert it with `oslo convert`)'
        : '';
      errors.push({
        ...(name ? { slo: name } : {}),
        ...where,
        message: `${source}: document ${index + 1} has apiVersion '${String(
          raw.apiVersion,
        )}', expected openslo/v1${hint}`,
      });
      return;
    }
    if (raw.kind === 'SLO') {
      sloDocs.push({ raw, index });
      return;
    }
    if (raw.kind === 'Service') return;
    const schemas: Record<string, z.ZodTypeAny> = {
      SLI: openSloSliSchema,
      DataSource: openSloDataSourceSchema,
    };
    const schema = schemas[String(raw.kind)] ?? openSloAlertDocSchema;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const message = `${source}: ${String(raw.kind)} document ${
        index + 1
      }: ${formatZodError(parsed.error)}`;
      if (raw.kind === 'SLI' && name) ctx.brokenSlis.set(name, message);
      errors.push({ ...where, path: firstPath(parsed.error), message });
    } else if (raw.kind === 'SLI') {
      const sli = parsed.data as OpenSloSli;
      ctx.slis.set(sli.metadata.name, sli.spec);
    } else if (raw.kind === 'DataSource') {
      const ds = parsed.data as {
        metadata: { name: string };
        spec: { type: string };
      };
      ctx.dataSources.set(ds.metadata.name, ds.spec.type);
    }
  });
  return sloDocs;
}

function resolveObjective(options: {
  ctx: Context;
  slo: OpenSloSlo;
  indicatorSpec: SliSpec;
  objective: Objective;
  name: string;
}): ResolvedSlo {
  const { ctx, slo, indicatorSpec, objective, name } = options;
  const window = slo.spec.timeWindow[0];
  const multi = slo.spec.objectives.length > 1;
  const durationSeconds = tryParseDuration(window.duration);
  if (durationSeconds === undefined) {
    throw new Error(`invalid duration '${window.duration}'`);
  }
  return {
    name,
    sloName: slo.metadata.name,
    displayName:
      [slo.metadata.displayName, multi ? objective.displayName : undefined]
        .filter(Boolean)
        .join(' — ') || undefined,
    description: slo.spec.description,
    service: slo.spec.service,
    target:
      objective.target !== undefined
        ? objective.target
        : objective.targetPercent! / 100,
    timeWindow: {
      duration: window.duration,
      durationSeconds,
      rolling: !!window.isRolling,
      calendar: window.isRolling ? undefined : window.calendar,
    },
    budgetingMethod: slo.spec.budgetingMethod,
    timeSliceTarget: objective.timeSliceTarget,
    timeSliceWindowSeconds: tryParseDuration(objective.timeSliceWindow),
    indicator: toIndicator(ctx, indicatorSpec, objective),
  };
}

function resolveSlo(
  ctx: Context,
  doc: { raw: Record<string, unknown>; index: number },
  out: { slos: ResolvedSlo[]; errors: OpenSloParseError[]; seen: Set<string> },
) {
  const { source } = ctx;
  const rawName = nameOf(doc.raw);
  const label = rawName ?? `document ${doc.index + 1}`;
  const where = {
    ...(rawName ? { slo: rawName } : {}),
    file: source,
  };
  const parsed = openSloSloSchema.safeParse(doc.raw);
  if (!parsed.success) {
    out.errors.push({
      ...where,
      path: firstPath(parsed.error),
      message: `${source}: SLO ${label}: ${formatZodError(parsed.error)}`,
    });
    return;
  }
  const slo = parsed.data;
  const ref = slo.spec.indicatorRef;
  const indicatorSpec = slo.spec.indicator
    ? slo.spec.indicator.spec
    : ctx.slis.get(ref!);
  if (!indicatorSpec) {
    const broken = ctx.brokenSlis.get(ref!);
    out.errors.push({
      ...where,
      path: 'spec.indicatorRef',
      message: broken
        ? `${source}: SLO ${slo.metadata.name}: indicatorRef '${ref}' names an invalid SLI (${broken})`
        : `${source}: SLO ${slo.metadata.name}: indicatorRef '${ref}' does not name an SLI in the entity's OpenSLO files`,
    });
    return;
  }
  slo.spec.objectives.forEach((objective, objectiveIndex) => {
    const suffix =
      slo.spec.objectives.length > 1
        ? `/${objective.name ?? objective.displayName ?? objectiveIndex + 1}`
        : '';
    const name = `${slo.metadata.name}${suffix}`;
    if (out.seen.has(name)) {
      out.errors.push({
        slo: name,
        file: source,
        message: `${source}: duplicate SLO name '${name}'`,
      });
      return;
    }
    try {
      out.slos.push(
        resolveObjective({ ctx, slo, indicatorSpec, objective, name }),
      );
      out.seen.add(name);
    } catch (e) {
      out.errors.push({
        slo: name,
        file: source,
        path: `spec.objectives.${objectiveIndex}`,
        message: `${source}: SLO ${name}: ${describe(e)}`,
      });
    }
  });
}

/**
 * Parses a (multi-document) OpenSLO v1 YAML text into resolved SLO objectives.
 * Never throws: every problem is returned in `errors`, named after the SLO
 * (and file / field path) when it can be attributed to one, and the valid SLOs
 * beside a broken one are still returned. `SLI` and `DataSource` documents
 * are resolved by name within the text; `AlertPolicy`/`AlertCondition` are
 * checked and otherwise ignored, `Service` documents are ignored.
 *
 * @public
 */
export function parseOpenSlo(
  text: string,
  source = 'OpenSLO',
  options: { shared?: OpenSloDefinitions } = {},
): OpenSloParseResult {
  const errors: OpenSloParseError[] = [];
  const slos: ResolvedSlo[] = [];
  const ctx: Context = {
    source,
    slis: new Map(options.shared?.slis),
    brokenSlis: new Map(options.shared?.brokenSlis),
    dataSources: new Map(options.shared?.dataSources),
  };
  const docs = chunks(String(text ?? '')).map((chunk, index) =>
    parseChunk(chunk, index, source, errors),
  );
  const seen = new Set<string>();
  for (const doc of classify(docs, ctx, errors)) {
    try {
      resolveSlo(ctx, doc, { slos, errors, seen });
    } catch (e) {
      // Defensive: a bug in one SLO never takes down the others.
      const name = nameOf(doc.raw);
      errors.push({
        ...(name ? { slo: name } : {}),
        file: source,
        message: `${source}: SLO ${
          name ?? `document ${doc.index + 1}`
        }: ${describe(e)}`,
      });
    }
  }
  return { slos, errors };
}

/**
 * `SLI` and `DataSource` documents by name, to resolve references across files.
 *
 * @public
 */
export interface OpenSloDefinitions {
  slis: Map<string, OpenSloSli['spec']>;
  brokenSlis: Map<string, string>;
  dataSources: Map<string, string>;
}

/**
 * The `SLI` and `DataSource` documents of a text (problems are left to
 * `parseOpenSlo` of the same text to report). Never throws.
 *
 * @public
 */
export function collectOpenSloDefinitions(
  text: string,
  source = 'OpenSLO',
): OpenSloDefinitions {
  const ctx: Context = {
    source,
    slis: new Map(),
    brokenSlis: new Map(),
    dataSources: new Map(),
  };
  const ignored: OpenSloParseError[] = [];
  const docs = chunks(String(text ?? '')).map((chunk, index) =>
    parseChunk(chunk, index, source, ignored),
  );
  classify(docs, ctx, ignored);
  return ctx;
}
