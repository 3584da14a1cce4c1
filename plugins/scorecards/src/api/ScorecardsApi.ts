import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EntityScorecard,
  GatesResponse,
  MyScorecardsSummary,
  ScorecardHistory,
  ScorecardOverview,
  ScorecardRollup,
  StoredFact,
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
}

/** @public */
export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards.service',
});
