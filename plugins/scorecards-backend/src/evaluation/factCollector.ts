import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { resolveRepositoryLocation } from '@gatekeeper/gatekeeper-node';
import {
  RepositoryFiles,
  ScorecardFactProvider,
} from '@gatekeeper/plugin-scorecards-node';
import { FactInput } from '../database/ScorecardsStore';
import { loadRepository } from '../providers/repository';

/**
 * Runs every fact provider for one entity. The repository is read at most
 * once and shared; a failing provider is logged and skipped.
 */
export async function collectFacts(options: {
  entity: Entity;
  providers: ScorecardFactProvider[];
  reader: UrlReaderService;
  logger: LoggerService;
  now: number;
}): Promise<FactInput[]> {
  const { entity, providers, reader, logger, now } = options;
  const entityRef = stringifyEntityRef(entity);
  let repository: Promise<RepositoryFiles | undefined> | undefined;
  const getRepository = () => {
    if (!repository) {
      const location = resolveRepositoryLocation(entity);
      repository = location
        ? loadRepository(location, reader).catch(error => {
            logger.warn(
              `Could not read repository of ${entityRef} at ${location.target}: ${error.message}`,
              { entityRef },
            );
            return undefined;
          })
        : Promise.resolve(undefined);
    }
    return repository;
  };

  const facts = new Map<string, FactInput>();
  for (const provider of providers) {
    try {
      const values = await provider.provide({
        entity,
        reader,
        logger,
        getRepository,
      });
      for (const [factId, value] of Object.entries(values)) {
        if (value === undefined) continue;
        facts.set(factId, {
          factId,
          value,
          observedAt: now,
          source: `provider:${provider.id}`,
          evidence: provider.evidence ?? 'observed',
        });
      }
    } catch (error) {
      logger.warn(
        `Fact provider ${provider.id} failed for ${entityRef}: ${
          (error as Error).message
        }`,
        { entityRef, provider: provider.id },
      );
    }
  }
  return [...facts.values()];
}
