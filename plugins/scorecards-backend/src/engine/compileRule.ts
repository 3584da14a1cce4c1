import { GateRule } from '@gatekeeper/plugin-scorecards-common';

/** A rule compiled into closures. */
export interface CompiledRule {
  fact: string;
  /** Decides the rule for a present value. */
  test: (value: unknown) => boolean;
  /** Explains the decision for a present value. */
  explain: (value: unknown, passed: boolean) => string;
}

function isTruthy(value: unknown): boolean {
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    return v !== '' && v !== 'false' && v !== '0' && v !== 'no';
  }
  return Boolean(value);
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

/** Text of a value for comparisons and messages, safe for any JSON value. */
function text(value: unknown): string {
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function equals(value: unknown, expected: string | number | boolean): boolean {
  if (typeof expected === 'number') return toNumber(value) === expected;
  if (typeof expected === 'boolean') {
    return typeof value === 'string'
      ? value.toLowerCase() === String(expected)
      : value === expected;
  }
  return text(value) === expected;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : text(value);
}

const numericOps: Record<string, (a: number, b: number) => boolean> = {
  gte: (a, b) => a >= b,
  gt: (a, b) => a > b,
  lte: (a, b) => a <= b,
  lt: (a, b) => a < b,
};
const opSymbols: Record<string, [string, string]> = {
  gte: ['>=', '<'],
  gt: ['>', '<='],
  lte: ['<=', '>'],
  lt: ['<', '>='],
  eq: ['==', '!='],
  neq: ['!=', '=='],
};

/** Compiles one rule into a test and an explanation. */
export function compileRule(rule: GateRule): CompiledRule {
  switch (rule.op) {
    case 'exists':
      return {
        fact: rule.fact,
        test: v => v !== null && v !== undefined,
        explain: (_v, ok) => (ok ? 'present' : 'null'),
      };
    case 'truthy':
      return {
        fact: rule.fact,
        test: isTruthy,
        explain: (v, ok) => {
          if (v === true) return 'true is true';
          if (v === false) return 'false is not true';
          return `${show(v)} is ${ok ? 'true' : 'not true'}`;
        },
      };
    case 'falsy':
      return {
        fact: rule.fact,
        test: v => !isTruthy(v),
        explain: (v, ok) => {
          if (v === false) return 'false is false';
          if (v === true) return 'true is not false';
          return `${show(v)} is ${ok ? 'false' : 'not false'}`;
        },
      };
    case 'includesAll': {
      const wanted = rule.value;
      return {
        fact: rule.fact,
        test: v => Array.isArray(v) && wanted.every(w => v.includes(w)),
        explain: (v, ok) =>
          ok
            ? `includes ${wanted.join(', ')}`
            : `missing ${wanted
                .filter(w => !Array.isArray(v) || !v.includes(w))
                .join(', ')}`,
      };
    }
    default: {
      const { op, value: expected } = rule;
      const [yes, no] = opSymbols[op];
      const passSuffix = ` ${yes} ${show(expected)}`;
      const failSuffix = ` ${no} ${show(expected)}`;
      if (op === 'eq' || op === 'neq') {
        const negate = op === 'neq';
        return {
          fact: rule.fact,
          test: v => equals(v, expected) !== negate,
          explain: (v, ok) => show(v) + (ok ? passSuffix : failSuffix),
        };
      }
      const compare = numericOps[op];
      const bound = toNumber(expected);
      return {
        fact: rule.fact,
        test: v => {
          const n = toNumber(v);
          return !Number.isNaN(n) && compare(n, bound);
        },
        explain: (v, ok) =>
          Number.isNaN(toNumber(v))
            ? `${show(v)} is not a number`
            : show(v) + (ok ? passSuffix : failSuffix),
      };
    }
  }
}
