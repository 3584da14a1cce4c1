import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ChangeKind,
  CreateIncidentRequest,
  DeliveryRollupResponse,
  EntityDeliveryMetricsResponse,
  EntityIncidentsResponse,
  EntitySloReport,
  FreezeOverrideRequest,
  FreezeStatus,
  GateDecision,
  Incident,
} from '@gatekeeper/plugin-slo-common';

/**
 * An active freeze override.
 *
 * @public
 */
export type FreezeOverride = NonNullable<FreezeStatus['override']>;

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
  /** Declares a manual incident; returns the created incident. */
  createIncident(request: CreateIncidentRequest): Promise<Incident>;
  /** Acknowledges an incident; returns the updated incident. */
  acknowledgeIncident(incidentId: string): Promise<Incident>;
  /** Resolves an incident; returns the updated incident. */
  resolveIncident(incidentId: string): Promise<Incident>;
  /** Attaches a postmortem link (http(s) URL); returns the updated incident. */
  setPostmortem(incidentId: string, url: string): Promise<Incident>;
  /** Delivery metrics of an entity over `windowDays` (default 90) with a weekly trend. */
  getEntityDeliveryMetrics(
    entityRef: SloEntityRef,
    options?: { windowDays?: number },
  ): Promise<EntityDeliveryMetricsResponse>;
  /** Delivery metrics per owner, system or domain. */
  getDeliveryRollup(options: {
    by: DeliveryRollupResponse['by'];
    windowDays?: number;
  }): Promise<DeliveryRollupResponse>;
  /** Lifts a change freeze until `expiresAt` (permission `slo.freeze.override`). */
  overrideFreeze(
    entityRef: SloEntityRef,
    request: FreezeOverrideRequest,
  ): Promise<FreezeOverride>;
}

/**
 * API reference of the {@link SloApi}.
 *
 * @public
 */
export const sloApiRef = createApiRef<SloApi>({
  id: 'plugin.slo.service',
});
