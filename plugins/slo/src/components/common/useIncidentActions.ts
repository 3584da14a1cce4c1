import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { sloIncidentsManagePermission } from '@gatekeeper/plugin-slo-common';
import { sloApiRef } from '../../api';
import { useAlertedCall } from './useAlertedCall';

export type IncidentAction = 'acknowledge' | 'resolve' | 'postmortem';

/**
 * Incident mutations guarded by the `slo.incidents.manage` resource
 * permission on the entity in view (its owners and platform groups).
 * `canManage` is false while the permission is loading or denied; `onChange`
 * runs after every successful mutation (typically a reload).
 */
export function useIncidentActions(onChange: () => void) {
  const api = useApi(sloApiRef);
  const alertedCall = useAlertedCall();
  const { entity } = useEntity();
  const { allowed, loading } = usePermission({
    permission: sloIncidentsManagePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [busy, setBusy] = useState<string | undefined>();

  const run = useCallback(
    async (
      incidentId: string,
      action: IncidentAction,
      postmortemUrl?: string,
    ): Promise<boolean> => {
      setBusy(incidentId);
      const ok = await alertedCall(
        () => {
          if (action === 'acknowledge') {
            return api.acknowledgeIncident(incidentId);
          }
          if (action === 'resolve') {
            return api.resolveIncident(incidentId);
          }
          return api.setPostmortem(incidentId, postmortemUrl ?? '');
        },
        {
          success: () =>
            `Incident ${incidentId}: ${
              action === 'postmortem' ? 'postmortem link saved' : `${action}d`
            }`,
          failure: `Could not ${action} incident ${incidentId}`,
        },
      );
      setBusy(undefined);
      if (ok) {
        onChange();
      }
      return ok;
    },
    [api, alertedCall, onChange],
  );

  return { canManage: !loading && allowed, busy, run };
}
