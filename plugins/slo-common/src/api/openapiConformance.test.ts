/*
 * The hand-written API types of this package and the types generated from
 * slo-backend's openapi.yaml (src/generated/openapi.ts) must describe the same
 * shapes: tsc fails on this file when one drifts from the other.
 */
import type {
  FreezeStatus,
  BurnRateAlert,
  SloStatus,
  EntitySloReport,
  Incident,
  EntityIncidentsResponse,
  GateDecision,
  CreateIncidentRequest,
} from './types';
import type { DeliveryMetric, DeliveryMetrics } from './delivery';
import type {
  SloApiFreezeStatus,
  SloApiBurnRateAlert,
  SloApiSloStatus,
  SloApiEntitySloReport,
  SloApiIncident,
  SloApiEntityIncidentsResponse,
  SloApiGateDecision,
  SloApiCreateIncidentRequest,
  SloApiDeliveryMetric,
  SloApiDeliveryMetrics,
} from '../generated/openapi';

/** `true` when each of A and B is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const conforms: {
  FreezeStatus: Same<FreezeStatus, SloApiFreezeStatus>;
  BurnRateAlert: Same<BurnRateAlert, SloApiBurnRateAlert>;
  SloStatus: Same<SloStatus, SloApiSloStatus>;
  EntitySloReport: Same<EntitySloReport, SloApiEntitySloReport>;
  Incident: Same<Incident, SloApiIncident>;
  EntityIncidentsResponse: Same<
    EntityIncidentsResponse,
    SloApiEntityIncidentsResponse
  >;
  GateDecision: Same<GateDecision, SloApiGateDecision>;
  CreateIncidentRequest: Same<
    CreateIncidentRequest,
    SloApiCreateIncidentRequest
  >;
  DeliveryMetric: Same<DeliveryMetric, SloApiDeliveryMetric>;
  DeliveryMetrics: Same<DeliveryMetrics, SloApiDeliveryMetrics>;
} = {
  FreezeStatus: true,
  BurnRateAlert: true,
  SloStatus: true,
  EntitySloReport: true,
  Incident: true,
  EntityIncidentsResponse: true,
  GateDecision: true,
  CreateIncidentRequest: true,
  DeliveryMetric: true,
  DeliveryMetrics: true,
};

describe('openapi conformance', () => {
  it('has one shape per API type', () => {
    expect(Object.values(conforms).every(Boolean)).toBe(true);
  });
});
