import { InputError } from '@backstage/errors';
import { FreezeOverride } from './FreezeOverrideStore';

/** Longest time a freeze override may last. */
export const MAX_FREEZE_OVERRIDE_MS = 30 * 86_400_000;

/**
 * A freeze override requested by `by`: it must expire in the future and
 * within {@link MAX_FREEZE_OVERRIDE_MS}.
 */
export function newFreezeOverride(options: {
  entityRef: string;
  by: string;
  reason: string;
  expiresAt: string;
  nowMs: number;
}): FreezeOverride {
  const { nowMs } = options;
  const expires = Date.parse(options.expiresAt);
  if (expires <= nowMs) {
    throw new InputError('expiresAt must be in the future');
  }
  if (expires - nowMs > MAX_FREEZE_OVERRIDE_MS) {
    throw new InputError('expiresAt must be within 30 days');
  }
  return {
    entityRef: options.entityRef,
    by: options.by,
    reason: options.reason,
    expiresAt: new Date(expires).toISOString(),
    createdAt: new Date(nowMs).toISOString(),
  };
}
