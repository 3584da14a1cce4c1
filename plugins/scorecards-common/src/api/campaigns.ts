import type {
  CampaignSelector,
  CampaignTarget,
} from '../policy/campaignSchema';

/** Where a campaign is defined: the gate policy (`code`) or the UI. @public */
export type CampaignSource = 'code' | 'ui';

/** Status of one entity in a campaign. @public */
export type CampaignEntityStatus = 'done' | 'remaining' | 'overdue';

/** Entities done, remaining and overdue (remaining after the deadline). @public */
export interface CampaignCounts {
  total: number;
  done: number;
  remaining: number;
  overdue: number;
}

/** A campaign: a target of gates or a level for selected entities, with a deadline. @public */
export interface Campaign {
  id: string;
  title: string;
  description?: string;
  /** Group entity ref. */
  owner: string;
  target: CampaignTarget;
  selector: CampaignSelector;
  /** ISO date-time. */
  deadline: string;
  source: CampaignSource;
  /** The campaign's id in the policy (code campaigns). */
  codeId?: string;
  createdBy: string;
  /** ISO date-time. */
  createdAt: string;
  /** ISO date-time. */
  updatedAt: string;
  archived: boolean;
}

/** A campaign with its progress (of the owner's entities when the list was filtered by owner). @public */
export interface CampaignSummary extends Campaign {
  progress: CampaignCounts;
}

/** Response of GET /campaigns. @public */
export interface CampaignList {
  items: CampaignSummary[];
}

/** An entity of a campaign that has not reached the target, and what it must fix. @public */
export interface CampaignRemainingEntity {
  entityRef: string;
  title?: string;
  owner?: string;
  status: Exclude<CampaignEntityStatus, 'done'>;
  /** Targeted gates that do not pass (nor are waived), with their status. */
  gates: { gateId: string; status: string }[];
  /** True when the entity has no stored scorecard yet. */
  unevaluated?: boolean;
}

/** One step of a campaign's history: a change or a daily progress snapshot. @public */
export interface CampaignHistoryEvent {
  kind: 'created' | 'updated' | 'synced' | 'snapshot';
  /** ISO date-time. */
  at: string;
  actor?: string;
  /** The changed fields (changes). */
  changes?: Record<string, unknown>;
  /** The counts of the day (snapshots). */
  progress?: CampaignCounts;
}

/** Response of GET /campaigns/:id. @public */
export interface CampaignDetails extends CampaignSummary {
  teams: Array<{ owner: string } & CampaignCounts>;
  remainingEntities: CampaignRemainingEntity[];
  history: CampaignHistoryEvent[];
}

/** A campaign that concerns an entity, with the entity's own status. @public */
export interface EntityCampaign {
  campaign: Campaign;
  status: CampaignEntityStatus;
  /** Targeted gates the entity must still fix. */
  gates: { gateId: string; status: string }[];
}

/** Response of GET /campaigns/entity/:namespace/:kind/:name. @public */
export interface EntityCampaignList {
  entityRef: string;
  items: EntityCampaign[];
}

/** Body of POST /campaigns. @public */
export interface CreateCampaignRequest {
  title: string;
  description?: string;
  owner: string;
  target: CampaignTarget;
  selector: CampaignSelector;
  /** ISO date or date-time in the future. */
  deadline: string;
}

/** Body of PATCH /campaigns/:id (UI campaigns only). @public */
export interface UpdateCampaignRequest {
  title?: string;
  description?: string;
  deadline?: string;
  archived?: boolean;
}
