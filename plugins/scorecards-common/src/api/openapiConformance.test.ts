/*
 * The hand-written API types of this package and the types generated from
 * scorecards-backend's openapi.yaml (src/generated/openapi.ts) must describe the same
 * shapes: tsc fails on this file when one drifts from the other.
 */
import type {
  GateStatus,
  EntityVerdict,
  GateDefinition,
  GatesResponse,
  GateEvidence,
  EvidenceKind,
  GateFreshness,
  GateWaiver,
  GateResult,
  EntityScorecard,
  ScorecardHistory,
  ScorecardSummary,
  ScorecardOverview,
  ScorecardRollup,
  StoredFact,
  FactProvenance,
  PushFactsRequest,
  PushFactsResponse,
  DryRunResult,
} from './types';
import type { GateSeverity } from '../policy/gatePolicySchema';
import type { ReleaseGateResponse } from './releaseGate';
import type {
  MyFailingGate,
  MyEntityAtRisk,
  MyExpiringWaiver,
  MyScorecardsSummary,
} from './mySummary';
import type {
  WaiverRequestState,
  WaiverRequest,
  WaiverRequestList,
  CreateWaiverRequest,
  WaiverDecisionRequest,
} from './waiverRequests';
import type {
  ScorecardsApiGateStatus,
  ScorecardsApiEntityVerdict,
  ScorecardsApiGateSeverity,
  ScorecardsApiGateDefinition,
  ScorecardsApiGatesResponse,
  ScorecardsApiGateEvidence,
  ScorecardsApiEvidenceKind,
  ScorecardsApiGateFreshness,
  ScorecardsApiGateWaiver,
  ScorecardsApiGateResult,
  ScorecardsApiEntityScorecard,
  ScorecardsApiScorecardHistory,
  ScorecardsApiScorecardSummary,
  ScorecardsApiScorecardOverview,
  ScorecardsApiScorecardRollup,
  ScorecardsApiStoredFact,
  ScorecardsApiFactProvenance,
  ScorecardsApiPushFactsRequest,
  ScorecardsApiPushFactsResponse,
  ScorecardsApiReleaseGateResponse,
  ScorecardsApiMyFailingGate,
  ScorecardsApiMyEntityAtRisk,
  ScorecardsApiMyExpiringWaiver,
  ScorecardsApiMyScorecardsSummary,
  ScorecardsApiDryRunResult,
  ScorecardsApiWaiverRequestState,
  ScorecardsApiWaiverRequest,
  ScorecardsApiWaiverRequestList,
  ScorecardsApiCreateWaiverRequest,
  ScorecardsApiWaiverDecisionRequest,
} from '../generated/openapi';

/** `true` when each of A and B is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const conforms: {
  GateStatus: Same<GateStatus, ScorecardsApiGateStatus>;
  EntityVerdict: Same<EntityVerdict, ScorecardsApiEntityVerdict>;
  GateSeverity: Same<GateSeverity, ScorecardsApiGateSeverity>;
  GateDefinition: Same<GateDefinition, ScorecardsApiGateDefinition>;
  GatesResponse: Same<GatesResponse, ScorecardsApiGatesResponse>;
  GateEvidence: Same<GateEvidence, ScorecardsApiGateEvidence>;
  EvidenceKind: Same<EvidenceKind, ScorecardsApiEvidenceKind>;
  GateFreshness: Same<GateFreshness, ScorecardsApiGateFreshness>;
  GateWaiver: Same<GateWaiver, ScorecardsApiGateWaiver>;
  GateResult: Same<GateResult, ScorecardsApiGateResult>;
  EntityScorecard: Same<EntityScorecard, ScorecardsApiEntityScorecard>;
  ScorecardHistory: Same<ScorecardHistory, ScorecardsApiScorecardHistory>;
  ScorecardSummary: Same<ScorecardSummary, ScorecardsApiScorecardSummary>;
  ScorecardOverview: Same<ScorecardOverview, ScorecardsApiScorecardOverview>;
  ScorecardRollup: Same<ScorecardRollup, ScorecardsApiScorecardRollup>;
  StoredFact: Same<StoredFact, ScorecardsApiStoredFact>;
  FactProvenance: Same<FactProvenance, ScorecardsApiFactProvenance>;
  PushFactsRequest: Same<PushFactsRequest, ScorecardsApiPushFactsRequest>;
  PushFactsResponse: Same<PushFactsResponse, ScorecardsApiPushFactsResponse>;
  ReleaseGateResponse: Same<
    ReleaseGateResponse,
    ScorecardsApiReleaseGateResponse
  >;
  MyFailingGate: Same<MyFailingGate, ScorecardsApiMyFailingGate>;
  MyEntityAtRisk: Same<MyEntityAtRisk, ScorecardsApiMyEntityAtRisk>;
  MyExpiringWaiver: Same<MyExpiringWaiver, ScorecardsApiMyExpiringWaiver>;
  MyScorecardsSummary: Same<
    MyScorecardsSummary,
    ScorecardsApiMyScorecardsSummary
  >;
  DryRunResult: Same<DryRunResult, ScorecardsApiDryRunResult>;
  WaiverRequestState: Same<WaiverRequestState, ScorecardsApiWaiverRequestState>;
  WaiverRequest: Same<WaiverRequest, ScorecardsApiWaiverRequest>;
  WaiverRequestList: Same<WaiverRequestList, ScorecardsApiWaiverRequestList>;
  CreateWaiverRequest: Same<
    CreateWaiverRequest,
    ScorecardsApiCreateWaiverRequest
  >;
  WaiverDecisionRequest: Same<
    WaiverDecisionRequest,
    ScorecardsApiWaiverDecisionRequest
  >;
} = {
  GateStatus: true,
  EntityVerdict: true,
  GateSeverity: true,
  GateDefinition: true,
  GatesResponse: true,
  GateEvidence: true,
  EvidenceKind: true,
  GateFreshness: true,
  GateWaiver: true,
  GateResult: true,
  EntityScorecard: true,
  ScorecardHistory: true,
  ScorecardSummary: true,
  ScorecardOverview: true,
  ScorecardRollup: true,
  StoredFact: true,
  FactProvenance: true,
  PushFactsRequest: true,
  PushFactsResponse: true,
  ReleaseGateResponse: true,
  MyFailingGate: true,
  MyEntityAtRisk: true,
  MyExpiringWaiver: true,
  MyScorecardsSummary: true,
  DryRunResult: true,
  WaiverRequestState: true,
  WaiverRequest: true,
  WaiverRequestList: true,
  CreateWaiverRequest: true,
  WaiverDecisionRequest: true,
};

describe('openapi conformance', () => {
  it('has one shape per API type', () => {
    expect(Object.values(conforms).every(Boolean)).toBe(true);
  });
});
