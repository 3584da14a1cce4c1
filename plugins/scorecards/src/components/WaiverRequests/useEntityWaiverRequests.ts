import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  DEFAULT_WAIVER_MAX_DAYS,
  type GateResult,
  scorecardsWaiversRequestPermission,
} from '@gatekeeper/plugin-scorecards-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';

/**
 * The waiver requests of an entity, whether the caller may request one
 * (scorecards.waivers.request on the entity) and the request dialog's gate.
 */
export function useEntityWaiverRequests(entityRef: string) {
  const api = useApi(scorecardsApiRef);
  const permission = usePermission({
    permission: scorecardsWaiversRequestPermission,
    resourceRef: entityRef,
  });
  const requests = useAsyncRetry(
    () => api.listWaiverRequests({ entityRef }),
    [api, entityRef],
  );
  const [dialogGate, setDialogGate] = useState<GateResult>();
  const openGates = new Set(
    (requests.value?.items ?? [])
      .filter(r => r.state === 'requested')
      .map(r => r.gateId),
  );
  return {
    allowed: permission.allowed,
    requests,
    maxDays: requests.value?.maxDays ?? DEFAULT_WAIVER_MAX_DAYS,
    /** Gates with an open request (no second request for them). */
    openGates,
    dialogGate,
    openFor: (gate: GateResult) => setDialogGate(gate),
    close: () => setDialogGate(undefined),
  };
}

/** What {@link useEntityWaiverRequests} returns. */
export type EntityWaiverRequests = ReturnType<typeof useEntityWaiverRequests>;
