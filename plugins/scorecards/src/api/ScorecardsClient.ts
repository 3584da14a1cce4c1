import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
} from '@gatekeeper/plugin-scorecards-common';
import type {
  CampaignQuery,
  DueCampaign,
  ScorecardOverviewQuery,
  ScorecardRollupBy,
  ScorecardsApi,
  WaiverRequestAction,
  WaiverRequestQuery,
} from './ScorecardsApi';

const OVERVIEW_PARAMS: (keyof ScorecardOverviewQuery)[] = [
  'limit',
  'offset',
  'owner',
  'system',
  'domain',
  'kind',
  'verdict',
  'level',
  'gate',
  'status',
  'evidence',
  'q',
];

/**
 * Default {@link ScorecardsApi} implementation over the scorecards backend.
 *
 * @public
 */
export class ScorecardsClient implements ScorecardsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getGates(): Promise<GatesResponse> {
    return this.request('/gates');
  }

  getEntityScorecard(entityRef: string): Promise<EntityScorecard> {
    return this.request(entityPath(entityRef));
  }

  getEntityHistory(entityRef: string): Promise<ScorecardHistory> {
    return this.request(`${entityPath(entityRef)}/history`);
  }

  getEntityFacts(entityRef: string): Promise<{ items: StoredFact[] }> {
    return this.request(`${entityPath(entityRef)}/facts`);
  }

  evaluateEntity(entityRef: string): Promise<EntityScorecard> {
    return this.request(`${entityPath(entityRef)}/evaluate`, {
      method: 'POST',
    });
  }

  getOverview(query: ScorecardOverviewQuery = {}): Promise<ScorecardOverview> {
    const params = new URLSearchParams();
    for (const key of OVERVIEW_PARAMS) {
      const value = query[key];
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const qs = params.toString();
    return this.request(`/overview${qs ? `?${qs}` : ''}`);
  }

  getRollups(by: ScorecardRollupBy): Promise<{ items: ScorecardRollup[] }> {
    return this.request(`/rollups?by=${encodeURIComponent(by)}`);
  }

  getMySummary(): Promise<MyScorecardsSummary> {
    return this.request('/me/summary');
  }

  getDueCampaigns(query: {
    owner: string;
    due: string;
  }): Promise<{ items: DueCampaign[] }> {
    return this.listCampaigns(query);
  }

  listWaiverRequests(
    query: WaiverRequestQuery = {},
  ): Promise<WaiverRequestList> {
    const params = new URLSearchParams();
    if (query.entityRef) params.set('entityRef', query.entityRef);
    if (query.state) params.set('state', query.state);
    const qs = params.toString();
    return this.request(`/waiver-requests${qs ? `?${qs}` : ''}`);
  }

  createWaiverRequest(
    request: CreateWaiverRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<WaiverRequest> {
    return this.sendJson('POST', '/waiver-requests', request, options);
  }

  decideWaiverRequest(
    id: string,
    action: WaiverRequestAction,
    comment?: string,
  ): Promise<WaiverRequest> {
    return this.sendJson(
      'POST',
      `/waiver-requests/${encodeURIComponent(id)}/${action}`,
      comment ? { comment } : {},
    );
  }

  async listCampaigns(query: CampaignQuery = {}): Promise<CampaignList> {
    const params = new URLSearchParams();
    if (query.owner) params.set('owner', query.owner);
    if (query.due) params.set('due', query.due);
    if (query.archived) params.set('archived', 'true');
    const qs = params.toString();
    try {
      return await this.request(`/campaigns${qs ? `?${qs}` : ''}`);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return { items: [] };
      }
      throw error;
    }
  }

  getCampaign(id: string): Promise<CampaignDetails> {
    return this.request(`/campaigns/${encodeURIComponent(id)}`);
  }

  createCampaign(
    request: CreateCampaignRequest,
    options: { idempotencyKey?: string } = {},
  ): Promise<Campaign> {
    return this.sendJson('POST', '/campaigns', request, options);
  }

  updateCampaign(
    id: string,
    changes: UpdateCampaignRequest,
  ): Promise<Campaign> {
    return this.sendJson(
      'PATCH',
      `/campaigns/${encodeURIComponent(id)}`,
      changes,
    );
  }

  getEntityCampaigns(entityRef: string): Promise<EntityCampaignList> {
    return this.request(`/campaigns/entity/${entitySegments(entityRef)}`);
  }

  /** A JSON body write, with the Idempotency-Key header when one is given. */
  private sendJson<T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    options: { idempotencyKey?: string } = {},
  ): Promise<T> {
    return this.request(path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(options.idempotencyKey && {
          'Idempotency-Key': options.idempotencyKey,
        }),
      },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('scorecards');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `:namespace/:kind/:name` of an entity ref, each part URL-encoded. */
function entitySegments(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/');
}

/** `/entities/:namespace/:kind/:name`, with each part URL-encoded. */
function entityPath(entityRef: string): string {
  return `/entities/${entitySegments(entityRef)}`;
}
