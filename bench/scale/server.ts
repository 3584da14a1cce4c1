/*
 * The backend of the scale benchmark (a real backend process): catalog with
 * BENCH_N components from an entity provider, the scorecards backend and
 * the Tech Insights backend with jsonfc, both reading the repositories of
 * BENCH_REPO_ORIGIN through the same UrlReader. Config: --config <file>
 * (written by scale-bench.ts: PostgreSQL, ports, schedules, checks).
 */
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import { benchPolicy } from './benchPolicy';
import { benchUrlReaderFactory } from './benchUrlReader';
import { benchFactRetrieverModule } from './techInsightsRetriever';

const N = Number(process.env.BENCH_N ?? 10000);
const ORIGIN = process.env.BENCH_REPO_ORIGIN ?? 'http://127.0.0.1:1';

function component(i: number): Entity {
  const name = `svc-${i}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: `Service ${i}`,
      annotations: {
        'backstage.io/managed-by-location': 'url:https://bench.example/all',
        'backstage.io/managed-by-origin-location':
          'url:https://bench.example/all',
        'backstage.io/source-location': `url:${ORIGIN}/repos/${name}/tree/main/`,
      },
    },
    spec: {
      type: 'service',
      lifecycle: i % 5 ? 'production' : 'experimental',
      owner: `group:default/team-${i % 40}`,
      system: `system-${i % 100}`,
    },
  };
}

class BenchEntityProvider implements EntityProvider {
  getProviderName() {
    return 'bench-components';
  }
  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: Array.from({ length: N }, (_, i) => ({
        entity: component(i),
        locationKey: 'bench-components',
      })),
    });
  }
}

const benchEntitiesModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-entities',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider(new BenchEntityProvider());
      },
    });
  },
});

const backend = createBackend();
backend.add(benchUrlReaderFactory(ORIGIN));
backend.add(gatePolicyServiceFactory(benchPolicy()));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(benchEntitiesModule);
backend.add(import('@gatekeeper/plugin-scorecards-backend'));
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(benchFactRetrieverModule);
backend.start();
