/** Request parsing and small helpers of the SLO router. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import { z } from 'zod';
import { strictIsoDate } from '../incidents/dates';

const isoDate = strictIsoDate;

export const createIncidentSchema = z.object({
  entityRef: z.string().min(1),
  title: z.string().min(1).max(500),
  severity: z.enum(['P0', 'P1', 'P2', 'P3', 'P4']),
  startedAt: isoDate.optional(),
  description: z.string().max(10_000).optional(),
  labels: z.record(z.string()).optional(),
});

export const actionSchema = z.object({ at: isoDate.optional() }).strict();
export const postmortemSchema = z.object({
  url: z
    .string()
    .url()
    .refine(v => /^https?:\/\//.test(v), 'must be an http(s) URL'),
});
export const overrideSchema = z.object({
  reason: z.string().trim().min(3).max(2000),
  expiresAt: isoDate,
});
export const gateQuerySchema = z.object({
  change: z.enum(['normal', 'p0', 'security']).default('normal'),
});
export const atQuerySchema = z.object({ at: isoDate.optional() });

export function parse<T>(
  schema: z.ZodType<T, any, any>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(
      `invalid ${what}: ${result.error.issues
        .map(i =>
          i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
        )
        .join('; ')}`,
    );
  }
  return result.data;
}

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
