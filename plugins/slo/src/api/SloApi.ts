import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ChangeKind,
  EntityIncidentsResponse,
  EntitySloReport,
  GateDecision,
  Incident,
} from '@gatekeeper/plugin-slo-common';

/**
 * An entity reference accepted by the {@link SloApi}: a full string ref such
 * as `component:default/payments` or a compound ref.
 *
 * @public
 */
export type SloEntityRef = string | CompoundEntityRef;

/**
 * Client of the slo backend.
 *
 * @public
 */
export interface SloApi {
  /** SLO status, error budgets, burn-rate alerts and freeze state of an entity. */
  getEntitySlos(entityRef: SloEntityRef): Promise<EntitySloReport>;
  /** Incidents of an entity with MTTA / MTTR statistics. */
  getEntityIncidents(entityRef: SloEntityRef): Promise<EntityIncidentsResponse>;
  /** Deploy gate decision of an entity (error-budget policy). */
  getGateDecision(
    entityRef: SloEntityRef,
    options?: { change?: ChangeKind },
  ): Promise<GateDecision>;
  /** Acknowledges an incident; returns the updated incident. */
  acknowledgeIncident(incidentId: string): Promise<Incident>;
  /** Resolves an incident; returns the updated incident. */
  resolveIncident(incidentId: string): Promise<Incident>;
  /** Attaches a postmortem link (http(s) URL); returns the updated incident. */
  setPostmortem(incidentId: string, url: string): Promise<Incident>;
}

/**
 * API reference of the {@link SloApi}.
 *
 * @public
 */
export const sloApiRef = createApiRef<SloApi>({
  id: 'plugin.slo.service',
});
