import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';

/** Loads the SLO report of the current entity. */
export function useEntitySloReport() {
  const { entity } = useEntity();
  const api = useApi(sloApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getEntitySlos(entityRef), [api, entityRef]);
}

/** Loads the incidents (and MTTA / MTTR stats) of the current entity. */
export function useEntityIncidents() {
  const { entity } = useEntity();
  const api = useApi(sloApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntityIncidents(entityRef),
    [api, entityRef],
  );
}
