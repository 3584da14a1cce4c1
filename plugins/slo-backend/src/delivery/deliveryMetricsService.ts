import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DeliveryRollupResponse,
  EntityDeliveryMetricsResponse,
  EntityIncidentsResponse,
  Incident,
} from '@gatekeeper/plugin-slo-common';
import { DeliveryConfig } from '../config';
import { IncidentStore } from '../incidents/IncidentStore';
import { SloService } from '../service/SloService';
import {
  computeDeliveryMetrics,
  DeliveryEvents,
} from './computeDeliveryMetrics';
import { DeploymentStore } from './DeploymentStore';

export type RollupBy = DeliveryRollupResponse['by'];

/** Computes delivery metrics from stored events and incidents. */
export class DeliveryMetricsService {
  constructor(
    private readonly options: {
      deployments: DeploymentStore;
      incidents: IncidentStore;
      service: SloService;
      config: DeliveryConfig;
      now: () => number;
    },
  ) {}

  private range(windowDays: number) {
    const endMs = this.options.now();
    return { startMs: endMs - windowDays * 86_400_000, endMs };
  }

  private async events(
    entityRefs: string[],
    since: string,
  ): Promise<DeliveryEvents & { demo: boolean }> {
    const { deployments, incidents, config } = this.options;
    const query = { entityRefs, since, environment: config.environment };
    const [deps, rollbacks] = await Promise.all([
      deployments.listDeployments(query),
      deployments.listRollbacks(query),
    ]);
    const lists = await Promise.all(
      entityRefs.map(entityRef =>
        incidents.listIncidents({ entityRef, since, limit: 5000 }),
      ),
    );
    return {
      deployments: deps,
      rollbacks,
      incidents: lists.flat().filter(i => i.startedAt >= since),
      demo: [...deps, ...rollbacks].some(e => e.demo),
    };
  }

  private compute(
    events: DeliveryEvents,
    range: { startMs: number; endMs: number },
  ) {
    return computeDeliveryMetrics(events, range, {
      targets: this.options.config.targets,
      failureWindowMinutes: this.options.config.failureWindowMinutes,
    });
  }

  async entityMetrics(
    entity: Entity,
    windowDays: number,
  ): Promise<EntityDeliveryMetricsResponse> {
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const range = this.range(windowDays);
    const since = new Date(range.startMs).toISOString();
    const { demo, ...events } = await this.events([entityRef], since);
    return {
      entityRef,
      window: {
        start: since,
        end: new Date(range.endMs).toISOString(),
      },
      ...this.compute(events, range),
      demo,
    };
  }

  async rollup(options: {
    by: RollupBy;
    windowDays: number;
    credentials: BackstageCredentials;
  }): Promise<DeliveryRollupResponse> {
    const { service, deployments } = this.options;
    const range = this.range(options.windowDays);
    const since = new Date(range.startMs).toISOString();
    const refs = await deployments.listEntityRefs({ since });
    const entities = await service.getEntitiesByRefs(refs, options.credentials);
    const groups = await groupEntities(entities, options, service);
    const { demo, ...events } = await this.events(
      [...new Set([...groups.values()].flat())],
      since,
    );
    const items = [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, members]) => {
        const inGroup = new Set(members);
        const pick = <T extends { entityRef: string }>(list: T[]) =>
          list.filter(e => inGroup.has(e.entityRef));
        return {
          key,
          entities: members,
          ...this.compute(
            {
              deployments: pick(events.deployments),
              rollbacks: pick(events.rollbacks),
              incidents: pick(events.incidents),
            },
            range,
          ),
        };
      });
    return {
      by: options.by,
      window: { start: since, end: new Date(range.endMs).toISOString() },
      items,
      demo,
    };
  }

  /** Adds each incident's preceding deployment (in the metrics' environment). */
  async withPrecedingDeployments(
    response: EntityIncidentsResponse,
  ): Promise<EntityIncidentsResponse> {
    const items = await Promise.all(
      response.items.map(async (incident): Promise<Incident> => {
        const d = await this.options.deployments.latestDeploymentBefore({
          entityRef: incident.entityRef,
          at: incident.startedAt,
          environment: this.options.config.environment,
        });
        if (!d) return incident;
        const { id, environment, commit, finishedAt, version, runUrl } = d;
        return {
          ...incident,
          precedingDeployment: {
            id,
            environment,
            commit,
            finishedAt,
            ...(version ? { version } : {}),
            ...(runUrl ? { runUrl } : {}),
          },
        };
      }),
    );
    return { ...response, items };
  }
}

const refOf = (value: unknown, defaultKind: string) => {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
};

/** Entity refs per owner, system or domain (a system's `spec.domain`). */
async function groupEntities(
  entities: Entity[],
  options: { by: RollupBy; credentials: BackstageCredentials },
  service: SloService,
): Promise<Map<string, string[]>> {
  const keyOf = new Map<Entity, string | undefined>();
  for (const e of entities) {
    keyOf.set(
      e,
      options.by === 'owner'
        ? refOf(e.spec?.owner, 'group')
        : refOf(e.spec?.system, 'system'),
    );
  }
  if (options.by === 'domain') {
    const systemRefs = [...new Set([...keyOf.values()])].filter(
      (r): r is string => Boolean(r),
    );
    const systems = await service.getEntitiesByRefs(
      systemRefs,
      options.credentials,
    );
    const domainOf = new Map(
      systems.map(s => [
        stringifyEntityRef(s).toLocaleLowerCase('en-US'),
        refOf(s.spec?.domain, 'domain'),
      ]),
    );
    for (const [e, system] of keyOf) {
      keyOf.set(e, system ? domainOf.get(system) : undefined);
    }
  }
  const groups = new Map<string, string[]>();
  for (const [e, key] of keyOf) {
    if (!key) continue;
    const ref = stringifyEntityRef(e).toLocaleLowerCase('en-US');
    groups.set(key, [...(groups.get(key) ?? []), ref]);
  }
  return groups;
}
