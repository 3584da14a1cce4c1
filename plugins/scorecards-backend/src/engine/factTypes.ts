import { InputError } from '@backstage/errors';
import { GatePolicy, GateRule } from '@gatekeeper/plugin-scorecards-common';

/** What a rule needs a fact to be. */
interface FactExpectation {
  type: string;
  check: (value: unknown) => boolean;
  usedBy: string;
}

const isFiniteNumber = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
const isScalar = (v: unknown) =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

function expectationOf(
  rule: GateRule,
): Omit<FactExpectation, 'usedBy'> | undefined {
  switch (rule.op) {
    case 'exists':
      return undefined;
    case 'truthy':
    case 'falsy':
      return { type: 'a boolean, number, string or null', check: isScalar };
    case 'includesAll':
      return {
        type: 'an array of strings',
        check: v => Array.isArray(v) && v.every(e => typeof e === 'string'),
      };
    case 'eq':
    case 'neq':
      return typeof rule.value === 'number'
        ? { type: 'a number', check: isFiniteNumber }
        : {
            type: 'a boolean, number or string',
            check: v => v !== null && isScalar(v),
          };
    default:
      return { type: 'a number', check: isFiniteNumber };
  }
}

/** The fact types a policy declares through its rules, by fact id. */
export function factExpectations(
  policy: GatePolicy,
): ReadonlyMap<string, FactExpectation[]> {
  const result = new Map<string, FactExpectation[]>();
  for (const gate of policy.gates) {
    for (const rule of gate.rules) {
      const expectation = expectationOf(rule);
      if (!expectation) continue;
      const list = result.get(rule.fact) ?? [];
      list.push({ ...expectation, usedBy: `${rule.op} in gate ${gate.id}` });
      result.set(rule.fact, list);
    }
  }
  return result;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Throws an InputError naming the first pushed fact whose value does not
 * have the type the policy's rules need (facts no rule uses are free-form).
 */
export function assertFactTypes(
  expectations: ReadonlyMap<string, FactExpectation[]>,
  facts: Readonly<Record<string, unknown>>,
): void {
  for (const [fact, value] of Object.entries(facts)) {
    for (const expected of expectations.get(fact) ?? []) {
      if (!expected.check(value)) {
        throw new InputError(
          `fact "${fact}" must be ${expected.type} (${
            expected.usedBy
          }), got ${describe(value)}`,
        );
      }
    }
  }
}
