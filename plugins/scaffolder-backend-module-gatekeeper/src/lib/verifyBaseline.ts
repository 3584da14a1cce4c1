import {
  Gate,
  GatePolicy,
  GateRule,
} from '@gatekeeper/plugin-scorecards-common';
import {
  DEFERRED_FACT_SOURCES,
  firstYamlDocument,
  FactObservation,
  WORKSPACE_FACT_CHECKS,
} from './workspaceFacts';
import { overPrivilegedWorkflows, unpinnedActions } from './workflows';
import { Workspace } from './workspace';
import { missingReferencedFiles } from './referencedFiles';

/** One checked (or deferred) rule. @public */
export interface BaselineFinding {
  gate: string;
  fact: string;
  status: 'pass' | 'fail' | 'deferred';
  detail: string;
}

/** Outcome of {@link verifyBaseline}. @public */
export interface BaselineResult {
  passed: boolean;
  findings: BaselineFinding[];
  /** One line per failed rule: gate, fact and what is missing. */
  problems: string[];
  /** Rules that cannot be decided from repository files, with their source. */
  deferred: string[];
}

/** Options of {@link verifyBaseline}. @public */
export interface VerifyBaselineOptions {
  rootDir: string;
  policy: GatePolicy;
  /** Only these gate ids (default: every gate). */
  gates?: string[];
  /** Gate ids to leave out (e.g. waived for this template). */
  skipGates?: string[];
  /** Only gates up to and including this level (default: all levels). */
  maxLevel?: string;
  /** Also check hardening rules: pinned actions, least-privilege permissions, parsable workflows, catalog-info.yaml (default true). */
  hardening?: boolean;
}

/** Evaluates one policy rule against an observed value. @public */
export function evaluateRule(
  rule: GateRule,
  value: FactObservation['value'],
): boolean {
  switch (rule.op) {
    case 'exists':
      return value !== undefined;
    case 'truthy':
      return Boolean(value);
    case 'falsy':
      return !value;
    case 'includesAll':
      return false; // list facts are not observed in workspaces
    default: {
      if (value === undefined) return false;
      const expected = rule.value;
      if (rule.op === 'eq') return value === expected;
      if (rule.op === 'neq') return value !== expected;
      if (typeof value !== typeof expected) return false;
      const [a, b] = [value as number, expected as number];
      switch (rule.op) {
        case 'gte':
          return a >= b;
        case 'gt':
          return a > b;
        case 'lte':
          return a <= b;
        case 'lt':
          return a < b;
        default:
          return false;
      }
    }
  }
}

function describeRule(rule: GateRule): string {
  if (rule.op === 'truthy' || rule.op === 'exists' || rule.op === 'falsy') {
    return `${rule.fact} must be ${rule.op}`;
  }
  const symbol: Record<string, string> = {
    eq: '==',
    neq: '!=',
    gte: '>=',
    gt: '>',
    lte: '<=',
    lt: '<',
  };
  return `${rule.fact} must be ${symbol[rule.op] ?? rule.op} ${JSON.stringify(
    rule.value,
  )}`;
}

function getPath(obj: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (acc, key) =>
        acc && typeof acc === 'object'
          ? (acc as Record<string, unknown>)[key]
          : undefined,
      obj,
    );
}

function appliesTo(gate: Gate, entity: unknown): boolean {
  if (!gate.appliesTo || !entity) return true;
  return Object.entries(gate.appliesTo).every(([key, expected]) => {
    const actual = String(getPath(entity, key) ?? '').toLowerCase();
    const allowed = [expected].flat().map(e => e.toLowerCase());
    return allowed.includes(actual);
  });
}

async function hardeningFindings(ws: Workspace): Promise<BaselineFinding[]> {
  const findings: BaselineFinding[] = [];
  const add = (fact: string, problems: string[], ok: string) => {
    if (problems.length === 0) {
      findings.push({
        gate: 'template-hardening',
        fact,
        status: 'pass',
        detail: ok,
      });
    }
    for (const p of problems) {
      findings.push({
        gate: 'template-hardening',
        fact,
        status: 'fail',
        detail: p,
      });
    }
  };
  const { workflows, errors } = await ws.workflows();
  add(
    'workflows.valid',
    errors.map(e => `${e.file}: ${e.message}`),
    `${workflows.length} workflow(s) parse`,
  );
  add(
    'workflows.actions-pinned',
    unpinnedActions(workflows).map(
      p => `action not pinned to a commit SHA: ${p}`,
    ),
    'every action pinned to a commit SHA',
  );
  add(
    'workflows.least-privilege',
    overPrivilegedWorkflows(workflows),
    'top-level permissions contents: read',
  );
  add(
    'workflows.referenced-files',
    await missingReferencedFiles(ws, workflows),
    'every file and npm script the workflows reference exists',
  );
  const catalogText = await ws.read('catalog-info.yaml');
  const catalogProblems: string[] = [];
  if (!catalogText) {
    catalogProblems.push('missing file catalog-info.yaml');
  } else {
    try {
      const entity = firstYamlDocument(catalogText);
      for (const key of ['apiVersion', 'kind', 'metadata.name', 'spec.owner']) {
        if (!getPath(entity, key)) {
          catalogProblems.push(`catalog-info.yaml has no ${key}`);
        }
      }
    } catch (e) {
      catalogProblems.push(
        `catalog-info.yaml is not valid YAML: ${(e as Error).message}`,
      );
    }
  }
  add('catalog-info.valid', catalogProblems, 'catalog-info.yaml');
  return findings;
}

/**
 * The gates of the policy to check: validates maxLevel and the gate ids,
 * then keeps the selected gates up to maxLevel that apply to the entity.
 */
function selectGates(options: VerifyBaselineOptions, entity: unknown): Gate[] {
  const { policy } = options;
  const maxLevelIndex = options.maxLevel
    ? policy.levels.indexOf(options.maxLevel)
    : policy.levels.length - 1;
  if (maxLevelIndex < 0) {
    throw new Error(
      `Unknown level "${options.maxLevel}" (levels: ${policy.levels.join(
        ', ',
      )})`,
    );
  }
  const unknownGates = [
    ...(options.gates ?? []),
    ...(options.skipGates ?? []),
  ].filter(id => !policy.gates.some(g => g.id === id));
  if (unknownGates.length > 0) {
    throw new Error(`Unknown gate id(s): ${unknownGates.join(', ')}`);
  }

  return policy.gates.filter(
    g =>
      (!options.gates || options.gates.includes(g.id)) &&
      !options.skipGates?.includes(g.id) &&
      policy.levels.indexOf(g.level) <= maxLevelIndex &&
      appliesTo(g, entity),
  );
}

/** One finding per rule of the gates, deferred when no file check exists. */
async function ruleFindings(
  ws: Workspace,
  gates: Gate[],
): Promise<BaselineFinding[]> {
  const observed = new Map<string, Promise<FactObservation>>();
  const findings: BaselineFinding[] = [];
  for (const gate of gates) {
    for (const rule of gate.rules) {
      const check = WORKSPACE_FACT_CHECKS[rule.fact];
      if (!check) {
        const source = DEFERRED_FACT_SOURCES.find(s =>
          rule.fact.startsWith(s.prefix),
        );
        findings.push({
          gate: gate.id,
          fact: rule.fact,
          status: 'deferred',
          detail:
            source?.source ?? 'no repository-file check exists for this fact',
        });
        continue;
      }
      if (!observed.has(rule.fact)) observed.set(rule.fact, check(ws));
      const observation = await observed.get(rule.fact)!;
      const ok = evaluateRule(rule, observation.value);
      findings.push({
        gate: gate.id,
        fact: rule.fact,
        status: ok ? 'pass' : 'fail',
        detail:
          ok || ['truthy', 'exists'].includes(rule.op)
            ? observation.detail
            : `${describeRule(rule)}, found ${JSON.stringify(
                observation.value,
              )} (${observation.detail})`,
      });
    }
  }
  return findings;
}

/**
 * Checks a generated repository against the gate policy: every rule whose
 * fact can be observed in the files (CODEOWNERS, PR template, runbooks, CI
 * jobs, canary analysis, OpenSLO file, ...) is evaluated; rules on runtime
 * facts (CI results, SCM settings, error budgets) are reported as deferred.
 * @public
 */
export async function verifyBaseline(
  options: VerifyBaselineOptions,
): Promise<BaselineResult> {
  const ws = new Workspace(options.rootDir);
  let entity: unknown;
  try {
    entity = firstYamlDocument((await ws.read('catalog-info.yaml')) ?? '');
  } catch {
    entity = undefined;
  }

  const gates = selectGates(options, entity);
  const findings = await ruleFindings(ws, gates);

  if (options.hardening ?? true) {
    findings.push(...(await hardeningFindings(ws)));
  }

  const problems = findings
    .filter(f => f.status === 'fail')
    .map(f => `[${f.gate}] ${f.fact}: ${f.detail}`);
  const deferred = findings
    .filter(f => f.status === 'deferred')
    .map(f => `[${f.gate}] ${f.fact}: ${f.detail}`);
  return { passed: problems.length === 0, findings, problems, deferred };
}
