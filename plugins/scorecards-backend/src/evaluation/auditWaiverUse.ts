import { AuditorService } from '@backstage/backend-plugin-api';
import { GateWaiver } from '@gatekeeper/plugin-scorecards-common';
import { EvaluationTrigger } from './EntityEvaluator';

/** Records a `waiver-use` audit event for every waiver an evaluation applied. */
export async function auditWaiverUse(options: {
  auditor: AuditorService;
  entityRef: string;
  waivers: GateWaiver[];
  trigger: EvaluationTrigger;
}): Promise<void> {
  for (const waiver of options.waivers) {
    const event = await options.auditor.createEvent({
      eventId: 'waiver-use',
      severityLevel: 'medium',
      meta: {
        entityRef: options.entityRef,
        gateId: waiver.gateId,
        approver: waiver.approver,
        reason: waiver.reason,
        expiresAt: waiver.expiresAt,
        waiverSource: waiver.source,
        trigger: options.trigger,
      },
    });
    await event.success();
  }
}
