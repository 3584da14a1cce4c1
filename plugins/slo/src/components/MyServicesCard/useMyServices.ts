import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FreezeStatus, Incident } from '@gatekeeper/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../../api';
import { isSloAvailable } from '../../isSloAvailable';

/** An open incident of one of the user's services. */
export interface MyOpenIncident {
  entityRef: string;
  entityTitle?: string;
  incident: Incident;
}

/** A frozen service of the user's groups. */
export interface MyFrozenService {
  entityRef: string;
  entityTitle?: string;
  freeze: FreezeStatus;
}

/** What {@link useMyServices} loads. */
export interface MyServices {
  /** Services with SLOs owned by the user's groups (looked at, at most `limit`). */
  services: number;
  /** More services than `limit`: the rest were not looked at. */
  truncated: boolean;
  incidents: MyOpenIncident[];
  frozen: MyFrozenService[];
  /** Services whose SLO data could not be read. */
  failed: string[];
}

/**
 * The open incidents and frozen services among the entities with SLOs owned
 * by the signed-in user and their groups (catalog ownership, as the catalog
 * shows them to the user).
 */
export function useMyServices(options: { limit: number }) {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const sloApi = useApi(sloApiRef);
  const { limit } = options;
  return useAsyncRetry(async (): Promise<MyServices> => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const empty = { services: 0, truncated: false, incidents: [], frozen: [] };
    if (ownershipEntityRefs.length === 0) return { ...empty, failed: [] };
    const { items } = await catalogApi.getEntities({
      filter: { 'relations.ownedBy': ownershipEntityRefs },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'metadata.annotations',
      ],
    });
    const withSlos = items
      .filter(isSloAvailable)
      .sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      );
    const shown = withSlos.slice(0, limit);
    const result: MyServices = {
      ...empty,
      services: shown.length,
      truncated: withSlos.length > shown.length,
      failed: [],
    };
    const reads = await Promise.allSettled(
      shown.map(async (entity: Entity) => {
        const entityRef = stringifyEntityRef(entity);
        const [incidents, report] = await Promise.all([
          sloApi.getEntityIncidents(entityRef),
          sloApi.getEntitySlos(entityRef),
        ]);
        return {
          entityRef,
          entityTitle: entity.metadata.title,
          incidents,
          report,
        };
      }),
    );
    reads.forEach((read, i) => {
      if (read.status === 'rejected') {
        result.failed.push(stringifyEntityRef(shown[i]));
        return;
      }
      const { entityRef, entityTitle, incidents, report } = read.value;
      for (const incident of incidents.items) {
        if (incident.status !== 'resolved') {
          result.incidents.push({ entityRef, entityTitle, incident });
        }
      }
      if (report.freeze.frozen) {
        result.frozen.push({ entityRef, entityTitle, freeze: report.freeze });
      }
    });
    result.incidents.sort(
      (a, b) =>
        a.incident.severity.localeCompare(b.incident.severity) ||
        Date.parse(b.incident.startedAt) - Date.parse(a.incident.startedAt),
    );
    return result;
  }, [identityApi, catalogApi, sloApi, limit]);
}
