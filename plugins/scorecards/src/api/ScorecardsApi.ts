import { createApiRef } from '@backstage/core-plugin-api';
import type {
  Campaign,
  CampaignDetails,
  CampaignList,
  CreateCampaignRequest,
  CreateWaiverRequest,
  EntityCampaignList,
  UpdateCampaignRequest,
  EntityScorecard,
  GatesResponse,
  MyScorecardsSummary,
  ScorecardHistory,
  ScorecardOverview,
  ScorecardRollup,
  StoredFact,
  WaiverRequest,
  WaiverRequestList,
  WaiverRequestState,
} from '@gatekeeper/plugin-scorecards-common';

/**
 * Filters and paging of the scorecards overview.
 *
 * @public
 */
export interface ScorecardOverviewQuery {
  limit?: number;
  offset?: number;
  owner?: string;
  system?: string;
  domain?: string;
  kind?: string;
  verdict?: string;
  level?: string;
  /** Gate id; the backend requires `gate` and `status` together. */
  gate?: string;
  status?: string;
  /** `stale` or `configured`: only entities with a gate decided by such evidence. */
  evidence?: string;
  /** Free text: every term in the ref, title, owner, system or domain. */
  q?: string;
}

/**
 * A campaign with a deadline, as the campaigns API lists it
 * (`GET /campaigns?owner=&due=`).
 *
 * @public
 */
export interface DueCampaign {
  id: string;
  title: string;
  owner: string;
  /** ISO date-time. */
  deadline: string;
  progress: { total: number; done: number; remaining: number; overdue: number };
}

/** Filters of the campaign list. @public */
export interface CampaignQuery {
  /** Group ref: campaigns selecting its entities, with their progress. */
  owner?: string;
  /** ISO date or date-time: deadline on or before it. */
  due?: string;
  /** Include archived campaigns. */
  archived?: boolean;
}

/** Filters of the waiver request list. @public */
export interface WaiverRequestQuery {
  entityRef?: string;
  state?: WaiverRequestState;
}

/** A decision on a waiver request. @public */
export type WaiverRequestAction = 'approve' | 'reject' | 'withdraw';

/** @public */
export type ScorecardRollupBy = 'group' | 'system' | 'domain';

/**
 * Client of the scorecards backend.
 *
 * @public
 */
export interface ScorecardsApi {
  getGates(): Promise<GatesResponse>;
  /** Scorecard of one entity; the entity ref may be a string or a compound ref. */
  getEntityScorecard(entityRef: string): Promise<EntityScorecard>;
  getEntityHistory(entityRef: string): Promise<ScorecardHistory>;
  /** Latest stored value of every fact of the entity. */
  getEntityFacts(entityRef: string): Promise<{ items: StoredFact[] }>;
  /** Re-evaluates the entity now and returns its fresh scorecard. */
  evaluateEntity(entityRef: string): Promise<EntityScorecard>;
  getOverview(query?: ScorecardOverviewQuery): Promise<ScorecardOverview>;
  getRollups(by: ScorecardRollupBy): Promise<{ items: ScorecardRollup[] }>;
  /** What needs attention among the signed-in user's entities. */
  getMySummary(): Promise<MyScorecardsSummary>;
  /**
   * Campaigns of `owner` due by `due`; no items where the backend has no
   * campaigns API (404).
   */
  getDueCampaigns(query: {
    owner: string;
    due: string;
  }): Promise<{ items: DueCampaign[] }>;
  /** Waiver requests the caller may see, with whether they may decide each. */
  listWaiverRequests(query?: WaiverRequestQuery): Promise<WaiverRequestList>;
  /** Requests a waiver of a gate that does not pass; a retry with the same key creates one request. */
  createWaiverRequest(
    request: CreateWaiverRequest,
    options?: { idempotencyKey?: string },
  ): Promise<WaiverRequest>;
  /** Approves, rejects or withdraws an open waiver request. */
  decideWaiverRequest(
    id: string,
    action: WaiverRequestAction,
    comment?: string,
  ): Promise<WaiverRequest>;
  /** Campaigns with their progress; no items where the backend has no campaigns API (404). */
  listCampaigns(query?: CampaignQuery): Promise<CampaignList>;
  /** A campaign with progress per team, remaining entities and history. */
  getCampaign(id: string): Promise<CampaignDetails>;
  /** Creates a campaign (platform members); a retry with the same key creates one. */
  createCampaign(
    request: CreateCampaignRequest,
    options?: { idempotencyKey?: string },
  ): Promise<Campaign>;
  /** Changes or archives a campaign created in the UI. */
  updateCampaign(id: string, changes: UpdateCampaignRequest): Promise<Campaign>;
  /** Campaigns that concern an entity, with its status in each. */
  getEntityCampaigns(entityRef: string): Promise<EntityCampaignList>;
}

/** @public */
export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards.service',
});
