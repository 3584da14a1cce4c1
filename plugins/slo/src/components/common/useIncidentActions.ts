import { useCallback, useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { sloIncidentsManagePermission } from '@gatekeeper/plugin-slo-common';
import { sloApiRef } from '../../api';

export type IncidentAction = 'acknowledge' | 'resolve' | 'postmortem';

/**
 * Incident mutations guarded by the `slo.incidents.manage` permission.
 * `canManage` is false while the permission is loading or denied; `onChange`
 * runs after every successful mutation (typically a reload).
 */
export function useIncidentActions(onChange: () => void) {
  const api = useApi(sloApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed, loading } = usePermission({
    permission: sloIncidentsManagePermission,
  });
  const [busy, setBusy] = useState<string | undefined>();

  const run = useCallback(
    async (
      incidentId: string,
      action: IncidentAction,
      postmortemUrl?: string,
    ): Promise<boolean> => {
      setBusy(incidentId);
      try {
        if (action === 'acknowledge') {
          await api.acknowledgeIncident(incidentId);
        } else if (action === 'resolve') {
          await api.resolveIncident(incidentId);
        } else {
          await api.setPostmortem(incidentId, postmortemUrl ?? '');
        }
        alertApi.post({
          message: `Incident ${incidentId}: ${
            action === 'postmortem' ? 'postmortem link saved' : `${action}d`
          }`,
          severity: 'success',
          display: 'transient',
        });
        onChange();
        return true;
      } catch (e) {
        alertApi.post({
          message: `Could not ${action} incident ${incidentId}: ${
            (e as Error).message
          }`,
          severity: 'error',
        });
        return false;
      } finally {
        setBusy(undefined);
      }
    },
    [api, alertApi, onChange],
  );

  return { canManage: !loading && allowed, busy, run };
}
