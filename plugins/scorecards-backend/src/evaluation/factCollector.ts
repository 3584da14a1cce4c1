import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { resolveRepositoryLocation } from '@gatekeeper/gatekeeper-node';
import {
  RepositoryFiles,
  ScorecardFactProvider,
} from '@gatekeeper/plugin-scorecards-node';
import { FactInput } from '../database/ScorecardsStore';
import { loadRepository } from '../providers/repository';

/** Thrown to a provider asking for a repository unchanged since `etag`. */
class RepositoryUnchanged extends Error {}

/** What {@link collectProviderFacts} found. */
export interface CollectedFacts {
  /** Facts of the providers that ran (a later provider wins a fact id). */
  facts: FactInput[];
  /** Facts by provider id, of the providers that ran. */
  byProvider: Map<string, FactInput[]>;
  /** Providers that asked for the unchanged repository: not run. */
  unchangedProviders: Set<string>;
  /** The repository location read, its ETag, and whether it was unchanged. */
  repository?: { location: string; etag?: string; notModified: boolean };
}

/**
 * Runs every fact provider for one entity. The repository is read at most
 * once and shared; a failing provider is logged and skipped. With `etag`,
 * the repository read is conditional: when the tree is unchanged the
 * providers that need it are reported in `unchangedProviders` instead.
 */
export async function collectProviderFacts(options: {
  entity: Entity;
  providers: ScorecardFactProvider[];
  reader: UrlReaderService;
  logger: LoggerService;
  now: number;
  etag?: string;
}): Promise<CollectedFacts> {
  const { entity, reader, logger } = options;
  const entityRef = stringifyEntityRef(entity);
  const location = resolveRepositoryLocation(entity);
  const result: CollectedFacts = {
    facts: [],
    byProvider: new Map(),
    unchangedProviders: new Set(),
  };
  let repository: Promise<RepositoryFiles | undefined> | undefined;
  const read = async () => {
    if (!location) return undefined;
    const info = { location: location.target, notModified: false };
    result.repository = info;
    try {
      const repo = await loadRepository(location, reader, {
        etag: options.etag,
      });
      result.repository = { ...info, etag: repo?.etag };
      return repo;
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        result.repository = { ...info, etag: options.etag, notModified: true };
        throw new RepositoryUnchanged(`${location.target} unchanged`);
      }
      logger.warn(
        `Could not read repository of ${entityRef} at ${location.target}: ${
          isError(error) ? error.message : String(error)
        }`,
        { entityRef },
      );
      return undefined;
    }
  };
  let current = '';
  const getRepository = () => {
    repository ??= read();
    // Providers run one after the other: `current` is the one asking.
    const asking = current;
    return repository.catch(error => {
      if (error instanceof RepositoryUnchanged) {
        result.unchangedProviders.add(asking);
      }
      throw error;
    });
  };

  await runProviders({
    ...options,
    entityRef,
    getRepository,
    result,
    at: id => {
      current = id;
    },
  });
  return result;
}

/** Runs the providers one after the other into `result`. */
async function runProviders(options: {
  entity: Entity;
  entityRef: string;
  providers: ScorecardFactProvider[];
  reader: UrlReaderService;
  logger: LoggerService;
  now: number;
  getRepository: () => Promise<RepositoryFiles | undefined>;
  result: CollectedFacts;
  /** Called with the id of the provider about to run. */
  at: (providerId: string) => void;
}): Promise<void> {
  const { entity, entityRef, reader, logger, now, getRepository, result } =
    options;
  const facts = new Map<string, FactInput>();
  for (const provider of options.providers) {
    options.at(provider.id);
    try {
      const values = await provider.provide({
        entity,
        reader,
        logger,
        getRepository,
      });
      if (result.unchangedProviders.has(provider.id)) continue;
      const own: FactInput[] = [];
      for (const [factId, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const fact = {
          factId,
          value,
          observedAt: now,
          source: `provider:${provider.id}`,
          evidence: provider.evidence ?? 'observed',
        };
        own.push(fact);
        facts.set(factId, fact);
      }
      result.byProvider.set(provider.id, own);
    } catch (error) {
      if (result.unchangedProviders.has(provider.id)) continue;
      logger.warn(
        `Fact provider ${provider.id} failed for ${entityRef}: ${
          isError(error) ? error.message : String(error)
        }`,
        { entityRef, provider: provider.id },
      );
    }
  }
  result.facts = [...facts.values()];
}

/** Runs every fact provider for one entity, see {@link collectProviderFacts}. */
export async function collectFacts(options: {
  entity: Entity;
  providers: ScorecardFactProvider[];
  reader: UrlReaderService;
  logger: LoggerService;
  now: number;
}): Promise<FactInput[]> {
  return (await collectProviderFacts(options)).facts;
}
