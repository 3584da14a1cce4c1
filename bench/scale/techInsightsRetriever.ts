/*
 * The Tech Insights side of the scale benchmark: a fact retriever that reads
 * every component's repository through the same UrlReader and derives the
 * same facts with the same parsing code as Gatekeeper's providers, then
 * returns them to the Tech Insights engine (which stores them).
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { resolveRepositoryLocation } from '@gatekeeper/gatekeeper-node';
import { readUrlRepository } from '../../plugins/scorecards-backend/src/providers/repository';
import { createRepoFilesProvider } from '../../plugins/scorecards-backend/src/providers/repoFilesProvider';
import { createWorkflowProvider } from '../../plugins/scorecards-backend/src/providers/workflowProvider';
import { BENCH_FACTS, RETRIEVER_ID } from './benchPolicy';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const retriever: FactRetriever = {
  id: RETRIEVER_ID,
  version: '1.0.0',
  entityFilter: [{ kind: 'component' }],
  schema: Object.fromEntries(
    BENCH_FACTS.map(fact => [
      fact,
      { type: 'boolean' as const, description: fact },
    ]),
  ),
  async handler({ discovery, auth, urlReader, logger }) {
    const catalog = new CatalogClient({ discoveryApi: discovery });
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const { items } = await catalog.getEntities(
      { filter: [{ kind: 'component' }] },
      { token },
    );
    const providers = [createRepoFilesProvider(), createWorkflowProvider()];
    const queue = [...items];
    const facts: Awaited<ReturnType<FactRetriever['handler']>> = [];
    const worker = async () => {
      for (let entity = queue.shift(); entity; entity = queue.shift()) {
        const location = resolveRepositoryLocation(entity);
        if (location?.type !== 'url') continue;
        try {
          const repo = await readUrlRepository(location.target, urlReader);
          const values: Record<string, boolean> = {};
          for (const provider of providers) {
            const provided = await provider.provide({
              entity,
              reader: urlReader,
              logger,
              getRepository: async () => repo,
            });
            for (const fact of BENCH_FACTS) {
              if (typeof provided[fact] === 'boolean') {
                values[fact] = provided[fact] as boolean;
              }
            }
          }
          facts.push({
            entity: {
              namespace: entity.metadata.namespace ?? 'default',
              kind: entity.kind,
              name: entity.metadata.name,
            },
            facts: values,
          });
        } catch (error) {
          logger.warn(`${stringifyEntityRef(entity)}: ${error}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return facts;
  },
};

export const benchFactRetrieverModule = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'bench-repo-facts',
  register(env) {
    env.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({ [RETRIEVER_ID]: retriever });
      },
    });
  },
});
