/** Small helpers of the SLO router; request shapes are validated by the spec (src/schema/openapi.yaml). */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';

export function toEntityRef(value: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(value)).toLocaleLowerCase('en-US');
  } catch (e) {
    throw new InputError(
      `invalid entity ref '${value}': ${(e as Error).message}`,
    );
  }
}

/** The `:id` path parameter, or 404 for anything that is not an incident id. */
export function incidentIdOf(req: express.Request): string {
  const { id } = req.params;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) {
    throw new NotFoundError('incident not found');
  }
  return id;
}

export function principalOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return p.type === 'user'
    ? p.userEntityRef!
    : `${p.type}:${p.subject ?? 'unknown'}`;
}

export function bearerMatches(
  header: string | undefined,
  token: string,
): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const a = createHash('sha256').update(match[1].trim()).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}
