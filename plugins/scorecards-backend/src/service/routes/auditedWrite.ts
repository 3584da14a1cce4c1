import { AuditorService } from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import { Request } from 'express';

/**
 * Runs a write as one audit event `eventId` (severity medium): success when
 * `run` resolves, fail with the error when it throws (rethrown).
 */
export async function auditedWrite<T>(
  options: {
    auditor: AuditorService;
    eventId: string;
    req: Request;
    meta: Record<string, string>;
  },
  run: () => Promise<T>,
): Promise<T> {
  const event = await options.auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    request: options.req,
    meta: options.meta,
  });
  try {
    const result = await run();
    await event.success();
    return result;
  } catch (error) {
    assertError(error);
    await event.fail({ error });
    throw error;
  }
}
