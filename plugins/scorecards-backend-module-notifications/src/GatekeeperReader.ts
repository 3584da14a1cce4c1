import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  createSloGateClient,
  SloGateClient,
} from '@gatekeeper/plugin-slo-node';
import { CampaignTeam, DueCampaign } from './campaignNotices';
import { ObservedWaiverRequest, Observation } from './detectNotices';
import { entityRoutePath } from './entityRoutePath';

interface OverviewRow {
  entityRef: string;
  owner?: string;
  verdict: string;
  gates: Record<string, string>;
}

interface EntityScorecard {
  gates: { gateId: string; waiver?: { expiresAt: string } }[];
}

function entityPath(ref: string): string {
  const path = entityRoutePath(ref);
  if (!path) throw new Error(`not an entity ref: ${ref}`);
  return path;
}

/**
 * Reads what the notifier compares through the plugins' own HTTP APIs, with
 * the scorecards plugin's service credentials: the stored verdicts of the
 * overview (no re-evaluation), gate titles, waiver expiries of entities with
 * waived gates, waiver requests, and the error-budget freeze of each entity.
 */
export class GatekeeperReader {
  private readonly sloGate: SloGateClient;

  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {
    this.sloGate = createSloGateClient(deps);
  }

  private async get<T>(pluginId: string, path: string): Promise<T> {
    const base = await this.deps.discovery.getBaseUrl(pluginId);
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const res = await fetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  /** Every stored verdict, page by page. */
  async *overview(pageSize = 500): AsyncGenerator<OverviewRow[]> {
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const page: { items: OverviewRow[]; nextOffset?: number } =
        await this.get(
          'scorecards',
          `/overview?limit=${pageSize}&offset=${offset}`,
        );
      yield page.items;
      offset = page.nextOffset;
    }
  }

  async gateTitles(): Promise<Map<string, string>> {
    const res = await this.get<{ gates: { id: string; title: string }[] }>(
      'scorecards',
      '/gates',
    );
    return new Map(res.gates.map(g => [g.id, g.title]));
  }

  /** The newest waiver requests (up to 500) by entity ref. */
  async waiverRequests(): Promise<Map<string, ObservedWaiverRequest[]>> {
    const res = await this.get<{
      items: (ObservedWaiverRequest & { entityRef: string })[];
    }>('scorecards', '/waiver-requests');
    const byEntity = new Map<string, ObservedWaiverRequest[]>();
    for (const { entityRef, ...request } of res.items) {
      byEntity.set(entityRef, [...(byEntity.get(entityRef) ?? []), request]);
    }
    return byEntity;
  }

  /**
   * Active campaigns with a deadline on or before `due` (overdue ones
   * included); none where the scorecards backend has no campaigns API.
   */
  async dueCampaigns(due: Date): Promise<DueCampaign[]> {
    try {
      const res = await this.get<{ items: DueCampaign[] }>(
        'scorecards',
        `/campaigns?due=${encodeURIComponent(due.toISOString())}`,
      );
      return res.items;
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return [];
      }
      throw error;
    }
  }

  /** The teams of a campaign with what each still has to fix. */
  async campaignTeams(campaignId: string): Promise<CampaignTeam[]> {
    const res = await this.get<{ teams: CampaignTeam[] }>(
      'scorecards',
      `/campaigns/${encodeURIComponent(campaignId)}`,
    );
    return res.teams;
  }

  /** The observation of one overview row. */
  async observe(
    row: OverviewRow,
    titles: Map<string, string>,
    waiverRequests: ObservedWaiverRequest[] = [],
  ): Promise<Observation> {
    const expiries = new Map<string, string>();
    if (Object.values(row.gates).includes('waived')) {
      const card = await this.get<EntityScorecard>(
        'scorecards',
        `/entities/${entityPath(row.entityRef)}`,
      );
      for (const g of card.gates) {
        if (g.waiver?.expiresAt) expiries.set(g.gateId, g.waiver.expiresAt);
      }
    }
    const gate = await this.sloGate.getGateDecision(
      { entityRef: row.entityRef },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return {
      entityRef: row.entityRef,
      owner: row.owner,
      verdict: row.verdict,
      gates: Object.entries(row.gates).map(([gateId, status]) => ({
        gateId,
        title: titles.get(gateId) ?? gateId,
        status,
        expiresAt: expiries.get(gateId),
      })),
      frozen: gate.freeze?.frozen === true,
      freezeReasons: gate.freeze?.reasons ?? [],
      postmortems: (gate.freeze?.postmortemRequired ?? []).map(
        p => p.incidentId,
      ),
      waiverRequests,
    };
  }
}
