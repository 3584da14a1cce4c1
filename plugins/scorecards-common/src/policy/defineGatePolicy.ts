import { ZodError } from 'zod';
import {
  GatePolicy,
  GatePolicyInput,
  gatePolicySchema,
} from './gatePolicySchema';

/**
 * Thrown when a gate policy does not validate. The message names every
 * offending field by its path, e.g. `gates[3].severity`.
 * @public
 */
export class GatePolicyError extends Error {
  readonly issues: { path: string; message: string }[];

  constructor(issues: { path: string; message: string }[]) {
    super(
      `Invalid gate policy: ${issues
        .map(i => `${i.path || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
    this.name = 'GatePolicyError';
    this.issues = issues;
  }
}

function formatPath(path: (string | number)[]): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}

/**
 * Validates an unknown value as a gate policy.
 * @public
 */
export function parseGatePolicy(value: unknown): GatePolicy {
  try {
    return gatePolicySchema.parse(value);
  } catch (e) {
    if (e instanceof ZodError) {
      throw new GatePolicyError(
        e.issues.map(issue => {
          const path = formatPath(issue.path);
          const gateIndex =
            issue.path[0] === 'gates' && typeof issue.path[1] === 'number'
              ? issue.path[1]
              : undefined;
          const gates = (value as { gates?: { id?: unknown }[] } | undefined)
            ?.gates;
          const gateId =
            gateIndex !== undefined && Array.isArray(gates)
              ? gates[gateIndex]?.id
              : undefined;
          return {
            path:
              typeof gateId === 'string' ? `${path} (gate "${gateId}")` : path,
            message: issue.message,
          };
        }),
      );
    }
    throw e;
  }
}

/**
 * Declares the gate policy as code (used by `backstage.config.ts`). Validates
 * eagerly, so an invalid policy fails at startup with an error naming the field.
 * @public
 */
export function defineGatePolicy(policy: GatePolicyInput): GatePolicy {
  return parseGatePolicy(policy);
}
