import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ChangeKind,
  CreateIncidentRequest,
  DeliveryRollupResponse,
  EntityDeliveryMetricsResponse,
  EntityIncidentsResponse,
  EntitySloReport,
  FreezeOverrideRequest,
  GateDecision,
  Incident,
} from '@gatekeeper/plugin-slo-common';
import { FreezeOverride, SloApi, SloEntityRef } from './SloApi';

/** Normalises a string or compound ref to `kind:namespace/name` (lower case). */
function toRefString(entityRef: SloEntityRef): string {
  return stringifyEntityRef(
    typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef,
  );
}

/**
 * Default {@link SloApi} implementation, talking to the `slo` backend plugin.
 *
 * @public
 */
export class SloClient implements SloApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntitySlos(entityRef: SloEntityRef): Promise<EntitySloReport> {
    return this.get<EntitySloReport>(`${this.entityPath(entityRef)}/slos`);
  }

  async getEntityIncidents(
    entityRef: SloEntityRef,
  ): Promise<EntityIncidentsResponse> {
    return this.get<EntityIncidentsResponse>(
      `${this.entityPath(entityRef)}/incidents`,
    );
  }

  async getGateDecision(
    entityRef: SloEntityRef,
    options?: { change?: ChangeKind },
  ): Promise<GateDecision> {
    const query = options?.change
      ? `?change=${encodeURIComponent(options.change)}`
      : '';
    return this.get<GateDecision>(
      `/gate/${encodeURIComponent(toRefString(entityRef))}${query}`,
    );
  }

  async getEntityDeliveryMetrics(
    entityRef: SloEntityRef,
    options?: { windowDays?: number },
  ): Promise<EntityDeliveryMetricsResponse> {
    const { kind, namespace, name } = parseEntityRef(toRefString(entityRef));
    return this.get<EntityDeliveryMetricsResponse>(
      `/metrics/entity/${[kind, namespace, name]
        .map(encodeURIComponent)
        .join('/')}?window=${options?.windowDays ?? 90}d`,
    );
  }

  async getDeliveryRollup(options: {
    by: DeliveryRollupResponse['by'];
    windowDays?: number;
  }): Promise<DeliveryRollupResponse> {
    return this.get<DeliveryRollupResponse>(
      `/metrics/rollup?by=${encodeURIComponent(options.by)}&window=${
        options.windowDays ?? 90
      }d`,
    );
  }

  async createIncident(request: CreateIncidentRequest): Promise<Incident> {
    return this.post<Incident>('/incidents', {
      ...request,
      entityRef: toRefString(request.entityRef),
    });
  }

  async overrideFreeze(
    entityRef: SloEntityRef,
    request: FreezeOverrideRequest,
  ): Promise<FreezeOverride> {
    return this.post<FreezeOverride>(
      `/freeze/${encodeURIComponent(toRefString(entityRef))}/override`,
      request,
    );
  }

  async acknowledgeIncident(incidentId: string): Promise<Incident> {
    return this.post<Incident>(
      `/incidents/${encodeURIComponent(incidentId)}/acknowledge`,
      {},
    );
  }

  async resolveIncident(incidentId: string): Promise<Incident> {
    return this.post<Incident>(
      `/incidents/${encodeURIComponent(incidentId)}/resolve`,
      {},
    );
  }

  async setPostmortem(incidentId: string, url: string): Promise<Incident> {
    return this.post<Incident>(
      `/incidents/${encodeURIComponent(incidentId)}/postmortem`,
      { url },
    );
  }

  private entityPath(entityRef: SloEntityRef): string {
    const { kind, namespace, name } = parseEntityRef(toRefString(entityRef));
    return `/entities/${[namespace, kind, name]
      .map(encodeURIComponent)
      .join('/')}`;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('slo');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async post<T>(path: string, body: object): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('slo');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
